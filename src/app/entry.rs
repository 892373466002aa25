//! What the room types and ticks: the roster on the welcome step, the
//! board, the checklists in turn, the plan, and the text entry they share.
//!
//! A change is kept (and saved) when Enter is pressed in an entry, or at
//! once for a tick, a pin, a move or a deletion.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, DataCursor, TextArea, WrapMode};
use unicode_segmentation::UnicodeSegmentation;

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
    /// The search of the home screen.
    Search,
    /// Another group name for a past session.
    Rename(std::path::PathBuf),
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
    pub(super) fn new(target: Target, text: &str) -> Self {
        let lines: Vec<String> =
            if text.is_empty() { vec![String::new()] } else { text.lines().map(String::from).collect() };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        Self { target, textarea }
    }

    /// The text as it will be kept.
    pub fn text(&self) -> String {
        sanitize_input(&self.textarea.lines().join("\n"), self.target.is_multiline())
    }

    /// A key typed in the entry. The text area counts in characters, so
    /// moves and deletions are widened to whole graphemes: an accent typed
    /// as a combining mark, a flag or a family emoji goes as one.
    fn input(&mut self, key: KeyEvent) {
        if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            self.textarea.input(key);
            return;
        }
        let DataCursor(row, col) = self.textarea.cursor();
        let line = &self.textarea.lines()[row];
        let (before, after) = grapheme_widths(line, col);
        match key.code {
            KeyCode::Backspace if col > 0 => (0..before).for_each(|_| {
                self.textarea.delete_char();
            }),
            KeyCode::Delete if after > 0 => (0..after).for_each(|_| {
                self.textarea.delete_next_char();
            }),
            KeyCode::Left if col > 0 => (0..before).for_each(|_| self.textarea.move_cursor(CursorMove::Back)),
            KeyCode::Right if after > 0 => (0..after).for_each(|_| self.textarea.move_cursor(CursorMove::Forward)),
            _ => {
                self.textarea.input(key);
            }
        }
    }
}

/// How many characters make the grapheme before, and the one after, the
/// character position `col` of `line`.
fn grapheme_widths(line: &str, col: usize) -> (usize, usize) {
    let offset = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    let before = line[..offset].graphemes(true).next_back().map_or(0, |g| g.chars().count());
    let after = line[offset..].graphemes(true).next().map_or(0, |g| g.chars().count());
    (before, after)
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
            EntryInput::Key(key) => entry.input(key),
            EntryInput::Paste(text) => {
                let text = sanitize_input(&text, entry.target.is_multiline());
                entry.textarea.insert_str(text);
            }
            EntryInput::Newline => {
                if entry.target.is_multiline() {
                    entry.textarea.insert_newline();
                }
            }
            EntryInput::Cancel => {
                // Esc on the search clears it.
                if entry.target == Target::Search {
                    self.keep_on_home(&Target::Search, "");
                }
                self.entry = None;
            }
            EntryInput::Commit => {
                let Some(entry) = self.entry.take() else { return };
                let text = entry.text();
                if matches!(entry.target, Target::Search | Target::Rename(_)) {
                    self.keep_on_home(&entry.target, &text);
                } else if self.keep(&entry.target, &text) {
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
        // Each target belongs to one kind of step: the ids are its own.
        let ids = self.step_ids();
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
            Target::NewNote => session.current_mut().board.as_mut().is_some_and(|b| b.add(text, &ids)),
            Target::Note => session.current_mut().board.as_mut().is_some_and(|b| b.edit(text, &ids)),
            Target::NewPartner => session.current_mut().plan.as_mut().is_some_and(|p| p.add_partner(text, &ids)),
            Target::PlanRow(row) => session.current_mut().plan.as_mut().is_some_and(|p| p.set_text(row, text)),
            Target::Search | Target::Rename(_) => false,
        }
    }

    fn open(&mut self, target: Target, text: &str) {
        self.entry = Some(Entry::new(target, text));
    }

    /// The ids the step on screen works with: the board's columns, the
    /// checklist's items or the plan's fields (none for the other steps).
    fn step_ids(&self) -> Vec<String> {
        match self.current_step().map(|s| &s.kind) {
            Some(StepKind::Board { columns, .. }) => columns.iter().map(|c| c.id.clone()).collect(),
            Some(StepKind::Checklist { items, .. }) => items.iter().map(|i| i.id.clone()).collect(),
            Some(StepKind::Plan { fields, .. }) => fields.iter().map(|f| f.id.clone()).collect(),
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
        let columns = self.step_ids();
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
        let items = self.step_ids();
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
        let fields = self.step_ids();
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
        let fields = self.step_ids();
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

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use chrono::Local;

    use super::*;
    use crate::app::{Effect, Home, Screen};
    use crate::i18n::Lang;
    use crate::programme::Programme;
    use crate::session::Roster;
    use crate::timer::FakeClock;

    fn app_at(step: usize) -> App {
        let programme = Programme::embedded();
        let roster =
            Roster { participants: Roster::parse_participants("Awa,Bruno,Chloé,Dédé"), ..Roster::default() };
        let session = Session::new("t".into(), &programme, roster, Lang::Fr, Local::now());
        let home = Screen::Home(Home::new(Vec::new()));
        let mut app = App::new(programme, Lang::Fr, Rc::new(FakeClock::default()), "s".into(), home);
        app.show_session(session, "t.json".into(), false);
        for _ in 0..step {
            app.update(Message::NextStep);
        }
        app.take_effects();
        app
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Message::Entry(EntryInput::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))));
        }
    }

    fn enter(app: &mut App, text: &str) {
        type_text(app, text);
        app.update(Message::Entry(EntryInput::Commit));
    }

    fn session(app: &App) -> &Session {
        &app.run().unwrap().session
    }

    #[test]
    fn a_note_typed_and_kept_is_saved_at_once_and_esc_keeps_nothing() {
        let mut app = app_at(2);
        app.update(Message::Add);
        type_text(&mut app, "Confiance 🤝");
        assert!(app.take_effects().is_empty(), "nothing is kept while typing");
        app.update(Message::Entry(EntryInput::Commit));
        assert!(app.entry.is_none());
        assert_eq!(app.take_effects(), [Effect::Save]);
        app.update(Message::Add);
        type_text(&mut app, "dropped");
        app.update(Message::Entry(EntryInput::Cancel));
        assert!(app.take_effects().is_empty());
        let board = session(&app).current().board.as_ref().unwrap();
        assert_eq!(board.notes.len(), 1);
        assert_eq!(board.notes[0].text, "Confiance 🤝");
    }

    #[test]
    fn pasted_text_is_cleaned_and_single_line_fields_get_no_breaks() {
        let mut app = app_at(2);
        app.update(Message::Add);
        app.update(Message::Entry(EntryInput::Paste("Un\r\nde\x1b[31mux\x07".into())));
        app.update(Message::Entry(EntryInput::Newline));
        app.update(Message::Entry(EntryInput::Commit));
        assert_eq!(session(&app).current().board.as_ref().unwrap().notes[0].text, "Un deux");
    }

    #[test]
    fn board_edit_pin_delete_and_undo_through_messages() {
        let mut app = app_at(2);
        for text in ["a", "b"] {
            app.update(Message::Add);
            enter(&mut app, text);
        }
        app.update(Message::Edit);
        assert_eq!(app.entry.as_ref().unwrap().text(), "b", "the entry starts from the note");
        enter(&mut app, "!");
        app.update(Message::Pin);
        app.update(Message::Delete);
        let texts = |app: &App| {
            session(app).current().board.as_ref().unwrap().notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>()
        };
        assert_eq!(texts(&app), ["a"]);
        app.update(Message::Undo);
        assert_eq!(texts(&app), ["a", "b!"]);
        app.update(Message::NextField);
        assert_eq!(session(&app).current().board.as_ref().unwrap().column, 1);
    }

    #[test]
    fn checklist_turns_through_messages() {
        let mut app = app_at(4);
        app.update(Message::ToggleItem);
        app.update(Message::EndTurn);
        app.update(Message::SkipTurn);
        app.update(Message::Select(2));
        app.update(Message::ToggleItem);
        app.update(Message::EndTurn);
        app.update(Message::EndTurn);
        let checklist = session(&app).current().checklist.as_ref().unwrap();
        assert!(checklist.is_finished());
        assert_eq!(checklist.answered(), 3);
        app.update(Message::ReopenTurn);
        assert_eq!(session(&app).current().checklist.as_ref().unwrap().current_turn().unwrap().participant, "Dédé");
    }

    #[test]
    fn a_new_partner_asks_for_its_one_line_next() {
        let mut app = app_at(6);
        app.update(Message::Add);
        enter(&mut app, "AMAP");
        let entry = app.entry.as_ref().expect("the description entry opens");
        assert_eq!(entry.target, Target::PlanRow(Row::PartnerDescription(0)));
        enter(&mut app, "Paniers de légumes");
        let plan = session(&app).current().plan.as_ref().unwrap();
        assert_eq!(plan.partners[0].name, "AMAP");
        assert_eq!(plan.partners[0].description, "Paniers de légumes");
    }

    #[test]
    fn plan_text_fields_take_several_lines_and_choices_cycle() {
        let mut app = app_at(6);
        app.update(Message::Select(2)); // hopes
        app.update(Message::Edit);
        type_text(&mut app, "Un marché");
        app.update(Message::Entry(EntryInput::Newline));
        enter(&mut app, "commun");
        app.update(Message::Select(-1)); // level
        app.update(Message::Edit);
        assert!(app.entry.is_none(), "a choice does not open an entry");
        let plan = session(&app).current().plan.as_ref().unwrap();
        assert_eq!(plan.answers["hopes"], "Un marché\ncommun");
        assert_eq!(plan.level.as_deref(), Some("level-share"));
    }

    fn key(app: &mut App, code: KeyCode) {
        app.update(Message::Entry(EntryInput::Key(KeyEvent::new(code, KeyModifiers::NONE))));
    }

    #[test]
    fn editing_goes_by_grapheme() {
        let mut app = app_at(2);
        app.update(Message::Add);
        // « e » + combining acute, a family emoji, a flag.
        app.update(Message::Entry(EntryInput::Paste("Caf\u{65}\u{301}👩‍👩‍👧🇧🇫x".into())));
        key(&mut app, KeyCode::Backspace); // x
        key(&mut app, KeyCode::Backspace); // the flag, whole
        key(&mut app, KeyCode::Left); // over the family, whole
        key(&mut app, KeyCode::Left); // over é, whole
        key(&mut app, KeyCode::Delete); // é, whole
        type_text(&mut app, "é");
        key(&mut app, KeyCode::Right);
        key(&mut app, KeyCode::Backspace); // the family, whole
        assert_eq!(app.entry.as_ref().unwrap().text(), "Café");
    }

    #[test]
    fn the_roster_is_edited_on_the_welcome_step() {
        let mut app = app_at(0);
        app.update(Message::Edit); // group
        enter(&mut app, "Les Colibris");
        app.update(Message::Add);
        enter(&mut app, "Émile");
        app.update(Message::Select(-1)); // Dédé
        app.update(Message::Edit);
        app.update(Message::Entry(EntryInput::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE))));
        enter(&mut app, "é D.");
        app.update(Message::Select(-3)); // Awa
        app.update(Message::Delete);
        let s = session(&app);
        assert_eq!(s.group, "Les Colibris");
        assert_eq!(s.participants, ["Bruno", "Chloé", "Dédé D.", "Émile"]);
        assert_eq!(s.steps[4].checklist.as_ref().unwrap().turns.len(), 4);
    }
}
