//! The session's own rules: its clocks, the step in progress, the pace,
//! the target end, breaks, the roster's followers, and its file's fields.

use super::*;
use crate::timer::{Clock, FakeClock};

fn roster(names: &str) -> Roster {
    Roster {
        group: "Transition Ouaga".into(),
        participants: Roster::parse_participants(names),
        region: "Centre".into(),
        ends_at: String::new(),
        date: String::new(),
    }
}

fn session(names: &str) -> Session {
    Session::new("s1".into(), &Programme::embedded(), roster(names), Lang::Fr, Local::now())
}

#[test]
fn clocks_running_when_saved_run_on_from_the_moment_they_are_read() {
    let clock = FakeClock::default();
    let mut s = session("A,B");
    s.go_to(1, clock.now());
    s.steps[1].state.countdowns_mut()[0].start(clock.now());
    s.on_break = None;
    clock.advance(Duration::from_secs(90));
    let saved = s.settled(clock.now(), Local::now());
    let mut read: Session = serde_json::from_str(&serde_json::to_string(&saved).unwrap()).unwrap();
    // Read back an hour later: the hour the app was closed does not count.
    clock.advance(Duration::from_secs(3600));
    read.resume_after_load(clock.now());
    assert!(read.countdown_running());
    clock.advance(Duration::from_secs(30));
    assert_eq!(read.steps[1].state.countdowns()[0].remaining_ms(clock.now()), (300 - 120) * 1000);
    assert_eq!(read.minutes_used(clock.now())[1], 2, "the step's own clock runs on too");
    assert_eq!(read.minutes_used(clock.now())[0], 0);
}

#[test]
fn only_a_running_countdown_counts_as_running() {
    let clock = FakeClock::default();
    let mut s = session("A,B");
    assert!(!s.countdown_running(), "a step's own clock is no countdown");
    s.steps[1].state.countdowns_mut()[0].start(clock.now());
    assert!(s.countdown_running(), "even on a step not shown");
    s.steps[1].state.countdowns_mut()[0].pause(clock.now());
    assert!(!s.countdown_running());
}

#[test]
fn the_pairs_come_from_the_roster_in_order() {
    assert_eq!(session("A,B,C,D").pairs(), [vec!["A", "B"], vec!["C", "D"]]);
    assert_eq!(session("A,B,C").pairs(), [vec!["A", "B", "C"]]);
    assert!(session("").pairs().is_empty());
}

#[test]
fn sixteen_hours_on_the_session_is_another_sitting() {
    let programme = Programme::embedded();
    let start = Local::now();
    let s = Session::new("s1".into(), &programme, roster("A,B"), Lang::Fr, start);
    let just_before = start + chrono::Duration::hours(SITTING_HOURS) - chrono::Duration::seconds(1);
    assert!(s.target_end(&programme, just_before).is_some());
    assert_eq!(s.target_end(&programme, start + chrono::Duration::hours(SITTING_HOURS)), None);
}

#[test]
fn the_end_aimed_for_is_the_given_time_on_the_day_the_session_is_run() {
    use chrono::TimeZone;
    let programme = Programme::embedded();
    let at = |d, h, m| Local.with_ymd_and_hms(2026, 11, d, h, m, 0).single().unwrap();
    let mut s = Session::new("s1".into(), &programme, roster("A,B"), Lang::Fr, at(3, 14, 0));
    // No time given: the start plus 1 h 30, that evening only.
    assert_eq!(s.target_end(&programme, at(3, 14, 40)), Some(at(3, 15, 30)));
    assert_eq!(s.target_end(&programme, at(3, 23, 50)), Some(at(3, 15, 30)));
    assert_eq!(s.target_end(&programme, at(24, 9, 0)), None, "weeks later, no pace against the first day");
    // A time given: on the first day, and on the day it is taken up again.
    s.roster.ends_at = "16h".into();
    assert_eq!(s.target_end(&programme, at(3, 14, 40)), Some(at(3, 16, 0)));
    assert_eq!(s.target_end(&programme, at(4, 1, 0)), Some(at(3, 16, 0)), "past midnight, the same evening");
    assert_eq!(s.target_end(&programme, at(24, 9, 0)), Some(at(24, 16, 0)));
}

#[test]
fn participants_are_trimmed_and_blanks_dropped() {
    assert_eq!(Roster::parse_participants(" Awa , Bénédicte,, Chen ;Dédé "), ["Awa", "Bénédicte", "Chen", "Dédé"]);
}

#[test]
fn a_new_session_has_a_record_per_step_of_its_kind() {
    let s = session("A,B");
    assert_eq!(s.steps.len(), 8);
    let kinds: Vec<&str> = s.steps.iter().map(|r| r.state.kind_name()).collect();
    assert_eq!(kinds, ["info", "timed_pairs", "board", "reading", "checklist", "checklist", "plan", "summary"]);
    assert_eq!(s.steps[1].state.countdowns().len(), 2, "two speaker rounds");
    assert_eq!(s.steps[1].state.countdowns()[0].planned(), Duration::from_secs(300));
    assert_eq!(s.steps[3].state.countdowns()[0].planned(), Duration::from_secs(900));
    assert!(s.steps[0].state.countdowns().is_empty());
}

#[test]
fn step_clocks_run_only_on_the_step_shown() {
    let clock = FakeClock::default();
    let mut s = session("A,B");
    s.steps[0].clock.start(clock.now());
    clock.advance(Duration::from_secs(240));
    s.go_to(1, clock.now());
    clock.advance(Duration::from_secs(60));
    assert_eq!(s.minutes_used(clock.now())[0], 4);
    assert_eq!(s.minutes_used(clock.now())[1], 1);
    assert_eq!(s.time_used(clock.now()), Duration::from_secs(300));
}

#[test]
fn settling_writes_a_copy_and_leaves_the_session_as_it_is() {
    let clock = FakeClock::default();
    let mut s = session("A,B");
    s.steps[0].clock.start(clock.now());
    clock.advance(Duration::from_secs(90));
    let before = s.clone();
    let copy = s.settled(clock.now(), Local::now());
    assert_eq!(s, before, "the model is not written by a save");
    let json = serde_json::to_value(&copy).unwrap();
    assert_eq!(json["steps"][0]["clock"]["elapsed_ms"], 90_000);
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let s = session("A,B,C");
    let mut json: Value = serde_json::to_value(&s).unwrap();
    json["from_the_future"] = serde_json::json!({"x": 1});
    json["steps"][2]["whiteboard"] = serde_json::json!(["kept"]);
    json["steps"][2]["board"]["colour"] = serde_json::json!("green");
    let back: Session = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), json);
}

#[test]
fn checklists_follow_the_roster() {
    let mut s = session("Awa,Bruno");
    let turns = |s: &Session, i: usize| match &s.steps[i].state {
        StepState::Checklist(c) => c.turns.iter().map(|t| t.participant.clone()).collect::<Vec<_>>(),
        other => panic!("not a checklist: {other:?}"),
    };
    assert_eq!(turns(&s, 4), ["Awa", "Bruno"]);
    let p = Programme::embedded();
    assert!(s.roster.add(" Chen "));
    s.follow_roster(&RosterChange::Changed, &p);
    assert_eq!(s.steps[1].state.countdowns().len(), 3, "a lone trio speaks in three rounds");
    let from = s.roster.rename(0, "Awa K.").unwrap();
    s.follow_roster(&RosterChange::Renamed { from, to: "Awa K.".into() }, &p);
    assert!(s.roster.remove(1));
    s.follow_roster(&RosterChange::Changed, &p);
    assert_eq!(s.steps[1].state.countdowns().len(), 2);
    assert_eq!(s.roster.participants, ["Awa K.", "Chen"]);
    assert_eq!(turns(&s, 4), ["Awa K.", "Chen"]);
    assert_eq!(turns(&s, 5).len(), 2);
}

#[test]
fn records_are_realigned_by_id_and_nothing_is_dropped() {
    let p = Programme::embedded();
    let mut s = session("A,B");
    if let StepState::Reading(r) = &mut s.steps[3].state {
        r.section = 4;
    }
    s.steps.swap(2, 3);
    s.steps.remove(0);
    s.steps.push(StepRecord::new("dance", &p.steps[2].kind, 5, 5, &[]));
    // The board step's data is now of another kind.
    s.steps[2].state = p.steps[0].kind.new_state(5, 5, &[]);
    s.current_step = 42;
    s.align_with(&p);
    assert_eq!(s.steps.len(), 8);
    assert_eq!(s.steps[0].id, "welcome");
    assert!(matches!(&s.steps[3].state, StepState::Reading(r) if r.section == 4));
    assert!(matches!(&s.steps[2].state, StepState::Board(_)));
    assert!(s.steps[2].extra.contains_key("info"), "the other kind's data is kept");
    assert_eq!(s.extra["steps_no_longer_in_the_programme"][0]["id"], "dance");
    assert_eq!(s.current_step, 7);
}

/// A session at 14:00 of the built-in programme, and a fake clock whose
/// time of day is the session's.
fn at_two() -> (Session, FakeClock, Programme) {
    use chrono::TimeZone;
    let programme = Programme::embedded();
    let start = Local.with_ymd_and_hms(2026, 11, 3, 14, 0, 0).single().unwrap();
    let clock = FakeClock::at(start);
    let mut s = Session::new("s1".into(), &programme, roster("A,B,C,D"), Lang::Fr, start);
    s.steps[0].clock.start(clock.now());
    (s, clock, programme)
}

fn wall(clock: &FakeClock) -> DateTime<Local> {
    clock.wall().with_timezone(&Local)
}

/// Runs each step for `minutes[i]`, moving on after each.
fn run_steps(s: &mut Session, clock: &FakeClock, minutes: &[u64]) {
    for (i, m) in minutes.iter().enumerate() {
        clock.advance(Duration::from_secs(m * 60));
        s.go_to(i + 1, clock.now());
        s.advance_progress(true, clock.now());
    }
}

#[test]
fn the_pace_is_the_same_whichever_step_is_on_screen() {
    let (mut s, clock, p) = at_two();
    run_steps(&mut s, &clock, &[7, 14, 15, 20, 10, 12, 18]);
    clock.advance(Duration::from_secs(90));
    let at_the_end = s.pace(&p, clock.now(), wall(&clock));
    assert_eq!(at_the_end.progress, 7);
    // Walked back to the first step and forward again: nothing moves,
    // not even the time, which runs on the closing all along.
    for step in (0..8).rev().chain(0..8) {
        s.go_to(step, clock.now());
        assert_eq!(s.pace(&p, clock.now(), wall(&clock)), at_the_end, "on step {}", step + 1);
    }
    assert!(s.steps[7].clock.is_running(), "looking back is time on the step in progress");
    assert!(!s.steps[2].clock.is_running());
}

#[test]
fn a_look_ahead_moves_nothing_and_a_minute_on_a_step_makes_it_the_step_in_progress() {
    let (mut s, clock, p) = at_two();
    clock.advance(Duration::from_secs(3 * 60));
    let before = s.pace(&p, clock.now(), wall(&clock));
    s.go_to(7, clock.now());
    clock.advance(Duration::from_secs(50));
    assert!(!s.advance_progress(false, clock.now()));
    assert_eq!(s.progress, 0);
    assert_eq!(s.pace(&p, clock.now(), wall(&clock)).end, before.end, "the closing shown, the end stays");
    s.go_to(1, clock.now());
    clock.advance(Duration::from_secs(60));
    assert!(s.advance_progress(false, clock.now()));
    assert_eq!(s.progress, 1);
    // Back on the welcome step, the pairs stay the step in progress.
    s.go_to(0, clock.now());
    assert!(!s.advance_progress(true, clock.now()));
    assert_eq!(s.progress, 1);
}

#[test]
fn on_time_the_fit_changes_no_minute() {
    let (mut s, clock, p) = at_two();
    run_steps(&mut s, &clock, &[5, 10, 15, 15, 10, 10]);
    // At the plan (step 7), on time: every plan stays.
    clock.advance(Duration::from_secs(4 * 60));
    let pace = s.pace(&p, clock.now(), wall(&clock));
    assert_eq!(pace.late, Some(0));
    assert_eq!(pace.end, pace.target.unwrap());
    assert_eq!(s.fit_plans(&p, clock.now(), wall(&clock)), Ok(s.plans(&p)));
}

#[test]
fn behind_the_fit_lands_the_end_on_the_target() {
    let (mut s, clock, p) = at_two();
    run_steps(&mut s, &clock, &[9, 17, 21]);
    clock.advance(Duration::from_secs(2 * 60 + 40));
    let at = wall(&clock);
    assert!(s.pace(&p, clock.now(), at).late.unwrap() > 0);
    let plans = s.fit_plans(&p, clock.now(), at).unwrap();
    s.apply_plans(&p, &plans, clock.now());
    let pace = s.pace(&p, clock.now(), at);
    assert_eq!(pace.late, Some(0), "{pace:?}");
    assert_eq!(s.steps[3].state.countdowns()[0].planned(), Duration::from_secs(plans[3] * 60));
}

#[test]
fn a_countdown_left_at_zero_stops_with_its_step_and_waits_there() {
    let (mut s, clock, _) = at_two();
    s.go_to(1, clock.now());
    s.steps[1].state.countdowns_mut()[0].start(clock.now());
    clock.advance(Duration::from_secs(5 * 60 + 20));
    s.go_to(2, clock.now());
    clock.advance(Duration::from_secs(600));
    let round = &s.steps[1].state.countdowns()[0];
    assert!(!round.is_running(), "stopped when its step was left");
    assert_eq!(round.remaining_ms(clock.now()), -20_000, "its overrun kept as it was");
    assert!(!s.countdown_running());
    // One still counting down runs on, and stops at zero when it gets there.
    s.steps[3].state.countdowns_mut()[0].start(clock.now());
    clock.advance(Duration::from_secs(15 * 60 + 5));
    assert!(s.stop_away_from_their_step(clock.now()));
    assert_eq!(s.steps[3].state.countdowns()[0].remaining_ms(clock.now()), 0);
}

#[test]
fn a_finished_session_is_reviewed_as_it_ended() {
    let (mut s, clock, p) = at_two();
    run_steps(&mut s, &clock, &[5, 10, 15, 15, 10, 10, 20]);
    clock.advance(Duration::from_secs(7 * 60));
    assert!(s.finish_if_done(clock.now(), wall(&clock)));
    let ended = s.pace(&p, clock.now(), wall(&clock));
    assert!(ended.finished);
    assert_eq!(ended.late, Some(2));
    let mut read: Session = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
    clock.advance(Duration::from_secs(3 * 24 * 3600));
    read.align_with(&p);
    read.resume_after_load(clock.now());
    read.go_to(2, clock.now());
    clock.advance(Duration::from_secs(600));
    assert_eq!(read.pace(&p, clock.now(), wall(&clock)), ended, "no clock runs, nothing moves");
    assert_eq!(read.current_step, 2);
}

#[test]
fn older_files_get_their_step_in_progress_from_their_clocks() {
    let (mut s, clock, p) = at_two();
    run_steps(&mut s, &clock, &[5, 10, 15, 15]);
    s.go_to(1, clock.now());
    let mut json = serde_json::to_value(s.settled(clock.now(), wall(&clock))).unwrap();
    json.as_object_mut().unwrap().remove("progress");
    let mut read: Session = serde_json::from_value(json).unwrap();
    read.align_with(&p);
    assert_eq!(read.progress, 3);
    assert!(read.finished_at.is_none());
}

#[test]
fn the_target_is_an_instant_a_new_zone_does_not_move() {
    let (mut s, _, p) = at_two();
    s.roster.ends_at = "15:45".into();
    s.fix_target(&p);
    let target = s.target.unwrap();
    // The same instant written in another zone still says 15:45 where
    // it was set, so it stands.
    let elsewhere = target.with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).unwrap());
    s.target = Some(elsewhere);
    assert!(s.target_is_current(&p, &target));
    assert_eq!(s.target_end(&p, s.created_at), Some(target.with_timezone(&Local)));
    s.roster.ends_at = "16:00".into();
    s.fix_target(&p);
    assert_ne!(s.target, Some(target));
}

#[test]
fn sleep_given_back_comes_off_the_step_in_progress() {
    let (mut s, clock, p) = at_two();
    run_steps(&mut s, &clock, &[5]);
    s.steps[1].state.countdowns_mut()[0].start(clock.now());
    clock.advance(Duration::from_secs(60));
    clock.sleep(Duration::from_secs(20 * 60));
    assert_eq!(s.pace(&p, clock.now(), wall(&clock)).steps[1], 21);
    s.give_back(Duration::from_secs(20 * 60), clock.now());
    assert_eq!(s.pace(&p, clock.now(), wall(&clock)).steps[1], 1);
    assert_eq!(s.steps[1].state.countdowns()[0].remaining_ms(clock.now()), 4 * 60_000);
}

#[test]
fn a_break_pauses_what_ran_and_starts_it_again_and_counts_in_the_session() {
    let clock = FakeClock::default();
    let mut s = session("A,B,C,D");
    s.steps[0].clock.start(clock.now());
    s.go_to(1, clock.now());
    s.steps[1].state.countdowns_mut()[0].start(clock.now());
    clock.advance(Duration::from_secs(60));
    assert!(s.toggle_break(clock.now()));
    clock.advance(Duration::from_secs(600));
    assert!(!s.countdown_running(), "everything paused");
    assert_eq!(s.minutes_used(clock.now())[1], 1, "the step's clock stopped");
    assert_eq!(s.break_time(clock.now()), Duration::from_secs(600));
    let saved: Session =
        serde_json::from_value(serde_json::to_value(s.settled(clock.now(), Local::now())).unwrap()).unwrap();
    assert!(saved.on_break.is_some(), "a break survives a reopen");
    s.toggle_break(clock.now());
    assert!(s.steps[1].state.countdowns()[0].is_running(), "what ran runs again");
    assert!(s.steps[1].clock.is_running());
    assert_eq!(s.breaks, [Break { step: 1, elapsed_ms: 600_000 }]);
    assert_eq!(s.time_used(clock.now()), Duration::from_secs(660));
    let start = s.created_at;
    let pace = s.pace(&Programme::embedded(), clock.now(), start + chrono::Duration::minutes(11));
    assert_eq!(pace.breaks, 10);
    assert_eq!(pace.late, Some(10), "the break makes the room late: the pairs' time is still to come");
}

/// A follow-up is held another day: the day given to the first is not
/// carried over, the roster is.
#[test]
fn a_follow_up_is_held_on_its_own_day() {
    let programme = Programme::embedded();
    let mut first = session("Awa,Bruno");
    first.roster.date = "2026-01-10".into();
    assert_eq!(first.held_on(), chrono::NaiveDate::from_ymd_opt(2026, 1, 10).unwrap());
    let at = first.created_at + chrono::Duration::days(30);
    let next = first.follow_up("next".into(), &programme, Lang::Fr, at);
    assert_eq!((next.roster.date.as_str(), next.held_on()), ("", at.date_naive()));
    assert_eq!(next.roster.participants, first.roster.participants);
}
