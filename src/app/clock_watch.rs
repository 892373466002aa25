//! The time of day the app shows, anchored to the monotonic clock, and
//! what happened to the computer's clocks between two looks: it slept, its
//! wall clock was set by hand, it changed time zone.
//!
//! The time of day is read once, when the app starts, and carried forward
//! by the monotonic clock (which counts sleep): a wall clock set back a day
//! or forward an hour is said in a line and moves no minute of a session.
//! A change of zone moves no instant either; it is said, and times of day
//! show in the new zone.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local, Utc};

use crate::timer::Clock;

/// Less than this between two looks is the clocks' own drift, not news.
const NEWS: Duration = Duration::from_secs(60);

/// What changed in the computer's clocks since the last look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockNews {
    /// It slept this long (the time is counted: the room's clock ran on).
    Slept(Duration),
    /// Its wall clock was moved by hand, by this much (not counted).
    Moved(chrono::Duration),
    /// It went from one time zone to another.
    Zone { from: FixedOffset, to: FixedOffset },
}

#[derive(Debug, Clone)]
pub struct ClockWatch {
    /// The time of day at `anchor_now`.
    anchor: DateTime<Utc>,
    anchor_now: Instant,
    /// How far the system's wall clock stood from the anchored one.
    moved_seen: chrono::Duration,
    zone_seen: FixedOffset,
    asleep_seen: Duration,
}

impl ClockWatch {
    pub fn new(clock: &dyn Clock) -> Self {
        let wall = clock.wall();
        Self {
            anchor: wall.with_timezone(&Utc),
            anchor_now: clock.now(),
            moved_seen: chrono::Duration::zero(),
            zone_seen: *wall.offset(),
            asleep_seen: clock.asleep(),
        }
    }

    /// The time of day at `now`, as the app started counting it.
    pub fn wall(&self, now: Instant) -> DateTime<Local> {
        let since = now.saturating_duration_since(self.anchor_now);
        (self.anchor + chrono::Duration::from_std(since).unwrap_or_default()).with_timezone(&Local)
    }

    /// Carries the time of day on from `at` rather than from the system's
    /// clock: a session saved at `at` by a clock the system has since set
    /// back goes on from where it was. What the system's clock says stays
    /// the news already told.
    pub fn carry_on_from(&mut self, at: DateTime<Local>, clock: &dyn Clock) {
        self.anchor = at.with_timezone(&Utc);
        self.anchor_now = clock.now();
        self.moved_seen = clock.wall().with_timezone(&Utc) - self.anchor;
    }

    /// What changed since the last look, the largest news first.
    pub fn look(&mut self, clock: &dyn Clock) -> Vec<ClockNews> {
        let mut news = Vec::new();
        let asleep = clock.asleep();
        let slept = asleep.saturating_sub(self.asleep_seen);
        if slept >= NEWS {
            news.push(ClockNews::Slept(slept));
        }
        self.asleep_seen = asleep;
        let system = clock.wall();
        let moved = system.with_timezone(&Utc) - self.wall(clock.now()).with_timezone(&Utc);
        let by = moved - self.moved_seen;
        if by.abs() >= chrono::Duration::from_std(NEWS).unwrap_or_default() {
            news.push(ClockNews::Moved(by));
            self.moved_seen = moved;
        }
        if *system.offset() != self.zone_seen {
            news.push(ClockNews::Zone { from: self.zone_seen, to: *system.offset() });
            self.zone_seen = *system.offset();
        }
        news
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timer::FakeClock;

    #[test]
    fn a_wall_clock_set_back_a_day_is_news_and_moves_nothing() {
        let clock = FakeClock::default();
        let mut watch = ClockWatch::new(&clock);
        let before = watch.wall(clock.now());
        clock.move_wall(-chrono::Duration::days(1));
        assert_eq!(watch.look(&clock), [ClockNews::Moved(-chrono::Duration::days(1))]);
        assert_eq!(watch.wall(clock.now()), before, "the time of day goes on as counted");
        assert!(watch.look(&clock).is_empty(), "said once");
        clock.advance(Duration::from_secs(90));
        assert_eq!(watch.wall(clock.now()), before + chrono::Duration::seconds(90));
        assert!(watch.look(&clock).is_empty());
    }

    #[test]
    fn carried_on_from_a_later_time_the_clock_goes_on_from_there_and_tells_nothing_more() {
        let clock = FakeClock::default();
        let mut watch = ClockWatch::new(&clock);
        let saved = watch.wall(clock.now()) + chrono::Duration::days(1);
        watch.carry_on_from(saved, &clock);
        assert_eq!(watch.wall(clock.now()), saved);
        assert!(watch.look(&clock).is_empty());
        clock.advance(Duration::from_secs(60));
        assert_eq!(watch.wall(clock.now()), saved + chrono::Duration::minutes(1));
    }

    #[test]
    fn sleep_is_news_once_and_a_short_drift_is_none() {
        let clock = FakeClock::default();
        let mut watch = ClockWatch::new(&clock);
        clock.sleep(Duration::from_secs(59));
        clock.move_wall(chrono::Duration::seconds(20));
        assert!(watch.look(&clock).is_empty());
        clock.sleep(Duration::from_secs(25 * 60));
        assert_eq!(watch.look(&clock), [ClockNews::Slept(Duration::from_secs(25 * 60))]);
        assert!(watch.look(&clock).is_empty());
    }

    #[test]
    fn a_new_zone_is_news_and_moves_no_instant() {
        let clock = FakeClock::default();
        let mut watch = ClockWatch::new(&clock);
        let before = watch.wall(clock.now());
        let from = *clock.wall().offset();
        let to = FixedOffset::east_opt(from.local_minus_utc() + 5 * 3600).unwrap();
        clock.set_offset(to);
        assert_eq!(watch.look(&clock), [ClockNews::Zone { from, to }]);
        assert_eq!(watch.wall(clock.now()), before);
    }
}
