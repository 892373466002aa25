//! The notes of one session: who was there, where the group is in the
//! programme, and the clocks of every step. This is what is saved as JSON.
//!
//! Fields this build does not know are kept in `extra` and written back, so
//! that an older build never deletes what a newer one wrote.

use std::time::{Duration, Instant};

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::board::Board;
use crate::checklist::Checklist;
use crate::i18n::Lang;
use crate::plan::Plan;
use crate::programme::{Programme, StepKind};
use crate::timer::{Countdown, Stopwatch, whole_minutes};

/// The format of the file; a file with a higher number comes from a newer
/// build and is not overwritten.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub id: String,
    /// The programme this session follows.
    pub workshop: String,
    pub lang: Lang,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub region: String,
    pub created_at: DateTime<Local>,
    pub updated_at: DateTime<Local>,
    /// Index of the step on screen.
    #[serde(default)]
    pub current_step: usize,
    /// One record per step of the programme, in order.
    #[serde(default)]
    pub steps: Vec<StepRecord>,
    /// The session this one follows up: same group, fresh notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<String>,
    /// A session shipped to try the app; it opens read-only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What happened on one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    pub id: String,
    /// Time this step has been on screen.
    #[serde(default)]
    pub clock: Stopwatch,
    /// The countdowns of a timed step: one per speaker round, or one for the
    /// reading; empty for the other steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Countdown>,
    /// The round under way.
    #[serde(default)]
    pub round: usize,
    /// The line under the cursor: the reading's section, the welcome's
    /// roster line.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cursor: usize,
    /// The notes of a board step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<Board>,
    /// The turns of a checklist step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<Checklist>,
    /// The plan of a plan step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Who is asked to come: the details given when the session starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    pub group: String,
    pub participants: Vec<String>,
    pub region: String,
}

impl Roster {
    /// The participants of a comma-separated list, trimmed, blanks dropped.
    pub fn parse_participants(list: &str) -> Vec<String> {
        list.split([',', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
    }
}

impl Session {
    pub fn new(id: String, programme: &Programme, roster: Roster, lang: Lang, at: DateTime<Local>) -> Self {
        let mut session = Session {
            version: FORMAT_VERSION,
            id,
            workshop: programme.id.clone(),
            lang,
            group: roster.group,
            participants: roster.participants,
            region: roster.region,
            created_at: at,
            updated_at: at,
            current_step: 0,
            steps: Vec::new(),
            follows: None,
            example: false,
            extra: Map::new(),
        };
        session.align_with(programme);
        session
    }

    /// Makes sure there is one record per step of the programme, with the
    /// countdowns its kind needs. Records are matched by step id, so a file
    /// written for a slightly different programme keeps what it can.
    pub fn align_with(&mut self, programme: &Programme) {
        let mut old = std::mem::take(&mut self.steps);
        self.steps = programme
            .steps
            .iter()
            .map(|step| {
                let mut record = match old.iter().position(|r| r.id == step.id) {
                    Some(i) => old.swap_remove(i),
                    None => StepRecord::new(&step.id),
                };
                let rounds = countdowns_for(&step.kind, step.minutes);
                if record.rounds.len() != rounds.len() {
                    record.rounds = rounds;
                }
                record.round = record.round.min(record.rounds.len().saturating_sub(1));
                record.attach_data(&step.kind, &self.participants);
                record
            })
            .collect();
        self.current_step = self.current_step.min(self.steps.len().saturating_sub(1));
    }

    /// A new session for the same group, region and roster, with fresh
    /// notes, linked to this one.
    pub fn follow_up(&self, id: String, programme: &Programme, lang: Lang, at: DateTime<Local>) -> Session {
        let roster =
            Roster { group: self.group.clone(), participants: self.participants.clone(), region: self.region.clone() };
        let mut next = Session::new(id, programme, roster, lang, at);
        next.follows = Some(self.id.clone());
        next
    }

    /// Adds a participant at the end of the roster; their turns follow.
    pub fn add_participant(&mut self, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        self.participants.push(name.to_string());
        self.sync_checklists();
        true
    }

    /// Renames a participant; their answers follow them.
    pub fn rename_participant(&mut self, index: usize, name: &str) -> bool {
        let name = name.trim();
        let Some(old) = self.participants.get(index).cloned() else { return false };
        if name.is_empty() || name == old {
            return false;
        }
        for checklist in self.steps.iter_mut().filter_map(|r| r.checklist.as_mut()) {
            checklist.rename(&old, name);
        }
        self.participants[index] = name.to_string();
        self.sync_checklists();
        true
    }

    pub fn remove_participant(&mut self, index: usize) -> bool {
        if index >= self.participants.len() {
            return false;
        }
        self.participants.remove(index);
        self.sync_checklists();
        true
    }

    fn sync_checklists(&mut self) {
        for checklist in self.steps.iter_mut().filter_map(|r| r.checklist.as_mut()) {
            checklist.sync_roster(&self.participants);
        }
    }

    /// Folds the running clocks into the record before it is written.
    pub fn settle(&mut self, now: Instant) {
        for record in &mut self.steps {
            record.clock.settle(now);
            record.rounds.iter_mut().for_each(|c| c.settle(now));
        }
    }

    /// Restarts from the moment of loading the clocks that were running.
    pub fn resume_after_load(&mut self, now: Instant) {
        for record in &mut self.steps {
            record.clock.resume_after_load(now);
            record.rounds.iter_mut().for_each(|c| c.resume_after_load(now));
        }
    }

    pub fn current(&self) -> &StepRecord {
        &self.steps[self.current_step]
    }

    pub fn current_mut(&mut self) -> &mut StepRecord {
        &mut self.steps[self.current_step]
    }

    /// Moves to another step: the clock of the step left stops, the clock of
    /// the step shown runs. Countdowns are left as they are: a reading that
    /// runs on while the facilitator looks back at the agenda keeps running.
    pub fn go_to(&mut self, index: usize, now: Instant) {
        if index >= self.steps.len() {
            return;
        }
        self.steps[self.current_step].clock.pause(now);
        self.current_step = index;
        self.steps[index].clock.start(now);
    }

    /// Time used by the whole session so far.
    pub fn time_used(&self, now: Instant) -> Duration {
        self.steps.iter().map(|r| r.clock.elapsed(now)).sum()
    }

    /// Where the session stands against the plan, in whole minutes:
    /// positive when behind. Finished steps count by their real time; the
    /// step on screen counts only once it runs past its plan.
    pub fn minutes_behind(&self, programme: &Programme, now: Instant) -> i64 {
        let mut behind = Duration::ZERO.as_secs() as i64;
        for (i, (record, step)) in self.steps.iter().zip(&programme.steps).enumerate() {
            let used = record.clock.elapsed(now).as_secs() as i64;
            let planned = (step.minutes * 60) as i64;
            if i < self.current_step {
                behind += used - planned;
            } else if i == self.current_step {
                behind += (used - planned).max(0);
            }
        }
        behind / 60
    }

    /// The pairs for the pair sharing, formed from the roster in order; with
    /// an odd count the last three make a trio.
    pub fn pairs(&self) -> Vec<Vec<&str>> {
        form_pairs(&self.participants)
    }

    pub fn elapsed_minutes(&self, index: usize, now: Instant) -> u64 {
        whole_minutes(self.steps[index].clock.elapsed(now))
    }
}

impl StepRecord {
    fn new(id: &str) -> Self {
        Self {
            id: id.to_string(),
            clock: Stopwatch::default(),
            rounds: Vec::new(),
            round: 0,
            cursor: 0,
            board: None,
            checklist: None,
            plan: None,
            extra: Map::new(),
        }
    }

    /// Gives a step the data its kind fills in, kept in range of what the
    /// programme and the roster hold now.
    fn attach_data(&mut self, kind: &StepKind, participants: &[String]) {
        match kind {
            StepKind::Board { columns, .. } => {
                let ids: Vec<String> = columns.iter().map(|c| c.id.clone()).collect();
                self.board.get_or_insert_default().clamp(&ids);
            }
            StepKind::Checklist { items, .. } => {
                let checklist = self.checklist.get_or_insert_default();
                checklist.sync_roster(participants);
                checklist.clamp(items.len());
            }
            StepKind::Plan { fields, .. } => {
                let ids: Vec<String> = fields.iter().map(|f| f.id.clone()).collect();
                self.plan.get_or_insert_default().clamp(&ids);
            }
            _ => {}
        }
    }

    pub fn countdown(&self) -> Option<&Countdown> {
        self.rounds.get(self.round)
    }

    pub fn countdown_mut(&mut self) -> Option<&mut Countdown> {
        self.rounds.get_mut(self.round)
    }
}

fn countdowns_for(kind: &StepKind, minutes: u64) -> Vec<Countdown> {
    match kind {
        StepKind::TimedPairs { round_minutes, .. } => {
            let rounds = (minutes / round_minutes.max(&1)).max(1);
            (0..rounds).map(|_| Countdown::new(Duration::from_secs(round_minutes * 60))).collect()
        }
        StepKind::Reading { .. } => vec![Countdown::new(Duration::from_secs(minutes * 60))],
        _ => Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timer::{Clock, FakeClock};

    fn roster(names: &str) -> Roster {
        Roster {
            group: "Transition Ouaga".into(),
            participants: Roster::parse_participants(names),
            region: "Centre".into(),
        }
    }

    fn session(names: &str) -> Session {
        Session::new("s1".into(), &Programme::embedded(), roster(names), Lang::Fr, Local::now())
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
    fn participants_are_trimmed_and_blanks_dropped() {
        assert_eq!(Roster::parse_participants(" Awa , Bénédicte,, Chen ;Dédé "), ["Awa", "Bénédicte", "Chen", "Dédé"]);
    }

    #[test]
    fn a_new_session_has_a_record_per_step_and_countdowns_for_timed_steps() {
        let s = session("A,B");
        assert_eq!(s.steps.len(), 8);
        assert_eq!(s.steps[1].rounds.len(), 2, "two speaker rounds");
        assert_eq!(s.steps[1].rounds[0].planned(), Duration::from_secs(300));
        assert_eq!(s.steps[3].rounds.len(), 1, "the reading");
        assert_eq!(s.steps[3].rounds[0].planned(), Duration::from_secs(900));
        assert!(s.steps[0].rounds.is_empty());
    }

    #[test]
    fn step_clocks_run_only_on_the_step_shown() {
        let clock = FakeClock::default();
        let mut s = session("A,B");
        s.steps[0].clock.start(clock.now());
        clock.advance(Duration::from_secs(240));
        s.go_to(1, clock.now());
        clock.advance(Duration::from_secs(60));
        assert_eq!(s.elapsed_minutes(0, clock.now()), 4);
        assert_eq!(s.elapsed_minutes(1, clock.now()), 1);
        assert_eq!(s.time_used(clock.now()), Duration::from_secs(300));
    }

    #[test]
    fn ahead_or_behind_plan() {
        let clock = FakeClock::default();
        let p = Programme::embedded();
        let mut s = session("A,B");
        s.steps[0].clock.start(clock.now());
        clock.advance(Duration::from_secs(3 * 60));
        assert_eq!(s.minutes_behind(&p, clock.now()), 0, "a step within its plan is on time");
        s.go_to(1, clock.now()); // welcome took 3 of its 5 minutes
        assert_eq!(s.minutes_behind(&p, clock.now()), -2, "two minutes ahead");
        clock.advance(Duration::from_secs(14 * 60));
        assert_eq!(s.minutes_behind(&p, clock.now()), 2, "pairs ran 4 minutes over");
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let s = session("A,B,C");
        let mut json: Value = serde_json::to_value(&s).unwrap();
        json["from_the_future"] = serde_json::json!({"x": 1});
        json["steps"][2]["whiteboard"] = serde_json::json!(["kept"]);
        let back: Session = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), json);
    }

    #[test]
    fn data_steps_get_their_data_and_checklists_follow_the_roster() {
        let mut s = session("Awa,Bruno");
        assert!(s.steps[2].board.is_some());
        assert!(s.steps[6].plan.is_some());
        let turns = |s: &Session| {
            s.steps[4].checklist.as_ref().unwrap().turns.iter().map(|t| t.participant.clone()).collect::<Vec<_>>()
        };
        assert_eq!(turns(&s), ["Awa", "Bruno"]);
        assert!(s.add_participant(" Chen "));
        assert!(s.rename_participant(0, "Awa K."));
        assert!(s.remove_participant(1));
        assert!(!s.remove_participant(5));
        assert!(!s.add_participant("  "));
        assert_eq!(s.participants, ["Awa K.", "Chen"]);
        assert_eq!(turns(&s), ["Awa K.", "Chen"]);
        assert_eq!(s.steps[5].checklist.as_ref().unwrap().turns.len(), 2);
    }

    #[test]
    fn records_are_realigned_by_id() {
        let p = Programme::embedded();
        let mut s = session("A,B");
        s.steps[3].cursor = 4;
        s.steps.swap(2, 3);
        s.steps.remove(0);
        s.current_step = 42;
        s.align_with(&p);
        assert_eq!(s.steps.len(), 8);
        assert_eq!(s.steps[0].id, "welcome");
        assert_eq!(s.steps[3].cursor, 4);
        assert_eq!(s.current_step, 7);
    }
}
