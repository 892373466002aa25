//! Promises of the README that a facilitator relies on without seeing
//! them: a file from a newer version is only read, `v` shows or hides the
//! others' answers, the app's own leftovers are cleaned at start. The real
//! binary in a pseudo-terminal, the file read back.

mod common;

use std::fs;
use std::time::{Duration, SystemTime};

use common::{Tui, key, only_session_file, read_json, step, temp_dir};

const SIZE: (u16, u16) = (100, 30);

/// A session made by the app, left at step 3, and its file.
fn a_session(dir: &std::path::Path) -> std::path::PathBuf {
    let mut tui = Tui::spawn(dir, SIZE, &["new", "--participants", "Awa,Bruno"]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("board");
    tui.send("q");
    tui.wait_exit();
    only_session_file(dir)
}

#[test]
fn a_file_from_a_newer_version_is_shown_read_only_and_never_written() {
    let dir = temp_dir();
    let path = a_session(dir.path());
    let mut json = read_json(&path);
    json["version"] = serde_json::json!(99);
    fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let before = (fs::read(&path).unwrap(), fs::metadata(&path).unwrap().modified().unwrap());

    let mut tui = Tui::spawn(dir.path(), SIZE, &["open", path.to_str().unwrap()]);
    tui.wait_for("version plus récente");
    tui.wait_for("3/8 Épinglage en groupe");
    // Keys that would add a note, move on, start a clock: nothing changes.
    tui.send("a");
    tui.type_text("ne doit pas rester");
    tui.send(key::ENTER);
    tui.send(key::PAGE_DOWN);
    tui.send(" ");
    tui.send("q");
    tui.wait_exit();
    let after = (fs::read(&path).unwrap(), fs::metadata(&path).unwrap().modified().unwrap());
    assert!(before == after, "the newer file was written");
}

#[test]
fn v_shows_or_hides_the_others_answers_and_it_is_kept() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno"]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("ingredients");
    tui.wait_for("cachées (v)");
    tui.press("v", "visibles (v)");
    tui.wait_saved();
    let json = read_json(&only_session_file(dir.path()));
    assert_eq!(step(&json, "ingredients")["checklist"]["private"], false, "{:#}", step(&json, "ingredients"));
    tui.press("v", "cachées (v)");
    tui.wait_saved();
    let json = read_json(&only_session_file(dir.path()));
    assert_eq!(step(&json, "ingredients")["checklist"]["private"], true);
}

#[test]
fn the_apps_old_leftovers_are_cleaned_at_start_and_nothing_else() {
    let dir = temp_dir();
    a_session(dir.path());
    let old = SystemTime::now() - Duration::from_secs(3600);
    let leftover = dir.path().join(".2026-01-01-x.json.atelier-tmp");
    let fresh = dir.path().join(".2026-01-02-y.json.atelier-tmp");
    let not_ours = dir.path().join(".notes-perso.tmp");
    for file in [&leftover, &fresh, &not_ours] {
        fs::write(file, "{").unwrap();
    }
    for file in [&leftover, &not_ours] {
        fs::File::options().write(true).open(file).unwrap().set_modified(old).unwrap();
    }
    let tui = Tui::spawn(dir.path(), SIZE, &[]);
    tui.wait_for("Nouvelle séance");
    let start = std::time::Instant::now();
    while leftover.exists() && start.elapsed() < common::TIMEOUT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!leftover.exists(), "an hour-old leftover of the app is removed");
    assert!(fresh.exists(), "a fresh one may be another instance's save under way");
    assert!(not_ours.exists(), "a file not the app's is never touched");
}
