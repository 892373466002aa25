//! The one clock with the real binary: a session reopened at its last step
//! and walked back and forth shows the same end, pace and time used on
//! every step; a finished session reviewed stays finished.

mod common;

use common::{Tui, key, only_session_file, read_json, run, stdout, step_mut, temp_dir};

const SIZE: (u16, u16) = (120, 36);

/// What the header says of the whole session: from the end at this pace
/// to the time used (the step's own clock, on its left, is the step's).
fn budget(screen: &str) -> String {
    let line = screen.lines().nth(1).unwrap_or_default();
    let from = line.find("fin prévue").or_else(|| line.find("terminée")).unwrap_or(line.len());
    line[from..].trim().replace('\u{a0}', " ")
}

/// A session of « Les Colibris » that ran its first seven steps and is
/// two minutes into the closing, reopened.
fn reopened_at_the_closing(dir: &std::path::Path) -> Tui {
    let mut tui = Tui::spawn(dir, SIZE, &["new", "--group", "Les Colibris", "--participants", "Awa,Bruno,Chloé"]);
    tui.wait_for("1/8 Accueil");
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);
    let path = only_session_file(dir);
    let mut json = read_json(&path);
    // Started 95 minutes ago; most steps took a minute or two more than
    // planned, the closing 2 of its 5 minutes so far.
    json["created_at"] = (chrono::Local::now() - chrono::Duration::minutes(95)).to_rfc3339().into();
    json["current_step"] = 7.into();
    json["progress"] = 7.into();
    json.as_object_mut().unwrap().remove("target");
    for (id, minutes) in [
        ("welcome", 6),
        ("pairs", 11),
        ("board", 16),
        ("reading", 15),
        ("ingredients", 11),
        ("failures", 11),
        ("plan", 21),
        ("closing", 2),
    ] {
        step_mut(&mut json, id)["clock"]["elapsed_ms"] = (minutes * 60_000).into();
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let tui = Tui::spawn(dir, SIZE, &["open", &common::session_id(&path)]);
    tui.wait_for("8/8 Clôture");
    tui
}

#[test]
fn walking_back_and_forth_through_a_reopened_session_changes_no_minute_of_its_header() {
    let dir = temp_dir();
    let mut tui = reopened_at_the_closing(dir.path());
    let at_the_closing = budget(&tui.screen());
    assert!(at_the_closing.starts_with("fin prévue"), "{at_the_closing}");
    // 3 minutes to come, for an end aimed at 5 minutes ago: 8 late.
    assert!(at_the_closing.contains("Séance : 1 h 33 sur 1 h 30"), "{at_the_closing}");
    assert!(at_the_closing.contains("8 min de retard"), "{at_the_closing}");
    let titles = [
        "1/8 Accueil",
        "2/8 Partage en binômes",
        "3/8 Épinglage en groupe",
        "4/8 Lecture en binômes",
        "5/8 Ingrédients",
        "6/8 Causes d’échec",
        "7/8 Et nous",
        "8/8 Clôture",
    ];
    // Back to the first step with ←, then forward to the last with →.
    let walk = (0..7).rev().chain(1..8);
    let mut at = 7;
    for to in walk {
        tui.press(if to < at { key::LEFT } else { key::RIGHT }, titles[to]);
        at = to;
        assert_eq!(budget(&tui.screen()), at_the_closing, "on « {} »", titles[to]);
    }
    tui.send("q");
    assert!(tui.wait_exit().success());
    // Left on its last step: finished, and `list` says so.
    let out = run(dir.path(), &["--sessions-dir", dir.path().to_str().unwrap(), "list"]);
    assert!(stdout(&out).contains("terminée"), "{}", stdout(&out));
    let saved = read_json(&only_session_file(dir.path()));
    assert!(saved["finished_at"].is_string(), "{saved:#}");
}

#[test]
fn a_finished_session_looked_at_again_stays_finished_with_its_times() {
    let dir = temp_dir();
    let mut tui = reopened_at_the_closing(dir.path());
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);
    let path = only_session_file(dir.path());
    let ended = read_json(&path);
    let mut tui = Tui::spawn(dir.path(), SIZE, &["open", &common::session_id(&path)]);
    tui.wait_for("terminée à");
    let header = budget(&tui.screen());
    tui.press(key::PAGE_UP, "7/8 Et nous");
    assert_eq!(budget(&tui.screen()), header, "the end of a finished session does not move");
    tui.press(key::PAGE_UP, "6/8 Causes");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let reviewed = read_json(&path);
    assert_eq!(reviewed["finished_at"], ended["finished_at"]);
    for i in 0..8 {
        assert_eq!(reviewed["steps"][i]["clock"], ended["steps"][i]["clock"], "step {}", i + 1);
    }
    let out = run(dir.path(), &["--sessions-dir", dir.path().to_str().unwrap(), "list"]);
    assert!(stdout(&out).contains("terminée"), "{}", stdout(&out));
}
