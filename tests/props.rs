//! Property tests: random keys, pastes, resizes and passing time over every
//! step never panic, and what is saved loads back the same.

use std::rc::Rc;
use std::time::Duration;

use atelier::app::{App, EntryInput, Home, Key, KeyCode, Message, Mods, Screen};
use atelier::i18n::Lang;
use atelier::session::{Roster, Session};
use atelier::store::Store;
use atelier::timer::{Clock, FakeClock};
use chrono::Local;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[derive(Debug, Clone)]
enum Action {
    Key(KeyCode, Mods),
    Paste(String),
    Resize(u16, u16),
    Wait(u64),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => prop::sample::select(vec![
            KeyCode::Right, KeyCode::Left, KeyCode::Up, KeyCode::Down, KeyCode::PageDown, KeyCode::PageUp,
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::Backspace, KeyCode::Delete, KeyCode::F(1),
            KeyCode::Home, KeyCode::End,
        ]),
        // The letters and signs that act on some screen, and a few that type.
        6 => prop::sample::select(vec![' ', 'a', 'e', 'd', '*', 'u', 's', 'p', 'v', '+', '-', 'l', '?', 'K', 'J', 'x', 'é'])
            .prop_map(KeyCode::Char),
    ]
}

fn modifiers() -> impl Strategy<Value = Mods> {
    prop_oneof![
        8 => Just(Mods::NONE),
        1 => Just(Mods::SHIFT),
        1 => Just(Mods::ALT),
    ]
}

/// Pasted text: ordinary words, and the hostile kind.
fn pasted() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zéèàç ]{0,30}",
        Just("ligne un\r\nligne deux\rtrois".to_string()),
        Just("\u{1b}[2J\u{1b}]0;title\u{7}\u{9b}31m\u{202e}evil".to_string()),
        Just("👩‍👩‍👧 🇧🇫 e\u{301} 合作".to_string()),
        Just("x".repeat(5_000)),
        any::<String>(),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        12 => (key_code(), modifiers()).prop_map(|(c, m)| Action::Key(c, m)),
        2 => pasted().prop_map(Action::Paste),
        1 => (1u16..200, 1u16..70).prop_map(|(w, h)| Action::Resize(w, h)),
        2 => (0u64..400_000).prop_map(Action::Wait),
    ]
}

fn new_app(clock: &FakeClock) -> App {
    let roster = Roster { participants: Roster::parse_participants("Awa,Bruno,Chloé"), ..Roster::default() };
    let home = Screen::Home(Home::new(Vec::new()));
    let mut app = App::built_in(Lang::Fr, Rc::new(clock.clone()), home);
    let session =
        Session::new("2026-11-21-partnerships-prop00".into(), app.programme(), roster, Lang::Fr, Local::now());
    app.show_session(session, "s.json".into(), false);
    app
}

fn apply(app: &mut App, clock: &FakeClock, action: &Action) {
    match action {
        Action::Key(code, modifiers) => {
            if let Some(message) = atelier::ui::keys::message_for(app, Key::new(*code, *modifiers)) {
                // Quitting is the end of a run, not of the test.
                if message != Message::Quit {
                    app.update(message);
                }
            }
        }
        Action::Paste(text) => {
            if app.entry.is_some() {
                app.update(Message::Entry(EntryInput::Paste(text.clone())));
            }
        }
        Action::Wait(ms) => {
            clock.advance(Duration::from_millis(*ms));
            app.update(Message::Tick);
        }
        Action::Resize(..) => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_use_never_panics_and_saves_what_loads_back(
        start in 0usize..8,
        actions in prop::collection::vec(action(), 1..120),
    ) {
        let clock = FakeClock::default();
        let mut app = new_app(&clock);
        for _ in 0..start {
            app.update(Message::NextStep);
        }
        let mut size = (100u16, 30u16);
        for action in &actions {
            if let Action::Resize(w, h) = action {
                size = (*w, *h);
            }
            apply(&mut app, &clock, action);
            let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
            // What the frame measured goes back to the app, as the runtime does.
            let mut viewed = atelier::ui::Viewed::default();
            terminal.draw(|frame| viewed = atelier::ui::view(&app, frame)).unwrap();
            app.update(Message::Viewed(viewed));
        }

        // What the store writes is what it reads back.
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let settled = app.run().unwrap().session.settled(clock.now(), Local::now());
        let path = store.save(&settled).unwrap();
        let loaded = store.load(&path).unwrap();
        prop_assert_eq!(serde_json::to_value(&loaded).unwrap(), serde_json::to_value(&settled).unwrap());
        // Nothing that could drive the terminal was kept.
        let json = std::fs::read_to_string(&path).unwrap();
        // (serde_json writes control characters as \u escapes.)
        let hostile = ["\\u001b", "\\u0007", "\u{202e}"];
        prop_assert!(hostile.iter().all(|h| !json.contains(h)), "kept: {}", json);
    }
}
