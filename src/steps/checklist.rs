//! The checklists (ingredients, reasons for failure), filled in turn at the one keyboard:
//! each participant ticks what they see, ends their turn, and the next one
//! comes. After the last turn the totals show.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Action, Fault, Outcome, TextRefs, duplicate_faults};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Def {
    pub question: String,
    pub items: Vec<Item>,
    /// A word under the list.
    pub note: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: String,
}

impl Def {
    pub fn item_ids(&self) -> Vec<String> {
        self.items.iter().map(|i| i.id.clone()).collect()
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn text_refs(&self, refs: &mut TextRefs) {
        refs.message(&self.question);
        refs.message(&self.note);
        self.items.iter().for_each(|i| refs.message(&i.text));
    }

    pub fn faults(&self) -> Vec<Fault> {
        let mut faults = duplicate_faults("items", self.items.iter().map(|i| i.id.as_str()));
        if self.items.is_empty() {
            faults.push(Fault::new("check-empty-list", "items", "items"));
        }
        faults
    }
}

pub fn update(def: &Def, checklist: &mut Checklist, action: Action) -> Outcome {
    match action {
        Action::Select(delta) => {
            checklist.move_cursor(delta, def.items.len());
            Outcome::default()
        }
        Action::ToggleItem => Outcome::notes_if(checklist.toggle(&def.item_ids())),
        Action::EndTurn => Outcome::notes_if(checklist.end_turn()),
        Action::SkipTurn => {
            let name = checklist.current_turn().map(|t| t.participant.clone()).unwrap_or_default();
            if checklist.skip_turn() { Outcome::said("notice-turn-skipped", name) } else { Outcome::default() }
        }
        Action::ReopenTurn => match checklist.reopen_previous() {
            true => {
                let name = checklist.current_turn().map(|t| t.participant.clone()).unwrap_or_default();
                Outcome::said("notice-turn-reopened", name)
            }
            false => Outcome::default(),
        },
        Action::TogglePrivate => {
            checklist.private = !checklist.private;
            Outcome::notes_if(true)
        }
        Action::ToggleTimer
        | Action::AdjustMinutes(_)
        | Action::NextRound
        | Action::Reorder(_)
        | Action::NextField
        | Action::Edit
        | Action::Add
        | Action::Delete
        | Action::Pin
        | Action::Undo => Outcome::default(),
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnStatus {
    #[default]
    Waiting,
    Done,
    /// Absent, or passed: their ticks do not count.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    /// The participant's name; empty for a group without a roster.
    pub participant: String,
    #[serde(default)]
    pub ticked: BTreeSet<String>,
    #[serde(default)]
    pub status: TurnStatus,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    #[serde(default)]
    pub turns: Vec<Turn>,
    /// Whose turn it is; `None` once every turn is over (the totals show).
    #[serde(default)]
    pub current: Option<usize>,
    /// The item under the cursor.
    #[serde(default)]
    pub cursor: usize,
    /// Hides the earlier answers during a turn, so nobody just follows.
    #[serde(default = "yes")]
    pub private: bool,
    /// The answers ticked on phones in the room, each phone's last one
    /// (by the random id the room gave it): they count once each, beside
    /// the turns.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub phones: BTreeMap<String, BTreeSet<String>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn yes() -> bool {
    true
}

impl Default for Checklist {
    fn default() -> Self {
        Self {
            turns: Vec::new(),
            current: Some(0),
            cursor: 0,
            private: true,
            phones: BTreeMap::new(),
            extra: Map::new(),
        }
    }
}

/// How many ticked an item, out of how many answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    pub item: String,
    pub count: usize,
    pub answered: usize,
}

impl Checklist {
    /// Makes one turn per participant, in roster order, keeping the turns
    /// of those still there. With no roster the group answers as one.
    pub fn sync_roster(&mut self, participants: &[String]) {
        let who: Vec<String> = if participants.is_empty() { vec![String::new()] } else { participants.to_vec() };
        let current_name = self.current_turn().map(|t| t.participant.clone());
        let mut old = std::mem::take(&mut self.turns);
        self.turns = who
            .iter()
            .map(|name| match old.iter().position(|t| t.participant == *name) {
                Some(i) => old.remove(i),
                None => Turn {
                    participant: name.clone(),
                    ticked: BTreeSet::new(),
                    status: TurnStatus::Waiting,
                    extra: Map::new(),
                },
            })
            .collect();
        self.current = match current_name.and_then(|n| self.turns.iter().position(|t| t.participant == n)) {
            Some(i) => Some(i),
            None => self.next_waiting(0),
        };
    }

    /// A participant was renamed on the welcome step: their answers follow.
    pub fn rename(&mut self, from: &str, to: &str) {
        for turn in self.turns.iter_mut().filter(|t| t.participant == from) {
            turn.participant = to.to_string();
        }
    }

    pub fn current_turn(&self) -> Option<&Turn> {
        self.current.and_then(|i| self.turns.get(i))
    }

    pub fn is_finished(&self) -> bool {
        self.current.is_none()
    }

    pub fn move_cursor(&mut self, delta: isize, items: usize) {
        let last = items.saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
    }

    /// Ticks or unticks the item under the cursor for the participant whose
    /// turn it is.
    pub fn toggle(&mut self, items: &[String]) -> bool {
        let Some(item) = items.get(self.cursor) else { return false };
        let Some(turn) = self.current.and_then(|i| self.turns.get_mut(i)) else { return false };
        if !turn.ticked.remove(item) {
            turn.ticked.insert(item.clone());
        }
        true
    }

    /// This participant is done: the turn passes to the next one waiting.
    pub fn end_turn(&mut self) -> bool {
        self.close_turn(TurnStatus::Done)
    }

    /// This participant is absent or passes.
    pub fn skip_turn(&mut self) -> bool {
        self.close_turn(TurnStatus::Skipped)
    }

    fn close_turn(&mut self, status: TurnStatus) -> bool {
        let Some(i) = self.current else { return false };
        self.turns[i].status = status;
        self.current = self.next_waiting(i + 1);
        self.cursor = 0;
        true
    }

    /// The facilitator gives the turn back to the previous participant
    /// (or, when all are done, to the last one), keeping their ticks.
    pub fn reopen_previous(&mut self) -> bool {
        let before = self.current.unwrap_or(self.turns.len());
        let Some(i) = (0..before).rev().find(|&i| self.turns[i].status != TurnStatus::Waiting) else { return false };
        self.turns[i].status = TurnStatus::Waiting;
        self.current = Some(i);
        self.cursor = 0;
        true
    }

    /// The first turn still waiting from `from` on, then from the start.
    fn next_waiting(&self, from: usize) -> Option<usize> {
        (from..self.turns.len())
            .chain(0..from.min(self.turns.len()))
            .find(|&i| self.turns[i].status == TurnStatus::Waiting)
    }

    /// The turns done and the phones that answered.
    pub fn answered(&self) -> usize {
        self.turns.iter().filter(|t| t.status == TurnStatus::Done).count() + self.phones.len()
    }

    /// A phone's answer, which replaces its earlier one: only the
    /// checklist's own items are kept. True when it changed anything.
    pub fn answer_from_phone(&mut self, phone: &str, ticked: &[String], items: &[String]) -> bool {
        let ticked: BTreeSet<String> = ticked.iter().filter(|t| items.contains(t)).cloned().collect();
        self.phones.insert(phone.to_string(), ticked.clone()) != Some(ticked)
    }

    /// Ticks per item among the turns done, most ticked first (ties keep
    /// the programme's order).
    pub fn totals(&self, items: &[String]) -> Vec<Total> {
        let answered = self.answered();
        let mut totals: Vec<Total> = items
            .iter()
            .map(|item| Total {
                item: item.clone(),
                count: self.turns.iter().filter(|t| t.status == TurnStatus::Done && t.ticked.contains(item)).count()
                    + self.phones.values().filter(|ticked| ticked.contains(item)).count(),
                answered,
            })
            .collect();
        totals.sort_by_key(|t| std::cmp::Reverse(t.count));
        totals
    }

    /// Keeps the cursor and the turn within what exists, for a checklist
    /// read from a file.
    pub fn clamp(&mut self, items: usize) {
        self.cursor = self.cursor.min(items.saturating_sub(1));
        if self.current.is_some_and(|i| i >= self.turns.len()) {
            self.current = self.next_waiting(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<String> {
        ["vision", "trust", "goals"].map(String::from).to_vec()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn started(list: &[&str]) -> Checklist {
        let mut c = Checklist::default();
        c.sync_roster(&names(list));
        c
    }

    #[test]
    fn turns_pass_in_roster_order_and_totals_count_done_turns() {
        let items = items();
        let mut c = started(&["Awa", "Bruno", "Chloé", "Dédé"]);
        assert_eq!(c.current_turn().unwrap().participant, "Awa");
        c.toggle(&items); // Awa: vision
        c.move_cursor(1, 3);
        c.toggle(&items); // Awa: trust
        c.end_turn();
        assert_eq!(c.current_turn().unwrap().participant, "Bruno");
        assert_eq!(c.cursor, 0, "each turn starts at the top");
        c.move_cursor(1, 3);
        c.toggle(&items); // Bruno: trust
        c.end_turn();
        c.skip_turn(); // Chloé is absent
        c.toggle(&items); // Dédé: vision
        c.toggle(&items); // … and unticks it
        c.move_cursor(5, 3);
        c.toggle(&items); // Dédé: goals
        assert!(!c.is_finished());
        c.end_turn();
        assert!(c.is_finished());
        let totals = c.totals(&items);
        let view: Vec<(&str, usize, usize)> = totals.iter().map(|t| (t.item.as_str(), t.count, t.answered)).collect();
        assert_eq!(view, [("trust", 2, 3), ("vision", 1, 3), ("goals", 1, 3)]);
    }

    #[test]
    fn a_turn_can_be_reopened_and_keeps_its_ticks() {
        let items = items();
        let mut c = started(&["Awa", "Bruno"]);
        c.toggle(&items);
        c.end_turn();
        c.end_turn();
        assert!(c.is_finished());
        assert!(c.reopen_previous());
        assert_eq!(c.current_turn().unwrap().participant, "Bruno");
        assert!(c.reopen_previous());
        assert_eq!(c.current_turn().unwrap().participant, "Awa");
        assert!(c.current_turn().unwrap().ticked.contains("vision"));
        assert!(!c.reopen_previous(), "nobody before Awa");
        c.end_turn();
        assert_eq!(c.current_turn().unwrap().participant, "Bruno", "then the turn goes on to Bruno, still waiting");
    }

    #[test]
    fn without_a_roster_the_group_answers_as_one() {
        let mut c = started(&[]);
        assert_eq!(c.turns.len(), 1);
        assert_eq!(c.current_turn().unwrap().participant, "");
        c.toggle(&items());
        c.end_turn();
        assert_eq!(c.totals(&items())[0].count, 1);
    }

    #[test]
    fn roster_changes_keep_the_answers_of_those_still_there() {
        let items = items();
        let mut c = started(&["Awa", "Bruno"]);
        c.toggle(&items);
        c.end_turn();
        c.rename("Awa", "Awa K.");
        c.sync_roster(&names(&["Awa K.", "Bruno", "Chen"]));
        assert_eq!(c.turns.len(), 3);
        assert_eq!(c.turns[0].status, TurnStatus::Done);
        assert_eq!(c.current_turn().unwrap().participant, "Bruno", "the turn in progress stays");
        c.sync_roster(&names(&["Chen"]));
        assert_eq!(c.current_turn().unwrap().participant, "Chen");
    }

    #[test]
    fn nothing_happens_once_finished_but_reopening() {
        let items = items();
        let mut c = started(&["Awa"]);
        c.end_turn();
        assert!(!c.toggle(&items));
        assert!(!c.end_turn());
        assert!(!c.skip_turn());
    }

    #[test]
    fn a_checklist_survives_a_round_trip() {
        let mut c = started(&["Awa", "Bruno"]);
        c.toggle(&items());
        c.private = false;
        let json = serde_json::to_value(&c).unwrap();
        let back: Checklist = serde_json::from_value(json).unwrap();
        assert_eq!(back, c);
    }

    fn def(ids: &[&str]) -> Def {
        let items = ids.iter().map(|id| Item { id: id.to_string(), text: format!("checklist-{id}") }).collect();
        Def { question: "q".into(), items, note: "n".into() }
    }

    #[test]
    fn a_checklist_without_items_or_with_an_item_twice_is_at_fault() {
        assert!(def(&["vision", "trust"]).faults().is_empty());
        let messages = |d: Def| d.faults().iter().map(|f| f.message).collect::<Vec<_>>();
        assert_eq!(messages(def(&[])), ["check-empty-list"]);
        assert_eq!(messages(def(&["vision", "vision"])), ["check-duplicate-id"]);
    }

    #[test]
    fn the_others_answers_are_hidden_until_shown_and_a_file_without_the_choice_hides_them() {
        let d = def(&["vision"]);
        let mut c = started(&["Awa"]);
        assert!(c.private, "hidden at the start");
        assert_eq!(update(&d, &mut c, Action::TogglePrivate).change, crate::steps::Change::Notes);
        assert!(!c.private);
        update(&d, &mut c, Action::TogglePrivate);
        assert!(c.private);
        let read: Checklist = serde_json::from_str(r#"{"turns": [], "current": 0}"#).unwrap();
        assert!(read.private, "an older file without the choice keeps the answers hidden");
    }

    #[test]
    fn a_checklist_read_from_a_file_keeps_its_cursor_and_turn_on_what_exists() {
        let mut c = started(&["Awa", "Bruno"]);
        c.end_turn();
        c.cursor = 9;
        c.current = Some(7);
        c.clamp(3);
        assert_eq!(c.cursor, 2, "the last item");
        assert_eq!(c.current, Some(1), "the first turn still waiting");
        // A turn that exists is left where it is.
        c.current = Some(0);
        c.clamp(3);
        assert_eq!(c.current, Some(0));
    }
}
