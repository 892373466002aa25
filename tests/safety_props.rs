//! Properties of the shared safety mechanisms: the lock, the one cleaning
//! for the terminal, the names the app gives its files, the bounds on
//! numbers read from a file, and the draft of an entry left open.

mod common;

use std::fs;
use std::path::Path;
use std::rc::Rc;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use atelier::app::{App, EntryInput, Home, Key, Message, Screen};
use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::runtime::{self, Context};
use atelier::session::{Roster, Session};
use atelier::steps::Action;
use atelier::store::{LockError, Store, file_name_for, lock};
use atelier::text::clean;
use atelier::timer::{FakeClock, MAX_CLOCK};
use atelier::workshop::Workshop;
use chrono::Local;
use common::step_mut;
use proptest::prelude::*;

fn is_raw(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever a file holds, what reaches the terminal has no control
    /// character or bidirectional override, and nothing else is lost.
    #[test]
    fn cleaned_text_has_nothing_a_terminal_would_obey(text in "\\PC*|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a-zé]*") {
        let shown = clean(&text);
        prop_assert!(!shown.chars().any(is_raw), "{shown:?}");
        let kept: String = text.chars().filter(|c| !is_raw(*c)).collect();
        let visible: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
        for c in kept.chars().filter(|c| !c.is_whitespace()) {
            prop_assert!(visible.contains(c));
        }
    }

    /// The name of an export or a recovery copy stays in its folder,
    /// whatever the session's file is called.
    #[test]
    fn file_names_stay_in_their_folder(stem in "\\PC{0,40}|[./\\\\ ]{0,10}") {
        let name = file_name_for(&Path::new("/sessions").join(format!("{stem}.json")));
        prop_assert!(!name.is_empty() && !name.starts_with('.'));
        prop_assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
        let joined = Path::new("/out").join(&name);
        prop_assert_eq!(joined.parent(), Some(Path::new("/out")));
    }

    /// Any clock or planned time read from a file is bounded: nothing
    /// overflows, no countdown rings before it has run, no step shows more
    /// than a day.
    #[test]
    fn numbers_from_a_file_are_bounded(elapsed in any::<u64>(), planned in any::<u64>(), step in any::<u64>()) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let programme = Programme::embedded();
        let session = Session::new("s".into(), &programme, Roster::default(), Lang::Fr, Local::now());
        let mut json = serde_json::to_value(&session).unwrap();
        json["current_step"] = step.into();
        let reading = step_mut(&mut json, "reading");
        reading["clock"]["elapsed_ms"] = elapsed.into();
        reading["reading"]["countdown"]["planned_secs"] = planned.into();
        reading["reading"]["countdown"]["elapsed_ms"] = 0.into();
        reading["reading"]["countdown"]["running"] = false.into();
        let path = dir.path().join("s.json");
        fs::write(&path, json.to_string()).unwrap();
        let loaded = store.load(&path).unwrap();
        let clock = FakeClock::default();
        let mut app = App::built_in(Lang::Fr, Rc::new(clock.clone()), Screen::Home(Home::new(Vec::new())));
        app.show_session(loaded, path, false);
        let session = &app.run().unwrap().session;
        prop_assert!(session.steps[3].clock.elapsed(app.now()) <= MAX_CLOCK);
        prop_assert!(session.time_used(app.now()) <= MAX_CLOCK * 8 + Duration::from_secs(1));
        let mut countdown = session.steps[3].state.countdown().unwrap().clone();
        prop_assert!(countdown.planned() <= MAX_CLOCK);
        prop_assert!(!countdown.take_bell(app.now()), "no bell before it runs");
        countdown.adjust_minutes(i64::MAX / 2, app.now());
        prop_assert!(countdown.planned() <= MAX_CLOCK);
        let _ = session.pace(app.programme(), app.now(), app.wall());
    }
}

/// Threads of one process open the lock file each on their own, as two
/// instances would: in every round exactly one takes it.
#[test]
fn racing_for_a_lock_exactly_one_wins_every_time() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..100 {
        let session = dir.path().join(format!("r{round}")).join("s.json");
        let barrier = Arc::new(Barrier::new(6));
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let (session, barrier) = (session.clone(), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    let taken = lock(&session);
                    // Hold it until everyone has tried.
                    std::thread::sleep(Duration::from_millis(5));
                    match taken {
                        Ok(lock) => Some(lock),
                        Err(LockError::Held(_)) => None,
                        Err(LockError::Io(e)) => panic!("{e}"),
                    }
                })
            })
            .collect();
        let winners: Vec<_> = handles.into_iter().filter_map(|h| h.join().unwrap()).collect();
        assert_eq!(winners.len(), 1, "round {round}");
    }
}

/// A session started where the sessions folder does not exist yet is
/// locked before anything is written: a second instance only reads.
#[test]
fn a_new_session_in_a_folder_not_made_yet_is_locked_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let context = Context::new(Store::new(dir.path().join("not").join("yet")), Roster::default());
    let built_in = Rc::new(Workshop::built_in());
    let (session, path) = runtime::new_session(&built_in, Lang::Fr, &context);
    let opened = runtime::prepare(&context, &built_in, session.clone(), path.clone(), false, None);
    assert!(!opened.read_only);
    let other = Context::new(Store::new(dir.path().join("not").join("yet")), Roster::default());
    let second = runtime::prepare(&other, &built_in, session, path, false, None);
    assert!(second.read_only, "the second instance only reads");
}

/// The text of an open entry is the draft; reopened, it is offered back in
/// the same entry; kept, it is a note like any other.
#[test]
fn a_draft_comes_back_in_its_entry_through_update() {
    let clock = FakeClock::default();
    let mut app = App::built_in(Lang::Fr, Rc::new(clock.clone()), Screen::Home(Home::new(Vec::new())));
    let programme = Programme::embedded();
    let session = Session::new("s".into(), &programme, Roster::default(), Lang::Fr, Local::now());
    app.show_session(session, "s.json".into(), false);
    app.update(Message::NextStep);
    app.update(Message::NextStep);
    app.update(Message::Step(Action::Add));
    for c in "Presque".chars() {
        app.update(Message::Entry(EntryInput::Key(Key::char(c))));
    }
    let mut saved = app.run().unwrap().session.settled(app.now(), Local::now());
    saved.draft = app.draft();
    assert_eq!(saved.draft.as_ref().map(|d| d.text.as_str()), Some("Presque"));
    let json = serde_json::to_string(&saved).unwrap();
    let reread: Session = serde_json::from_str(&json).unwrap();

    let mut again = App::built_in(Lang::Fr, Rc::new(clock), Screen::Home(Home::new(Vec::new())));
    let context = Context::new(Store::new(tempfile::tempdir().unwrap().path()), Roster::default());
    let built_in = Rc::new(Workshop::built_in());
    let opened = runtime::prepare(&context, &built_in, reread, "s.json".into(), true, None);
    // Read-only: nothing is offered, nothing changes.
    again.update(Message::Done(atelier::app::Done::Opened(Box::new(opened.clone()))));
    assert!(again.entry.is_none());
    let writable = atelier::app::Opened { read_only: false, ..opened };
    again.update(Message::Done(atelier::app::Done::Opened(Box::new(writable))));
    assert_eq!(again.entry.as_ref().map(|e| e.text()), Some("Presque".to_string()));
    assert!(again.run().unwrap().session.draft.is_none(), "the next save writes no draft");
    again.update(Message::Entry(EntryInput::Commit));
    let board = again.run().unwrap().session.steps[2].state.as_board().unwrap();
    assert_eq!(board.notes()[0].text, "Presque");
}
