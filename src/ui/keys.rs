//! The keys of each screen: one table that turns key presses into messages,
//! fills the footer and the help overlay, so that what the help says is
//! exactly what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{App, Message, Screen};
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
#[derive(Debug, Clone, Copy)]
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

const fn bind(keys: &'static [Key], label: &'static str, action: &'static str, message: Message, footer: u8) -> Binding {
    Binding { keys, label, action, message, footer }
}

const NEXT: Binding = bind(&[key(KeyCode::Right), key(KeyCode::PageDown)], "key-next", "action-next", Message::NextStep, 1);
const PREVIOUS: Binding =
    bind(&[key(KeyCode::Left), key(KeyCode::PageUp)], "key-previous", "action-previous", Message::PreviousStep, 4);
const TIMER: Binding = bind(&[ch(' ')], "key-space", "action-timer", Message::ToggleTimer, 2);
const MORE: Binding = bind(&[ch('+'), ch('=')], "key-plus", "action-more", Message::AdjustMinutes(1), 0);
const LESS: Binding = bind(&[ch('-'), ch('_')], "key-minus", "action-less", Message::AdjustMinutes(-1), 0);
const SWAP: Binding = bind(&[key(KeyCode::Enter)], "key-enter", "action-swap", Message::NextRound, 2);
const SECTION_DOWN: Binding = bind(&[key(KeyCode::Down)], "key-down", "action-section-next", Message::NextSection, 3);
const SECTION_UP: Binding = bind(&[key(KeyCode::Up)], "key-up", "action-section-previous", Message::PreviousSection, 0);
const LANG: Binding = bind(&[ch('l'), ch('L')], "key-lang", "action-lang", Message::ToggleLang, 5);
const HELP: Binding = bind(&[ch('?'), key(KeyCode::F(1))], "key-help", "action-help", Message::ToggleHelp, 1);
const CLOSE: Binding = bind(&[key(KeyCode::Esc)], "key-esc", "action-close", Message::CloseOverlay, 0);
const HELP_CLOSE: Binding =
    bind(&[key(KeyCode::Esc), ch('?'), key(KeyCode::F(1))], "key-esc", "action-close", Message::CloseOverlay, 1);
const QUIT: Binding = bind(&[ch('q'), ch('Q'), ctrl('c')], "key-quit", "action-quit", Message::Quit, 1);
const HOME_UP: Binding = bind(&[key(KeyCode::Up)], "key-up", "action-home-up", Message::HomeUp, 0);
const HOME_DOWN: Binding = bind(&[key(KeyCode::Down)], "key-down", "action-home-down", Message::HomeDown, 3);
const HOME_CHOOSE: Binding = bind(&[key(KeyCode::Enter)], "key-enter", "action-home-choose", Message::HomeChoose, 2);

/// The keys that work on the screen as it is now: with the help open, only
/// those that close it, switch language or quit.
pub fn bindings(app: &App) -> Vec<Binding> {
    if app.help_open {
        return vec![HELP_CLOSE, LANG, QUIT];
    }
    bindings_under_help(app)
}

/// The keys of the screen itself, which the help lists.
pub fn bindings_under_help(app: &App) -> Vec<Binding> {
    let mut keys = Vec::new();
    match &app.screen {
        Screen::Home(_) => keys.extend([HOME_DOWN, HOME_UP, HOME_CHOOSE]),
        Screen::Session(run) => {
            keys.extend([NEXT, PREVIOUS]);
            let record = run.session.current();
            match app.current_step().map(|s| &s.kind) {
                Some(StepKind::TimedPairs { .. }) => {
                    keys.extend([TIMER, MORE, LESS]);
                    if record.round + 1 < record.rounds.len() {
                        keys.push(SWAP);
                    }
                }
                Some(StepKind::Reading { .. }) => keys.extend([TIMER, MORE, LESS, SECTION_DOWN, SECTION_UP]),
                _ => {}
            }
        }
    }
    keys.extend([LANG, HELP, CLOSE, QUIT]);
    keys
}

/// The message a key press sends, if any.
pub fn message_for(app: &App, event: KeyEvent) -> Option<Message> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    bindings(app).into_iter().find(|b| b.keys.iter().any(|k| matches(*k, event))).map(|b| b.message)
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
        let home = Screen::Home(Home { entries: Vec::new(), selected: 0 });
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
        assert_eq!(message_for(&app, press(KeyCode::Char('c'), KeyModifiers::NONE)), None);
        assert_eq!(message_for(&app, press(KeyCode::F(1), KeyModifiers::NONE)), Some(Message::ToggleHelp));
    }

    #[test]
    fn every_binding_has_its_texts_in_both_languages() {
        let texts = Texts::new();
        let app = home_app();
        let all = [NEXT, PREVIOUS, TIMER, MORE, LESS, SWAP, SECTION_DOWN, SECTION_UP, LANG, HELP, CLOSE, QUIT, HOME_UP, HOME_DOWN, HOME_CHOOSE];
        for b in all.iter().chain(bindings(&app).iter()) {
            for lang in Lang::ALL {
                assert!(texts.has(lang, b.label, None), "{lang} {}", b.label);
                assert!(texts.has(lang, b.action, None), "{lang} {}", b.action);
                assert!(texts.has(lang, b.action, Some("short")), "{lang} {}.short", b.action);
            }
        }
    }

    #[test]
    fn no_two_bindings_of_a_screen_share_a_key() {
        let app = home_app();
        let keys: Vec<Key> = bindings(&app).iter().flat_map(|b| b.keys.iter().copied()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} bound twice");
        }
    }
}
