//! Pair sharing: the roster in pairs (a trio when odd), each person
//! speaking in turn under a countdown, one round per speaker.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Action, Fault, Outcome, TextRefs};
use crate::timer::Countdown;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Def {
    /// Each speaker's time; the step's minutes hold as many rounds as fit.
    pub round_minutes: u64,
    pub intro: String,
    pub prompts: Vec<String>,
}

impl Def {
    /// How many rounds the step holds for this roster: as many as the
    /// programme's rounds fit in the step (at least one), but three when
    /// the whole roster is one trio, so that each of the three speaks.
    pub fn rounds(&self, minutes: u64, participants: usize) -> usize {
        if participants == 3 {
            return 3;
        }
        (minutes / self.round_minutes.max(1)).max(1) as usize
    }

    /// The length of each round: the step's plan (the programme's minutes,
    /// or as the session fitted them) shared equally among its rounds.
    pub fn round_length(&self, minutes: u64, plan: u64, participants: usize) -> Duration {
        let rounds = self.rounds(minutes, participants) as u64;
        Duration::from_secs(plan.saturating_mul(60) / rounds.max(1))
    }

    pub fn text_refs(&self, refs: &mut TextRefs) {
        refs.message(&self.intro);
        refs.messages(&self.prompts);
    }

    pub fn faults(&self, minutes: u64) -> Vec<Fault> {
        let mut faults = Vec::new();
        if self.round_minutes == 0 {
            faults.push(Fault::new("check-round-zero", "round_minutes", ""));
        } else if self.round_minutes > minutes {
            faults.push(Fault::new(
                "check-round-too-long",
                "round_minutes",
                format!("{} > {minutes}", self.round_minutes),
            ));
        }
        faults
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// One countdown per speaker round.
    pub rounds: Vec<Countdown>,
    /// The round under way.
    #[serde(default)]
    pub round: usize,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl State {
    /// Rounds for a step of the programme's `minutes`, planned for `plan`
    /// minutes in this session.
    pub fn new(def: &Def, minutes: u64, plan: u64, participants: usize) -> Self {
        let length = def.round_length(minutes, plan, participants);
        let rounds = (0..def.rounds(minutes, participants)).map(|_| Countdown::new(length));
        Self { rounds: rounds.collect(), round: 0, extra: Map::new() }
    }

    /// Keeps the rounds as they are once one has started; until then as
    /// many as the roster needs (a lone trio gets three).
    pub(super) fn fit(&mut self, def: &Def, minutes: u64, plan: u64, participants: usize) {
        let started = self.rounds.iter().any(|c| !c.is_fresh());
        if !started && self.rounds.len() != def.rounds(minutes, participants) {
            self.rounds = Self::new(def, minutes, plan, participants).rounds;
        }
        self.round = self.round.min(self.rounds.len().saturating_sub(1));
    }

    /// A new plan for the step: its rounds share it equally; a round under
    /// way keeps running.
    pub fn replan(&mut self, length: Duration, now: Instant) {
        self.rounds.iter_mut().for_each(|c| c.set_planned(length, now));
    }

    pub fn current(&self) -> Option<&Countdown> {
        self.rounds.get(self.round)
    }

    /// Whether a round follows the one under way.
    pub fn has_next_round(&self) -> bool {
        self.round + 1 < self.rounds.len()
    }

    pub(super) fn update(&mut self, action: Action, now: Instant) -> Outcome {
        let has_next = self.has_next_round();
        let Some(countdown) = self.rounds.get_mut(self.round) else { return Outcome::default() };
        match action {
            Action::ToggleTimer => {
                countdown.toggle(now);
                Outcome::notes_if(true)
            }
            Action::AdjustMinutes(minutes) => {
                countdown.adjust_minutes(minutes, now);
                Outcome::notes_if(true)
            }
            // Enter before the first round has run starts it: nobody's turn
            // is skipped by a key pressed too early.
            Action::NextRound if countdown.is_fresh() => {
                countdown.start(now);
                Outcome::notes_if(true)
            }
            Action::NextRound if has_next => {
                countdown.pause(now);
                self.round += 1;
                self.rounds[self.round].start(now);
                Outcome::notes_if(true)
            }
            Action::NextRound
            | Action::Select(_)
            | Action::Reorder(_)
            | Action::NextField
            | Action::Edit
            | Action::Add
            | Action::Delete
            | Action::Pin
            | Action::Undo
            | Action::ToggleItem
            | Action::EndTurn
            | Action::SkipTurn
            | Action::ReopenTurn
            | Action::TogglePrivate => Outcome::default(),
        }
    }
}

/// Pairs in roster order; an odd roster ends with a trio, so nobody talks
/// alone. One participant alone makes a group of one.
pub fn form_pairs<S: AsRef<str>>(names: &[S]) -> Vec<Vec<&str>> {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    let mut groups: Vec<Vec<&str>> = names.chunks(2).map(<[&str]>::to_vec).collect();
    if names.len() % 2 == 1 && groups.len() > 1 {
        let last = groups.pop().unwrap_or_default();
        if let Some(previous) = groups.last_mut() {
            previous.extend(last);
        }
    }
    groups
}

/// In a pair the first speaks in round 0, the second in round 1; in a trio
/// the third speaks in a third round when there is one, else shares the
/// second.
pub fn speaker_round(group_len: usize, position: usize, rounds: usize) -> Option<usize> {
    match (group_len, position) {
        (_, 0) => Some(0),
        (_, 1) => Some(1),
        (3, 2) => Some(if rounds >= 3 { 2 } else { 1 }),
        _ => None,
    }
}

/// Who speaks in `round` in one group.
pub fn speakers_of<'a>(group: &[&'a str], round: usize, rounds: usize) -> Vec<&'a str> {
    let speaks = |i: usize| speaker_round(group.len(), i, rounds) == Some(round);
    group.iter().enumerate().filter(|(i, _)| speaks(*i)).map(|(_, n)| *n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timer::{Clock, FakeClock};

    fn def() -> Def {
        Def { round_minutes: 5, intro: "i".into(), prompts: Vec::new() }
    }

    #[test]
    fn pairs_are_formed_in_order_and_an_odd_roster_ends_in_a_trio() {
        assert_eq!(form_pairs(&["A", "B", "C", "D"]), vec![vec!["A", "B"], vec!["C", "D"]]);
        assert_eq!(form_pairs(&["A", "B", "C", "D", "E"]), vec![vec!["A", "B"], vec!["C", "D", "E"]]);
        assert_eq!(form_pairs(&["A", "B", "C"]), vec![vec!["A", "B", "C"]]);
        assert_eq!(form_pairs(&["A"]), vec![vec!["A"]]);
        assert!(form_pairs::<&str>(&[]).is_empty());
    }

    #[test]
    fn in_a_trio_the_third_shares_the_second_round_unless_there_is_a_third() {
        assert_eq!(speakers_of(&["A", "B"], 0, 2), ["A"]);
        assert_eq!(speakers_of(&["A", "B"], 1, 2), ["B"]);
        assert_eq!(speakers_of(&["A", "B", "C"], 1, 2), ["B", "C"]);
        assert_eq!(speakers_of(&["A", "B", "C"], 1, 3), ["B"]);
        assert_eq!(speakers_of(&["A", "B", "C"], 2, 3), ["C"]);
    }

    #[test]
    fn a_lone_trio_gets_three_rounds_sharing_the_step() {
        let state = State::new(&def(), 10, 10, 3);
        assert_eq!(state.rounds.len(), 3);
        assert_eq!(state.rounds[0].planned(), Duration::from_secs(200));
        assert_eq!(State::new(&def(), 10, 10, 5).rounds.len(), 2, "a pair and a trio: two rounds");
    }

    #[test]
    fn the_rounds_follow_the_roster_until_one_has_started() {
        let clock = FakeClock::default();
        let mut state = State::new(&def(), 10, 10, 4);
        state.fit(&def(), 10, 10, 3);
        assert_eq!(state.rounds.len(), 3);
        state.update(Action::ToggleTimer, clock.now());
        clock.advance(Duration::from_secs(1));
        state.fit(&def(), 10, 10, 4);
        assert_eq!(state.rounds.len(), 3, "a round under way is never taken away");
    }

    #[test]
    fn enter_before_the_first_round_starts_it() {
        let clock = FakeClock::default();
        let mut state = State::new(&def(), 10, 10, 4);
        state.update(Action::NextRound, clock.now());
        assert_eq!(state.round, 0, "nobody's turn skipped");
        assert!(state.rounds[0].is_running());
    }

    #[test]
    fn the_rounds_fill_the_step_and_the_swap_starts_the_next() {
        let clock = FakeClock::default();
        let mut state = State::new(&def(), 10, 10, 4);
        assert_eq!(state.rounds.len(), 2);
        assert_eq!(state.rounds[0].planned(), Duration::from_secs(300));
        state.update(Action::ToggleTimer, clock.now());
        clock.advance(Duration::from_secs(300));
        assert!(state.update(Action::NextRound, clock.now()).change == super::super::Change::Notes);
        assert_eq!(state.round, 1);
        assert!(state.rounds[1].is_running() && !state.rounds[0].is_running());
        assert_eq!(state.update(Action::NextRound, clock.now()), Outcome::default(), "two rounds only");
    }

    #[test]
    fn a_round_longer_than_its_step_or_of_zero_minutes_is_a_fault() {
        assert!(def().faults(10).is_empty());
        assert_eq!(def().faults(4)[0].message, "check-round-too-long");
        assert_eq!(Def { round_minutes: 0, ..def() }.faults(10)[0].message, "check-round-zero");
    }
}
