//! The one clock of a session: from the time each step has taken, the step
//! the room is working on, the plans of the steps still to come and the
//! end aimed for, every minute that any surface shows (header, agenda,
//! prompts, closing, wall, exports) is worked out here, once, with one
//! rounding rule. Which step is on screen plays no part.
//!
//! **The rounding rule.** A length of time shows as whole minutes, to the
//! nearest: 29 seconds are no minute, 30 seconds are one. A step's time is
//! rounded on its own; the session's time used is the sum of its steps'
//! minutes and its breaks' minutes, so the parts always add up to the
//! whole. A time of day shows to the nearest minute too, and « ahead » or
//! « behind » is the difference between the two times of day as shown:
//! the projected end and the target end never disagree with the minutes
//! written beside them.
//!
//! Pure arithmetic: no clock is read here.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Timelike};

/// Whole minutes of a length of time, to the nearest (30 s and up count).
pub fn minutes(time: Duration) -> u64 {
    (time.as_millis().saturating_add(30_000) / 60_000).try_into().unwrap_or(u64::MAX)
}

/// How long until a length of time `elapsed` shows another minute (at the
/// next half minute, by the rule).
pub fn until_shown_minute_changes(elapsed: Duration) -> Duration {
    let into = u64::try_from(elapsed.as_millis() % 60_000).unwrap_or(0);
    Duration::from_millis(if into < 30_000 { 30_000 - into } else { 90_000 - into })
}

/// A time of day to the nearest minute.
pub fn to_the_minute<Tz: TimeZone>(at: DateTime<Tz>) -> DateTime<Tz> {
    let into = chrono::Duration::seconds(i64::from(at.second()))
        + chrono::Duration::nanoseconds(i64::from(at.nanosecond() % 1_000_000_000));
    let floor = at - into;
    if into >= chrono::Duration::seconds(30) { floor + chrono::Duration::minutes(1) } else { floor }
}

/// Minutes from `from` to `to`, as the two times of day show.
pub fn minutes_between<A: TimeZone, B: TimeZone>(from: DateTime<A>, to: DateTime<B>) -> i64 {
    to_the_minute(to).signed_duration_since(to_the_minute(from)).num_minutes()
}

/// What the session's clock says, as of one instant.
#[derive(Debug, Clone)]
pub struct Pace<Tz: TimeZone> {
    /// The minutes each step has taken, by the rule.
    pub steps: Vec<u64>,
    /// The minutes of its breaks.
    pub breaks: u64,
    /// The session's time used: its steps' minutes and its breaks'.
    pub used: u64,
    /// What the steps were planned for (fitted when fitted).
    pub planned: u64,
    /// The step the room is working on.
    pub progress: usize,
    /// When it ends at this pace, to the minute; when it ended, once it has.
    pub end: DateTime<Tz>,
    /// The end it aims for, to the minute, if any.
    pub target: Option<DateTime<Tz>>,
    /// Minutes behind (positive) or ahead (negative) of the target.
    pub late: Option<i64>,
    /// The session has ended: its clocks stand.
    pub finished: bool,
}

// By hand: the derive would ask the zone itself to compare, and chrono's
// `Local` does not; times compare as instants.
impl<Tz: TimeZone> PartialEq for Pace<Tz> {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.steps,
            self.breaks,
            self.used,
            self.planned,
            self.progress,
            &self.end,
            &self.target,
            self.late,
            self.finished,
        ) == (
            &other.steps,
            other.breaks,
            other.used,
            other.planned,
            other.progress,
            &other.end,
            &other.target,
            other.late,
            other.finished,
        )
    }
}

/// The clocks of a session, as read at one instant.
pub struct Reading<'a, Tz: TimeZone> {
    /// The plan of each step, in minutes.
    pub plans: &'a [u64],
    /// The time each step has taken.
    pub used: &'a [Duration],
    pub breaks: Duration,
    pub progress: usize,
    /// The time of day of the reading.
    pub at: DateTime<Tz>,
    pub target: Option<DateTime<Tz>>,
    /// When the session ended, if it has.
    pub ended: Option<DateTime<Tz>>,
}

impl<Tz: TimeZone> Reading<'_, Tz> {
    pub fn pace(&self) -> Pace<Tz> {
        let steps: Vec<u64> = self.used.iter().map(|u| minutes(*u)).collect();
        let breaks = minutes(self.breaks);
        let end = match &self.ended {
            Some(ended) => ended.clone(),
            None => self.at.clone() + chrono::Duration::from_std(self.left()).unwrap_or_default(),
        };
        let end = to_the_minute(end);
        let target = self.target.clone().map(to_the_minute);
        Pace {
            used: steps.iter().sum::<u64>().saturating_add(breaks),
            steps,
            breaks,
            planned: self.plans.iter().sum(),
            progress: self.progress,
            late: target.as_ref().map(|t| minutes_between(t.clone(), end.clone())),
            end,
            target,
            finished: self.ended.is_some(),
        }
    }

    /// The time left at this pace: what is left of the plan of the step in
    /// progress (nothing once it runs over), and of each step after it
    /// (less what a look ahead has already taken of it). The steps before
    /// it are done, run or skipped.
    pub fn left(&self) -> Duration {
        (self.progress..self.plans.len()).map(|i| self.left_of(i)).sum()
    }

    /// What is left of one step's plan.
    fn left_of(&self, step: usize) -> Duration {
        let plan = Duration::from_secs(self.plans[step].saturating_mul(60));
        plan.saturating_sub(self.used.get(step).copied().unwrap_or_default())
    }

    /// When each step from the one in progress on starts at this pace, as
    /// times of day to the minute: the one in progress when it started,
    /// each next one when the ones before it have had what is left of
    /// their plans.
    pub fn starts(&self) -> Vec<DateTime<Tz>> {
        let since = |d: Duration| chrono::Duration::from_std(d).unwrap_or_default();
        let mut start = self.at.clone() - since(self.used.get(self.progress).copied().unwrap_or_default());
        let mut starts = Vec::new();
        for i in self.progress..self.plans.len() {
            starts.push(to_the_minute(start.clone()));
            start = if i == self.progress {
                self.at.clone() + since(self.left_of(i))
            } else {
                start + since(self.left_of(i))
            };
        }
        starts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, Utc};

    const PLANS: [u64; 8] = [5, 10, 15, 15, 10, 10, 20, 5];

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, h, m, s).unwrap()
    }

    fn mins(m: u64, s: u64) -> Duration {
        Duration::from_secs(m * 60 + s)
    }

    fn reading<'a>(used: &'a [Duration], progress: usize, now: DateTime<Utc>) -> Reading<'a, Utc> {
        Reading {
            plans: &PLANS,
            used,
            breaks: Duration::ZERO,
            progress,
            at: now,
            target: Some(at(15, 30, 0)),
            ended: None,
        }
    }

    #[test]
    fn a_minute_is_thirty_seconds_and_up() {
        assert_eq!(minutes(mins(0, 29)), 0);
        assert_eq!(minutes(mins(0, 30)), 1);
        assert_eq!(minutes(mins(4, 29)), 4);
        assert_eq!(minutes(Duration::from_millis(269_999)), 4);
        assert_eq!(minutes(mins(4, 30)), 5);
        assert!(minutes(Duration::MAX) > 0, "no overflow");
    }

    #[test]
    fn the_minute_shown_changes_at_the_half_minute() {
        assert_eq!(until_shown_minute_changes(mins(0, 0)), mins(0, 30));
        assert_eq!(until_shown_minute_changes(mins(3, 29)), mins(0, 1));
        assert_eq!(until_shown_minute_changes(mins(3, 30)), mins(1, 0));
        assert_eq!(until_shown_minute_changes(mins(3, 59)), mins(0, 31));
    }

    #[test]
    fn times_of_day_are_shown_to_the_nearest_minute() {
        assert_eq!(to_the_minute(at(16, 11, 29)), at(16, 11, 0));
        assert_eq!(to_the_minute(at(16, 11, 30)), at(16, 12, 0));
        assert_eq!(to_the_minute(at(23, 59, 45)), Utc.with_ymd_and_hms(2026, 12, 8, 0, 0, 0).unwrap());
        // Forty seconds ahead is as the times show: on time when both read
        // 16:12, a minute when one reads 16:11.
        assert_eq!(minutes_between(at(16, 12, 0), at(16, 11, 40)), 0);
        assert_eq!(minutes_between(at(16, 12, 0), at(16, 11, 20)), -1);
    }

    #[test]
    fn a_time_with_a_fraction_of_a_second_lands_on_a_whole_minute() {
        let at = at(16, 11, 29) + chrono::Duration::milliseconds(600);
        assert_eq!(to_the_minute(at), self::at(16, 11, 0));
        assert_eq!(to_the_minute(at + chrono::Duration::milliseconds(400)), self::at(16, 12, 0));
    }

    #[test]
    fn two_paces_are_equal_only_when_every_minute_is() {
        let used = [mins(5, 0), mins(3, 0)];
        let pace = reading(&used, 1, at(14, 0, 0)).pace();
        assert_eq!(pace, pace.clone());
        let later = reading(&used, 1, at(14, 2, 0)).pace();
        assert_ne!(pace, later, "another end");
        let mut other = pace.clone();
        other.finished = true;
        assert_ne!(pace, other);
    }

    #[test]
    fn the_end_is_now_plus_what_is_left_of_the_step_in_progress_and_the_plans_after_it() {
        // At the board (step 3), 4 minutes in: 11 + 15 + 10 + 10 + 20 + 5.
        let used = [mins(5, 0), mins(10, 0), mins(4, 0)];
        let pace = reading(&used, 2, at(14, 0, 0)).pace();
        assert_eq!(pace.end, at(15, 11, 0));
        assert_eq!(pace.late, Some(-19));
        assert_eq!(pace.used, 19);
        assert_eq!(pace.planned, 90);
    }

    #[test]
    fn a_step_over_its_plan_adds_nothing_ahead_and_a_look_ahead_is_not_counted_twice() {
        let used = [mins(5, 0), mins(14, 0), mins(20, 0), mins(0, 40)];
        // The board ran 5 minutes over; the reading was looked at for 40 s.
        let r = reading(&used, 2, at(14, 0, 0));
        assert_eq!(r.left(), mins(14, 20) + mins(45, 0));
    }

    #[test]
    fn the_parts_add_up_to_the_whole() {
        let used = [mins(2, 40), mins(2, 40), mins(2, 40)];
        let mut r = reading(&used, 2, at(14, 0, 0));
        r.breaks = mins(0, 45);
        let pace = r.pace();
        assert_eq!(pace.steps, [3, 3, 3]);
        assert_eq!(pace.breaks, 1);
        assert_eq!(pace.used, 10, "the sum of what is shown, not the rounded sum (9 min 45 s)");
    }

    #[test]
    fn an_ended_session_ends_when_it_ended() {
        let used = [mins(5, 0); 8];
        let mut r = reading(&used, 7, at(18, 0, 0));
        r.ended = Some(at(15, 42, 10));
        let pace = r.pace();
        assert_eq!(pace.end, at(15, 42, 0));
        assert_eq!(pace.late, Some(12));
        assert!(pace.finished);
    }

    #[test]
    fn the_steps_ahead_start_when_the_ones_before_have_had_what_is_left() {
        let used = [mins(10, 0), mins(10, 0), mins(4, 0)];
        let starts = reading(&used, 2, at(14, 0, 0)).starts();
        assert_eq!(starts[..3], [at(13, 56, 0), at(14, 11, 0), at(14, 26, 0)]);
        assert_eq!(starts.len(), 6);
        // Over its plan, the next step starts now.
        let used = [mins(7, 0), mins(12, 0)];
        assert_eq!(reading(&used, 1, at(14, 0, 0)).starts()[..2], [at(13, 48, 0), at(14, 0, 0)]);
    }

    #[test]
    fn a_change_of_zone_moves_no_minute() {
        let used = [mins(5, 0), mins(3, 0)];
        let paris = FixedOffset::east_opt(3600).unwrap();
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        let target = at(15, 30, 0).with_timezone(&paris);
        let in_zone = |zone: FixedOffset| {
            Reading {
                plans: &PLANS,
                used: &used,
                breaks: Duration::ZERO,
                progress: 1,
                at: at(14, 0, 0).with_timezone(&zone),
                target: Some(target.with_timezone(&zone)),
                ended: None,
            }
            .pace()
        };
        assert_eq!(in_zone(paris).late, in_zone(tokyo).late);
        assert_eq!(in_zone(paris).end, in_zone(tokyo).end);
    }
}
