//! One session, one set of minutes: the header, the agenda, the closing
//! screen, the facilitator's panel beside a wall, the wall itself and the
//! Markdown, HTML and JSON exports all say the same time used, the same
//! plan, the same end and the same lateness, by the one rounding rule.

mod fixtures;

use std::time::Duration;

use atelier::app::{App, Message};
use atelier::export::{Format, render};
use atelier::i18n::{Lang, Tr};
use atelier::pace::Pace;
use fixtures::{app_at_step, draw, screen_text};

/// Non-breaking spaces read as spaces: the texts use them before « : ».
fn text(app: &App, size: (u16, u16)) -> String {
    screen_text(&draw(app, size)).replace('\u{a0}', " ")
}

fn go_to(app: &mut App, step: usize) {
    while app.run().unwrap().session.current_step > step {
        app.update(Message::PreviousStep);
    }
    while app.run().unwrap().session.current_step < step {
        app.update(Message::NextStep);
    }
}

/// The numbers every surface must show, in the words of `tr`.
struct Expected {
    used: String,
    planned: String,
    end: String,
    late: i64,
    /// The lateness (or advance) as written.
    by: String,
}

fn expected(pace: &Pace<chrono::Local>, tr: &Tr) -> Expected {
    use chrono::Timelike;
    let time = format!("{} h {:02}", pace.end.hour(), pace.end.minute());
    Expected {
        used: tr.minutes(pace.used).replace('\u{a0}', " "),
        planned: tr.minutes(pace.planned).replace('\u{a0}', " "),
        end: time,
        late: pace.late.expect("an end aimed for"),
        by: tr.minutes(pace.late.unwrap_or(0).unsigned_abs()).replace('\u{a0}', " "),
    }
}

#[test]
fn every_surface_shows_the_same_minutes_of_one_session() {
    // The closing in progress, 4 min 40 s in: a step's time that rounds up.
    let (mut app, clock) = app_at_step(7, Lang::Fr);
    clock.advance(Duration::from_secs(4 * 60 + 40));
    // Looked at from an earlier step, so that the step on screen is not the
    // one in progress.
    go_to(&mut app, 1);
    let programme = app.programme().clone();
    let session = app.run().unwrap().session.clone();
    let pace = session.pace(&programme, app.now(), app.wall());
    assert_eq!(pace.progress, 7);
    assert_eq!(pace.steps[7], 5, "4 min 40 s shows 5");
    let want = expected(&pace, &app.tr());
    let session_line = format!("Séance : {} sur {}", want.used, want.planned);
    let late = format!("{} d’avance", want.by);
    assert!(want.late < 0, "this room is ahead: {pace:?}");

    // The header, on every step, back to the first and on to the last.
    for step in (0..8).rev().chain(0..8) {
        go_to(&mut app, step);
        let screen = text(&app, (192, 54));
        let header = screen.lines().nth(1).unwrap();
        assert!(header.contains(&session_line), "step {}: {header}", step + 1);
        assert!(header.contains(&format!("fin prévue {}", want.end)), "step {}: {header}", step + 1);
        assert!(header.contains(&late), "step {}: {header}", step + 1);
    }

    // The agenda of the welcome step: its total is the plan.
    go_to(&mut app, 0);
    let screen = text(&app, (192, 54));
    assert!(screen.contains(&format!("Total : {}", want.planned)), "{screen}");

    // The closing screen.
    go_to(&mut app, 7);
    let screen = text(&app, (192, 54));
    assert!(screen.contains(&format!("{session_line} prévues")), "{screen}");

    // The facilitator's panel beside a wall: the agenda ends at the same end.
    app.update(Message::WallOpen(true));
    let screen = text(&app, (192, 54));
    assert!(screen.contains(&format!("■ {}", want.end)), "{screen}");

    // The exports of the file as saved now.
    let saved = session.settled(app.now(), app.wall());
    let tr = app.tr();
    let md = render(Format::Markdown, &programme, &saved, None, &tr).replace('\u{a0}', " ");
    let under = format!("{session_line} prévues — {} d’avance sur le déroulé", want.by);
    assert!(md.contains(&under), "{md}");
    let html = render(Format::Html, &programme, &saved, None, &tr).replace('\u{a0}', " ");
    assert!(html.contains(&under), "{html}");
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json, &programme, &saved, None, &tr)).unwrap();
    assert_eq!(json["clock"]["used_minutes"], pace.used);
    assert_eq!(json["clock"]["planned_minutes"], pace.planned);
    assert_eq!(json["clock"]["late_minutes"], want.late);
    assert_eq!(json["clock"]["step_minutes"], serde_json::json!(pace.steps));
    let end = chrono::DateTime::parse_from_rfc3339(json["clock"]["end"].as_str().unwrap()).unwrap();
    assert_eq!(end, pace.end);
    // Each step's line of the sheet has the minutes the header had.
    assert!(md.contains(&format!("Clôture : 5 min prévues, {} min passées", pace.steps[7])), "{md}");
}

/// A wall following the same session, saved a few seconds ago, shows the
/// facilitator's end and pace.
#[test]
fn the_wall_shows_the_facilitators_minutes() {
    use std::rc::Rc;
    let (mut app, clock) = app_at_step(2, Lang::Fr);
    clock.advance(Duration::from_secs(70));
    app.update(Message::Tick);
    let programme = app.programme().clone();
    let session = app.run().unwrap().session.clone();
    let pace = session.pace(&programme, app.now(), app.wall());
    let saved = session.settled(app.now(), app.wall());
    let age = Duration::from_secs(2);
    let wall_clock = atelier::timer::FakeClock::at(app.wall() + chrono::Duration::from_std(age).unwrap());
    let home = atelier::app::Screen::Home(atelier::app::Home::new(Vec::new()));
    let mut wall = App::built_in(Lang::Fr, Rc::new(wall_clock), home);
    wall.wall = true;
    wall.show_session(saved.clone(), "s.json".into(), true);
    wall.update(Message::Follow { session: Some(Box::new(saved)), live: true, age });
    let tr = app.tr();
    let want = expected(&pace, &tr);
    let header = text(&wall, (192, 54)).lines().nth(1).unwrap().to_string();
    assert!(header.contains(&format!("fin prévue {}", want.end)), "{header}");
    assert!(header.contains(&format!("Séance : {} sur {}", want.used, want.planned)), "{header}");
}
