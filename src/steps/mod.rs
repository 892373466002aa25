//! The kinds of step, and the one table that ties them together.
//!
//! A kind lives in one file of this folder — what the programme says of it
//! (its `Def`), what the room fills in (its state), how an [`Action`]
//! changes that state — and draws in one file of `ui/steps/`, which also
//! lists its keys. The two enums below and the functions after them are
//! the table: every `match` is exhaustive, so a new kind is a compile error
//! everywhere it still has to be handled.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::timer::Countdown;

pub mod board;
pub mod checklist;
pub mod info;
pub mod pairs;
pub mod plan;
pub mod reading;
pub mod summary;

pub use info::Roster;

/// Declares the kinds of step once, in one table: the enum [`Kind`], the
/// list of them all and the name programmes and session files write.
/// `StepKind::kind` and `StepState::kind` map onto it with exhaustive
/// matches, so a new variant of either is a compile error until it is in
/// this table too.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// A kind of step, without its contents: what `atelier workshop
        /// check` accepts and names, and what the tests go through to see
        /// that each kind is drawn, exported and worded in every language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind, in the order of this table.
            pub const ALL: &[Kind] = &[$(Kind::$variant,)*];

            /// The kind's name, as programmes and session files write it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Kind::$variant => $name,)*
                }
            }
        }
    };
}

kinds! {
    /// A page of text, with the roster and the agenda.
    Info => "info",
    /// Pairs talk in turn under a countdown.
    TimedPairs => "timed_pairs",
    /// The group pins notes in columns.
    Board => "board",
    /// A countdown beside the guide's sections.
    Reading => "reading",
    /// Participants tick items in turn.
    Checklist => "checklist",
    /// The plan of a partnership.
    Plan => "plan",
    /// What the session produced.
    Summary => "summary",
}

impl Kind {
    /// The kind of this name, if the code knows one.
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|kind| kind.name() == name)
    }

    /// Every name, `info, timed_pairs, …`, for a message.
    pub fn names() -> String {
        Kind::ALL.iter().map(|kind| kind.name()).collect::<Vec<_>>().join(", ")
    }
}

/// What the programme says of a step, by kind. Every `String` in a `Def`
/// is a Fluent message id; ids of columns, items, fields and options are
/// the programme's own, and are what session files store.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepKind {
    /// A page of text, with the roster and the agenda.
    Info(info::Def),
    /// Pairs talk in turn under a countdown: one round per speaker.
    TimedPairs(pairs::Def),
    /// The group pins notes in columns.
    Board(board::Def),
    /// A countdown beside the guide's sections.
    Reading(reading::Def),
    /// Participants tick items in turn.
    Checklist(checklist::Def),
    /// The plan of a partnership.
    Plan(plan::Def),
    /// What the session produced.
    Summary(summary::Def),
}

/// What the room filled in on a step, by kind. Saved as one key named
/// after the kind beside the step's id and clock:
/// `{"id": "board", "clock": …, "board": {"notes": […]}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Info(info::State),
    TimedPairs(pairs::State),
    Board(board::Board),
    Reading(reading::State),
    Checklist(checklist::Checklist),
    Plan(plan::Plan),
    Summary(summary::State),
}

/// What a key asks of the step on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Start or pause the countdown of the step.
    ToggleTimer,
    /// One minute more (1) or less (-1) on the countdown.
    AdjustMinutes(i64),
    /// Pairs: the first speakers are done, the second ones start.
    NextRound,
    /// Up / Down: the line under the cursor (a section, a note, an item, a
    /// row).
    Select(isize),
    /// Shift+Up / Shift+Down: move the selected note.
    Reorder(isize),
    /// Tab: the next column of the board, the next row of the plan.
    NextField,
    /// Edit what is selected, or act on it (a choice cycles).
    Edit,
    /// Add a note, a participant, a partner.
    Add,
    /// Remove what is selected.
    Delete,
    /// Pin a note; shortlist a partner.
    Pin,
    /// Take back the last change of the board.
    Undo,
    /// Checklists: tick or untick the item under the cursor; the plan:
    /// the next answer of a choice.
    ToggleItem,
    /// Checklists: this participant is done, the turn passes.
    EndTurn,
    /// Checklists: this participant is absent or passes.
    SkipTurn,
    /// Checklists: give the turn back to the previous participant.
    ReopenTurn,
    /// Checklists: show or hide the earlier answers during a turn.
    TogglePrivate,
}

impl Action {
    /// Whether the action would change the notes (refused when reviewing);
    /// moving a cursor is only looking.
    pub fn changes_notes(self) -> bool {
        !matches!(self, Action::Select(_) | Action::NextField)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_or_a_removal_changes_the_notes() {
        let said = Outcome::said("notice-turn-skipped", "Awa");
        assert_eq!(said.change, Change::Notes, "saved");
        assert_eq!(said.word, Some(("notice-turn-skipped", "Awa".to_string())));
        let removed = Outcome::removed("Awa");
        assert_eq!(removed.change, Change::Notes, "saved");
        assert_eq!(removed.removed.as_deref(), Some("Awa"));
    }

    /// A state of each kind. The match is exhaustive: a new kind needs its
    /// line here, and then the test below checks its name.
    fn a_state_of(kind: Kind) -> StepState {
        match kind {
            Kind::Info => StepState::Info(info::State::default()),
            Kind::TimedPairs => {
                let def = pairs::Def { round_minutes: 1, intro: String::new(), prompts: Vec::new() };
                StepState::TimedPairs(pairs::State::new(&def, 2, 2, 2))
            }
            Kind::Board => StepState::Board(board::Board::default()),
            Kind::Reading => StepState::Reading(reading::State::new(5)),
            Kind::Checklist => StepState::Checklist(checklist::Checklist::default()),
            Kind::Plan => StepState::Plan(plan::Plan::default()),
            Kind::Summary => StepState::Summary(summary::State::default()),
        }
    }

    #[test]
    fn the_table_of_kinds_names_each_kind_as_session_files_do() {
        assert_eq!(Kind::ALL.len(), 7);
        for &kind in Kind::ALL {
            let state = a_state_of(kind);
            assert_eq!(state.kind(), kind);
            let json = serde_json::to_value(&state).unwrap();
            assert!(json.get(kind.name()).is_some(), "{json} is saved under {}", kind.name());
            assert_eq!(Kind::named(kind.name()), Some(kind));
        }
        assert_eq!(Kind::named("dance"), None);
        assert_eq!(Kind::names(), "info, timed_pairs, board, reading, checklist, plan, summary");
    }

    #[test]
    fn only_moving_a_cursor_leaves_the_notes_as_they_are() {
        assert!(!Action::Select(1).changes_notes());
        assert!(!Action::NextField.changes_notes());
        for action in [Action::Pin, Action::Delete, Action::ToggleItem, Action::ToggleTimer, Action::Edit] {
            assert!(action.changes_notes(), "{action:?}");
        }
    }
}

/// What an action did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub change: Change,
    /// A text entry to open next, with the text it starts from.
    pub edit: Option<(Field, String)>,
    /// The roster changed: the steps that follow it must too.
    pub roster: Option<RosterChange>,
    /// Something was removed (a participant, a partner, a note): its name,
    /// for a word that says so and that `u` brings it back.
    pub removed: Option<String>,
    /// A word for the room about what just happened (a turn skipped or
    /// reopened): the Fluent id of the line and the name it takes.
    pub word: Option<(&'static str, String)>,
}

/// Whether an action changed the notes. Moving a cursor is not worth a
/// write: it is kept with the next one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Change {
    #[default]
    None,
    /// The notes changed: saved at once.
    Notes,
}

impl Outcome {
    /// `Notes` when `changed`, else nothing.
    pub fn notes_if(changed: bool) -> Self {
        Self { change: if changed { Change::Notes } else { Change::None }, ..Self::default() }
    }

    pub fn edit(field: Field, text: impl Into<String>) -> Self {
        Self { edit: Some((field, text.into())), ..Self::default() }
    }

    /// The notes changed, with a word about it.
    pub fn said(id: &'static str, name: impl Into<String>) -> Self {
        Self { change: Change::Notes, word: Some((id, name.into())), ..Self::default() }
    }

    /// The notes changed by removing `what`.
    pub fn removed(what: impl Into<String>) -> Self {
        Self { change: Change::Notes, removed: Some(what.into()), ..Self::default() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterChange {
    /// Someone was added or removed.
    Changed,
    /// Someone was renamed: their answers follow them.
    Renamed { from: String, to: String },
}

/// What a text entry types into, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Roster(info::Field),
    Board(board::Field),
    Plan(plan::Field),
}

impl Field {
    /// Fields that take several lines (Alt+Enter breaks a line).
    pub fn is_multiline(&self) -> bool {
        match self {
            Field::Plan(field) => field.is_multiline(),
            Field::Roster(_) | Field::Board(_) => false,
        }
    }
}

/// A paragraph, a list or named terms: the texts of the info, reading and
/// summary steps.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph.
    Text(String),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// Named terms, each with its description in the `desc` attribute.
    Terms(Vec<String>),
}

/// A reference to a Fluent message, or to one of its attributes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextRef {
    pub id: String,
    pub attribute: Option<&'static str>,
}

/// The texts a programme refers to, gathered kind by kind.
#[derive(Debug, Default)]
pub struct TextRefs(pub Vec<TextRef>);

impl TextRefs {
    pub fn message(&mut self, id: &str) {
        self.0.push(TextRef { id: id.to_string(), attribute: None });
    }

    pub fn messages<'a>(&mut self, ids: impl IntoIterator<Item = &'a String>) {
        ids.into_iter().for_each(|id| self.message(id));
    }

    /// A term: its name and its `desc` attribute.
    pub fn term(&mut self, id: &str) {
        self.message(id);
        self.0.push(TextRef { id: id.to_string(), attribute: Some("desc") });
    }

    pub fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Text(id) => self.message(id),
                Block::Bullets(ids) => self.messages(ids),
                Block::Terms(ids) => ids.iter().for_each(|id| self.term(id)),
            }
        }
    }
}

/// Something wrong in a programme: a Fluent id of the explanation (in
/// `ui.ftl`, taking `$id` and `$detail`), and the id at fault, by which
/// the checker finds its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub message: &'static str,
    pub id: String,
    pub detail: String,
}

impl Fault {
    pub fn new(message: &'static str, id: &str, detail: impl Into<String>) -> Self {
        Self { message, id: id.to_string(), detail: detail.into() }
    }
}

/// The ids of a list that appear more than once, each once.
pub fn duplicates<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = std::collections::BTreeSet::new();
    let mut twice = Vec::new();
    for id in ids {
        if !seen.insert(id) && !twice.contains(&id) {
            twice.push(id);
        }
    }
    twice
}

/// Faults for each id listed twice in one list of a step.
pub fn duplicate_faults<'a>(what: &str, ids: impl IntoIterator<Item = &'a str>) -> Vec<Fault> {
    duplicates(ids).into_iter().map(|id| Fault::new("check-duplicate-id", id, what)).collect()
}

impl StepKind {
    pub fn kind(&self) -> Kind {
        match self {
            StepKind::Info(_) => Kind::Info,
            StepKind::TimedPairs(_) => Kind::TimedPairs,
            StepKind::Board(_) => Kind::Board,
            StepKind::Reading(_) => Kind::Reading,
            StepKind::Checklist(_) => Kind::Checklist,
            StepKind::Plan(_) => Kind::Plan,
            StepKind::Summary(_) => Kind::Summary,
        }
    }

    /// The kind's name, as programmes write it.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// A fresh state for a step of the programme's `minutes`, planned for
    /// `plan` minutes in this session (they differ once the session fitted
    /// what was left of it into the time left).
    pub fn new_state(&self, minutes: u64, plan: u64, participants: &[String]) -> StepState {
        match self {
            StepKind::Info(_) => StepState::Info(info::State::default()),
            StepKind::TimedPairs(def) => {
                StepState::TimedPairs(pairs::State::new(def, minutes, plan, participants.len()))
            }
            StepKind::Board(_) => StepState::Board(board::Board::default()),
            StepKind::Reading(_) => StepState::Reading(reading::State::new(plan)),
            StepKind::Checklist(_) => {
                let mut checklist = checklist::Checklist::default();
                checklist.sync_roster(participants);
                StepState::Checklist(checklist)
            }
            StepKind::Plan(_) => StepState::Plan(plan::Plan::default()),
            StepKind::Summary(_) => StepState::Summary(summary::State::default()),
        }
    }

    /// Brings a state read from a file within what the programme and the
    /// roster hold now. A state of another kind (the programme changed
    /// under the session) is replaced, and handed back so that nothing is
    /// dropped silently.
    pub fn fit(&self, state: &mut StepState, minutes: u64, plan: u64, participants: &[String]) -> Option<StepState> {
        let fitted = match (self, &mut *state) {
            (StepKind::Info(_), StepState::Info(_)) => true,
            (StepKind::Summary(def), StepState::Summary(s)) => {
                s.clamp(def);
                true
            }
            (StepKind::TimedPairs(def), StepState::TimedPairs(s)) => {
                s.fit(def, minutes, plan, participants.len());
                true
            }
            (StepKind::Board(def), StepState::Board(board)) => {
                board.clamp(&def.column_ids());
                true
            }
            (StepKind::Reading(def), StepState::Reading(s)) => {
                s.fit(def);
                true
            }
            (StepKind::Checklist(def), StepState::Checklist(c)) => {
                c.sync_roster(participants);
                c.clamp(def.items.len());
                true
            }
            (StepKind::Plan(def), StepState::Plan(plan)) => {
                plan.clamp(def);
                true
            }
            (
                StepKind::Info(_)
                | StepKind::TimedPairs(_)
                | StepKind::Board(_)
                | StepKind::Reading(_)
                | StepKind::Checklist(_)
                | StepKind::Plan(_)
                | StepKind::Summary(_),
                _,
            ) => false,
        };
        (!fitted).then(|| std::mem::replace(state, self.new_state(minutes, plan, participants)))
    }

    /// Every text the step refers to.
    pub fn text_refs(&self, refs: &mut TextRefs) {
        match self {
            StepKind::Info(def) => refs.blocks(&def.blocks),
            StepKind::TimedPairs(def) => def.text_refs(refs),
            StepKind::Board(def) => def.text_refs(refs),
            StepKind::Reading(def) => def.text_refs(refs),
            StepKind::Checklist(def) => def.text_refs(refs),
            StepKind::Plan(def) => def.text_refs(refs),
            StepKind::Summary(def) => def.text_refs(refs),
        }
    }

    /// What is wrong with the step as written, for `atelier workshop check`.
    pub fn faults(&self, minutes: u64) -> Vec<Fault> {
        match self {
            StepKind::Info(_) | StepKind::Reading(_) => Vec::new(),
            StepKind::Summary(def) => def.faults(),
            StepKind::TimedPairs(def) => def.faults(minutes),
            StepKind::Board(def) => def.faults(),
            StepKind::Checklist(def) => def.faults(),
            StepKind::Plan(def) => def.faults(),
        }
    }
}

impl StepState {
    pub fn kind(&self) -> Kind {
        match self {
            StepState::Info(_) => Kind::Info,
            StepState::TimedPairs(_) => Kind::TimedPairs,
            StepState::Board(_) => Kind::Board,
            StepState::Reading(_) => Kind::Reading,
            StepState::Checklist(_) => Kind::Checklist,
            StepState::Plan(_) => Kind::Plan,
            StepState::Summary(_) => Kind::Summary,
        }
    }

    /// The kind's name, as files and programmes write it.
    pub fn kind_name(&self) -> &'static str {
        self.kind().name()
    }

    /// The smallest definition that shows this state as it is: what a
    /// session whose workshop is gone is shown with (`workshop::of_session`).
    pub fn stand_in(&self) -> StepKind {
        let named = |ids: Vec<String>| -> Vec<String> {
            let mut ids = ids;
            ids.sort();
            ids.dedup();
            ids
        };
        match self {
            StepState::Info(_) => StepKind::Info(info::Def { blocks: Vec::new() }),
            StepState::TimedPairs(s) => StepKind::TimedPairs(pairs::Def {
                round_minutes: s.rounds.first().map_or(5, |c| (c.planned().as_secs() / 60).max(1)),
                intro: String::new(),
                prompts: Vec::new(),
            }),
            StepState::Board(b) => StepKind::Board(board::Def {
                intro: String::new(),
                columns: named(b.notes().iter().map(|n| n.column.to_string()).collect())
                    .into_iter()
                    .map(|id| board::Column { title: id.clone(), hint: String::new(), id })
                    .collect(),
            }),
            StepState::Reading(_) => StepKind::Reading(reading::Def { intro: String::new(), sections: Vec::new() }),
            StepState::Checklist(c) => StepKind::Checklist(checklist::Def {
                question: String::new(),
                note: String::new(),
                items: named(c.turns.iter().flat_map(|t| t.ticked.iter().cloned()).collect())
                    .into_iter()
                    .map(|id| checklist::Item { text: id.clone(), id })
                    .collect(),
            }),
            StepState::Plan(p) => {
                let field = |id: &str, kind: plan::FieldKind| plan::FieldDef {
                    id: id.to_string(),
                    title: id.to_string(),
                    hint: String::new(),
                    kind,
                };
                let mut fields = vec![field("partners", plan::FieldKind::Partners)];
                for (id, chosen) in &p.choices {
                    let options = vec![plan::Choice { id: chosen.clone(), text: chosen.clone() }];
                    fields.push(field(id, plan::FieldKind::Choice { options }));
                }
                fields.extend(p.answers.keys().map(|id| field(id, plan::FieldKind::Text)));
                StepKind::Plan(plan::Def { intro: String::new(), questions: Vec::new(), fields, decision: None })
            }
            StepState::Summary(s) => StepKind::Summary(summary::Def {
                blocks: Vec::new(),
                fields: s
                    .answers
                    .keys()
                    .map(|id| plan::FieldDef {
                        id: id.clone(),
                        title: id.clone(),
                        hint: String::new(),
                        kind: plan::FieldKind::Text,
                    })
                    .collect(),
            }),
        }
    }

    /// Every countdown of the step, running or not.
    pub fn countdowns(&self) -> &[Countdown] {
        match self {
            StepState::TimedPairs(s) => &s.rounds,
            StepState::Reading(s) => std::slice::from_ref(&s.countdown),
            StepState::Info(_)
            | StepState::Board(_)
            | StepState::Checklist(_)
            | StepState::Plan(_)
            | StepState::Summary(_) => &[],
        }
    }

    pub fn countdowns_mut(&mut self) -> &mut [Countdown] {
        match self {
            StepState::TimedPairs(s) => &mut s.rounds,
            StepState::Reading(s) => std::slice::from_mut(&mut s.countdown),
            StepState::Info(_)
            | StepState::Board(_)
            | StepState::Checklist(_)
            | StepState::Plan(_)
            | StepState::Summary(_) => &mut [],
        }
    }

    /// The countdown the step shows now: the round under way, the reading.
    pub fn countdown(&self) -> Option<&Countdown> {
        match self {
            StepState::TimedPairs(s) => s.current(),
            StepState::Reading(s) => Some(&s.countdown),
            StepState::Info(_)
            | StepState::Board(_)
            | StepState::Checklist(_)
            | StepState::Plan(_)
            | StepState::Summary(_) => None,
        }
    }

    pub fn as_board(&self) -> Option<&board::Board> {
        if let StepState::Board(board) = self { Some(board) } else { None }
    }

    pub fn as_board_mut(&mut self) -> Option<&mut board::Board> {
        if let StepState::Board(board) = self { Some(board) } else { None }
    }

    pub fn as_checklist(&self) -> Option<&checklist::Checklist> {
        if let StepState::Checklist(checklist) = self { Some(checklist) } else { None }
    }

    pub fn as_checklist_mut(&mut self) -> Option<&mut checklist::Checklist> {
        if let StepState::Checklist(checklist) = self { Some(checklist) } else { None }
    }

    pub fn as_plan(&self) -> Option<&plan::Plan> {
        if let StepState::Plan(plan) = self { Some(plan) } else { None }
    }

    pub fn as_plan_mut(&mut self) -> Option<&mut plan::Plan> {
        if let StepState::Plan(plan) = self { Some(plan) } else { None }
    }
}

/// A step's definition and its state, of the same kind: what `update`,
/// `keep` and the views work on.
pub enum Step<'a> {
    Info(&'a info::Def, &'a info::State),
    TimedPairs(&'a pairs::Def, &'a pairs::State),
    Board(&'a board::Def, &'a board::Board),
    Reading(&'a reading::Def, &'a reading::State),
    Checklist(&'a checklist::Def, &'a checklist::Checklist),
    Plan(&'a plan::Def, &'a plan::Plan),
    Summary(&'a summary::Def, &'a summary::State),
}

/// The same, to change the state.
pub enum StepMut<'a> {
    Info(&'a info::Def, &'a mut info::State),
    TimedPairs(&'a pairs::Def, &'a mut pairs::State),
    Board(&'a board::Def, &'a mut board::Board),
    Reading(&'a reading::Def, &'a mut reading::State),
    Checklist(&'a checklist::Def, &'a mut checklist::Checklist),
    Plan(&'a plan::Def, &'a mut plan::Plan),
    Summary(&'a summary::Def, &'a mut summary::State),
}

/// Pairs a definition with its state; `None` when they are of different
/// kinds, which [`StepKind::fit`] prevents for every session shown.
pub fn pair<'a>(kind: &'a StepKind, state: &'a StepState) -> Option<Step<'a>> {
    Some(match (kind, state) {
        (StepKind::Info(d), StepState::Info(s)) => Step::Info(d, s),
        (StepKind::TimedPairs(d), StepState::TimedPairs(s)) => Step::TimedPairs(d, s),
        (StepKind::Board(d), StepState::Board(s)) => Step::Board(d, s),
        (StepKind::Reading(d), StepState::Reading(s)) => Step::Reading(d, s),
        (StepKind::Checklist(d), StepState::Checklist(s)) => Step::Checklist(d, s),
        (StepKind::Plan(d), StepState::Plan(s)) => Step::Plan(d, s),
        (StepKind::Summary(d), StepState::Summary(s)) => Step::Summary(d, s),
        (
            StepKind::Info(_)
            | StepKind::TimedPairs(_)
            | StepKind::Board(_)
            | StepKind::Reading(_)
            | StepKind::Checklist(_)
            | StepKind::Plan(_)
            | StepKind::Summary(_),
            _,
        ) => return None,
    })
}

pub fn pair_mut<'a>(kind: &'a StepKind, state: &'a mut StepState) -> Option<StepMut<'a>> {
    Some(match (kind, state) {
        (StepKind::Info(d), StepState::Info(s)) => StepMut::Info(d, s),
        (StepKind::TimedPairs(d), StepState::TimedPairs(s)) => StepMut::TimedPairs(d, s),
        (StepKind::Board(d), StepState::Board(s)) => StepMut::Board(d, s),
        (StepKind::Reading(d), StepState::Reading(s)) => StepMut::Reading(d, s),
        (StepKind::Checklist(d), StepState::Checklist(s)) => StepMut::Checklist(d, s),
        (StepKind::Plan(d), StepState::Plan(s)) => StepMut::Plan(d, s),
        (StepKind::Summary(d), StepState::Summary(s)) => StepMut::Summary(d, s),
        (
            StepKind::Info(_)
            | StepKind::TimedPairs(_)
            | StepKind::Board(_)
            | StepKind::Reading(_)
            | StepKind::Checklist(_)
            | StepKind::Plan(_)
            | StepKind::Summary(_),
            _,
        ) => return None,
    })
}

/// Carries out an action on the step on screen.
pub fn update(step: StepMut, roster: &mut Roster, action: Action, now: Instant) -> Outcome {
    match step {
        StepMut::Info(_, s) => info::update(s, roster, action),
        StepMut::TimedPairs(_, s) => s.update(action, now),
        StepMut::Board(def, board) => board::update(def, board, action),
        StepMut::Reading(def, s) => s.update(def, action, now),
        StepMut::Checklist(def, c) => checklist::update(def, c, action),
        StepMut::Plan(def, plan) => plan::update(def, plan, action),
        StepMut::Summary(def, s) => summary::update(def, s, action),
    }
}

/// Keeps the text of an entry where it belongs. An entry belongs to the
/// step it was opened on: on any other it keeps nothing.
pub fn keep(step: StepMut, roster: &mut Roster, field: &Field, text: &str) -> Outcome {
    match (field, step) {
        (Field::Roster(field), StepMut::Info(_, s)) => info::keep(s, roster, field, text),
        (Field::Board(field), StepMut::Board(def, board)) => Outcome::notes_if(board::keep(def, board, field, text)),
        (Field::Plan(field), StepMut::Plan(def, plan)) => plan::keep(def, plan, field, text),
        (Field::Plan(field), StepMut::Summary(def, s)) => summary::keep(def, s, field, text),
        (Field::Roster(_) | Field::Board(_) | Field::Plan(_), _) => Outcome::default(),
    }
}
