//! The app's update as the room drives it: steps, countdowns, saves, the
//! clock's news, the fit, reviews, on a fake clock.

use super::*;
use crate::listing::Listed;
use crate::session::Roster;
use crate::steps::StepState;
use crate::timer::FakeClock;
use chrono::Local;

/// An app on a new session started at 14:00 sharp by its clock.
fn app_with(names: &str) -> (App, FakeClock) {
    use chrono::TimeZone;
    let clock = FakeClock::at(Local.with_ymd_and_hms(2026, 11, 3, 14, 0, 0).single().unwrap());
    let roster = Roster { participants: Roster::parse_participants(names), ..Roster::default() };
    let home = Screen::Home(Home::new(Vec::new()));
    let mut app = App::built_in(Lang::Fr, Rc::new(clock.clone()), home);
    let session = Session::new("t".into(), app.programme(), roster, Lang::Fr, app.wall());
    app.show_session(session, "t.json".into(), false);
    app.take_effects();
    (app, clock)
}

fn session(app: &App) -> &Session {
    &app.run().unwrap().session
}

fn saves(app: &mut App) -> usize {
    app.take_effects().iter().filter(|e| **e == Effect::Save).count()
}

#[test]
fn a_running_countdown_is_written_every_minute_without_a_key() {
    let (mut app, clock) = app_with("A,B");
    app.update(Message::NextStep);
    app.update(Message::Step(Action::ToggleTimer));
    app.take_effects();
    clock.advance(CHECKPOINT - Duration::from_secs(1));
    app.update(Message::Tick);
    assert_eq!(saves(&mut app), 0, "not before the minute");
    clock.advance(Duration::from_secs(1));
    app.update(Message::Tick);
    assert_eq!(saves(&mut app), 1, "at the minute");
    clock.advance(Duration::from_secs(30));
    app.update(Message::Tick);
    assert_eq!(saves(&mut app), 0, "the minute counts from the last save");
    clock.advance(Duration::from_secs(30));
    app.update(Message::Scroll(1));
    assert_eq!(saves(&mut app), 1, "a key that saves nothing itself comes at the minute too");
    // Stopped, the clocks do not move: nothing to refresh.
    app.update(Message::Step(Action::ToggleTimer));
    app.take_effects();
    clock.advance(CHECKPOINT * 3);
    app.update(Message::Tick);
    assert_eq!(saves(&mut app), 0);
}

#[test]
fn a_failed_save_is_tried_again_every_few_seconds_until_it_works() {
    let (mut app, clock) = app_with("A,B");
    app.update(Message::NextStep);
    app.take_effects();
    app.update(Message::Done(Done::Saved(Some("full".into()))));
    clock.advance(SAVE_RETRY - Duration::from_millis(1));
    app.update(Message::Tick);
    assert_eq!(saves(&mut app), 0);
    clock.advance(Duration::from_millis(1));
    app.update(Message::Tick);
    assert_eq!(saves(&mut app), 1, "tried again");
    app.update(Message::Done(Done::Saved(None)));
    clock.advance(SAVE_RETRY * 10);
    app.update(Message::Tick);
    assert_eq!(saves(&mut app), 0, "once it worked, nothing is due");
}

#[test]
fn steps_move_forward_and_back_within_bounds() {
    let (mut app, _) = app_with("A,B");
    app.update(Message::PreviousStep);
    assert_eq!(session(&app).current_step, 0);
    assert!(app.take_effects().is_empty(), "nothing changed, nothing saved");
    for _ in 0..20 {
        app.update(Message::NextStep);
    }
    assert_eq!(session(&app).current_step, 7);
    assert!(app.take_effects().contains(&Effect::Save));
}

/// A session just opened is written at once (its clock started), as
/// it shows: nothing on screen for the mark of notes not yet on disk.
#[test]
fn a_session_opened_is_saved_without_the_mark_and_a_read_only_one_not_at_all() {
    let clock = FakeClock::default();
    let home = Screen::Home(Home::new(Vec::new()));
    let mut app = App::built_in(Lang::Fr, Rc::new(clock), home);
    let session = Session::new("t".into(), app.programme(), Roster::default(), Lang::Fr, Local::now());
    app.show_session(session.clone(), "t.json".into(), false);
    assert_eq!(app.take_effects(), [Effect::SaveOpened]);
    app.show_session(session, "t.json".into(), true);
    assert!(app.take_effects().is_empty());
}

#[test]
fn the_language_of_the_session_follows_the_toggle() {
    let (mut app, _) = app_with("A,B");
    app.update(Message::ToggleLang);
    assert_eq!(app.lang, Lang::En);
    assert_eq!(session(&app).lang, Lang::En);
    assert_eq!(app.take_effects(), [Effect::Save]);
}

#[test]
fn pairs_run_two_rounds_with_a_bell_at_each_zero() {
    let (mut app, clock) = app_with("A,B,C,D,E");
    app.update(Message::NextStep);
    app.update(Message::Step(Action::ToggleTimer));
    clock.advance(Duration::from_secs(299));
    app.update(Message::Tick);
    assert!(!app.take_effects().contains(&Effect::Bell));
    clock.advance(Duration::from_secs(1));
    app.update(Message::Tick);
    assert!(app.take_effects().contains(&Effect::Bell));
    app.update(Message::Tick);
    assert!(!app.take_effects().contains(&Effect::Bell), "once");
    app.update(Message::Step(Action::NextRound));
    let StepState::TimedPairs(pairs) = &session(&app).current().state else { panic!("the pairs") };
    assert_eq!(pairs.round, 1);
    assert!(pairs.rounds[1].is_running());
    assert!(!pairs.rounds[0].is_running());
    clock.advance(Duration::from_secs(300));
    app.update(Message::Tick);
    assert!(app.take_effects().contains(&Effect::Bell));
    app.update(Message::Step(Action::NextRound));
    let StepState::TimedPairs(pairs) = &session(&app).current().state else { panic!("the pairs") };
    assert_eq!(pairs.round, 1, "two rounds only");
}

#[test]
fn space_and_minutes_only_act_on_timed_steps() {
    let (mut app, clock) = app_with("A,B");
    app.update(Message::Step(Action::ToggleTimer));
    app.update(Message::Step(Action::AdjustMinutes(1)));
    assert!(app.take_effects().is_empty());
    app.update(Message::NextStep);
    app.update(Message::NextStep);
    app.update(Message::NextStep); // reading
    app.take_effects();
    app.update(Message::Step(Action::AdjustMinutes(-1)));
    app.update(Message::Step(Action::ToggleTimer));
    clock.advance(Duration::from_secs(30));
    let c = session(&app).current().state.countdown().unwrap();
    assert_eq!(c.remaining_ms(clock.now()), 14 * 60_000 - 30_000);
}

#[test]
fn the_next_redraw_waits_for_the_next_visible_change() {
    let (mut app, clock) = app_with("A,B");
    clock.advance(Duration::from_secs(20));
    assert_eq!(app.next_redraw_in(), Some(Duration::from_secs(10)), "the minute shown changes at 30 s");
    clock.advance(Duration::from_secs(15));
    assert_eq!(app.next_redraw_in(), Some(Duration::from_secs(55)), "the next half minute of both");
    app.update(Message::NextStep);
    assert_eq!(app.next_redraw_in(), Some(Duration::from_secs(30)), "the pairs' own clock");
    clock.advance(Duration::from_secs(26));
    assert_eq!(app.next_redraw_in(), Some(Duration::from_secs(4)));
    clock.advance(Duration::from_secs(30));
    assert_eq!(app.next_redraw_in(), Some(Duration::from_secs(4)), "the pairs shown a minute take over then");
    app.update(Message::Step(Action::ToggleTimer));
    clock.advance(Duration::from_millis(250));
    assert_eq!(app.next_redraw_in(), Some(Duration::from_millis(750)));
    app.update(Message::Step(Action::ToggleTimer));
    assert_eq!(app.next_redraw_in(), Some(Duration::from_millis(33_750)), "the countdown started: in progress");
}

#[test]
fn a_reading_left_running_still_rings_from_another_step() {
    let (mut app, clock) = app_with("A,B");
    for _ in 0..3 {
        app.update(Message::NextStep);
    }
    app.update(Message::Step(Action::ToggleTimer));
    app.update(Message::NextStep);
    app.take_effects();
    clock.advance(Duration::from_secs(15 * 60));
    app.update(Message::Tick);
    assert!(app.take_effects().contains(&Effect::Bell));
}

#[test]
fn a_computer_asleep_is_said_counted_and_given_back_with_g() {
    let (mut app, clock) = app_with("A,B");
    clock.advance(Duration::from_secs(120));
    clock.sleep(Duration::from_secs(25 * 60));
    app.update(Message::Tick);
    assert_eq!(app.notice, Some(Notice::Slept { time: Duration::from_secs(25 * 60), step: Some(0) }));
    let pace = |app: &App| session(app).pace(app.programme(), app.now(), app.wall());
    assert_eq!(pace(&app).steps[0], 27, "counted in the step");
    assert_eq!(crate::ui::keys::message_for(&app, Key::char('g')), Some(Message::GiveBack));
    app.take_effects();
    app.update(Message::GiveBack);
    assert_eq!(pace(&app).steps[0], 2);
    assert_eq!(app.take_effects(), [Effect::Save]);
    // Once the line is gone, g gives nothing back.
    app.update(Message::GiveBack);
    assert_eq!(pace(&app).steps[0], 2);
    assert_eq!(crate::ui::keys::message_for(&app, Key::char('g')), None);
}

#[test]
fn a_clock_set_back_a_day_or_a_new_zone_is_said_and_moves_no_minute() {
    let (mut app, clock) = app_with("A,B");
    clock.advance(Duration::from_secs(10 * 60));
    let pace = |app: &App| session(app).pace(app.programme(), app.now(), app.wall());
    let before = pace(&app);
    clock.move_wall(-chrono::Duration::days(1));
    app.update(Message::Tick);
    assert_eq!(app.notice, Some(Notice::ClockMoved(-1440)));
    assert_eq!(pace(&app), before, "no « 1440 min d'avance »");
    let from = *clock.wall().offset();
    let to = chrono::FixedOffset::east_opt(from.local_minus_utc() - 13 * 3600).unwrap();
    clock.set_offset(to);
    app.update(Message::Tick);
    assert_eq!(app.notice, Some(Notice::ZoneChanged { from, to }));
    assert_eq!(pace(&app), before, "no « 770 min de retard »");
}

#[test]
fn a_session_saved_after_what_the_clock_says_now_goes_on_from_its_save() {
    let (app, clock) = app_with("A,B");
    clock.advance(Duration::from_secs(10 * 60));
    let saved = session(&app).settled(app.now(), app.wall());
    let before = saved.pace(app.programme(), app.now(), app.wall());
    // Opened again after the system's clock was set back a day.
    clock.move_wall(-chrono::Duration::days(1));
    let (mut again, _) = app_with("A,B");
    again.clock = Rc::new(clock.clone());
    again.clock_watch = ClockWatch::new(&clock);
    again.show_session(saved, "t.json".into(), false);
    assert_eq!(again.notice, Some(Notice::ClockMoved(-1440)));
    let pace = session(&again).pace(again.programme(), again.now(), again.wall());
    assert_eq!(pace.late, before.late, "no « 1440 min d'avance »");
}

#[test]
fn a_finished_session_stays_finished_when_reviewed() {
    let (mut app, clock) = app_with("A,B");
    for _ in 0..7 {
        clock.advance(Duration::from_secs(11 * 60));
        app.update(Message::NextStep);
    }
    clock.advance(Duration::from_secs(5 * 60));
    app.update(Message::Quit);
    let ended = session(&app).clone();
    assert!(ended.finished_at.is_some());
    // Opened again days later, looked at, left: the same times.
    let (mut again, clock) = app_with("A,B");
    again.show_session(ended.clone(), "t.json".into(), false);
    clock.advance(Duration::from_secs(3 * 24 * 3600));
    again.update(Message::PreviousStep);
    clock.advance(Duration::from_secs(600));
    again.update(Message::Tick);
    again.update(Message::Quit);
    let reviewed = session(&again);
    assert_eq!(reviewed.finished_at, ended.finished_at);
    assert_eq!(reviewed.step_times(clock.now()), ended.step_times(clock.now()));
    assert_eq!(reviewed.progress, 7);
}

#[test]
fn on_time_the_fit_says_so_and_changes_nothing() {
    let (mut app, clock) = app_with("A,B");
    clock.advance(Duration::from_secs(5 * 60));
    app.update(Message::NextStep);
    app.update(Message::FitPreview);
    assert!(app.fit.is_none());
    assert_eq!(app.notice, Some(Notice::Word("fit-on-time", String::new())));
    assert!(session(&app).fitted.is_empty());
}

#[test]
fn absurd_clocks_read_from_a_file_ring_nothing_as_it_opens() {
    let (mut app, _) = app_with("A,B");
    let mut json = serde_json::to_value(session(&app)).unwrap();
    json["steps"][3]["reading"]["countdown"]["elapsed_ms"] = u64::MAX.into();
    json["steps"][3]["reading"]["countdown"]["running"] = true.into();
    json["steps"][1]["timed_pairs"]["rounds"][0]["planned_secs"] = 1.into();
    json["steps"][1]["timed_pairs"]["rounds"][0]["elapsed_ms"] = 86_400_000u64.into();
    let read: Session = serde_json::from_value(json).unwrap();
    app.show_session(read, "t.json".into(), false);
    app.take_effects();
    app.update(Message::Tick);
    app.update(Message::NextStep);
    assert!(!app.take_effects().contains(&Effect::Bell));
}

#[test]
fn reading_sections_stay_in_range() {
    let (mut app, _) = app_with("A,B");
    for _ in 0..3 {
        app.update(Message::NextStep);
    }
    app.update(Message::Step(Action::Select(-1)));
    assert!(matches!(&session(&app).current().state, StepState::Reading(r) if r.section == 0));
    for _ in 0..50 {
        app.update(Message::Step(Action::Select(1)));
    }
    assert!(matches!(&session(&app).current().state, StepState::Reading(r) if r.section == 9));
}

#[test]
fn home_chooses_new_or_a_past_session() {
    let clock = FakeClock::default();
    let home = Home::new(vec![Listed::Unreadable { path: "bad.json".into(), reason: "eof".into(), backup: None }]);
    let mut app = App::built_in(Lang::Fr, Rc::new(clock), Screen::Home(home));
    app.update(Message::HomeChoose);
    assert_eq!(app.take_effects(), [Effect::New]);
    app.update(Message::Step(Action::Select(1)));
    app.update(Message::Step(Action::Select(1)));
    app.update(Message::HomeChoose);
    assert!(app.take_effects().is_empty());
    assert!(matches!(app.notice, Some(Notice::OpenFailed(_))));
}

/// A new session asked for on the home screen and opened, as the runtime
/// answers `Effect::New`.
fn new_from_home() -> App {
    let clock = FakeClock::default();
    let mut app = App::built_in(Lang::Fr, Rc::new(clock), Screen::Home(Home::new(Vec::new())));
    app.home = true;
    app.update(Message::HomeChoose);
    assert_eq!(app.take_effects(), [Effect::New]);
    let session = Session::new("n".into(), app.programme(), Roster::default(), Lang::Fr, app.wall());
    let workshop = Rc::clone(&app.workshop);
    let opened = Opened { session, path: "n.json".into(), read_only: false, workshop, notice: None };
    app.update(Message::Done(Done::Opened(Box::new(opened))));
    app.take_effects();
    app
}

/// Issue #31: « + Nouvelle séance » then q left an empty line in the list.
#[test]
fn a_new_session_left_untouched_goes_to_the_trash_and_one_with_a_note_is_kept() {
    let mut app = new_from_home();
    app.update(Message::NextStep);
    app.take_effects();
    app.update(Message::Quit);
    assert_eq!(app.take_effects(), [Effect::Discard("n.json".into()), Effect::Home]);

    let mut app = new_from_home();
    app.update(Message::NextStep);
    app.update(Message::NextStep); // the board
    app.update(Message::Step(Action::Add));
    app.update(Message::Entry(EntryInput::Paste("Une note".into())));
    app.update(Message::Entry(EntryInput::Commit));
    app.take_effects();
    app.update(Message::Quit);
    assert_eq!(app.take_effects(), [Effect::Save, Effect::Home], "a note is kept");

    // Nor is one whose pairs started, or that had a minute of talk.
    let mut app = new_from_home();
    app.update(Message::NextStep);
    app.update(Message::Step(Action::ToggleTimer));
    app.take_effects();
    app.update(Message::Quit);
    assert_eq!(app.take_effects(), [Effect::Save, Effect::Home], "a countdown started");
    let mut app = new_from_home();
    let clock = FakeClock::default();
    app.clock = Rc::new(clock.clone());
    app.show_session(app.run().unwrap().session.clone(), "n.json".into(), false);
    app.run_mut().unwrap().fresh = true;
    clock.advance(Duration::from_secs(61));
    app.take_effects();
    app.update(Message::Quit);
    assert_eq!(app.take_effects(), [Effect::Save, Effect::Home], "a minute on the welcome");

    // A session opened from the list is never discarded, untouched or not.
    let mut app = new_from_home();
    app.run_mut().unwrap().fresh = false;
    app.update(Message::Quit);
    assert_eq!(app.take_effects(), [Effect::Save, Effect::Home]);
}

#[test]
fn reviewing_refuses_what_would_change_the_notes_and_lets_the_cursor_move() {
    let (mut app, _) = app_with("A,B");
    if let Some(run) = app.run_mut() {
        run.read_only = true;
    }
    for _ in 0..2 {
        app.update(Message::NextStep);
    }
    app.update(Message::Step(Action::Add));
    assert_eq!(app.notice, Some(Notice::ReadOnly));
    assert!(app.entry.is_none());
    app.update(Message::Step(Action::Select(1)));
    assert_eq!(app.notice, None, "moving is only looking");
    app.update(Message::ToggleBreak);
    assert_eq!(app.notice, Some(Notice::ReadOnly));
    assert!(app.take_effects().is_empty(), "nothing written");
}

#[test]
fn weeks_later_with_no_end_given_there_is_nothing_to_fit_and_it_is_said() {
    let (mut app, clock) = app_with("A,B,C,D");
    clock.advance(Duration::from_secs(20 * 24 * 3600));
    app.update(Message::FitPreview);
    assert!(app.fit.is_none());
    assert_eq!(app.notice, Some(Notice::Word("fit-no-target", String::new())));
    // Given an end for today, it fits again.
    app.run_mut().unwrap().session.roster.ends_at = "23:59".into();
    app.update(Message::FitPreview);
    assert!(app.fit.is_some());
}

#[test]
fn seventeen_minutes_behind_the_steps_left_fit_the_time_left_and_can_go_back() {
    let (mut app, clock) = app_with("A,B,C,D");
    clock.advance(Duration::from_secs(22 * 60)); // the welcome ran 17 minutes over
    app.update(Message::NextStep);
    let programme = app.programme().clone();
    let session = &app.run().unwrap().session;
    assert_eq!(session.progress, 1, "the welcome took a minute and more: the pairs are in progress");
    assert_eq!(session.pace(&programme, app.now(), app.wall()).late, Some(17));
    app.update(Message::FitPreview);
    let fit = app.fit.clone().expect("a preview");
    let after = fit.after.clone().expect("it fits");
    assert_eq!(after[0], 5, "a step done keeps its plan");
    assert_eq!(after[1..].iter().sum::<u64>(), 85 - 17);
    assert!(fit.end_after < fit.end_before);
    app.take_effects();
    app.update(Message::FitApply);
    assert_eq!(app.take_effects(), [Effect::Save]);
    assert!(app.fit.is_none());
    let session = &app.run().unwrap().session;
    assert_eq!(session.plans(&programme), after);
    let StepState::TimedPairs(pairs) = &session.steps[1].state else { panic!("the pairs") };
    assert_eq!(pairs.rounds[0].planned().as_secs(), after[1] * 60 / 2, "the rounds share the fitted plan");
    assert_eq!(pairs.rounds[0].planned(), pairs.rounds[1].planned(), "both rounds equal");
    let StepState::Reading(reading) = &session.steps[3].state else { panic!("the reading") };
    assert_eq!(reading.countdown.planned().as_secs(), after[3] * 60);
    // `=` again offers the programme's minutes back; Esc leaves all.
    app.update(Message::FitPreview);
    assert!(app.fit.as_ref().unwrap().back);
    app.update(Message::CloseOverlay);
    assert!(app.fit.is_none());
    assert_eq!(app.run().unwrap().session.plans(&programme), after);
    app.update(Message::FitPreview);
    app.update(Message::FitApply);
    assert!(app.run().unwrap().session.fitted.is_empty());
}

#[test]
fn when_even_a_minute_a_step_cannot_fit_nothing_is_applied() {
    let (mut app, clock) = app_with("A,B");
    clock.advance(Duration::from_secs(100 * 60));
    app.update(Message::FitPreview);
    let fit = app.fit.clone().expect("a preview");
    assert!(fit.after.is_none());
    app.take_effects();
    app.update(Message::FitApply);
    assert!(app.take_effects().is_empty());
    assert!(app.run().unwrap().session.fitted.is_empty());
}
