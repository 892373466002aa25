//! How to fit the steps that are left into the time that is left, and how
//! a target end is written. Pure arithmetic on minutes: no clock is read
//! here (the session's clock as a whole is `pace`).

/// Why the steps left cannot fit before the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLate {
    /// The fewest minutes the steps left can take, each at its minimum.
    pub minimum: u64,
}

/// New plans, in whole minutes, for the steps from `current` on, so that
/// what is left of them takes `available` minutes (±1).
///
/// `plans` are the plans of every step; `used` the minutes each step has
/// already taken (a step further on may have been looked at). Each step
/// keeps its share of what was planned and is not yet used (scaled up when
/// ahead, down when behind), takes at least a minute more, and never less
/// than it has used. The steps before `current` are done and keep their
/// plans.
pub fn fit(plans: &[u64], current: usize, used: &[u64], available: i64) -> Result<Vec<u64>, TooLate> {
    let mut fitted = plans.to_vec();
    if current >= plans.len() {
        return Ok(fitted);
    }
    let used_of = |i: usize| used.get(i).copied().unwrap_or(0);
    // What each step left may still take, and the least it can take.
    let weights: Vec<u64> = (current..plans.len()).map(|i| plans[i].saturating_sub(used_of(i)).max(1)).collect();
    let floors: Vec<u64> = vec![1; weights.len()];
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
        // A step's plan counts what it has already used.
        fitted[current + i] = share + used_of(current + i);
    }
    Ok(fitted)
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

    /// `used` minutes on step `current`, nothing on the others.
    fn used_at(current: usize, used: u64) -> Vec<u64> {
        let mut all = vec![0; current + 1];
        all[current] = used;
        all
    }

    /// What is left from `current` on, with `used` minutes on it.
    fn left_after(fitted: &[u64], current: usize, used: u64) -> u64 {
        fitted[current] - used + fitted[current + 1..].iter().sum::<u64>()
    }

    #[test]
    fn behind_the_steps_left_shrink_in_proportion_and_land_on_the_target() {
        // At the board (step 3), 5 minutes in, with 60 minutes left instead of 70.
        let fitted = fit(&PLANS, 2, &used_at(2, 5), 60).unwrap();
        assert_eq!(left_after(&fitted, 2, 5), 60);
        assert_eq!(&fitted[..2], &PLANS[..2], "done steps keep their plans");
        assert!(fitted[6] > fitted[7], "the plan keeps more than the closing");
        assert!(fitted[3] < 15 && fitted[6] < 20);
    }

    #[test]
    fn ahead_the_minutes_are_given_back() {
        let fitted = fit(&PLANS, 2, &used_at(2, 5), 80).unwrap();
        assert_eq!(left_after(&fitted, 2, 5), 80);
        assert!(fitted[6] > 20);
    }

    #[test]
    fn rounding_still_lands_on_the_target() {
        for available in 7..200 {
            let fitted = fit(&PLANS, 1, &used_at(1, 3), available).unwrap();
            assert_eq!(left_after(&fitted, 1, 3) as i64, available, "{available}: {fitted:?}");
            assert!(fitted[2..].iter().all(|m| *m >= 1));
        }
    }

    #[test]
    fn the_current_step_never_falls_below_what_it_used() {
        // The board ran 25 minutes over its 15: it keeps 25 and a minute.
        let fitted = fit(&PLANS, 2, &used_at(2, 25), 20).unwrap();
        assert!(fitted[2] >= 26, "{fitted:?}");
        assert_eq!(left_after(&fitted, 2, 25), 20);
    }

    #[test]
    fn a_step_further_on_keeps_what_a_look_ahead_used() {
        // The closing was looked at for 2 minutes before the plan started.
        let used = [5, 10, 15, 15, 10, 10, 0, 2];
        let fitted = fit(&PLANS, 6, &used, 25).unwrap();
        assert_eq!(fitted[6] + fitted[7] - 2, 25);
        assert!(fitted[7] >= 3, "{fitted:?}");
    }

    #[test]
    fn the_spare_minutes_go_to_the_largest_fractions_first() {
        // 5 minutes for 4, 3 and 3: exactly 2, 1.5 and 1.5. The whole
        // parts give 4; the spare minute goes to the first half, not to
        // the largest step.
        assert_eq!(fit(&[4, 3, 3], 0, &used_at(0, 0), 5).unwrap(), [2, 2, 1]);
    }

    #[test]
    fn a_minute_at_least_for_each_step_is_taken_back_from_the_largest() {
        // 6 minutes for a 10-minute step and five 1-minute ones: by share
        // the large one would get 4 and the others nothing; each keeps a
        // minute, so the large one gives back what they take.
        assert_eq!(fit(&[10, 1, 1, 1, 1, 1], 0, &used_at(0, 0), 6).unwrap(), [1, 1, 1, 1, 1, 1]);
        assert_eq!(fit(&[10, 10, 1, 1], 0, &used_at(0, 0), 5).unwrap(), [2, 1, 1, 1]);
        assert_eq!(fit(&[30, 1, 1], 0, &used_at(0, 0), 10).unwrap(), [8, 1, 1]);
        // Taken back until it lands, not a minute more: the small steps'
        // fractions would then win it.
        assert_eq!(fit(&[20, 3, 1], 0, &used_at(0, 0), 5).unwrap(), [3, 1, 1]);
    }

    #[test]
    fn when_even_the_minimums_do_not_fit_it_says_so() {
        assert_eq!(fit(&PLANS, 2, &used_at(2, 5), 4), Err(TooLate { minimum: 6 }));
        assert_eq!(fit(&PLANS, 2, &used_at(2, 5), -10), Err(TooLate { minimum: 6 }));
        assert!(fit(&PLANS, 2, &used_at(2, 5), 6).is_ok());
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
