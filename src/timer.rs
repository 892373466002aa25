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

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Where the current instant comes from.
pub trait Clock {
    /// A monotonic instant that keeps counting while the computer sleeps:
    /// a break taken with the lid closed is time the room spent.
    fn now(&self) -> Instant;
    /// The time of day as the system says it now, with its offset: it may
    /// jump (a clock set by hand) or change zone; the app anchors it.
    fn wall(&self) -> DateTime<FixedOffset> {
        chrono::Local::now().fixed_offset()
    }
    /// How long the computer has slept since the clock began: the part of
    /// [`Clock::now`]'s time that passed with nothing running.
    fn asleep(&self) -> Duration {
        Duration::ZERO
    }
}

/// The real clock: the system's monotonic clock, with the time the
/// computer slept added back (CLOCK_BOOTTIME on Linux, the continuous
/// clock on macOS, the interrupt time on Windows).
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        let (base, _) = awake::base();
        let now = Instant::now();
        now.max(base + awake::since_base().unwrap_or_else(|| now.saturating_duration_since(base)))
    }

    fn asleep(&self) -> Duration {
        awake::asleep()
    }
}

/// The system's own clocks: one that counts while the computer sleeps
/// and, on Windows, one that does not; `std`'s `Instant` stops during
/// sleep on Linux and macOS.
mod awake {
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};

    /// The first reading of both clocks, from which the others count.
    pub fn base() -> (Instant, Option<Duration>) {
        static BASE: OnceLock<(Instant, Option<Duration>)> = OnceLock::new();
        *BASE.get_or_init(|| (Instant::now(), with_sleep()))
    }

    /// Time since the base, sleep included; none where the system has no
    /// such clock.
    pub fn since_base() -> Option<Duration> {
        Some(with_sleep()?.saturating_sub(base().1?))
    }

    /// Time slept since the base: what the clock with sleep counted more
    /// than the one without.
    pub fn asleep() -> Duration {
        let Some(with) = since_base() else { return Duration::ZERO };
        with.saturating_sub(without_sleep().unwrap_or_else(|| base().0.elapsed()))
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn with_sleep() -> Option<Duration> {
        read(libc::CLOCK_BOOTTIME)
    }

    /// macOS's CLOCK_MONOTONIC is its continuous clock: it counts sleep
    /// (`Instant` reads the one that does not).
    #[cfg(target_vendor = "apple")]
    fn with_sleep() -> Option<Duration> {
        read(libc::CLOCK_MONOTONIC)
    }

    #[cfg(unix)]
    fn without_sleep() -> Option<Duration> {
        None
    }

    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    fn read(id: libc::clockid_t) -> Option<Duration> {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid timespec for the call to fill.
        if unsafe { libc::clock_gettime(id, &mut ts) } != 0 {
            return None;
        }
        Some(Duration::new(u64::try_from(ts.tv_sec).ok()?, u32::try_from(ts.tv_nsec).ok()?))
    }

    /// Other Unix systems: `Instant` alone, sleep not told apart.
    #[cfg(all(unix, not(any(target_os = "linux", target_os = "android", target_vendor = "apple"))))]
    fn with_sleep() -> Option<Duration> {
        None
    }

    /// Windows' tick count counts sleep; its unbiased interrupt time
    /// does not (and `Instant` may or may not, by version): the second
    /// tells how long it slept.
    #[cfg(windows)]
    fn with_sleep() -> Option<Duration> {
        // SAFETY: a plain call without arguments.
        Some(Duration::from_millis(unsafe { windows_sys::Win32::System::SystemInformation::GetTickCount64() }))
    }

    #[cfg(windows)]
    fn without_sleep() -> Option<Duration> {
        use std::sync::OnceLock;
        fn unbiased() -> Option<u64> {
            let mut units = 0u64;
            // SAFETY: `units` is a valid u64 for the call to fill.
            let ok = unsafe { windows_sys::Win32::System::WindowsProgramming::QueryUnbiasedInterruptTime(&mut units) };
            (ok != 0).then_some(units)
        }
        static BASE: OnceLock<Option<u64>> = OnceLock::new();
        let base = (*BASE.get_or_init(unbiased))?;
        // In units of 100 ns.
        Some(Duration::from_nanos(unbiased()?.saturating_sub(base).saturating_mul(100)))
    }
}

/// A clock that only moves when told to: for tests.
#[derive(Debug, Clone)]
pub struct FakeClock {
    now: Rc<Cell<Instant>>,
    /// The instant and the wall time it started from.
    start: Instant,
    wall_start: DateTime<FixedOffset>,
    /// What the system's wall clock was moved by, by hand, since.
    wall_moved: Rc<Cell<chrono::Duration>>,
    /// The offset of the zone the system is in now.
    offset: Rc<Cell<FixedOffset>>,
    asleep: Rc<Cell<Duration>>,
}

impl Default for FakeClock {
    fn default() -> Self {
        Self::at(chrono::Local::now())
    }
}

impl FakeClock {
    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get() + by);
    }

    /// The computer sleeps for `by`: time passes, and the clock knows it
    /// slept.
    pub fn sleep(&self, by: Duration) {
        self.advance(by);
        self.asleep.set(self.asleep.get() + by);
    }

    /// The system's wall clock is set by hand, `by` forward (or back):
    /// no time passes.
    pub fn move_wall(&self, by: chrono::Duration) {
        self.wall_moved.set(self.wall_moved.get() + by);
    }

    /// The system changes time zone: the same instants, another offset.
    pub fn set_offset(&self, offset: FixedOffset) {
        self.offset.set(offset);
    }

    /// A fake clock whose wall time starts at `at`.
    pub fn at<Tz: chrono::TimeZone>(at: DateTime<Tz>) -> Self {
        let start = Instant::now();
        let wall_start = at.fixed_offset();
        Self {
            now: Rc::new(Cell::new(start)),
            start,
            offset: Rc::new(Cell::new(*wall_start.offset())),
            wall_start,
            wall_moved: Rc::default(),
            asleep: Rc::default(),
        }
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.now.get()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        let elapsed = self.now.get().saturating_duration_since(self.start);
        let at = self.wall_start + chrono::Duration::from_std(elapsed).unwrap_or_default() + self.wall_moved.get();
        at.with_timezone(&self.offset.get())
    }

    fn asleep(&self) -> Duration {
        self.asleep.get()
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

    /// Takes `time` back off what it counted (never below zero): time the
    /// room says was not its own, such as a computer asleep.
    pub fn give_back(&mut self, time: Duration, now: Instant) {
        self.settle(now);
        self.accumulated_ms = self.accumulated_ms.saturating_sub(duration_ms(time));
    }

    /// Adds `time` to what it counted: time moved here from another clock.
    pub fn add(&mut self, time: Duration) {
        self.accumulated_ms = self.accumulated_ms.saturating_add(duration_ms(time)).min(duration_ms(MAX_CLOCK));
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

    /// Goes on from the time it had when saved. One that was already at
    /// zero then has had its moment: opening it rings nothing, whatever
    /// its numbers say.
    pub fn resume_after_load(&mut self, now: Instant) {
        self.watch.resume_after_load(now);
        if self.is_over(now) {
            self.rang = true;
        }
    }

    /// Stops a countdown that has reached zero, its overrun kept as it is:
    /// a step left with its time over no longer counts it.
    pub fn stop_if_over(&mut self, now: Instant) -> bool {
        let stop = self.is_running() && self.is_over(now);
        if stop {
            self.pause(now);
        }
        stop
    }

    /// Stops a countdown that reached zero away from its step at zero: the
    /// bell rang, and nobody was there to watch the overrun.
    pub fn stop_at_zero(&mut self, now: Instant) {
        if self.stop_if_over(now) {
            self.watch.accumulated_ms = self.planned_secs.saturating_mul(1000);
            self.rang = true;
        }
    }

    /// Takes back time it counted that was not the room's (a computer
    /// asleep while it ran).
    pub fn give_back(&mut self, time: Duration, now: Instant) {
        self.watch.give_back(time, now);
        if !self.is_over(now) {
            self.rang = false;
        }
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
