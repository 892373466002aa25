//! The keys of each screen: one table that turns key presses into messages,
//! fills the footer and the help overlay, so that what the help says is
//! exactly what the keys do.

pub use super::binding::Binding;
use super::binding::{
    DOWN, ENTER, EXPORT, SCROLL_DOWN, SCROLL_END, SCROLL_TOP, SCROLL_UP, UP, alt, bind, ch, ctrl, key,
};
use crate::app::{App, EntryInput, Key, KeyCode, Message, Screen};
use crate::steps::Action;

const NEXT: Binding =
    bind(&[key(KeyCode::Right), key(KeyCode::PageDown)], "key-next", "action-next", Message::NextStep, 1);
const PREVIOUS: Binding =
    bind(&[key(KeyCode::Left), key(KeyCode::PageUp)], "key-previous", "action-previous", Message::PreviousStep, 4);
const LANG: Binding = bind(&[ch('l'), ch('L')], "key-lang", "action-lang", Message::ToggleLang, 5);
const HELP: Binding = bind(&[ch('?'), key(KeyCode::F(1))], "key-help", "action-help", Message::ToggleHelp, 1);
const CLOSE: Binding = bind(&[key(KeyCode::Esc)], "key-esc", "action-close", Message::CloseOverlay, 0);
const HELP_CLOSE: Binding =
    bind(&[key(KeyCode::Esc), ch('?'), key(KeyCode::F(1))], "key-esc", "action-close", Message::CloseOverlay, 1);
const THEME: Binding = bind(&[ch('c')], "key-theme", "action-theme", Message::CycleTheme, 0);
const BLANK: Binding = bind(&[ch('b'), ch('.')], "key-blank", "action-blank", Message::ToggleBlank, 0);
const QUIT: Binding = bind(&[ch('q'), ch('Q'), ctrl('c')], "key-quit", "action-quit", Message::Quit, 1);
/// `=`: fit the steps left into the time left; Enter takes it, Esc leaves all as it was.
const FIT: Binding = bind(&[ch('=')], "key-fit", "action-fit", Message::FitPreview, 4);
const FIT_APPLY: Binding = bind(&[ENTER], "key-enter", "action-fit-apply", Message::FitApply, 1);
const FIT_CLOSE: Binding = bind(&[key(KeyCode::Esc)], "key-esc", "action-fit-close", Message::CloseOverlay, 1);
const BREAK: Binding = bind(&[ch('p'), ch('P')], "key-break", "action-break", Message::ToggleBreak, 3);
/// `g` while the line says the computer slept: that time was not the room's.
const GIVE_BACK: Binding = bind(&[ch('g'), ch('G')], "key-give-back", "action-give-back", Message::GiveBack, 1);
const BREAK_END: Binding = bind(&[ch('p'), ch('P')], "key-break", "action-break-end", Message::ToggleBreak, 1);
const BACK_HOME: Binding = bind(&[ch('q'), ch('Q'), ctrl('c')], "key-quit", "action-back-home", Message::Quit, 1);
const HOME_UP: Binding = bind(&[UP], "key-up", "action-home-up", Message::Step(Action::Select(-1)), 0);
const HOME_DOWN: Binding = bind(&[DOWN], "key-down", "action-home-down", Message::Step(Action::Select(1)), 3);
const HOME_CHOOSE: Binding = bind(&[ENTER], "key-enter", "action-home-choose", Message::HomeChoose, 2);

const READ_ONLY: Binding = bind(&[ch('r')], "key-r", "action-home-read-only", Message::HomeReadOnly, 3);
const SEARCH: Binding = bind(&[ch('/')], "key-slash", "action-home-search", Message::HomeSearch, 2);
const RENAME: Binding = bind(&[ch('n')], "key-n", "action-home-rename", Message::HomeRename, 0);
const FOLLOW_UP: Binding = bind(&[ch('f')], "key-f", "action-home-follow-up", Message::HomeFollowUp, 4);
const DELETE_SESSION: Binding =
    bind(&[ch('d'), key(KeyCode::Delete)], "key-delete", "action-home-delete", Message::HomeDelete, 0);
const TREND: Binding = bind(&[ch('t')], "key-t", "action-home-trend", Message::HomeTrend, 0);
const TREND_BACK: Binding = bind(&[key(KeyCode::Esc)], "key-esc", "action-trend-back", Message::CloseOverlay, 1);
const UNTRASH: Binding = bind(&[ch('u')], "key-undo", "action-home-untrash", Message::HomeUntrash, 1);

/// `j`: the room (phones join); with its panel shown, `j` or Esc hides it
/// and `J` closes the room.
const ROOM: Binding = bind(&[ch('j')], "key-room", "action-room", Message::ToggleRoom, 0);
const ROOM_HIDE: Binding =
    bind(&[ch('j'), key(KeyCode::Esc)], "key-room-hide", "action-room-hide", Message::ToggleRoom, 1);
const ROOM_CLOSE: Binding = bind(&[ch('J')], "key-room-close", "action-room-close", Message::CloseRoom, 1);
const MODERATION: Binding = bind(&[ch('m')], "key-moderation", "action-moderation", Message::ToggleModeration, 2);
const LET_THROUGH: Binding = bind(&[ch('v')], "key-let-through", "action-let-through", Message::LetThrough, 1);
const DROP_HELD: Binding = bind(&[ch('x')], "key-drop-held", "action-drop-held", Message::DropHeld, 2);

/// `u` after removing a participant or a partner (the board has its own).
const BRING_BACK: Binding = bind(&[ch('u')], "key-undo", "action-bring-back", Message::Step(Action::Undo), 1);

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
    if app.room.as_ref().is_some_and(|r| r.shown) && app.run().is_some() {
        let mut keys = vec![ROOM_HIDE, ROOM_CLOSE, MODERATION];
        if !app.held_notes().is_empty() {
            keys.extend([LET_THROUGH, DROP_HELD]);
        }
        keys.extend([LANG, QUIT]);
        return keys;
    }
    if let Some(fit) = &app.fit {
        let mut keys = if fit.after.is_some() { vec![FIT_APPLY] } else { Vec::new() };
        keys.extend([FIT_CLOSE, LANG, QUIT]);
        return keys;
    }
    let mut keys = bindings_under_help(app);
    if matches!(app.notice, Some(crate::app::Notice::Slept { .. })) {
        keys.insert(0, GIVE_BACK);
    }
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
        Screen::Home(_) => {
            if app.trashed.is_some() {
                keys.push(UNTRASH);
            }
            keys.extend([
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
            ]);
        }
        Screen::Trend(_) => {
            keys.extend([TREND_BACK, SCROLL_DOWN, SCROLL_UP, SCROLL_TOP, SCROLL_END, LANG, THEME, BLANK, HELP, QUIT]);
            return keys;
        }
        Screen::Session(run) if run.session.on_break.is_some() => keys.push(BREAK_END),
        Screen::Session(run) => {
            // No « next » on the last step, no « back » on the first.
            if run.session.current_step + 1 < app.programme().steps.len() {
                keys.push(NEXT);
            }
            if run.session.current_step > 0 {
                keys.push(PREVIOUS);
            }
            if let Some(step) = app.step() {
                keys.extend(super::steps::keys(&step));
            }
            if app.can_bring_back() {
                keys.push(BRING_BACK);
            }
            keys.extend([FIT, BREAK, ROOM]);
        }
    }
    keys.extend([LANG, THEME, BLANK, HELP, CLOSE]);
    // Opened from the home screen, a session is left for it, not for the shell.
    keys.push(if app.home && app.run().is_some() { BACK_HOME } else { QUIT });
    keys
}

/// The message a key press sends, if any.
pub fn message_for(app: &App, pressed: Key) -> Option<Message> {
    if app.wall {
        return wall_message_for(pressed);
    }
    let find =
        |keys: Vec<Binding>| keys.into_iter().find(|b| b.keys.iter().any(|k| k.same_as(pressed))).map(|b| b.message);
    // Reviewing, a key that would change the notes still answers: with a
    // word that nothing can change.
    let bound = find(bindings(app)).or_else(|| app.is_read_only().then(|| find(bindings_under_help(app))).flatten());
    // The digit keys of the reading name the section they go to.
    let bound = match (bound, pressed.code) {
        (Some(Message::ReadSection(_)), crate::app::KeyCode::Char(c)) => {
            c.to_digit(10).map(|d| Message::ReadSection((d as usize + 9) % 10))
        }
        (bound, _) => bound,
    };
    match (&app.entry, bound) {
        // In an entry every other key types.
        (Some(_), None) => Some(Message::Entry(EntryInput::Key(pressed))),
        // Any key brings a blanked screen back.
        (None, None) if app.blank => Some(Message::ToggleBlank),
        (_, bound) => bound,
    }
}

/// On a wall only four keys act, none of which touches the notes: quit,
/// the language, the colours, the blank screen.
fn wall_message_for(pressed: Key) -> Option<Message> {
    use crate::app::KeyCode;
    let Key { code: KeyCode::Char(c), mods } = pressed else { return None };
    match (c, mods.ctrl) {
        ('c', true) | ('q', false) => Some(Message::Quit),
        ('l', false) => Some(Message::ToggleLang),
        ('c', false) => Some(Message::CycleTheme),
        ('b' | '.', false) => Some(Message::ToggleBlank),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Home, Mods};
    use crate::i18n::{Lang, Texts};
    use crate::timer::FakeClock;
    use crate::ui::binding::{LINE_DOWN, LINE_UP};
    use std::rc::Rc;

    fn home_app() -> App {
        App::built_in(Lang::Fr, Rc::new(FakeClock::default()), Screen::Home(Home::new(Vec::new())))
    }

    fn press(code: KeyCode, mods: Mods) -> Key {
        Key::new(code, mods)
    }

    #[test]
    fn shifted_characters_and_control_c_are_recognised() {
        let app = home_app();
        assert_eq!(message_for(&app, press(KeyCode::Char('?'), Mods::SHIFT)), Some(Message::ToggleHelp));
        assert_eq!(message_for(&app, press(KeyCode::Char('c'), Mods::CTRL)), Some(Message::Quit));
        assert_eq!(message_for(&app, press(KeyCode::Char('c'), Mods::NONE)), Some(Message::CycleTheme));
        assert_eq!(message_for(&app, press(KeyCode::Char('z'), Mods::NONE)), None);
        assert_eq!(message_for(&app, press(KeyCode::F(1), Mods::NONE)), Some(Message::ToggleHelp));
    }

    /// Every binding of every screen: home, each step, the help, an entry,
    /// the trend.
    fn every_binding() -> Vec<Binding> {
        let mut all = vec![
            NEXT,
            PREVIOUS,
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
            UNTRASH,
            TREND,
            TREND_BACK,
            THEME,
            BLANK,
            BACK_HOME,
            BRING_BACK,
            BREAK,
            BREAK_END,
            FIT,
            FIT_APPLY,
            FIT_CLOSE,
            SCROLL_DOWN,
            SCROLL_UP,
            SCROLL_TOP,
            SCROLL_END,
            ROOM,
            ROOM_HIDE,
            ROOM_CLOSE,
            MODERATION,
            LET_THROUGH,
            DROP_HELD,
        ];
        let mut app = session_app();
        for _ in 0..app.programme().steps.len() {
            all.extend(bindings(&app));
            app.update(Message::NextStep);
        }
        all
    }

    #[test]
    fn every_binding_has_its_texts_in_both_languages() {
        let texts = Texts::new();
        for b in every_binding() {
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
            app.programme(),
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
        assert_eq!(message_for(&app, press(KeyCode::Char('z'), Mods::NONE)), Some(Message::ToggleBlank));
        assert_eq!(message_for(&app, press(KeyCode::PageDown, Mods::NONE)), Some(Message::ToggleBlank));
    }

    #[test]
    fn in_an_entry_keys_type_but_enter_keeps_and_esc_cancels() {
        let mut app = session_app();
        app.update(Message::Step(Action::Add));
        assert!(app.entry.is_some());
        let q = press(KeyCode::Char('q'), Mods::NONE);
        assert_eq!(message_for(&app, q), Some(Message::Entry(EntryInput::Key(q))));
        assert_eq!(message_for(&app, press(KeyCode::Enter, Mods::NONE)), Some(Message::Entry(EntryInput::Commit)));
        assert_eq!(message_for(&app, press(KeyCode::Esc, Mods::NONE)), Some(Message::Entry(EntryInput::Cancel)));
        assert_eq!(message_for(&app, press(KeyCode::Char('c'), Mods::CTRL)), Some(Message::Quit));
    }
}
