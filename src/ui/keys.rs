//! The keys of each screen: one table that turns key presses into messages,
//! fills the footer and the help overlay, so that what the help says is
//! exactly what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{App, EntryInput, Message, Screen};
use crate::programme::StepKind;

/// A key, with the modifiers that must be held (Shift is ignored for
/// characters: `+` and `?` need it on many keyboards).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn key(code: KeyCode) -> Key {
    Key(code, KeyModifiers::NONE)
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// One line of the help: the keys, what they do, and the message sent.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    /// Fluent id of the keys' label (`→ PgDn`).
    pub label: &'static str,
    /// Fluent id of what the keys do; its `.short` attribute is the footer's
    /// wording.
    pub action: &'static str,
    pub message: Message,
    /// Whether the footer shows it, and how much it matters there: 1 is
    /// kept first on a narrow screen; 0 is help only.
    pub footer: u8,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    action: &'static str,
    message: Message,
    footer: u8,
) -> Binding {
    Binding { keys, label, action, message, footer }
}

const fn shift(code: KeyCode) -> Key {
    Key(code, KeyModifiers::SHIFT)
}

const fn alt(code: KeyCode) -> Key {
    Key(code, KeyModifiers::ALT)
}

const UP: Key = key(KeyCode::Up);
const DOWN: Key = key(KeyCode::Down);
const ENTER: Key = key(KeyCode::Enter);

const NEXT: Binding =
    bind(&[key(KeyCode::Right), key(KeyCode::PageDown)], "key-next", "action-next", Message::NextStep, 1);
const PREVIOUS: Binding =
    bind(&[key(KeyCode::Left), key(KeyCode::PageUp)], "key-previous", "action-previous", Message::PreviousStep, 4);
const TIMER: Binding = bind(&[ch(' ')], "key-space", "action-timer", Message::ToggleTimer, 2);
const MORE: Binding = bind(&[ch('+'), ch('=')], "key-plus", "action-more", Message::AdjustMinutes(1), 0);
const LESS: Binding = bind(&[ch('-'), ch('_')], "key-minus", "action-less", Message::AdjustMinutes(-1), 0);
const SWAP: Binding = bind(&[ENTER], "key-enter", "action-swap", Message::NextRound, 2);
const SECTION_DOWN: Binding = bind(&[DOWN], "key-down", "action-section-next", Message::Select(1), 3);
const SECTION_UP: Binding = bind(&[UP], "key-up", "action-section-previous", Message::Select(-1), 0);
const LANG: Binding = bind(&[ch('l'), ch('L')], "key-lang", "action-lang", Message::ToggleLang, 5);
const HELP: Binding = bind(&[ch('?'), key(KeyCode::F(1))], "key-help", "action-help", Message::ToggleHelp, 1);
const CLOSE: Binding = bind(&[key(KeyCode::Esc)], "key-esc", "action-close", Message::CloseOverlay, 0);
const HELP_CLOSE: Binding =
    bind(&[key(KeyCode::Esc), ch('?'), key(KeyCode::F(1))], "key-esc", "action-close", Message::CloseOverlay, 1);
const THEME: Binding = bind(&[ch('c')], "key-theme", "action-theme", Message::CycleTheme, 0);
const BLANK: Binding = bind(&[ch('b'), ch('.')], "key-blank", "action-blank", Message::ToggleBlank, 0);
const QUIT: Binding = bind(&[ch('q'), ch('Q'), ctrl('c')], "key-quit", "action-quit", Message::Quit, 1);
const HOME_UP: Binding = bind(&[UP], "key-up", "action-home-up", Message::Select(-1), 0);
const HOME_DOWN: Binding = bind(&[DOWN], "key-down", "action-home-down", Message::Select(1), 3);
const HOME_CHOOSE: Binding = bind(&[ENTER], "key-enter", "action-home-choose", Message::HomeChoose, 2);

const READ_ONLY: Binding = bind(&[ch('r')], "key-r", "action-home-read-only", Message::HomeReadOnly, 3);
const SEARCH: Binding = bind(&[ch('/')], "key-slash", "action-home-search", Message::HomeSearch, 2);
const RENAME: Binding = bind(&[ch('n')], "key-n", "action-home-rename", Message::HomeRename, 0);
const FOLLOW_UP: Binding = bind(&[ch('f')], "key-f", "action-home-follow-up", Message::HomeFollowUp, 4);
const DELETE_SESSION: Binding =
    bind(&[ch('d'), key(KeyCode::Delete)], "key-delete", "action-home-delete", Message::HomeDelete, 0);
const EXPORT: Binding = bind(&[ch('x')], "key-x", "action-export", Message::Export, 3);
const TREND: Binding = bind(&[ch('t')], "key-t", "action-home-trend", Message::HomeTrend, 0);
const TREND_BACK: Binding = bind(&[key(KeyCode::Esc)], "key-esc", "action-trend-back", Message::CloseOverlay, 1);
const CONFIRM: Binding = bind(&[ch('o'), ch('y'), ENTER], "key-yes", "action-confirm", Message::Confirm, 1);
const DISMISS: Binding = bind(&[ch('n'), key(KeyCode::Esc)], "key-no", "action-dismiss", Message::Dismiss, 1);

// Lists of lines: the roster, the board's notes, the plan's rows.
const LINE_UP: Binding = bind(&[UP], "key-up", "action-line-up", Message::Select(-1), 0);
const LINE_DOWN: Binding = bind(&[DOWN], "key-down", "action-line-down", Message::Select(1), 0);
const EDIT: Binding = bind(&[ENTER, ch('e')], "key-edit", "action-edit", Message::Edit, 2);
const ADD_PARTICIPANT: Binding = bind(&[ch('a')], "key-add", "action-add-participant", Message::Add, 2);
const REMOVE_PARTICIPANT: Binding =
    bind(&[ch('d'), key(KeyCode::Delete)], "key-delete", "action-remove-participant", Message::Delete, 0);

const NEXT_COLUMN: Binding = bind(&[key(KeyCode::Tab)], "key-tab", "action-next-column", Message::NextField, 3);
const ADD_NOTE: Binding = bind(&[ch('a')], "key-add", "action-add-note", Message::Add, 1);
const EDIT_NOTE: Binding = bind(&[ch('e'), ENTER], "key-edit-note", "action-edit-note", Message::Edit, 0);
const DELETE_NOTE: Binding =
    bind(&[ch('d'), key(KeyCode::Delete)], "key-delete", "action-delete-note", Message::Delete, 0);
const PIN: Binding = bind(&[ch('*')], "key-pin", "action-pin", Message::Pin, 2);
const UNDO: Binding = bind(&[ch('u')], "key-undo", "action-undo", Message::Undo, 3);
const MOVE_UP: Binding = bind(&[shift(KeyCode::Up), ch('K')], "key-move-up", "action-move-up", Message::Reorder(-1), 0);
const MOVE_DOWN: Binding =
    bind(&[shift(KeyCode::Down), ch('J')], "key-move-down", "action-move-down", Message::Reorder(1), 0);

const ITEM_UP: Binding = bind(&[UP], "key-up", "action-item-up", Message::Select(-1), 0);
const ITEM_DOWN: Binding = bind(&[DOWN], "key-down", "action-item-down", Message::Select(1), 3);
const TICK: Binding = bind(&[ch(' ')], "key-space", "action-tick", Message::ToggleItem, 1);
const END_TURN: Binding = bind(&[ENTER], "key-enter", "action-end-turn", Message::EndTurn, 1);
const SKIP_TURN: Binding = bind(&[ch('s')], "key-skip", "action-skip-turn", Message::SkipTurn, 4);
const REOPEN_TURN: Binding = bind(&[ch('p')], "key-reopen", "action-reopen-turn", Message::ReopenTurn, 0);
const PRIVATE: Binding = bind(&[ch('v')], "key-private", "action-private", Message::TogglePrivate, 0);

const NEXT_ROW: Binding = bind(&[key(KeyCode::Tab)], "key-tab", "action-next-row", Message::NextField, 0);
const PLAN_EDIT: Binding = bind(&[ENTER, ch('e')], "key-edit", "action-plan-edit", Message::Edit, 1);
const CHOOSE: Binding = bind(&[ch(' ')], "key-space", "action-choose", Message::ToggleItem, 0);
const ADD_PARTNER: Binding = bind(&[ch('a')], "key-add", "action-add-partner", Message::Add, 2);
const REMOVE_PARTNER: Binding =
    bind(&[ch('d'), key(KeyCode::Delete)], "key-delete", "action-remove-partner", Message::Delete, 0);
const SHORTLIST: Binding = bind(&[ch('*')], "key-pin", "action-shortlist", Message::Pin, 0);

/// The keys of a text entry: listed in the footer and the help; the
/// others type.
const KEEP: Binding = bind(&[ENTER], "key-enter", "action-keep", Message::Entry(EntryInput::Commit), 1);
const NEWLINE: Binding =
    bind(&[alt(KeyCode::Enter)], "key-alt-enter", "action-newline", Message::Entry(EntryInput::Newline), 2);
const CANCEL: Binding = bind(&[key(KeyCode::Esc)], "key-esc", "action-cancel", Message::Entry(EntryInput::Cancel), 1);
const QUIT_FROM_ENTRY: Binding = bind(&[ctrl('c')], "key-ctrl-c", "action-quit", Message::Quit, 0);

/// The keys that work on the screen as it is now: with the help open, only
/// those that close it, switch language or quit; in a text entry, those
/// that keep, break a line or cancel.
pub fn bindings(app: &App) -> Vec<Binding> {
    if let Some(entry) = &app.entry {
        let mut keys = vec![KEEP];
        if entry.target.is_multiline() {
            keys.push(NEWLINE);
        }
        keys.extend([CANCEL, QUIT_FROM_ENTRY]);
        return keys;
    }
    if app.blank {
        return vec![BLANK];
    }
    if app.help_open {
        return vec![HELP_CLOSE, LANG, QUIT];
    }
    if matches!(&app.screen, Screen::Home(home) if home.confirm_delete) {
        return vec![CONFIRM, DISMISS];
    }
    let mut keys = bindings_under_help(app);
    // Reviewing, the keys that would change the notes are not offered.
    if app.is_read_only() {
        keys.retain(|b| !crate::app::changes_notes(&b.message));
    }
    keys
}

/// The keys of the screen itself, which the help lists.
pub fn bindings_under_help(app: &App) -> Vec<Binding> {
    let mut keys = Vec::new();
    match &app.screen {
        Screen::Home(_) => keys.extend([
            HOME_DOWN,
            HOME_UP,
            HOME_CHOOSE,
            READ_ONLY,
            SEARCH,
            RENAME,
            FOLLOW_UP,
            DELETE_SESSION,
            EXPORT,
            TREND,
        ]),
        Screen::Trend(_) => {
            keys.extend([TREND_BACK, LINE_DOWN, LINE_UP, LANG, THEME, BLANK, HELP, QUIT]);
            return keys;
        }
        Screen::Session(run) => {
            keys.extend([NEXT, PREVIOUS]);
            let record = run.session.current();
            match app.current_step().map(|s| &s.kind) {
                Some(StepKind::Info { .. }) => {
                    keys.extend([LINE_DOWN, LINE_UP, EDIT, ADD_PARTICIPANT, REMOVE_PARTICIPANT])
                }
                Some(StepKind::TimedPairs { .. }) => {
                    keys.extend([TIMER, MORE, LESS]);
                    if record.round + 1 < record.rounds.len() {
                        keys.push(SWAP);
                    }
                }
                Some(StepKind::Reading { .. }) => keys.extend([TIMER, MORE, LESS, SECTION_DOWN, SECTION_UP]),
                Some(StepKind::Board { .. }) => keys.extend([
                    ADD_NOTE,
                    NEXT_COLUMN,
                    LINE_DOWN,
                    LINE_UP,
                    EDIT_NOTE,
                    DELETE_NOTE,
                    PIN,
                    UNDO,
                    MOVE_UP,
                    MOVE_DOWN,
                ]),
                Some(StepKind::Checklist { .. }) => {
                    let finished = record.checklist.as_ref().is_some_and(|c| c.is_finished());
                    if !finished {
                        keys.extend([TICK, END_TURN, ITEM_DOWN, ITEM_UP, SKIP_TURN]);
                    }
                    keys.extend([REOPEN_TURN, PRIVATE]);
                }
                Some(StepKind::Plan { .. }) => keys.extend([
                    LINE_DOWN,
                    LINE_UP,
                    NEXT_ROW,
                    PLAN_EDIT,
                    CHOOSE,
                    ADD_PARTNER,
                    REMOVE_PARTNER,
                    SHORTLIST,
                ]),
                Some(StepKind::Summary { .. }) => keys.push(EXPORT),
                None => {}
            }
        }
    }
    keys.extend([LANG, THEME, BLANK, HELP, CLOSE, QUIT]);
    keys
}

/// The message a key press sends, if any.
pub fn message_for(app: &App, event: KeyEvent) -> Option<Message> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let find =
        |keys: Vec<Binding>| keys.into_iter().find(|b| b.keys.iter().any(|k| matches(*k, event))).map(|b| b.message);
    // Reviewing, a key that would change the notes still answers: with a
    // word that nothing can change.
    let bound = find(bindings(app)).or_else(|| app.is_read_only().then(|| find(bindings_under_help(app))).flatten());
    match (&app.entry, bound) {
        // In an entry every other key types.
        (Some(_), None) => Some(Message::Entry(EntryInput::Key(event))),
        // Any key brings a blanked screen back.
        (None, None) if app.blank => Some(Message::ToggleBlank),
        // A question is answered no by any other key.
        (None, None) if matches!(&app.screen, Screen::Home(home) if home.confirm_delete) => Some(Message::Dismiss),
        (_, bound) => bound,
    }
}

fn matches(key: Key, event: KeyEvent) -> bool {
    let mut modifiers = event.modifiers;
    if matches!(event.code, KeyCode::Char(_)) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    key.0 == event.code && key.1 == modifiers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Home;
    use crate::i18n::{Lang, Texts};
    use crate::programme::Programme;
    use crate::timer::FakeClock;
    use std::rc::Rc;

    fn home_app() -> App {
        let home = Screen::Home(Home::new(Vec::new()));
        App::new(Programme::embedded(), Lang::Fr, Rc::new(FakeClock::default()), "s".into(), home)
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_characters_and_control_c_are_recognised() {
        let app = home_app();
        assert_eq!(message_for(&app, press(KeyCode::Char('?'), KeyModifiers::SHIFT)), Some(Message::ToggleHelp));
        assert_eq!(message_for(&app, press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Message::Quit));
        assert_eq!(message_for(&app, press(KeyCode::Char('c'), KeyModifiers::NONE)), Some(Message::CycleTheme));
        assert_eq!(message_for(&app, press(KeyCode::Char('z'), KeyModifiers::NONE)), None);
        assert_eq!(message_for(&app, press(KeyCode::F(1), KeyModifiers::NONE)), Some(Message::ToggleHelp));
    }

    #[test]
    fn every_binding_has_its_texts_in_both_languages() {
        let texts = Texts::new();
        let app = home_app();
        let all = [
            NEXT,
            PREVIOUS,
            TIMER,
            MORE,
            LESS,
            SWAP,
            SECTION_DOWN,
            SECTION_UP,
            LANG,
            HELP,
            CLOSE,
            HELP_CLOSE,
            QUIT,
            HOME_UP,
            HOME_DOWN,
            HOME_CHOOSE,
            LINE_UP,
            LINE_DOWN,
            EDIT,
            ADD_PARTICIPANT,
            REMOVE_PARTICIPANT,
            NEXT_COLUMN,
            ADD_NOTE,
            EDIT_NOTE,
            DELETE_NOTE,
            PIN,
            UNDO,
            MOVE_UP,
            MOVE_DOWN,
            ITEM_UP,
            ITEM_DOWN,
            TICK,
            END_TURN,
            SKIP_TURN,
            REOPEN_TURN,
            PRIVATE,
            NEXT_ROW,
            PLAN_EDIT,
            CHOOSE,
            ADD_PARTNER,
            REMOVE_PARTNER,
            SHORTLIST,
            KEEP,
            NEWLINE,
            CANCEL,
            QUIT_FROM_ENTRY,
            READ_ONLY,
            SEARCH,
            RENAME,
            FOLLOW_UP,
            DELETE_SESSION,
            EXPORT,
            CONFIRM,
            DISMISS,
            TREND,
            TREND_BACK,
            THEME,
            BLANK,
        ];
        for b in all.iter().chain(bindings(&app).iter()) {
            for lang in Lang::ALL {
                assert!(texts.has(lang, b.label, None), "{lang} {}", b.label);
                assert!(texts.has(lang, b.action, None), "{lang} {}", b.action);
                assert!(texts.has(lang, b.action, Some("short")), "{lang} {}.short", b.action);
            }
        }
    }

    fn assert_no_key_bound_twice(app: &App) {
        let keys: Vec<Key> = bindings(app).iter().flat_map(|b| b.keys.iter().copied()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} bound twice");
        }
    }

    /// The app on the first step of a fresh session.
    fn session_app() -> App {
        let mut app = home_app();
        let session = crate::session::Session::new(
            "k".into(),
            &app.programme,
            crate::session::Roster::default(),
            Lang::Fr,
            chrono::Local::now(),
        );
        app.show_session(session, "k.json".into(), false);
        app
    }

    #[test]
    fn no_two_bindings_of_a_screen_share_a_key() {
        assert_no_key_bound_twice(&home_app());
        let mut app = session_app();
        for _ in 0..8 {
            assert_no_key_bound_twice(&app);
            app.update(Message::ToggleHelp);
            assert_no_key_bound_twice(&app);
            app.update(Message::ToggleHelp);
            app.update(Message::NextStep);
        }
    }

    #[test]
    fn a_blanked_screen_comes_back_with_any_key() {
        let mut app = home_app();
        app.update(Message::ToggleBlank);
        assert_eq!(message_for(&app, press(KeyCode::Char('z'), KeyModifiers::NONE)), Some(Message::ToggleBlank));
        assert_eq!(message_for(&app, press(KeyCode::PageDown, KeyModifiers::NONE)), Some(Message::ToggleBlank));
    }

    #[test]
    fn in_an_entry_keys_type_but_enter_keeps_and_esc_cancels() {
        let mut app = session_app();
        app.update(Message::Add);
        assert!(app.entry.is_some());
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(message_for(&app, q), Some(Message::Entry(EntryInput::Key(q))));
        assert_eq!(
            message_for(&app, press(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Message::Entry(EntryInput::Commit))
        );
        assert_eq!(
            message_for(&app, press(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Message::Entry(EntryInput::Cancel))
        );
        assert_eq!(message_for(&app, press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Message::Quit));
    }
}
