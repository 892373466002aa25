//! The welcome step: a page of text beside the agenda, where the group,
//! the region and the participants can still be corrected.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Action, Block, Field as StepField, Outcome, RosterChange};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Def {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The roster line under the cursor.
    #[serde(default)]
    pub cursor: usize,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Who is asked to come: the details given when the session starts, kept
/// in the session and corrected on this step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub region: String,
    /// The time the session must end by (`20:30`), when it is not its start
    /// plus the programme's total.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ends_at: String,
    /// The day the session is held (`2026-12-15`), when it is not the day
    /// it was made: one prepared the day before, or notes from paper
    /// typed in afterwards.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// How the session file writes the day it is held.
const KEPT_DAY: &str = "%Y-%m-%d";

impl Roster {
    /// The participants of a comma-separated list, trimmed, blanks dropped.
    pub fn parse_participants(list: &str) -> Vec<String> {
        list.split([',', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
    }

    /// The lines of the step: the group, the region, each participant,
    /// a line to add one, the day, then the time the session must end by.
    pub fn rows(&self) -> usize {
        self.participants.len() + 5
    }

    /// The day given on this step, if one was.
    pub fn held_on(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::parse_from_str(&self.date, KEPT_DAY).ok()
    }

    /// A day as people type it (`15/12/2026`, `2026-12-15`), written as
    /// `date` keeps it; `None` for what is no day.
    pub fn day_to_keep(text: &str) -> Option<String> {
        crate::steps::plan::parse_date(text).map(|day| day.format(KEPT_DAY).to_string())
    }

    pub fn row(&self, cursor: usize) -> Row {
        match cursor {
            0 => Row::Group,
            1 => Row::Region,
            n if n - 2 < self.participants.len() => Row::Participant(n - 2),
            n if n - 2 == self.participants.len() => Row::AddParticipant,
            n if n - 3 == self.participants.len() => Row::Date,
            _ => Row::EndsAt,
        }
    }

    /// Adds a participant at the end of the roster; their turns follow.
    pub fn add(&mut self, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        self.participants.push(name.to_string());
        true
    }

    /// Renames a participant; the old name, when it changed.
    pub fn rename(&mut self, index: usize, name: &str) -> Option<String> {
        let name = name.trim();
        let old = self.participants.get(index)?;
        if name.is_empty() || name == old {
            return None;
        }
        Some(std::mem::replace(&mut self.participants[index], name.to_string()))
    }

    pub fn remove(&mut self, index: usize) -> bool {
        if index >= self.participants.len() {
            return false;
        }
        self.participants.remove(index);
        true
    }
}

/// One line of the step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Group,
    Region,
    Participant(usize),
    AddParticipant,
    Date,
    EndsAt,
}

/// What an entry of this step types into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Group,
    Region,
    NewParticipant,
    Participant(usize),
    /// The day the session is held.
    Date,
    /// The time the session must end by.
    EndsAt,
}

pub fn update(state: &mut State, roster: &mut Roster, action: Action) -> Outcome {
    let edit = |field: Field, text: &str| Outcome::edit(StepField::Roster(field), text);
    match action {
        Action::Select(delta) => {
            state.cursor = state.cursor.saturating_add_signed(delta).min(roster.rows() - 1);
            Outcome::default()
        }
        Action::Add => edit(Field::NewParticipant, ""),
        Action::Edit => match roster.row(state.cursor) {
            Row::Group => edit(Field::Group, &roster.group),
            Row::Region => edit(Field::Region, &roster.region),
            Row::Participant(i) => edit(Field::Participant(i), &roster.participants[i]),
            Row::AddParticipant => edit(Field::NewParticipant, ""),
            // The entry opens on the day shown, written the language's way:
            // the app fills it in, as it does the end's time.
            Row::Date => Outcome::edit(StepField::Roster(Field::Date), ""),
            Row::EndsAt => edit(Field::EndsAt, &roster.ends_at),
        },
        Action::Delete => match roster.row(state.cursor) {
            Row::Participant(i) => {
                let name = roster.participants[i].clone();
                roster.remove(i);
                state.cursor = state.cursor.min(roster.rows() - 1);
                Outcome { roster: Some(RosterChange::Changed), ..Outcome::removed(name) }
            }
            Row::Group | Row::Region | Row::AddParticipant | Row::Date | Row::EndsAt => Outcome::default(),
        },
        Action::ToggleTimer
        | Action::AdjustMinutes(_)
        | Action::NextRound
        | Action::Reorder(_)
        | Action::NextField
        | Action::Pin
        | Action::Undo
        | Action::ToggleItem
        | Action::EndTurn
        | Action::SkipTurn
        | Action::ReopenTurn
        | Action::TogglePrivate => Outcome::default(),
    }
}

pub fn keep(state: &mut State, roster: &mut Roster, field: &Field, text: &str) -> Outcome {
    let changed = |changed: bool, roster_change: RosterChange| Outcome {
        roster: changed.then_some(roster_change),
        ..Outcome::notes_if(changed)
    };
    match field {
        Field::Group => Outcome::notes_if(replace_trimmed(&mut roster.group, text)),
        Field::Region => Outcome::notes_if(replace_trimmed(&mut roster.region, text)),
        // A time of day (`20:30`, `20h30`), kept as `20:30`; blank goes back
        // to the start plus the programme's total; anything else is refused
        // with a word, and the entry's text is not kept.
        Field::EndsAt if text.trim().is_empty() => Outcome::notes_if(replace_trimmed(&mut roster.ends_at, "")),
        Field::EndsAt => match crate::agenda::parse_time(text) {
            Some((hours, minutes)) => {
                Outcome::notes_if(replace_trimmed(&mut roster.ends_at, &format!("{hours:02}:{minutes:02}")))
            }
            None => Outcome { word: Some(("notice-ends-at-invalid", text.trim().to_string())), ..Outcome::default() },
        },
        // A day as `2026-12-15` or `15/12/2026`, kept as `2026-12-15`; blank
        // goes back to the day the session was made; anything else is
        // refused with a word, as a time is.
        Field::Date if text.trim().is_empty() => Outcome::notes_if(replace_trimmed(&mut roster.date, "")),
        Field::Date => match Roster::day_to_keep(text) {
            Some(day) => Outcome::notes_if(replace_trimmed(&mut roster.date, &day)),
            None => Outcome { word: Some(("notice-date-invalid", text.trim().to_string())), ..Outcome::default() },
        },
        // « Bruno, Chloé » adds two people.
        Field::NewParticipant => {
            let mut added = false;
            for name in Roster::parse_participants(text) {
                added |= roster.add(&name);
            }
            if added {
                state.cursor = roster.participants.len() + 1;
            }
            changed(added, RosterChange::Changed)
        }
        // A renamed line that holds several names keeps the first there and
        // adds the others after it.
        Field::Participant(i) => {
            let mut names = Roster::parse_participants(text).into_iter();
            let Some(first) = names.next() else { return Outcome::default() };
            let renamed = roster.rename(*i, &first).map(|from| RosterChange::Renamed { from, to: first.clone() });
            let mut added = false;
            for (offset, name) in names.enumerate() {
                roster.participants.insert(*i + 1 + offset, name);
                added = true;
            }
            match (renamed, added) {
                (Some(rename), _) => {
                    // Answers follow the renamed person; added ones get turns
                    // as the roster is followed again.
                    Outcome { roster: Some(rename), ..Outcome::notes_if(true) }
                }
                (None, true) => changed(true, RosterChange::Changed),
                (None, false) => Outcome::default(),
            }
        }
    }
}

fn replace_trimmed(slot: &mut String, text: &str) -> bool {
    let text = text.trim();
    if slot == text {
        return false;
    }
    *slot = text.to_string();
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Roster {
        Roster { participants: vec!["Awa".into()], ..Roster::default() }
    }

    #[test]
    fn the_day_comes_after_the_names_and_before_the_end() {
        let r = roster();
        let rows: Vec<Row> = (0..r.rows()).map(|i| r.row(i)).collect();
        assert_eq!(rows, [Row::Group, Row::Region, Row::Participant(0), Row::AddParticipant, Row::Date, Row::EndsAt]);
    }

    #[test]
    fn a_day_is_kept_in_one_form_blank_goes_back_and_a_wrong_one_is_refused() {
        let (mut state, mut r) = (State::default(), roster());
        assert!(keep(&mut state, &mut r, &Field::Date, " 15/12/2026 ").change == crate::steps::Change::Notes);
        assert_eq!((r.date.as_str(), r.held_on()), ("2026-12-15", chrono::NaiveDate::from_ymd_opt(2026, 12, 15)));
        // The same day in the other form changes nothing.
        assert!(keep(&mut state, &mut r, &Field::Date, "2026-12-15").change != crate::steps::Change::Notes);
        let refused = keep(&mut state, &mut r, &Field::Date, "mardi");
        assert_eq!(refused.word, Some(("notice-date-invalid", "mardi".to_string())));
        assert_eq!(r.date, "2026-12-15");
        keep(&mut state, &mut r, &Field::Date, "  ");
        assert_eq!((r.date.as_str(), r.held_on()), ("", None));
    }
}
