//! The rules a room of twelve relies on, with the real binary: several
//! names typed at once, a removal that `u` brings back, whose turn it is
//! and a word when a turn is skipped or reopened, countdowns without traps,
//! a break, a countdown left running on another step.

mod common;

use common::{Tui, key, only_session_file, read_json, row_of, step, step_mut, temp_dir};
use serde_json::Value;
use std::path::Path;

const SIZE: (u16, u16) = (100, 30);

fn saved(tui: &Tui) -> Value {
    tui.wait_saved();
    read_json(&only_session_file(tui.dir()))
}

#[test]
fn names_typed_at_once_join_and_a_removed_one_comes_back_with_u() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--group", "G", "--participants", "Awa,Bruno"]);
    tui.wait_for("1/8 Accueil");
    tui.press("a", "Nouveau participant");
    tui.paste("Chloé, Dédé ; Émile");
    tui.press(key::ENTER, "Participants (5)");
    assert_eq!(saved(&tui)["participants"], serde_json::json!(["Awa", "Bruno", "Chloé", "Dédé", "Émile"]));
    // The cursor on the last added; Up goes to Dédé, `d` removes her at once.
    tui.send(key::UP);
    tui.press("d", "« Dédé » retiré — u pour annuler");
    tui.wait_for("Participants (4)");
    assert_eq!(saved(&tui)["participants"], serde_json::json!(["Awa", "Bruno", "Chloé", "Émile"]));
    tui.press("u", "Participants (5)");
    tui.wait_for_gone("retiré — u pour annuler");
    assert_eq!(saved(&tui)["participants"], serde_json::json!(["Awa", "Bruno", "Chloé", "Dédé", "Émile"]));
}

#[test]
fn a_room_of_twelve_sees_whose_turn_it_is_and_a_word_when_a_turn_is_skipped_or_reopened() {
    let dir = temp_dir();
    let names = "Awa,Bruno,Chloé,Dédé,Émile,Fatou,Gilles,Hawa,Issa,Jean,Koffi,Lina";
    let tui = Tui::spawn(dir.path(), (75, 21), &["new", "--participants", names]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("ingredients");
    tui.wait_for("1 / 12");
    tui.press(key::ENTER, "2 / 12");
    tui.press("s", "Bruno passe son tour");
    tui.wait_for("3 / 12");
    tui.press("r", "Bruno reprend son tour");
    tui.wait_for("2 / 12");
    let json = saved(&tui);
    let turns = &step(&json, "ingredients")["checklist"]["turns"];
    assert_eq!(turns[0]["status"], "done");
    assert_eq!(turns[1]["status"], "waiting", "reopened: {turns:#}");
}

#[test]
fn countdowns_have_no_traps_and_a_break_stops_everything() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno,Chloé,Dédé"]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("pairs");
    // `−` ten times on a countdown that has not started: a minute is left,
    // nothing rings, nobody is told to swap.
    for _ in 0..10 {
        tui.send("-");
    }
    tui.wait_for("01:00");
    let json = saved(&tui);
    let round = &step(&json, "pairs")["timed_pairs"]["rounds"][0];
    assert_eq!((round["planned_secs"].as_u64(), round["rang"].as_bool()), (Some(60), Some(false)), "{round:#}");
    assert!(!tui.screen().contains("CHANGEZ"));
    // Enter before anyone spoke starts the first round.
    tui.press(key::ENTER, "En cours — Espace : pause");
    tui.wait_for("Tour 1/2");
    // A break: the header says so, the room sees the agenda, the countdown
    // stops; p again carries on.
    tui.press("p", "PAUSE 00:0");
    tui.wait_for("p pour reprendre");
    let json = saved(&tui);
    assert!(json["on_break"]["paused"].as_array().is_some_and(|p| !p.is_empty()), "{json:#}");
    assert_eq!(step(&json, "pairs")["timed_pairs"]["rounds"][0]["running"], false);
    tui.press_until_gone("p", "PAUSE");
    tui.wait_for("En cours — Espace : pause");
    let json = saved(&tui);
    assert_eq!(step(&json, "pairs")["timed_pairs"]["rounds"][0]["running"], true, "{json:#}");
    assert_eq!(json["breaks"].as_array().map(Vec::len), Some(1));
    // A countdown left running while the room looks at the next step shows
    // in the header, with its step's name.
    tui.go_to_step("board");
    tui.wait_for("Partage en binômes 00:5");
}

#[test]
fn a_lone_trio_speaks_in_three_rounds_and_one_person_is_told_pairs_need_two() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno,Chloé"]);
    tui.wait_for("1/8 Accueil");
    tui.press(key::PAGE_DOWN, "Tour 1/3");
    tui.wait_for("trois tours");
    drop(tui);

    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa"]);
    tui.wait_for("1/8 Accueil");
    tui.press(key::PAGE_DOWN, "Une seule personne inscrite");
    tui.wait_for("0 binôme ");
}

/// Seventeen minutes behind at the board: the header gives the end at this
/// pace; `=` and Enter fit the steps left into the time left; the reading
/// then starts from its fitted length, and the fit is there on reopening.
#[test]
fn a_session_behind_fits_the_time_left_and_keeps_the_fit() {
    let dir = temp_dir();
    let mut tui = Tui::spawn(dir.path(), SIZE, &["new", "--group", "Retard", "--participants", "Awa,Bruno"]);
    tui.wait_for("1/8 Accueil");
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);
    // The welcome took 22 minutes of its 5, the pairs their 10; the session
    // started 32 minutes ago and is now at the board.
    let path = only_session_file(dir.path());
    let mut json = read_json(&path);
    let started = chrono::Local::now() - chrono::Duration::minutes(32);
    json["created_at"] = started.to_rfc3339().into();
    json["current_step"] = 2.into();
    json["progress"] = 2.into();
    step_mut(&mut json, "welcome")["clock"]["elapsed_ms"] = (22 * 60_000).into();
    step_mut(&mut json, "pairs")["clock"]["elapsed_ms"] = (10 * 60_000).into();
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let id = common::session_id(&path);

    let mut tui = Tui::spawn(dir.path(), SIZE, &["open", &id]);
    tui.wait_for_all(&["3/8 Épinglage en groupe", "17 min de retard"]);
    tui.press("=", "Ajuster au temps qui reste");
    tui.press_until_gone(key::ENTER, "Ajuster au temps qui reste");
    tui.wait_for("dans les temps");
    let fitted = &saved(&tui)["fitted"];
    let reading = fitted["reading"].as_u64().expect("the reading fitted");
    assert!(reading < 15, "{fitted:#}");
    tui.go_to_step("reading");
    let length = format!("{reading:02}:00");
    tui.wait_for(&length);
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);

    let mut tui = Tui::spawn(dir.path(), SIZE, &["open", &id]);
    tui.wait_for_all(&["4/8 Lecture en binômes", &length]);
    tui.send("q");
    assert!(tui.wait_exit().success());
}

/// `--ends-at` that is no time, or too early for a minute a step: one line
/// that says so and the earliest end, exit status 2, nothing written.
#[test]
fn a_wrong_or_impossible_target_end_is_refused_in_one_line() {
    let dir = temp_dir();
    refused_in_one_line(dir.path(), "--ends-at", &["25:99", "demain", "00:00"], "au plus tôt");
}

/// `new OPTION BAD` for each bad value: exit status 2, one line of error
/// that says `says`, and no notes folder made.
fn refused_in_one_line(dir: &Path, option: &str, bad_values: &[&str], says: &str) {
    for bad in bad_values {
        let out = common::run(dir, &["--sessions-dir", "notes", "new", option, bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", common::stderr(&out));
        let err = common::stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(says), "{err}");
        assert!(!dir.join("notes").exists(), "nothing written for {bad}");
    }
}

/// `--date` that is no day: one line that says how to write one, exit
/// status 2, nothing written. A day in either form is the session's, in
/// its file and on its welcome screen.
#[test]
fn the_day_given_to_new_is_kept_and_a_wrong_one_refused_in_one_line() {
    let dir = temp_dir();
    refused_in_one_line(dir.path(), "--date", &["31/02/2026", "mardi", "2026-13-01"], "n’est pas une date");
    let mut tui = Tui::spawn(dir.path(), SIZE, &["new", "--date", "15/12/2026"]);
    tui.wait_for("15/12/2026");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let json = read_json(&only_session_file(dir.path()));
    assert_eq!(json["date"], "2026-12-15", "{json:#}");
}

/// A countdown left running when the app was closed runs on when the
/// session is reopened, and the bell rings once, at zero, in the terminal:
/// the file says it rang, and it rings no more.
#[test]
fn a_countdown_reopened_while_it_runs_rings_once_at_zero() {
    let dir = temp_dir();
    let mut tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno,Chloé,Dédé"]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("pairs");
    tui.press(key::ENTER, "En cours — Espace : pause");
    tui.send("q");
    tui.wait_exit();
    // Two seconds left on the first round when it was closed.
    let path = only_session_file(dir.path());
    let mut json = read_json(&path);
    let round = &mut step_mut(&mut json, "pairs")["timed_pairs"]["rounds"][0];
    assert_eq!(round["running"], true, "left running: {round:#}");
    round["elapsed_ms"] = serde_json::json!(298_000);
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();

    let tui = Tui::spawn(dir.path(), SIZE, &["open", path.to_str().unwrap()]);
    tui.wait_for("En cours — Espace : pause");
    assert_eq!(tui.bells(), 0, "nothing rings before zero");
    tui.wait_until("the bell", std::time::Duration::from_secs(10), |_| tui.bells() > 0);
    // The bell goes out before the frame that shows it, whose save then
    // follows: the file is read once that frame is on screen.
    tui.wait_for("CHANGEZ");
    assert_eq!(step(&saved(&tui), "pairs")["timed_pairs"]["rounds"][0]["rang"], true);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(tui.bells(), 1, "once");
}

/// The notes of the board move with K and J, Shift+↑ and Shift+↓: on
/// screen, and in the file.
#[test]
fn notes_move_up_and_down_with_their_keys() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno"]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("board");
    for (count, text) in ["Premier", "Second", "Troisième"].iter().enumerate() {
        tui.press("a", "Nouvelle note — Points positifs");
        tui.type_text(text);
        tui.press(key::ENTER, &format!("Points positifs ({})", count + 1));
    }
    let order = || -> Vec<String> {
        let json = saved(&tui);
        let notes = step(&json, "board")["board"]["notes"].as_array().cloned().unwrap_or_default();
        notes.iter().map(|n| n["text"].as_str().unwrap_or_default().to_string()).collect()
    };
    let above = |a: &'static str, b: &'static str| {
        tui.wait_until(
            &format!("{a} above {b}"),
            common::TIMEOUT,
            |screen| matches!((row_of(screen, a), row_of(screen, b)), (Some(x), Some(y)) if x < y),
        );
    };
    above("Second", "Troisième");
    assert_eq!(order(), ["Premier", "Second", "Troisième"]);
    // The cursor is on the last one added.
    tui.send("K");
    above("Troisième", "Second");
    assert_eq!(order(), ["Premier", "Troisième", "Second"]);
    tui.send("\x1b[1;2A"); // Shift+↑
    above("Troisième", "Premier");
    assert_eq!(order(), ["Troisième", "Premier", "Second"]);
    tui.send("J");
    above("Premier", "Troisième");
    assert_eq!(order(), ["Premier", "Troisième", "Second"]);
    tui.send("\x1b[1;2B"); // Shift+↓
    above("Second", "Troisième");
    assert_eq!(order(), ["Premier", "Second", "Troisième"]);
}

/// A window resized mid-session (SIGWINCH): the app draws at the new size
/// at once, the big clock grows and shrinks with it, and what is typed
/// after lands as before.
#[test]
fn a_window_resized_mid_session_is_drawn_at_its_new_size_and_nothing_is_lost() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno"]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("pairs");
    let clock_rows = |screen: &str| screen.lines().filter(|l| l.contains('█')).count();
    let before = clock_rows(&tui.screen());
    tui.resize(192, 54);
    tui.wait_until("a taller clock", common::TIMEOUT, |screen| clock_rows(screen) > before);
    tui.wait_until("the header on the right edge", common::TIMEOUT, |screen| {
        screen.lines().next().is_some_and(|first| first.trim_end().chars().count() > 150)
    });
    tui.resize(75, 21);
    tui.wait_until("a smaller clock", common::TIMEOUT, |screen| (1..before).contains(&clock_rows(screen)));
    tui.go_to_step("board");
    tui.press("a", "Nouvelle note");
    tui.type_text("Après le redimensionnement");
    tui.press(key::ENTER, "Points positifs (1)");
    assert_eq!(step(&saved(&tui), "board")["board"]["notes"][0]["text"], "Après le redimensionnement");
}

/// Every frame is one synchronized update, begun and ended. Idle, the app
/// draws nothing (a minute's change of the clocks at most); a running
/// countdown draws about once a second.
#[test]
fn frames_are_whole_and_idle_draws_nothing() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno"]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("pairs");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (begun, ended) = tui.frames();
    assert!(begun > 0 && begun == ended, "{begun} updates begun, {ended} ended");
    std::thread::sleep(std::time::Duration::from_secs(3));
    let (idle, _) = tui.frames();
    assert!(idle - begun <= 1, "{} frames in 3 s of idle", idle - begun);
    tui.press(key::ENTER, "En cours — Espace : pause");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (running, _) = tui.frames();
    std::thread::sleep(std::time::Duration::from_secs(3));
    let (later, ended) = tui.frames();
    assert!((2..=6).contains(&(later - running)), "{} frames in 3 s of a running countdown", later - running);
    assert_eq!(later, ended, "every update ended");
}

/// The clocks are on the disk when the app ends: by `q`, SIGTERM or a
/// terminal hung up (SIGHUP), a running countdown is saved with the time it
/// had run, not the time of the last save.
#[test]
fn the_clocks_are_saved_when_the_app_ends_however_it_ends() {
    for how in ["q", "SIGTERM", "SIGHUP"] {
        let dir = temp_dir();
        let args = ["new", "--participants", "Awa,Bruno"];
        let mut tui = common::Launch::new(dir.path(), SIZE, &args).own_terminal().spawn();
        tui.wait_for("1/8 Accueil");
        tui.go_to_step("pairs");
        tui.press(key::ENTER, "En cours — Espace : pause");
        tui.wait_for("04:58");
        match how {
            "q" => tui.send("q"),
            // SAFETY: a signal to our own child.
            "SIGTERM" => {
                unsafe { libc::kill(tui.pid(), libc::SIGTERM) };
            }
            _ => tui.hang_up(),
        };
        tui.wait_exit();
        assert_the_pairs_ran_two_seconds(&read_json(&only_session_file(dir.path())), how);
    }
}

/// The first round and the step's clock, as written, have the two seconds
/// they ran.
fn assert_the_pairs_ran_two_seconds(json: &Value, how: &str) {
    let round = &step(json, "pairs")["timed_pairs"]["rounds"][0];
    assert!(round["elapsed_ms"].as_u64().is_some_and(|ms| ms >= 2000), "{how}: {round:#}");
    assert!(
        step(json, "pairs")["clock"]["elapsed_ms"].as_u64().is_some_and(|ms| ms >= 2000),
        "{how}: the step's clock"
    );
}

/// A session started from the home screen goes back there on `q`, and is
/// let go: its running countdown is written first, with the time it had
/// run, before anything else reads or releases the file.
#[test]
fn the_clocks_are_saved_when_a_session_goes_back_home() {
    let dir = temp_dir();
    let mut tui = Tui::spawn(dir.path(), SIZE, &[]);
    tui.wait_for("Nouvelle séance");
    tui.press(key::ENTER, "1/8 Accueil");
    tui.go_to_step("pairs");
    tui.press(key::ENTER, "En cours — Espace : pause");
    tui.wait_for("04:58");
    tui.press("q", "1 séance passée");
    assert_the_pairs_ran_two_seconds(&read_json(&only_session_file(dir.path())), "back home");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
