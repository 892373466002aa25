//! The session's clock as a whole: when it will end at the current pace,
//! the end it aims for, and how to fit the steps that are left into the
//! time that is left. Pure arithmetic on minutes: no clock is read here.

/// Why the steps left cannot fit before the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLate {
    /// The fewest minutes the steps left can take, each at its minimum.
    pub minimum: u64,
}

/// New plans, in whole minutes, for the steps from `current` on, so that
/// what is left of them takes `available` minutes (±1).
///
/// `plans` are the plans of every step; `used` the minutes the current step
/// has already taken. Each step keeps its share of what was planned
/// (scaled up when ahead, down when behind), takes at least a minute, and
/// the current one never less than it has used (nor a minute more than
/// that, at the least). The steps before `current` are done and keep their
/// plans.
pub fn fit(plans: &[u64], current: usize, used: u64, available: i64) -> Result<Vec<u64>, TooLate> {
    let mut fitted = plans.to_vec();
    let Some(current_plan) = plans.get(current).copied() else { return Ok(fitted) };
    // What each step left may still take, and the least it can take.
    let weights: Vec<u64> = std::iter::once(current_plan.saturating_sub(used))
        .chain(plans[current + 1..].iter().copied())
        .map(|w| w.max(1))
        .collect();
    let floors: Vec<u64> = std::iter::once(1).chain(plans[current + 1..].iter().map(|_| 1)).collect();
    let minimum: u64 = floors.iter().sum();
    let available = u64::try_from(available).unwrap_or(0);
    if available < minimum {
        return Err(TooLate { minimum });
    }
    let total: u64 = weights.iter().sum();
    // Largest remainders: each step gets the whole part of its share, then
    // the minutes still to give go to the largest fractions, so the sum
    // lands exactly on what is available.
    let mut shares: Vec<(u64, u64, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let exact = w * available;
            (exact / total, exact % total, i)
        })
        .collect();
    for (share, _, i) in &mut shares {
        *share = (*share).max(floors[*i]);
    }
    let mut given: u64 = shares.iter().map(|(s, _, _)| s).sum();
    // Floors may have given more than there is: take back from the largest.
    while given > available {
        let Some(largest) = shares.iter_mut().filter(|(s, _, i)| *s > floors[*i]).max_by_key(|(s, _, _)| *s) else {
            break;
        };
        largest.0 -= 1;
        given -= 1;
    }
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| shares[*b].1.cmp(&shares[*a].1).then(a.cmp(b)));
    for i in order.into_iter().cycle().take(usize::try_from(available.saturating_sub(given)).unwrap_or(0)) {
        shares[i].0 += 1;
    }
    for (share, _, i) in shares {
        // The current step's plan counts what it has already used.
        fitted[current + i] = if i == 0 { share + used } else { share };
    }
    Ok(fitted)
}

/// Minutes from now to the end at this pace: what is left of each step's
/// plan (nothing once it runs over), for every step not done. A step before
/// the current one is done once it took a minute or more; one passed in
/// less was only looked at, and still has its time to come.
pub fn minutes_left(plans: &[u64], used: &[u64], current: usize) -> u64 {
    plans
        .iter()
        .zip(used.iter().chain(std::iter::repeat(&0)))
        .enumerate()
        .filter(|(i, (_, used))| *i >= current || **used == 0)
        .map(|(_, (plan, used))| plan.saturating_sub(*used))
        .sum()
}

/// When each step from `current` on starts at this pace, in minutes from
/// now: the current one when it was opened (zero or before), each next one
/// when the ones before it have had what is left of their plans.
pub fn starts_from_now(plans: &[u64], used: &[u64], current: usize) -> Vec<i64> {
    let used_now = used.get(current).copied().unwrap_or(0);
    let mut start = -i64::try_from(used_now).unwrap_or(i64::MAX);
    let mut starts = Vec::new();
    for (i, plan) in plans.iter().enumerate().skip(current) {
        starts.push(start);
        let left = if i == current { plan.saturating_sub(used_now) + used_now } else { *plan };
        start = start.saturating_add(i64::try_from(left).unwrap_or(i64::MAX));
    }
    starts
}

/// Minutes the steps before `current` that were only looked at still need:
/// they come before the fitted steps, which share what is left after them.
pub fn minutes_owed_before(plans: &[u64], used: &[u64], current: usize) -> u64 {
    plans.iter().zip(used).take(current).filter(|(_, used)| **used == 0).map(|(plan, _)| *plan).sum()
}

/// Whole minutes from `from` to `to`, to the nearest: the seconds between
/// two readings of the clock never turn 17 minutes into 16.
pub fn minutes_between(from: chrono::DateTime<chrono::Local>, to: chrono::DateTime<chrono::Local>) -> i64 {
    (to - from).num_seconds().saturating_add(30).div_euclid(60)
}

/// A target end as written on the command line or on the welcome step:
/// `20:30`, `20h30`, `20 h 30`, `9:05`. Hours and minutes of the day.
pub fn parse_time(text: &str) -> Option<(u32, u32)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let (hours, minutes) = compact.split_once([':', 'h'])?;
    let hours: u32 = hours.parse().ok()?;
    let minutes: u32 = if minutes.is_empty() { 0 } else { minutes.parse().ok()? };
    (hours < 24 && minutes < 60 && (1..=2).contains(&compact.split([':', 'h']).next()?.len()))
        .then_some((hours, minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLANS: [u64; 8] = [5, 10, 15, 15, 10, 10, 20, 5];

    /// What is left from `current` on, with `used` minutes on it and the
    /// steps before it done.
    fn left_after(fitted: &[u64], current: usize, used: u64) -> u64 {
        let mut spent = vec![10; current];
        spent.push(used);
        minutes_left(fitted, &spent, current)
    }

    #[test]
    fn the_steps_ahead_start_when_the_ones_before_have_had_what_is_left() {
        // Step 3 opened 4 minutes ago with 15 planned: 11 left, then 15, 10…
        let used = [10, 10, 4];
        assert_eq!(starts_from_now(&PLANS, &used, 2), vec![-4, 11, 26, 36, 46, 66]);
        // Over its plan, the next step starts now, not in the past.
        assert_eq!(starts_from_now(&PLANS, &[7, 12], 1)[..2], [-12, 0]);
        assert!(starts_from_now(&PLANS, &[], 8).is_empty());
    }

    #[test]
    fn behind_the_steps_left_shrink_in_proportion_and_land_on_the_target() {
        // At the board (step 3), 5 minutes in, with 60 minutes left instead of 70.
        let fitted = fit(&PLANS, 2, 5, 60).unwrap();
        assert_eq!(left_after(&fitted, 2, 5), 60);
        assert_eq!(&fitted[..2], &PLANS[..2], "done steps keep their plans");
        assert!(fitted[6] > fitted[7], "the plan keeps more than the closing");
        assert!(fitted[3] < 15 && fitted[6] < 20);
    }

    #[test]
    fn ahead_the_minutes_are_given_back() {
        let fitted = fit(&PLANS, 2, 5, 80).unwrap();
        assert_eq!(left_after(&fitted, 2, 5), 80);
        assert!(fitted[6] > 20);
    }

    #[test]
    fn rounding_still_lands_on_the_target() {
        for available in 7..200 {
            let fitted = fit(&PLANS, 1, 3, available).unwrap();
            assert_eq!(left_after(&fitted, 1, 3) as i64, available, "{available}: {fitted:?}");
            assert!(fitted[2..].iter().all(|m| *m >= 1));
        }
    }

    #[test]
    fn the_current_step_never_falls_below_what_it_used() {
        // The board ran 25 minutes over its 15: it keeps 25 and a minute.
        let fitted = fit(&PLANS, 2, 25, 20).unwrap();
        assert!(fitted[2] >= 26, "{fitted:?}");
        assert_eq!(left_after(&fitted, 2, 25), 20);
    }

    #[test]
    fn the_spare_minutes_go_to_the_largest_fractions_first() {
        // 5 minutes for 4, 3 and 3: exactly 2, 1.5 and 1.5. The whole
        // parts give 4; the spare minute goes to the first half, not to
        // the largest step.
        assert_eq!(fit(&[4, 3, 3], 0, 0, 5).unwrap(), [2, 2, 1]);
    }

    #[test]
    fn a_minute_at_least_for_each_step_is_taken_back_from_the_largest() {
        // 6 minutes for a 10-minute step and five 1-minute ones: by share
        // the large one would get 4 and the others nothing; each keeps a
        // minute, so the large one gives back what they take.
        assert_eq!(fit(&[10, 1, 1, 1, 1, 1], 0, 0, 6).unwrap(), [1, 1, 1, 1, 1, 1]);
        assert_eq!(fit(&[10, 10, 1, 1], 0, 0, 5).unwrap(), [2, 1, 1, 1]);
        assert_eq!(fit(&[30, 1, 1], 0, 0, 10).unwrap(), [8, 1, 1]);
        // Taken back until it lands, not a minute more: the small steps'
        // fractions would then win it.
        assert_eq!(fit(&[20, 3, 1], 0, 0, 5).unwrap(), [3, 1, 1]);
    }

    #[test]
    fn when_even_the_minimums_do_not_fit_it_says_so() {
        assert_eq!(fit(&PLANS, 2, 5, 4), Err(TooLate { minimum: 6 }));
        assert_eq!(fit(&PLANS, 2, 5, -10), Err(TooLate { minimum: 6 }));
        assert!(fit(&PLANS, 2, 5, 6).is_ok());
    }

    #[test]
    fn the_end_at_this_pace() {
        assert_eq!(minutes_left(&PLANS, &[], 0), 90);
        assert_eq!(minutes_left(&PLANS, &[6, 11, 20], 2), 60, "a step over its plan adds nothing more ahead");
        // Paging to the closing to show it, nothing done: all is still to come.
        assert_eq!(minutes_left(&PLANS, &[0; 8], 7), 90);
        assert_eq!(minutes_owed_before(&PLANS, &[6, 0, 0], 3), 25);
    }

    #[test]
    fn times_are_read_as_people_write_them() {
        assert_eq!(parse_time("20:30"), Some((20, 30)));
        assert_eq!(parse_time("20h30"), Some((20, 30)));
        assert_eq!(parse_time(" 9 h 05 "), Some((9, 5)));
        assert_eq!(parse_time("20h"), Some((20, 0)));
        for bad in ["", "24:00", "20:60", "demain", "2030", "-1:00", "120:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
