//! The wall (`atelier wall`) and the facilitator's screen beside it, drawn
//! on ratatui's `TestBackend` and compared with snapshots: the room's view
//! at the projectors' sizes, its clocks ticking from the saved ones, a
//! private turn kept private, and the facilitator's panel.

mod fixtures;

use std::rc::Rc;
use std::time::Duration;

use atelier::app::{App, Home, Message, Screen};
use atelier::i18n::Lang;
use atelier::steps::Action;
use atelier::timer::FakeClock;
use fixtures::{app_at_step, fixed_date};

const PATH: &str = "sessions/2026-11-21-partnerships-abc234.json";

/// A wall showing the facilitator's session as its file says now, saved
/// `age` ago, while the facilitator runs it (`live`) or not.
fn wall_of(facilitator: &App, age: Duration, live: bool) -> (App, FakeClock) {
    let saved = facilitator.run().expect("a session").session.settled(facilitator.now(), fixed_date());
    // The wall reads the file `age` after it was written.
    let clock = FakeClock::at(facilitator.wall() + chrono::Duration::from_std(age).expect("a short age"));
    let mut wall = App::built_in(Lang::Fr, Rc::new(clock.clone()), Screen::Home(Home::new(Vec::new())));
    wall.wall = true;
    wall.show_session(saved.clone(), PATH.into(), true);
    wall.update(Message::Follow { session: Some(Box::new(saved)), live, age });
    assert!(wall.take_effects().is_empty(), "a wall asks for nothing to be written");
    (wall, clock)
}

/// What the app shows at that size, as text.
fn draw(app: &App, size: (u16, u16)) -> String {
    fixtures::screen_text(&fixtures::draw(app, size))
}

fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn the_wall_shows_the_pairs_with_the_countdown_ticking_from_the_saved_clock() {
    let (mut facilitator, clock) = app_at_step(1, Lang::Fr);
    facilitator.update(Message::Step(Action::ToggleTimer));
    clock.advance(Duration::from_secs(62));
    // Saved 3 s ago, 62 s into the round: the wall reads 03:55, and goes on.
    let (wall, wall_clock) = wall_of(&facilitator, Duration::from_secs(3), true);
    for size in [(192, 54), (75, 21)] {
        let text = draw(&wall, size);
        assert!(text.contains("03:55"), "the countdown goes on from the save:\n{text}");
        assert!(!text.contains("LECTURE SEULE"), "the room needs no word of it");
        assert!(text.lines().last().is_some_and(|l| l.trim().is_empty()), "no footer of keys:\n{text}");
        snapshot(&format!("wall_pairs_fr_{}x{}", size.0, size.1), &text);
    }
    assert_eq!(wall.next_redraw_in().map(|d| d <= Duration::from_secs(1)), Some(true), "it ticks by the second");
    wall_clock.advance(Duration::from_secs(5));
    assert!(draw(&wall, (192, 54)).contains("03:50"));
}

#[test]
fn a_wall_whose_session_stopped_keeps_its_clocks_still_and_says_so() {
    let (mut facilitator, clock) = app_at_step(1, Lang::Fr);
    facilitator.update(Message::Step(Action::ToggleTimer));
    clock.advance(Duration::from_secs(62));
    let (wall, wall_clock) = wall_of(&facilitator, Duration::from_secs(30), false);
    wall_clock.advance(Duration::from_secs(30));
    let text = draw(&wall, (120, 36));
    assert!(text.contains("03:58"), "the clock stands where it was saved:\n{text}");
    assert!(text.contains("plus en cours"), "{text}");
    assert_eq!(wall.next_redraw_in(), None, "nothing moves: no redraw");
}

#[test]
fn a_private_turn_shows_its_ticks_to_the_facilitator_and_not_on_the_wall() {
    let (mut facilitator, _) = app_at_step(4, Lang::Fr);
    facilitator.update(Message::Step(Action::ToggleItem));
    facilitator.update(Message::Step(Action::Select(1)));
    facilitator.update(Message::Step(Action::Select(1)));
    facilitator.update(Message::Step(Action::ToggleItem));
    facilitator.update(Message::WallOpen(true));
    let (wall, _) = wall_of(&facilitator, Duration::ZERO, true);
    for size in [(192, 54), (75, 21)] {
        let text = draw(&wall, size);
        assert!(!text.contains('×'), "no tick of a private turn on the wall:\n{text}");
        snapshot(&format!("wall_private_turn_fr_{}x{}", size.0, size.1), &text);
    }
    let text = draw(&facilitator, (192, 54));
    assert!(text.contains("[×] Une vision"), "the one at the keyboard sees their ticks");
    assert!(text.contains("Coches de Awa"), "the panel names them:\n{text}");
    snapshot("facilitator_private_turn_fr_192x54", &text);
}

#[test]
fn the_facilitators_panel_shows_the_agenda_the_next_step_and_the_advice_only_with_a_wall() {
    let (mut facilitator, _) = app_at_step(1, Lang::Fr);
    let without = draw(&facilitator, (192, 54));
    assert!(!without.contains("Pour l’animation"));
    facilitator.update(Message::WallOpen(true));
    let text = draw(&facilitator, (192, 54));
    for what in [
        "Pour l’animation",
        "Ensuite\u{a0}: Épinglage",
        "▶ 14\u{a0}h\u{a0}08",
        "■ 15\u{a0}h\u{a0}33",
        "Conseils pour cette étape",
    ] {
        assert!(text.contains(what), "{what} missing:\n{text}");
    }
    snapshot("facilitator_pairs_fr_192x54", &text);
}

/// What only the facilitator acts on stays off the wall: the roster's
/// cursor and its « add », the board's selected column and its key, the
/// key that hides answers, the keys of the scroll signs.
#[test]
fn the_wall_shows_no_cursor_and_no_key() {
    for (step, size) in [(0, (75, 21)), (0, (192, 54)), (2, (75, 21)), (4, (75, 21)), (4, (192, 54))] {
        let (facilitator, _) = app_at_step(step, Lang::Fr);
        let (wall, _) = wall_of(&facilitator, Duration::ZERO, true);
        let text = draw(&wall, size);
        for key in ["+ ajouter", "pour en ajouter", "(v)", "(↓)", "(↑)"] {
            assert!(!text.contains(key), "step {step} at {size:?} shows {key:?} on the wall:\n{text}");
        }
        let own = draw(&facilitator, size);
        assert_ne!(text, own, "step {step}: the facilitator's screen differs");
    }
}
