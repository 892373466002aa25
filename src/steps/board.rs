//! The board: notes in columns (positives, difficulties), pinned ones
//! first, with undo.
//!
//! Notes keep their order in one list; a column shows its pinned notes
//! first, then the others, each group in list order. Every change pushes
//! what takes it back on an undo stack that lives as long as the app (it is
//! not saved: reopening a session starts a fresh history). The stack holds
//! changes, not copies of the notes: a board of thousands costs no more to
//! change than one of ten.

use std::sync::{Arc, OnceLock};

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Action, Fault, Field as StepField, Outcome, TextRefs, duplicate_faults};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Def {
    pub intro: String,
    pub columns: Vec<Column>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub title: String,
    pub hint: String,
}

impl Def {
    pub fn column_ids(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.id.clone()).collect()
    }

    pub fn text_refs(&self, refs: &mut TextRefs) {
        refs.message(&self.intro);
        for column in &self.columns {
            refs.message(&column.title);
            refs.message(&column.hint);
        }
    }

    pub fn faults(&self) -> Vec<Fault> {
        let mut faults = duplicate_faults("columns", self.columns.iter().map(|c| c.id.as_str()));
        if self.columns.is_empty() {
            faults.push(Fault::new("check-empty-list", "columns", "columns"));
        }
        faults
    }
}

/// What an entry of the board types into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A new note in the focused column.
    NewNote,
    /// The selected note.
    Note,
}

pub fn update(def: &Def, board: &mut Board, action: Action) -> Outcome {
    let columns = def.column_ids();
    match action {
        Action::Select(delta) => {
            board.select(delta, &columns);
            Outcome::default()
        }
        Action::NextField => {
            board.focus_next_column(columns.len());
            Outcome::notes_if(true)
        }
        Action::Reorder(delta) => Outcome::notes_if(board.move_selected(delta, &columns)),
        Action::Delete => {
            let text = board.selected_note(&columns).map(|n| n.text.clone());
            match text {
                Some(text) if board.delete(&columns) => Outcome::removed(text),
                _ => Outcome::default(),
            }
        }
        Action::Pin => Outcome::notes_if(board.toggle_pin(&columns)),
        Action::Undo => Outcome::notes_if(board.undo(&columns)),
        Action::Add => Outcome::edit(StepField::Board(Field::NewNote), ""),
        Action::Edit => match board.selected_note(&columns) {
            Some(note) => Outcome::edit(StepField::Board(Field::Note), note.text.clone()),
            None => Outcome::default(),
        },
        Action::ToggleTimer
        | Action::AdjustMinutes(_)
        | Action::NextRound
        | Action::ToggleItem
        | Action::EndTurn
        | Action::SkipTurn
        | Action::ReopenTurn
        | Action::TogglePrivate => Outcome::default(),
    }
}

/// Keeps the text of a note; true when the board changed.
pub fn keep(def: &Def, board: &mut Board, field: &Field, text: &str) -> bool {
    match field {
        Field::NewNote => board.add(text, &def.column_ids()),
        Field::Note => board.edit(text, &def.column_ids()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Stable within the board, so a selection survives reordering.
    pub id: u64,
    /// The id of the column in the programme, kept inline: the frame
    /// reads every note's column, and not one pointer more per note.
    pub column: CompactString,
    pub text: String,
    #[serde(default)]
    pub pinned: bool,
    /// Sent from a phone in the room: none for a note typed here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<FromPhone>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What a note sent from a phone keeps of it: the key it was sent with
/// (a retry is known and not kept twice), and whether the facilitator has
/// yet to see it or to let it through. Nothing of the phone itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromPhone {
    pub key: String,
    /// Marked new on the board until the facilitator leaves the step.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new: bool,
    /// Held for moderation: on the board only once let through.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub held: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// Each note shared, not copied, when the session is handed to the
    /// writer at every change: a copy of a board of thousands of notes is
    /// a pointer each. A note that changes is copied then, alone.
    #[serde(default)]
    notes: Vec<Arc<Note>>,
    /// Where each note shows, read from the notes when first needed.
    #[serde(skip)]
    shape: ShapeCell,
    /// The column in focus.
    #[serde(default)]
    pub column: usize,
    /// The selected note of each column, by position in its display order.
    #[serde(default)]
    pub selected: Vec<usize>,
    #[serde(skip)]
    undo: History,
    /// Notes sent from phones while the room's moderation was on, in the
    /// order they came: saved, but on the board only once let through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    held: Vec<Arc<Note>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What takes back each change, the last one last. Two boards with the
/// same notes are equal whatever their histories: the history is not part
/// of the notes.
#[derive(Debug, Clone, Default)]
struct History(Vec<Reverse>);

/// How to take back one change.
#[derive(Debug, Clone)]
enum Reverse {
    /// A note was added: remove it.
    Remove(u64),
    /// A note's text was changed: this was its text.
    Retext(u64, String),
    /// A note was deleted from this place in the list: put it back.
    Restore(usize, Arc<Note>),
    /// A note was pinned or unpinned: toggle it again.
    Repin(u64),
    /// Two notes changed places in the list: swap them back.
    Swap(usize, usize),
}

impl PartialEq for History {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Where each note shows (its column, whether it is pinned) in a few
/// bytes a note, and the next free id. A frame and a new note read this,
/// not the notes: on a board of thousands, going to each note in memory
/// was most of the time from Enter to the frame.
#[derive(Debug, Clone, Default, PartialEq)]
struct Shape {
    /// The columns of the notes, each once, in the order first met.
    columns: Vec<CompactString>,
    /// For each note, in order: the place of its column in `columns`, and
    /// whether it is pinned.
    notes: Vec<(u32, bool)>,
    next_id: u64,
}

impl Shape {
    fn of(notes: &[Arc<Note>]) -> Self {
        let mut shape = Shape { next_id: 1, ..Shape::default() };
        for note in notes {
            shape.push(note);
        }
        shape
    }

    fn push(&mut self, note: &Note) {
        let column = match self.columns.iter().position(|c| *c == note.column) {
            Some(column) => column,
            None => {
                self.columns.push(note.column.clone());
                self.columns.len() - 1
            }
        };
        self.notes.push((u32::try_from(column).unwrap_or(u32::MAX), note.pinned));
        self.next_id = self.next_id.max(note.id.saturating_add(1));
    }

    fn count(&self, column: &str) -> usize {
        let Some(place) = self.columns.iter().position(|c| *c == column) else { return 0 };
        self.notes.iter().filter(|(c, _)| *c as usize == place).count()
    }

    /// The place of each of `columns` among the notes' own.
    fn places(&self, columns: &[&str]) -> Vec<Option<usize>> {
        self.columns.iter().map(|c| columns.iter().position(|wanted| *wanted == c.as_str())).collect()
    }
}

/// The shape, kept while the notes do not change. Two boards with the same
/// notes are equal whether or not their shapes are read yet; a copy (the
/// one handed to the writer at each change) reads it again if it needs it.
#[derive(Debug, Default)]
struct ShapeCell(OnceLock<Shape>);

impl PartialEq for ShapeCell {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Clone for ShapeCell {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// How many changes `u` can take back.
const UNDO_DEPTH: usize = 200;

impl Board {
    /// The notes of a column as shown: pinned first, then the others. An
    /// iterator, so that finding one note in a long board copies nothing.
    pub fn column_notes<'a, 'c>(&'a self, column: &'c str) -> impl Iterator<Item = &'a Note> + use<'a, 'c> {
        let of_column = move || self.notes.iter().map(Arc::as_ref).filter(move |n| n.column == column);
        of_column().filter(|n| n.pinned).chain(of_column().filter(|n| !n.pinned))
    }

    /// The notes of every column as shown, in one pass over the notes:
    /// what a frame of a board of thousands of notes needs, without going
    /// through them again for each column and each count.
    pub fn by_column(&self, columns: &[&str]) -> Vec<Vec<&Note>> {
        let mut pinned = vec![Vec::new(); columns.len()];
        let mut others = vec![Vec::new(); columns.len()];
        let shape = self.shape();
        let places = shape.places(columns);
        for (note, &(column, is_pinned)) in self.notes.iter().zip(&shape.notes) {
            if let Some(i) = places.get(column as usize).copied().flatten() {
                if is_pinned { &mut pinned[i] } else { &mut others[i] }.push(note.as_ref());
            }
        }
        pinned
            .into_iter()
            .zip(others)
            .map(|(mut pinned, others)| {
                pinned.extend(others);
                pinned
            })
            .collect()
    }

    pub fn count(&self, column: &str) -> usize {
        self.shape().count(column)
    }

    /// The notes, in the order of the file.
    pub fn notes(&self) -> &[Arc<Note>] {
        &self.notes
    }

    /// The notes to change from outside the board's own actions (a test, a
    /// benchmark filling a board): what is read of them is read again.
    pub fn notes_mut(&mut self) -> &mut Vec<Arc<Note>> {
        self.shape = ShapeCell::default();
        &mut self.notes
    }

    fn shape(&self) -> &Shape {
        self.shape.0.get_or_init(|| Shape::of(&self.notes))
    }

    pub fn selected_in(&self, column_index: usize) -> usize {
        self.selected.get(column_index).copied().unwrap_or(0)
    }

    /// The note under the selection in the focused column.
    pub fn selected_note(&self, columns: &[String]) -> Option<&Note> {
        let column = columns.get(self.column)?;
        self.column_notes(column).nth(self.selected_in(self.column))
    }

    pub fn focus_next_column(&mut self, columns: usize) {
        if columns > 0 {
            self.column = (self.column + 1) % columns;
        }
    }

    pub fn focus_previous_column(&mut self, columns: usize) {
        if columns > 0 {
            self.column = (self.column + columns - 1) % columns;
        }
    }

    /// Moves the selection within the focused column.
    pub fn select(&mut self, delta: isize, columns: &[String]) {
        let Some(column) = columns.get(self.column) else { return };
        let len = self.count(column);
        let current = self.selected_in(self.column) as isize;
        let next = (current + delta).clamp(0, len.saturating_sub(1) as isize) as usize;
        self.set_selected(self.column, next);
    }

    fn set_selected(&mut self, column: usize, position: usize) {
        if self.selected.len() <= column {
            self.selected.resize(column + 1, 0);
        }
        self.selected[column] = position;
    }

    fn remember(&mut self, reverse: Reverse) {
        self.undo.0.push(reverse);
        if self.undo.0.len() > UNDO_DEPTH {
            self.undo.0.remove(0);
        }
    }

    /// Adds a note at the end of the focused column and selects it. Blank
    /// text adds nothing.
    pub fn add(&mut self, text: &str, columns: &[String]) -> bool {
        let text = text.trim();
        let Some(column) = columns.get(self.column) else { return false };
        if text.is_empty() {
            return false;
        }
        // The note takes the last place of its column (pinned notes show
        // first, and it is not pinned); the shape is kept, one note longer.
        let mut shape = self.shape.0.take().unwrap_or_else(|| Shape::of(&self.notes));
        let place = shape.count(column);
        let note = Note {
            id: shape.next_id,
            column: column.into(),
            text: text.to_string(),
            pinned: false,
            phone: None,
            extra: Map::new(),
        };
        shape.push(&note);
        self.shape = ShapeCell(OnceLock::from(shape));
        self.remember(Reverse::Remove(note.id));
        self.notes.push(Arc::new(note));
        self.set_selected(self.column, place);
        true
    }

    /// Adds a note a phone sent at the end of its column, without moving
    /// the facilitator's focus or selection (a note added last in its
    /// column, unpinned, moves no other note of the column). `Some(false)`
    /// when a note with this key is already there (a retry), `None` when
    /// nothing is left of the text. The caller checks the column is one of
    /// the step's.
    pub fn add_from_phone(&mut self, column: &str, text: &str, key: &str, held: bool) -> Option<bool> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if self.notes.iter().chain(&self.held).any(|n| n.phone.as_ref().is_some_and(|p| p.key == key)) {
            return Some(false);
        }
        let phone = FromPhone { key: key.to_string(), new: true, held };
        let note = Note {
            id: 0,
            column: column.into(),
            text: text.to_string(),
            pinned: false,
            phone: Some(phone),
            extra: Map::new(),
        };
        if held {
            self.held.push(Arc::new(note));
        } else {
            self.push_from_phone(note);
        }
        Some(true)
    }

    /// A phone's note onto the board, last of its column, with the next id.
    fn push_from_phone(&mut self, mut note: Note) {
        let mut shape = self.shape.0.take().unwrap_or_else(|| Shape::of(&self.notes));
        note.id = shape.next_id;
        shape.push(&note);
        self.shape = ShapeCell(OnceLock::from(shape));
        self.remember(Reverse::Remove(note.id));
        self.notes.push(Arc::new(note));
    }

    /// New text for the note a phone sent with `key` (on the board or
    /// held); false when there is none, or the text is blank or the same.
    pub fn edit_from_phone(&mut self, key: &str, text: &str) -> bool {
        let text = text.trim();
        let sent = |n: &Arc<Note>| n.phone.as_ref().is_some_and(|p| p.key == key);
        if let Some(place) = self.held.iter().position(sent) {
            let note = Arc::make_mut(&mut self.held[place]);
            let changed = !text.is_empty() && note.text != text;
            note.text = text.to_string();
            return changed;
        }
        let Some(id) = self.notes.iter().find(|n| sent(n)).map(|n| n.id) else { return false };
        self.retext(id, text)
    }

    /// Takes back the note a phone sent with `key` (on the board or held);
    /// false when there is none. On the board, `u` brings it back.
    pub fn withdraw_from_phone(&mut self, key: &str, columns: &[String]) -> bool {
        let sent = |n: &Arc<Note>| n.phone.as_ref().is_some_and(|p| p.key == key);
        if let Some(place) = self.held.iter().position(sent) {
            self.held.remove(place);
            return true;
        }
        let Some(index) = self.notes.iter().position(sent) else { return false };
        let note = self.notes_mut().remove(index);
        self.remember(Reverse::Restore(index, note));
        // The facilitator's selections stay within their columns.
        for (i, column) in columns.iter().enumerate() {
            let position = self.selected_in(i).min(self.count(column).saturating_sub(1));
            self.set_selected(i, position);
        }
        true
    }

    /// The phone notes held for moderation, oldest first.
    pub fn held(&self) -> &[Arc<Note>] {
        &self.held
    }

    /// Lets the oldest held note through onto the board; true when there
    /// was one.
    pub fn let_through(&mut self) -> bool {
        if self.held.is_empty() {
            return false;
        }
        let mut note = Arc::unwrap_or_clone(self.held.remove(0));
        if let Some(phone) = note.phone.as_mut() {
            phone.held = false;
        }
        self.push_from_phone(note);
        true
    }

    /// Drops the oldest held note; its text, when there was one.
    pub fn drop_held(&mut self) -> Option<String> {
        (!self.held.is_empty()).then(|| self.held.remove(0).text.clone())
    }

    /// The phone notes stop being marked new (the facilitator has seen
    /// them); true when one was.
    pub fn seen(&mut self) -> bool {
        let marked = self.notes.iter().any(|n| n.phone.as_ref().is_some_and(|p| p.new));
        if marked {
            for note in self.notes.iter_mut().filter(|n| n.phone.as_ref().is_some_and(|p| p.new)) {
                if let Some(phone) = Arc::make_mut(note).phone.as_mut() {
                    phone.new = false;
                }
            }
        }
        marked
    }

    /// Replaces the text of the selected note; blank text changes nothing.
    pub fn edit(&mut self, text: &str, columns: &[String]) -> bool {
        let text = text.trim();
        let Some(id) = self.selected_note(columns).map(|n| n.id) else { return false };
        self.retext(id, text)
    }

    /// New text for the note `id`, which `u` can take back; blank or the
    /// same text changes nothing.
    fn retext(&mut self, id: u64, text: &str) -> bool {
        if text.is_empty() || self.note(id).is_some_and(|n| n.text == text) {
            return false;
        }
        if let Some(note) = self.note_mut(id) {
            let before = std::mem::replace(&mut note.text, text.to_string());
            self.remember(Reverse::Retext(id, before));
        }
        true
    }

    pub fn delete(&mut self, columns: &[String]) -> bool {
        let Some(id) = self.selected_note(columns).map(|n| n.id) else { return false };
        let Some(index) = self.notes.iter().position(|n| n.id == id) else { return false };
        let note = self.notes_mut().remove(index);
        self.remember(Reverse::Restore(index, note));
        self.select(0, columns);
        true
    }

    pub fn toggle_pin(&mut self, columns: &[String]) -> bool {
        let Some(id) = self.selected_note(columns).map(|n| n.id) else { return false };
        self.remember(Reverse::Repin(id));
        self.repin(id);
        self.select_id(id, columns);
        true
    }

    /// Moves the selected note up (-1) or down (1) in its column, among the
    /// notes of the same kind (pinned or not).
    pub fn move_selected(&mut self, delta: isize, columns: &[String]) -> bool {
        let Some(column) = columns.get(self.column) else { return false };
        let shown: Vec<(u64, bool)> = self.column_notes(column).map(|n| (n.id, n.pinned)).collect();
        let position = self.selected_in(self.column);
        let Some(&(id, pinned)) = shown.get(position) else { return false };
        let target = position as isize + delta;
        let Some(&(other, other_pinned)) = usize::try_from(target).ok().and_then(|t| shown.get(t)) else {
            return false;
        };
        if pinned != other_pinned {
            return false;
        }
        let a = self.notes.iter().position(|n| n.id == id);
        let b = self.notes.iter().position(|n| n.id == other);
        if let (Some(a), Some(b)) = (a, b) {
            self.notes_mut().swap(a, b);
            self.remember(Reverse::Swap(a, b));
        }
        self.select_id(id, columns);
        true
    }

    fn repin(&mut self, id: u64) {
        if let Some(note) = self.notes_mut().iter_mut().find(|n| n.id == id).map(Arc::make_mut) {
            note.pinned = !note.pinned;
        }
    }

    /// Takes back the last change.
    pub fn undo(&mut self, columns: &[String]) -> bool {
        let Some(reverse) = self.undo.0.pop() else { return false };
        match reverse {
            Reverse::Remove(id) => self.notes_mut().retain(|n| n.id != id),
            Reverse::Retext(id, text) => {
                if let Some(note) = self.note_mut(id) {
                    note.text = text;
                }
            }
            Reverse::Restore(index, note) => {
                let notes = self.notes_mut();
                notes.insert(index.min(notes.len()), note);
            }
            Reverse::Repin(id) => self.repin(id),
            Reverse::Swap(a, b) if a.max(b) < self.notes.len() => self.notes_mut().swap(a, b),
            Reverse::Swap(..) => {}
        }
        for (index, column) in columns.iter().enumerate() {
            let len = self.count(column);
            let position = self.selected_in(index).min(len.saturating_sub(1));
            self.set_selected(index, position);
        }
        true
    }

    /// Keeps the focus and selections within what exists, for a board read
    /// from a file.
    pub fn clamp(&mut self, columns: &[String]) {
        self.column = self.column.min(columns.len().saturating_sub(1));
        self.selected.resize(columns.len(), 0);
        for (i, column) in columns.iter().enumerate() {
            self.selected[i] = self.selected[i].min(self.count(column).saturating_sub(1));
        }
    }

    fn select_id(&mut self, id: u64, columns: &[String]) {
        let Some(note) = self.note(id) else { return };
        let Some(column) = columns.iter().position(|c| *c == note.column) else { return };
        let position = self.column_notes(&columns[column]).position(|n| n.id == id);
        if let Some(position) = position {
            self.column = column;
            self.set_selected(column, position);
        }
    }

    fn note(&self, id: u64) -> Option<&Note> {
        self.notes.iter().map(Arc::as_ref).find(|n| n.id == id)
    }

    fn note_mut(&mut self, id: u64) -> Option<&mut Note> {
        // Its text only: the shape stays as it is.
        self.notes.iter_mut().find(|n| n.id == id).map(Arc::make_mut)
    }

    pub fn pinned(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().map(Arc::as_ref).filter(|n| n.pinned)
    }
}

#[cfg(test)]
mod tests;
