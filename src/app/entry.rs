//! The text entry that the steps share (a note, a name, an answer of the
//! plan) and the home screen's search and renaming.
//!
//! A change is kept (and saved) when Enter is pressed in an entry; Esc
//! drops it.

use std::path::PathBuf;

use ratatui_textarea::{CursorMove, DataCursor, Input, TextArea, WrapMode};
use unicode_segmentation::UnicodeSegmentation;

use super::{App, Key, KeyCode};
use crate::steps::{self, Field, Outcome};
use crate::text::sanitize_input;

/// What an entry is typing into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A field of the step on screen.
    Step(Field),
    /// The search of the home screen.
    Search,
    /// Another group name for a past session.
    Rename(PathBuf),
}

impl Target {
    /// Fields that take several lines (Alt+Enter breaks a line).
    pub fn is_multiline(&self) -> bool {
        match self {
            Target::Step(field) => field.is_multiline(),
            Target::Search | Target::Rename(_) => false,
        }
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
    fn input(&mut self, key: Key) {
        if key.mods.ctrl || key.mods.alt {
            self.textarea.input(textarea_input(key));
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
                self.textarea.input(textarea_input(key));
            }
        }
    }
}

/// The text area's own name for a key.
fn textarea_input(key: Key) -> Input {
    use ratatui_textarea::Key as K;
    let code = match key.code {
        KeyCode::Char(c) => K::Char(c),
        KeyCode::Enter => K::Enter,
        KeyCode::Esc => K::Esc,
        KeyCode::Backspace => K::Backspace,
        KeyCode::Delete => K::Delete,
        KeyCode::Tab | KeyCode::BackTab => K::Tab,
        KeyCode::Left => K::Left,
        KeyCode::Right => K::Right,
        KeyCode::Up => K::Up,
        KeyCode::Down => K::Down,
        KeyCode::Home => K::Home,
        KeyCode::End => K::End,
        KeyCode::PageUp => K::PageUp,
        KeyCode::PageDown => K::PageDown,
        KeyCode::F(n) => K::F(n),
    };
    Input { key: code, ctrl: key.mods.ctrl, alt: key.mods.alt, shift: key.mods.shift }
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
    Key(Key),
    Paste(String),
    /// Alt+Enter: a line break, in the fields that take several lines.
    Newline,
    /// Enter: keep the text.
    Commit,
    /// Esc: drop the text.
    Cancel,
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
                match &entry.target {
                    Target::Step(field) => {
                        let outcome = self.keep(field, &text);
                        self.follow(outcome);
                    }
                    Target::Search | Target::Rename(_) => self.keep_on_home(&entry.target, &text),
                }
            }
        }
    }

    /// Puts the text of an entry where it belongs, in the step on screen.
    fn keep(&mut self, field: &Field, text: &str) -> Outcome {
        let workshop = std::rc::Rc::clone(&self.workshop);
        let Some(run) = self.run_mut() else { return Outcome::default() };
        let session = &mut run.session;
        let Some(step) = workshop.programme.steps.get(session.current_step) else { return Outcome::default() };
        let record = &mut session.steps[session.current_step];
        match steps::pair_mut(&step.kind, &mut record.state) {
            Some(pair) => steps::keep(pair, &mut session.roster, field, text),
            None => Outcome::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use chrono::Local;

    use super::*;
    use crate::app::{Effect, Home, Message, Screen};
    use crate::i18n::Lang;
    use crate::session::{Roster, Session};
    use crate::steps::plan::Row;
    use crate::steps::{Action, board, info, plan};
    use crate::timer::FakeClock;

    fn app_at(step: usize) -> App {
        let roster =
            Roster { participants: Roster::parse_participants("Awa,Bruno,Chloé,Dédé"), ..Roster::default() };
        let home = Screen::Home(Home::new(Vec::new()));
        let mut app = App::built_in(Lang::Fr, Rc::new(FakeClock::default()), home);
        let session = Session::new("t".into(), app.programme(), roster, Lang::Fr, Local::now());
        app.show_session(session, "t.json".into(), false);
        for _ in 0..step {
            app.update(Message::NextStep);
        }
        app.take_effects();
        app
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Message::Entry(EntryInput::Key(Key::char(c))));
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
        app.update(Message::Step(Action::Add));
        type_text(&mut app, "Confiance 🤝");
        assert!(app.take_effects().is_empty(), "nothing is kept while typing");
        app.update(Message::Entry(EntryInput::Commit));
        assert!(app.entry.is_none());
        assert_eq!(app.take_effects(), [Effect::Save]);
        app.update(Message::Step(Action::Add));
        type_text(&mut app, "dropped");
        app.update(Message::Entry(EntryInput::Cancel));
        assert!(app.take_effects().is_empty());
        let board = session(&app).current().state.as_board().unwrap();
        assert_eq!(board.notes().len(), 1);
        assert_eq!(board.notes()[0].text, "Confiance 🤝");
    }

    #[test]
    fn pasted_text_is_cleaned_and_single_line_fields_get_no_breaks() {
        let mut app = app_at(2);
        app.update(Message::Step(Action::Add));
        app.update(Message::Entry(EntryInput::Paste("Un\r\nde\x1b[31mux\x07".into())));
        app.update(Message::Entry(EntryInput::Newline));
        app.update(Message::Entry(EntryInput::Commit));
        assert_eq!(session(&app).current().state.as_board().unwrap().notes()[0].text, "Un deux");
    }

    #[test]
    fn board_edit_pin_delete_and_undo_through_messages() {
        let mut app = app_at(2);
        for text in ["a", "b"] {
            app.update(Message::Step(Action::Add));
            enter(&mut app, text);
        }
        app.update(Message::Step(Action::Edit));
        assert_eq!(app.entry.as_ref().unwrap().text(), "b", "the entry starts from the note");
        enter(&mut app, "!");
        app.update(Message::Step(Action::Pin));
        app.update(Message::Step(Action::Delete));
        let texts = |app: &App| {
            session(app).current().state.as_board().unwrap().notes().iter().map(|n| n.text.clone()).collect::<Vec<_>>()
        };
        assert_eq!(texts(&app), ["a"]);
        app.update(Message::Step(Action::Undo));
        assert_eq!(texts(&app), ["a", "b!"]);
        app.update(Message::Step(Action::NextField));
        assert_eq!(session(&app).current().state.as_board().unwrap().column, 1);
    }

    #[test]
    fn checklist_turns_through_messages() {
        let mut app = app_at(4);
        app.update(Message::Step(Action::ToggleItem));
        app.update(Message::Step(Action::EndTurn));
        app.update(Message::Step(Action::SkipTurn));
        app.update(Message::Step(Action::Select(2)));
        app.update(Message::Step(Action::ToggleItem));
        app.update(Message::Step(Action::EndTurn));
        app.update(Message::Step(Action::EndTurn));
        let checklist = session(&app).current().state.as_checklist().unwrap();
        assert!(checklist.is_finished());
        assert_eq!(checklist.answered(), 3);
        app.update(Message::Step(Action::ReopenTurn));
        assert_eq!(session(&app).current().state.as_checklist().unwrap().current_turn().unwrap().participant, "Dédé");
    }

    #[test]
    fn a_new_partner_asks_for_its_one_line_next() {
        let mut app = app_at(6);
        app.update(Message::Step(Action::Add));
        enter(&mut app, "AMAP");
        let entry = app.entry.as_ref().expect("the description entry opens");
        assert_eq!(entry.target, Target::Step(Field::Plan(plan::Field::Row(Row::PartnerDescription(0)))));
        enter(&mut app, "Paniers de légumes");
        let p = session(&app).current().state.as_plan().unwrap();
        assert_eq!(p.partners[0].name, "AMAP");
        assert_eq!(p.partners[0].description, "Paniers de légumes");
    }

    #[test]
    fn plan_text_fields_take_several_lines_and_choices_cycle() {
        let mut app = app_at(6);
        app.update(Message::Step(Action::Select(2))); // hopes
        app.update(Message::Step(Action::Edit));
        type_text(&mut app, "Un marché");
        app.update(Message::Entry(EntryInput::Newline));
        enter(&mut app, "commun");
        app.update(Message::Step(Action::Select(-1))); // level
        app.update(Message::Step(Action::Edit));
        assert!(app.entry.is_none(), "a choice does not open an entry");
        let p = session(&app).current().state.as_plan().unwrap();
        assert_eq!(p.answers["hopes"], "Un marché\ncommun");
        assert_eq!(p.choice("level"), Some("share"), "saved as the programme's option id");
    }

    fn key(app: &mut App, code: KeyCode) {
        let _ = (board::Field::Note, info::Field::Group);
        app.update(Message::Entry(EntryInput::Key(Key::plain(code))));
    }

    #[test]
    fn editing_goes_by_grapheme() {
        let mut app = app_at(2);
        app.update(Message::Step(Action::Add));
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
        app.update(Message::Step(Action::Edit)); // group
        enter(&mut app, "Les Colibris");
        app.update(Message::Step(Action::Add));
        enter(&mut app, "Émile");
        app.update(Message::Step(Action::Select(-1))); // Dédé
        app.update(Message::Step(Action::Edit));
        app.update(Message::Entry(EntryInput::Key(Key::plain(KeyCode::Backspace))));
        enter(&mut app, "é D.");
        app.update(Message::Step(Action::Select(-3))); // Awa
        app.update(Message::Step(Action::Delete));
        let s = session(&app);
        assert_eq!(s.roster.group, "Les Colibris");
        assert_eq!(s.roster.participants, ["Bruno", "Chloé", "Dédé D.", "Émile"]);
        assert_eq!(s.steps[4].state.as_checklist().unwrap().turns.len(), 4);
    }

    #[test]
    fn several_names_typed_at_once_add_several_people() {
        let mut app = app_at(0);
        app.update(Message::Step(Action::Add));
        enter(&mut app, "Émile, Fatou ; Gilles");
        assert_eq!(session(&app).roster.participants, ["Awa", "Bruno", "Chloé", "Dédé", "Émile", "Fatou", "Gilles"]);
        assert_eq!(session(&app).steps[4].state.as_checklist().unwrap().turns.len(), 7);
    }

    #[test]
    fn a_removed_participant_comes_back_with_u_answers_included() {
        let mut app = app_at(4);
        app.update(Message::Step(Action::ToggleItem)); // Awa ticks the first item
        app.update(Message::Step(Action::EndTurn));
        for _ in 0..4 {
            app.update(Message::PreviousStep);
        }
        app.update(Message::Step(Action::Select(2))); // Awa
        app.update(Message::Step(Action::Delete));
        assert_eq!(session(&app).roster.participants, ["Bruno", "Chloé", "Dédé"]);
        assert_eq!(app.notice, Some(crate::app::Notice::Removed("Awa".into())));
        app.take_effects();
        app.update(Message::Step(Action::Undo));
        assert_eq!(app.take_effects(), [Effect::Save], "brought back on disk too");
        assert_eq!(session(&app).roster.participants, ["Awa", "Bruno", "Chloé", "Dédé"]);
        let turn = &session(&app).steps[4].state.as_checklist().unwrap().turns[0];
        assert_eq!((turn.participant.as_str(), turn.ticked.len()), ("Awa", 1), "her answers with her");
        assert!(app.notice.is_none());
        app.update(Message::Step(Action::Undo));
        assert_eq!(session(&app).roster.participants.len(), 4, "once");
    }

    #[test]
    fn a_removed_partner_comes_back_unless_the_plan_changed_since() {
        let mut app = app_at(6);
        for name in ["AMAP", "Repair Café"] {
            app.update(Message::Step(Action::Add));
            enter(&mut app, name);
            app.update(Message::Entry(EntryInput::Cancel));
        }
        app.update(Message::Step(Action::Delete)); // the cursor is on Repair Café's line
        assert_eq!(app.notice, Some(crate::app::Notice::Removed("Repair Café".into())));
        app.update(Message::Step(Action::Undo));
        assert_eq!(session(&app).steps[6].state.as_plan().unwrap().partners.len(), 2);
        app.update(Message::Step(Action::Delete));
        app.update(Message::Step(Action::Add));
        enter(&mut app, "Jardins");
        app.update(Message::Entry(EntryInput::Cancel));
        app.update(Message::Step(Action::Undo));
        let names: Vec<String> =
            session(&app).steps[6].state.as_plan().unwrap().partners.iter().map(|p| p.name.clone()).collect();
        assert_eq!(names, ["AMAP", "Jardins"], "u never undoes a later change");
    }

    #[test]
    fn a_deleted_note_says_so_and_the_board_takes_it_back() {
        let mut app = app_at(2);
        app.update(Message::Step(Action::Add));
        enter(&mut app, "Confiance");
        app.update(Message::Step(Action::Delete));
        assert_eq!(app.notice, Some(crate::app::Notice::Removed("Confiance".into())));
        app.update(Message::Step(Action::Undo));
        assert_eq!(session(&app).current().state.as_board().unwrap().notes().len(), 1);
    }
}
