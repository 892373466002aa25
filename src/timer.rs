//! Clocks of the session: stopwatches for the time spent on each step and
//! countdowns for the timed activities.
//!
//! Time is read from an injected [`Clock`], never from `Instant::now()`
//! directly, so the logic is tested by moving a fake clock forward instead of
//! sleeping. Stopwatches serialise the time accumulated so far; the live part
//! since the last start is an `Instant` that never reaches the file and is
//! folded in by [`Stopwatch::settle`] before every save.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Where the current instant comes from.
pub trait Clock {
    fn now(&self) -> Instant;
    /// The time of day, for the ends of a session: the local wall clock.
    fn wall(&self) -> chrono::DateTime<chrono::Local> {
        chrono::Local::now()
    }
}

/// The real monotonic clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that only moves when told to: for tests.
#[derive(Debug, Clone)]
pub struct FakeClock {
    now: Rc<Cell<Instant>>,
    /// The instant and the wall time it started from.
    start: Instant,
    wall_start: chrono::DateTime<chrono::Local>,
}

impl Default for FakeClock {
    fn default() -> Self {
        let start = Instant::now();
        Self { now: Rc::new(Cell::new(start)), start, wall_start: chrono::Local::now() }
    }
}

impl FakeClock {
    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get() + by);
    }

    /// A fake clock whose wall time starts at `at`.
    pub fn at(at: chrono::DateTime<chrono::Local>) -> Self {
        Self { wall_start: at, ..Self::default() }
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.now.get()
    }

    fn wall(&self) -> chrono::DateTime<chrono::Local> {
        let elapsed = self.now.get().saturating_duration_since(self.start);
        self.wall_start + chrono::Duration::from_std(elapsed).unwrap_or_default()
    }
}

/// The longest a clock or a countdown can be: a step of a workshop never
/// lasts a day. Numbers read from a file are brought within it, so that no
/// absurd value overflows, rings at once or fills the screen.
pub const MAX_CLOCK: Duration = Duration::from_secs(24 * 60 * 60);

fn bounded_ms<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(u64::deserialize(d)?.min(duration_ms(MAX_CLOCK)))
}

fn bounded_secs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(u64::deserialize(d)?.min(MAX_CLOCK.as_secs()))
}

/// Time that accumulates while running.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stopwatch {
    /// Milliseconds accumulated up to the last start, pause or settle.
    #[serde(rename = "elapsed_ms", deserialize_with = "bounded_ms")]
    accumulated_ms: u64,
    running: bool,
    /// The instant of the last start or settle; absent after a load until
    /// [`Stopwatch::resume_after_load`].
    #[serde(skip)]
    since: Option<Instant>,
}

impl Stopwatch {
    pub fn is_running(&self) -> bool {
        self.running
    }

    pub fn elapsed(&self, now: Instant) -> Duration {
        let live = match (self.running, self.since) {
            (true, Some(since)) => now.saturating_duration_since(since),
            _ => Duration::ZERO,
        };
        Duration::from_millis(self.accumulated_ms).saturating_add(live)
    }

    pub fn start(&mut self, now: Instant) {
        if !self.running || self.since.is_none() {
            self.running = true;
            self.since = Some(now);
        }
    }

    pub fn pause(&mut self, now: Instant) {
        self.settle(now);
        self.running = false;
        self.since = None;
    }

    /// Folds the live part into the accumulated time, so that what is
    /// serialised is exact as of `now`.
    pub fn settle(&mut self, now: Instant) {
        if let (true, Some(since)) = (self.running, self.since) {
            self.accumulated_ms = self.accumulated_ms.saturating_add(duration_ms(now.saturating_duration_since(since)));
            self.since = Some(now);
        }
    }

    /// A stopwatch read from a file that was running goes on from the time it
    /// had when saved: the time the app was closed does not count.
    pub fn resume_after_load(&mut self, now: Instant) {
        if self.running {
            self.since = Some(now);
        }
    }
}

/// A countdown for a timed activity: a planned length, adjustable by the
/// minute, that keeps counting past zero to show the overrun.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Countdown {
    #[serde(deserialize_with = "bounded_secs")]
    planned_secs: u64,
    #[serde(flatten)]
    watch: Stopwatch,
    /// Whether the bell already rang for reaching zero: it rings once.
    #[serde(default)]
    rang: bool,
}

impl Countdown {
    pub fn new(planned: Duration) -> Self {
        Self { planned_secs: planned.min(MAX_CLOCK).as_secs(), watch: Stopwatch::default(), rang: false }
    }

    pub fn planned(&self) -> Duration {
        Duration::from_secs(self.planned_secs)
    }

    pub fn is_running(&self) -> bool {
        self.watch.is_running()
    }

    pub fn has_started(&self, now: Instant) -> bool {
        self.is_running() || !self.watch.elapsed(now).is_zero()
    }

    /// Milliseconds left; negative once the time is over.
    pub fn remaining_ms(&self, now: Instant) -> i64 {
        let planned = i64::try_from(self.planned_secs.saturating_mul(1000)).unwrap_or(i64::MAX);
        planned.saturating_sub(i64::try_from(duration_ms(self.watch.elapsed(now))).unwrap_or(i64::MAX))
    }

    pub fn is_over(&self, now: Instant) -> bool {
        self.remaining_ms(now) <= 0
    }

    pub fn toggle(&mut self, now: Instant) {
        if self.is_running() {
            self.pause(now);
        } else {
            self.watch.start(now);
        }
    }

    pub fn start(&mut self, now: Instant) {
        self.watch.start(now);
    }

    pub fn pause(&mut self, now: Instant) {
        let ran = self.is_running();
        self.watch.pause(now);
        // Paused in the very millisecond it started, it still ran: shown
        // « ready », it would read as never started.
        if ran {
            self.watch.accumulated_ms = self.watch.accumulated_ms.max(1);
        }
    }

    /// A new planned length; a countdown that runs keeps running. Giving it
    /// time again after zero lets the bell ring again.
    pub fn set_planned(&mut self, planned: Duration, now: Instant) {
        self.planned_secs = planned.as_secs().min(MAX_CLOCK.as_secs());
        if !self.is_over(now) {
            self.rang = false;
        }
    }

    /// Whether it has never run: no time on it and not running.
    pub fn is_fresh(&self) -> bool {
        !self.is_running() && self.watch.accumulated_ms == 0
    }

    /// One minute more (positive) or less (negative). A countdown that has
    /// not started keeps at least a minute, so `−` never ends it (nor rings
    /// its cue); a running one can be brought to zero. Giving time back
    /// after zero lets the bell ring again.
    pub fn adjust_minutes(&mut self, minutes: i64, now: Instant) {
        // A countdown that has not started keeps at least a minute; none
        // goes past the bound that a file's numbers are held to.
        let floor = if self.has_started(now) { 0 } else { 60 };
        let planned = i64::try_from(self.planned_secs).unwrap_or(i64::MAX);
        let secs = planned.saturating_add(minutes.saturating_mul(60)).max(floor.min(planned));
        self.planned_secs = u64::try_from(secs).unwrap_or(0).min(MAX_CLOCK.as_secs());
        if !self.is_over(now) {
            self.rang = false;
        }
    }

    /// True exactly once when the countdown has reached zero: the caller
    /// rings the bell.
    pub fn take_bell(&mut self, now: Instant) -> bool {
        if !self.rang && self.is_over(now) && self.has_started(now) {
            self.rang = true;
            return true;
        }
        false
    }

    pub fn settle(&mut self, now: Instant) {
        self.watch.settle(now);
    }

    pub fn resume_after_load(&mut self, now: Instant) {
        self.watch.resume_after_load(now);
    }

    /// Time until the shown `MM:SS` changes, while running.
    pub fn until_next_second(&self, now: Instant) -> Option<Duration> {
        if !self.is_running() {
            return None;
        }
        let step = self.remaining_ms(now).rem_euclid(1000);
        Some(Duration::from_millis(if step == 0 { 1000 } else { step as u64 }))
    }
}

pub fn duration_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// `MM:SS` for a countdown: the seconds left rounded up (a fresh 5-minute
/// countdown reads 05:00), and `+MM:SS` of overrun once past zero.
pub fn format_countdown(remaining_ms: i64) -> String {
    if remaining_ms > 0 {
        let secs = (remaining_ms as u64).div_ceil(1000);
        format!("{:02}:{:02}", secs / 60, secs % 60)
    } else {
        let secs = remaining_ms.unsigned_abs() / 1000;
        format!("+{:02}:{:02}", secs / 60, secs % 60)
    }
}

/// Whole minutes, rounded down: the session and step clocks show minutes.
pub fn whole_minutes(d: Duration) -> u64 {
    d.as_secs() / 60
}

/// Time until a stopwatch that reads `elapsed` shows the next minute.
pub fn until_next_minute(elapsed: Duration) -> Duration {
    let into = duration_ms(elapsed) % 60_000;
    Duration::from_millis(60_000 - into)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn clocks_are_capped_at_a_day() {
        assert_eq!(Countdown::new(secs(10_000_000)).planned(), secs(24 * 60 * 60));
        let read: Countdown =
            serde_json::from_str(r#"{"planned_secs": 99999999, "elapsed_ms": 1, "running": false}"#).unwrap();
        assert_eq!(read.planned(), MAX_CLOCK);
    }

    #[test]
    fn a_fresh_countdown_has_not_started_and_a_settled_one_keeps_its_time() {
        let clock = FakeClock::default();
        let mut countdown = Countdown::new(secs(300));
        assert!(!countdown.has_started(clock.now()));
        countdown.start(clock.now());
        clock.advance(secs(90));
        countdown.settle(clock.now());
        let saved: Countdown = serde_json::from_str(&serde_json::to_string(&countdown).unwrap()).unwrap();
        assert_eq!(saved.remaining_ms(clock.now()), 210_000, "the 90 s are in what is saved");
        assert!(saved.is_running());
    }

    #[test]
    fn a_running_stopwatch_read_from_a_file_starts_from_now_when_asked() {
        let clock = FakeClock::default();
        let mut watch: Stopwatch = serde_json::from_str(r#"{"elapsed_ms": 1000, "running": true}"#).unwrap();
        watch.start(clock.now());
        clock.advance(secs(2));
        assert_eq!(watch.elapsed(clock.now()), secs(3));
    }

    #[test]
    fn more_time_after_zero_lets_the_bell_ring_again_and_less_does_not() {
        let clock = FakeClock::default();
        let mut countdown = Countdown::new(secs(60));
        countdown.start(clock.now());
        clock.advance(secs(70));
        assert!(countdown.take_bell(clock.now()));
        countdown.set_planned(secs(65), clock.now());
        assert!(!countdown.take_bell(clock.now()), "still over: rung already");
        countdown.set_planned(secs(120), clock.now());
        clock.advance(secs(50));
        assert!(countdown.take_bell(clock.now()), "given time again, it rings again at zero");
    }

    #[test]
    fn a_fake_clock_tells_the_wall_time_it_was_given() {
        let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Local, 2026, 11, 29, 9, 30, 0).single().unwrap();
        let clock = FakeClock::at(at);
        assert_eq!(clock.wall(), at);
        clock.advance(secs(60));
        assert_eq!(clock.wall(), at + chrono::Duration::minutes(1));
    }

    #[test]
    fn a_countdown_paused_the_instant_it_started_has_still_run() {
        let clock = FakeClock::default();
        let mut countdown = Countdown::new(secs(300));
        assert!(countdown.is_fresh());
        countdown.start(clock.now());
        countdown.pause(clock.now());
        assert!(!countdown.is_fresh(), "shown paused, not ready");
        assert!(countdown.has_started(clock.now()));
        assert_eq!(countdown.remaining_ms(clock.now()), 300_000 - 1);
        // Paused again while paused: nothing more is counted.
        countdown.pause(clock.now());
        assert_eq!(countdown.remaining_ms(clock.now()), 300_000 - 1);
    }

    #[test]
    fn stopwatch_counts_only_while_running() {
        let clock = FakeClock::default();
        let mut w = Stopwatch::default();
        clock.advance(secs(10));
        assert_eq!(w.elapsed(clock.now()), Duration::ZERO);
        w.start(clock.now());
        clock.advance(secs(3));
        assert_eq!(w.elapsed(clock.now()), secs(3));
        w.pause(clock.now());
        clock.advance(secs(100));
        assert_eq!(w.elapsed(clock.now()), secs(3));
        w.start(clock.now());
        clock.advance(secs(2));
        assert_eq!(w.elapsed(clock.now()), secs(5));
    }

    #[test]
    fn starting_twice_does_not_reset() {
        let clock = FakeClock::default();
        let mut w = Stopwatch::default();
        w.start(clock.now());
        clock.advance(secs(4));
        w.start(clock.now());
        clock.advance(secs(1));
        assert_eq!(w.elapsed(clock.now()), secs(5));
    }

    #[test]
    fn settle_then_serialise_is_exact_and_resumes_running() {
        let clock = FakeClock::default();
        let mut w = Stopwatch::default();
        w.start(clock.now());
        clock.advance(Duration::from_millis(61_500));
        w.settle(clock.now());
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(json, r#"{"elapsed_ms":61500,"running":true}"#);
        // Still exact after settling: no time counted twice.
        clock.advance(secs(1));
        assert_eq!(w.elapsed(clock.now()), Duration::from_millis(62_500));

        let mut back: Stopwatch = serde_json::from_str(&json).unwrap();
        clock.advance(secs(3600)); // the app was closed for an hour
        back.resume_after_load(clock.now());
        assert_eq!(back.elapsed(clock.now()), Duration::from_millis(61_500));
        clock.advance(secs(2));
        assert_eq!(back.elapsed(clock.now()), Duration::from_millis(63_500));
    }

    #[test]
    fn countdown_reaches_zero_rings_once_and_counts_overrun() {
        let clock = FakeClock::default();
        let mut c = Countdown::new(secs(300));
        assert!(!c.take_bell(clock.now()), "an unstarted countdown never rings");
        c.start(clock.now());
        clock.advance(secs(299));
        assert!(!c.is_over(clock.now()));
        assert!(!c.take_bell(clock.now()));
        clock.advance(secs(1));
        assert!(c.is_over(clock.now()));
        assert!(c.take_bell(clock.now()));
        assert!(!c.take_bell(clock.now()), "the bell rings once");
        clock.advance(secs(75));
        assert_eq!(format_countdown(c.remaining_ms(clock.now())), "+01:15");
    }

    #[test]
    fn countdown_pauses_and_adjusts_by_minutes() {
        let clock = FakeClock::default();
        let mut c = Countdown::new(secs(300));
        c.toggle(clock.now());
        clock.advance(secs(10));
        c.toggle(clock.now());
        clock.advance(secs(50));
        assert_eq!(format_countdown(c.remaining_ms(clock.now())), "04:50");
        c.adjust_minutes(1, clock.now());
        assert_eq!(format_countdown(c.remaining_ms(clock.now())), "05:50");
        for _ in 0..10 {
            c.adjust_minutes(-1, clock.now());
        }
        assert_eq!(c.planned(), Duration::ZERO, "never below zero planned");
        assert!(c.is_over(clock.now()));
    }

    #[test]
    fn giving_time_back_after_zero_rearms_the_bell() {
        let clock = FakeClock::default();
        let mut c = Countdown::new(secs(60));
        c.start(clock.now());
        clock.advance(secs(61));
        assert!(c.take_bell(clock.now()));
        c.adjust_minutes(1, clock.now());
        assert!(!c.take_bell(clock.now()));
        clock.advance(secs(60));
        assert!(c.take_bell(clock.now()));
    }

    #[test]
    fn countdown_text_rounds_up_before_zero() {
        assert_eq!(format_countdown(300_000), "05:00");
        assert_eq!(format_countdown(299_001), "05:00");
        assert_eq!(format_countdown(299_000), "04:59");
        assert_eq!(format_countdown(1), "00:01");
        assert_eq!(format_countdown(0), "+00:00");
        assert_eq!(format_countdown(-999), "+00:00");
        assert_eq!(format_countdown(-61_000), "+01:01");
    }

    #[test]
    fn next_wakeup_is_the_next_visible_change() {
        let clock = FakeClock::default();
        let mut c = Countdown::new(secs(300));
        assert_eq!(c.until_next_second(clock.now()), None, "paused: no wakeup");
        c.start(clock.now());
        assert_eq!(c.until_next_second(clock.now()), Some(secs(1)));
        clock.advance(Duration::from_millis(300));
        assert_eq!(c.until_next_second(clock.now()), Some(Duration::from_millis(700)));
        clock.advance(Duration::from_millis(300_000));
        assert_eq!(c.until_next_second(clock.now()), Some(Duration::from_millis(700)));
        assert_eq!(until_next_minute(Duration::from_millis(59_000)), secs(1));
        assert_eq!(until_next_minute(secs(60)), secs(60));
    }
}
