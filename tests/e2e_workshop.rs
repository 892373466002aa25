//! Workshops a facilitator writes: `atelier workshop init`, `check`, and
//! `new --workshop`, with the real binary; a session that remembers its
//! workshop, and shows its notes when the folder is gone.

mod common;

use std::fs;
use std::path::Path;

use common::{Tui, key, only_session_file, read_json, run, session_id, stderr, stdout, temp_dir};

const SIZE: (u16, u16) = (100, 30);

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn line_of(path: &Path, needle: &str) -> usize {
    fs::read_to_string(path).unwrap().lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_copy_is_checked_and_every_problem_of_a_broken_one_is_named_with_its_line() {
    let dir = temp_dir();
    let init = run(dir.path(), &["workshop", "init", "mine"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("atelier workshop check mine"), "{}", stdout(&init));
    let sound = run(dir.path(), &["workshop", "check", "mine"]);
    assert!(sound.status.success(), "{}", stderr(&sound));
    assert_eq!(stdout(&sound).trim(), "mine\u{a0}: atelier valide, 8 étapes, 1\u{a0}h\u{a0}30.");

    let again = run(dir.path(), &["workshop", "init", "mine"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(stderr(&again).lines().count(), 1, "{}", stderr(&again));
    assert!(stderr(&again).contains("n’est pas vide"), "{}", stderr(&again));

    let programme = dir.path().join("mine/programme.json");
    edit(&programme, "\"minutes\": 5,", "\"minutes\": 0,");
    edit(&programme, "\"kind\": \"reading\"", "\"kind\": \"lecture\"");
    edit(&programme, "{ \"id\": \"trust\"", "{ \"id\": \"vision\"");
    let fr = dir.path().join("mine/locales/fr/workshop.ftl");
    edit(&fr, "\nstep-board =", "\nstep-board-typo =");
    let broken = run(dir.path(), &["workshop", "check", "mine"]);
    assert_eq!(broken.status.code(), Some(1));
    let report = stderr(&broken);
    let zero = format!("programme.json:{}: étape «\u{a0}welcome\u{a0}»", line_of(&programme, "\"minutes\": 0"));
    let kind = format!("programme.json:{}: étape «\u{a0}reading\u{a0}»", line_of(&programme, "\"lecture\""));
    let twice = format!(
        "programme.json:{}: l’identifiant «\u{a0}vision\u{a0}»",
        line_of(&programme, "{ \"id\": \"vision\", \"text\": \"ingredient-trust\"")
    );
    let missing = "le texte «\u{a0}step-board\u{a0}» manque en fr".to_string();
    for expected in [&zero, &kind, &twice, &missing] {
        assert!(report.contains(expected), "{expected:?} in:\n{report}");
    }
    assert!(
        report.contains("lecture") && report.contains("timed_pairs"),
        "the unknown kind and the known ones: {report}"
    );

    // `new --workshop` refuses it with the same words, and starts nothing.
    let sessions = dir.path().join("sessions");
    let refused = run(dir.path(), &["--sessions-dir", sessions.to_str().unwrap(), "new", "--workshop", "mine"]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(stderr(&refused), report);
    assert!(!sessions.exists(), "no session was created");
}

#[test]
fn a_home_made_workshop_runs_its_sessions_remember_it_and_outlive_it() {
    let dir = temp_dir();
    let workshops = temp_dir();
    assert!(run(workshops.path(), &["workshop", "init", "jardin"]).status.success());
    let folder = fs::canonicalize(workshops.path().join("jardin")).unwrap();
    edit(&folder.join("locales/fr/workshop.ftl"), "step-welcome = Accueil", "step-welcome = Bienvenue au jardin");
    edit(&folder.join("programme.json"), "\"minutes\": 5,", "\"minutes\": 7,");

    let mut tui = Tui::spawn(dir.path(), SIZE, &["new", "--workshop", folder.to_str().unwrap(), "--group", "Jardin"]);
    tui.wait_for_all(&["1/8 Bienvenue au jardin", "1 h 32"]);
    tui.press(key::PAGE_DOWN, "2/8 Partage en binômes");
    tui.press(key::PAGE_DOWN, "3/8 Épinglage en groupe");
    tui.press("a", "Nouvelle note");
    tui.type_text("Une note du jardin");
    tui.send(key::ENTER);
    tui.wait_for_gone("Nouvelle note");
    tui.wait_for("• Une note du jardin");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let path = only_session_file(dir.path());
    let json = read_json(&path);
    assert_eq!(json["workshop_dir"], folder.to_str().unwrap(), "{json:#}");
    let id = session_id(&path);

    // Reopened, it runs on its own workshop again.
    let mut tui = Tui::spawn(dir.path(), SIZE, &["open", &id]);
    tui.wait_for("3/8 Épinglage en groupe");
    tui.press(key::PAGE_UP, "2/8");
    tui.press(key::PAGE_UP, "1/8 Bienvenue au jardin");
    tui.send("q");
    assert!(tui.wait_exit().success());

    // Its folder gone, the notes still show, read-only, with a word.
    fs::remove_dir_all(&folder).unwrap();
    let before = fs::read(&path).unwrap();
    let mut tui = Tui::spawn(dir.path(), SIZE, &["open", &id]);
    tui.wait_for_all(&["LECTURE SEULE", "introuvable"]);
    tui.press(key::PAGE_DOWN, "2/8");
    tui.press(key::PAGE_DOWN, "3/8");
    tui.wait_for("Une note du jardin");
    tui.send("a");
    tui.wait_for("Lecture seule");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(fs::read(&path).unwrap(), before, "nothing written over the notes");
}
