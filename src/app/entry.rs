//! What the room types and ticks: the roster on the welcome step, the
//! board, the checklists in turn, the plan, and the text entry they share.
//!
//! A change is kept (and saved) when Enter is pressed in an entry, or at
//! once for a tick, a pin, a move or a deletion.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

use super::{App, Message};
use crate::plan::{self, Row};
use crate::programme::StepKind;
use crate::session::Session;
use crate::text::sanitize_input;

/// What an entry is typing into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A new note in the focused column of the board.
    NewNote,
    /// The selected note of the board.
    Note,
    Group,
    Region,
    NewParticipant,
    Participant(usize),
    /// The name of a new candidate partner.
    NewPartner,
    /// A text row of the plan.
    PlanRow(Row),
}

impl Target {
    /// Fields that take several lines (Alt+Enter breaks a line).
    pub fn is_multiline(&self) -> bool {
        matches!(self, Target::PlanRow(Row::Text(_)))
    }
}

/// A text entry under way.
pub struct Entry {
    pub target: Target,
    pub textarea: TextArea<'static>,
}

impl Entry {
    fn new(target: Target, text: &str) -> Self {
        let lines: Vec<String> = if text.is_empty() { vec![String::new()] } else { text.lines().map(String::from).collect() };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        Self { target, textarea }
    }

    /// The text as it will be kept.
    pub fn text(&self) -> String {
        sanitize_input(&self.textarea.lines().join("\n"), self.target.is_multiline())
    }
}

/// What the keyboard sends to an open entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryInput {
    Key(KeyEvent),
    Paste(String),
    /// Alt+Enter: a line break, in the fields that take several lines.
    Newline,
    /// Enter: keep the text.
    Commit,
    /// Esc: drop the text.
    Cancel,
}

/// The rows of the welcome step: the group, the region, each participant,
/// then a line to add one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeRow {
    Group,
    Region,
    Participant(usize),
    AddParticipant,
}

pub fn welcome_row(session: &Session, cursor: usize) -> WelcomeRow {
    match cursor {
        0 => WelcomeRow::Group,
        1 => WelcomeRow::Region,
        n if n - 2 < session.participants.len() => WelcomeRow::Participant(n - 2),
        _ => WelcomeRow::AddParticipant,
    }
}

pub fn welcome_rows(session: &Session) -> usize {
    session.participants.len() + 3
}

impl App {
    pub(super) fn update_entry(&mut self, input: EntryInput) {
        let Some(entry) = self.entry.as_mut() else { return };
        match input {
            EntryInput::Key(key) => {
                entry.textarea.input(key);
            }
            EntryInput::Paste(text) => {
                let text = sanitize_input(&text, entry.target.is_multiline());
                entry.textarea.insert_str(text);
            }
            EntryInput::Newline => {
                if entry.target.is_multiline() {
                    entry.textarea.insert_newline();
                }
            }
            EntryInput::Cancel => self.entry = None,
            EntryInput::Commit => {
                let Some(entry) = self.entry.take() else { return };
                let text = entry.text();
                if self.keep(&entry.target, &text) {
                    self.save();
                }
                // A new partner's one line is asked for at once.
                if entry.target == Target::NewPartner && !text.trim().is_empty() {
                    self.open_entry_on_plan_row();
                }
            }
        }
    }

    /// Puts the text of an entry where it belongs; true when something
    /// changed.
    fn keep(&mut self, target: &Target, text: &str) -> bool {
        let columns = self.board_columns();
        let fields = self.plan_fields();
        let Some(run) = self.run_mut() else { return false };
        let session = &mut run.session;
        match target {
            Target::Group => replace_trimmed(&mut session.group, text),
            Target::Region => replace_trimmed(&mut session.region, text),
            Target::NewParticipant => {
                let added = session.add_participant(text);
                if added {
                    session.current_mut().cursor = session.participants.len() + 1;
                }
                added
            }
            Target::Participant(i) => session.rename_participant(*i, text),
            Target::NewNote => session.current_mut().board.as_mut().is_some_and(|b| b.add(text, &columns)),
            Target::Note => session.current_mut().board.as_mut().is_some_and(|b| b.edit(text, &columns)),
            Target::NewPartner => session.current_mut().plan.as_mut().is_some_and(|p| p.add_partner(text, &fields)),
            Target::PlanRow(row) => session.current_mut().plan.as_mut().is_some_and(|p| p.set_text(row, text)),
        }
    }

    fn open(&mut self, target: Target, text: &str) {
        self.entry = Some(Entry::new(target, text));
    }

    /// The column ids of the board on screen (empty elsewhere).
    fn board_columns(&self) -> Vec<String> {
        match self.current_step().map(|s| &s.kind) {
            Some(StepKind::Board { columns, .. }) => columns.iter().map(|c| c.id.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// The field ids of the plan on screen (empty elsewhere).
    fn plan_fields(&self) -> Vec<String> {
        match self.current_step().map(|s| &s.kind) {
            Some(StepKind::Plan { fields, .. }) => fields.iter().map(|f| f.id.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// The item ids of the checklist on screen (empty elsewhere).
    fn checklist_items(&self) -> Vec<String> {
        match self.current_step().map(|s| &s.kind) {
            Some(StepKind::Checklist { items, .. }) => items.iter().map(|i| i.id.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// The keys of the steps that hold data; true when the notes changed.
    pub(super) fn update_step_data(&mut self, message: Message) -> bool {
        let Some(kind) = self.current_step().map(|s| s.kind.clone()) else { return false };
        match kind {
            StepKind::Info { .. } => self.update_welcome(message),
            StepKind::Reading { sections, .. } => {
                if let (Message::Select(delta), Some(run)) = (message, self.run_mut()) {
                    let record = run.session.current_mut();
                    record.cursor = record.cursor.saturating_add_signed(delta).min(sections.len().saturating_sub(1));
                    return true;
                }
                false
            }
            StepKind::Board { .. } => self.update_board(message),
            StepKind::Checklist { .. } => self.update_checklist(message),
            StepKind::Plan { levels, decisions, .. } => self.update_plan(message, &levels, &decisions),
            StepKind::TimedPairs { .. } | StepKind::Summary { .. } => false,
        }
    }

    fn update_welcome(&mut self, message: Message) -> bool {
        let Some(run) = self.run_mut() else { return false };
        let session = &mut run.session;
        let rows = welcome_rows(session);
        let row = welcome_row(session, session.current().cursor);
        match message {
            Message::Select(delta) => {
                let record = session.current_mut();
                record.cursor = record.cursor.saturating_add_signed(delta).min(rows - 1);
                // Moving the cursor is not worth a write, but it is kept
                // with the next one.
                false
            }
            Message::Add => {
                self.open(Target::NewParticipant, "");
                false
            }
            Message::Edit => {
                let (target, text) = match row {
                    WelcomeRow::Group => (Target::Group, session.group.clone()),
                    WelcomeRow::Region => (Target::Region, session.region.clone()),
                    WelcomeRow::Participant(i) => (Target::Participant(i), session.participants[i].clone()),
                    WelcomeRow::AddParticipant => (Target::NewParticipant, String::new()),
                };
                self.open(target, &text);
                false
            }
            Message::Delete => match row {
                WelcomeRow::Participant(i) => {
                    let removed = session.remove_participant(i);
                    let last = welcome_rows(session) - 1;
                    let record = session.current_mut();
                    record.cursor = record.cursor.min(last);
                    removed
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn update_board(&mut self, message: Message) -> bool {
        let columns = self.board_columns();
        let Some(run) = self.run_mut() else { return false };
        let Some(board) = run.session.current_mut().board.as_mut() else { return false };
        match message {
            Message::Select(delta) => {
                board.select(delta, &columns);
                false
            }
            Message::NextField => {
                board.focus_next_column(columns.len());
                true
            }
            Message::Reorder(delta) => board.move_selected(delta, &columns),
            Message::Delete => board.delete(&columns),
            Message::Pin => board.toggle_pin(&columns),
            Message::Undo => board.undo(&columns),
            Message::Add => {
                self.open(Target::NewNote, "");
                false
            }
            Message::Edit => {
                if let Some(text) = board.selected_note(&columns).map(|n| n.text.clone()) {
                    self.open(Target::Note, &text);
                }
                false
            }
            _ => false,
        }
    }

    fn update_checklist(&mut self, message: Message) -> bool {
        let items = self.checklist_items();
        let Some(run) = self.run_mut() else { return false };
        let Some(checklist) = run.session.current_mut().checklist.as_mut() else { return false };
        match message {
            Message::Select(delta) => {
                checklist.move_cursor(delta, items.len());
                false
            }
            Message::ToggleItem => checklist.toggle(&items),
            Message::EndTurn => checklist.end_turn(),
            Message::SkipTurn => checklist.skip_turn(),
            Message::ReopenTurn => checklist.reopen_previous(),
            Message::TogglePrivate => {
                checklist.private = !checklist.private;
                true
            }
            _ => false,
        }
    }

    fn update_plan(&mut self, message: Message, levels: &[String], decisions: &[String]) -> bool {
        let fields = self.plan_fields();
        let Some(run) = self.run_mut() else { return false };
        let Some(plan) = run.session.current_mut().plan.as_mut() else { return false };
        match message {
            Message::Select(delta) => {
                plan.move_row(delta, &fields);
                false
            }
            Message::NextField => {
                plan.next_row_wrapping(&fields);
                false
            }
            Message::Add => {
                self.open(Target::NewPartner, "");
                false
            }
            Message::Delete => plan.remove_partner(&fields),
            Message::Pin => plan.toggle_shortlist(&fields),
            Message::Edit | Message::ToggleItem => match plan.current_row(&fields) {
                Some(Row::Partners) => {
                    self.open(Target::NewPartner, "");
                    false
                }
                Some(Row::Choice(field)) => {
                    let options = if field == plan::LEVEL { levels } else { decisions };
                    plan.cycle_choice(&field, options)
                }
                Some(row) if message == Message::Edit => {
                    let text = plan.text_of(&row);
                    self.open(Target::PlanRow(row), &text);
                    false
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// Opens the entry of the plan row under the cursor (a new partner's
    /// description, right after its name).
    fn open_entry_on_plan_row(&mut self) {
        let fields = self.plan_fields();
        let Some(plan) = self.run().and_then(|r| r.session.current().plan.as_ref()) else { return };
        if let Some(row) = plan.current_row(&fields).filter(Row::is_text) {
            let text = plan.text_of(&row);
            self.open(Target::PlanRow(row), &text);
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
