//! The app never says « saved » unless it was: quitting while every save
//! fails keeps the notes in a recovery copy in the user's data folder, says
//! where in one line, and exits with a failure.
//!
//! One test alone in this file: it points the user's data folder (which the
//! child inherits) at a temporary one.

mod common;

use std::fs;

use common::{Tui, key, read_json, step, temp_dir};

#[test]
fn quitting_while_saves_fail_keeps_a_recovery_copy_and_says_where() {
    let dir = temp_dir();
    let data = dir.path().join("data");
    // SAFETY: the only test of this binary; set before any child starts.
    unsafe { std::env::set_var("XDG_DATA_HOME", &data) };
    let sessions = dir.path().join("sessions");
    fs::create_dir(&sessions).unwrap();
    let mut tui = Tui::spawn(&sessions, (100, 30), &["new", "--group", "G"]);
    tui.wait_for("1/8");
    // Its first save took its lock: the session runs in its folder.
    common::only_session_file(&sessions);
    // The notes' folder goes, and a file stands where it was: the notes
    // go to a recovery file, and the folder is not made again.
    fs::remove_dir_all(&sessions).unwrap();
    fs::write(&sessions, "not a folder").unwrap();
    tui.go_to_step("board");
    tui.press("a", "Nouvelle note");
    tui.type_text("Gardée quand même");
    tui.press(key::ENTER, "Points positifs (1)");
    tui.wait_for("a disparu ou changé de nom");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(!status.success(), "a failure, since nothing was saved in its file");
    tui.wait_for("NON enregistrées");
    let screen = tui.screen();
    assert!(!screen.contains("Notes enregistrées dans"), "never « saved »: {screen}");
    let copies: Vec<_> =
        fs::read_dir(data.join("atelier").join("recovery")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(screen.replace('\n', "").contains(copies[0].file_name().unwrap().to_str().unwrap()), "{screen}");
    let json = read_json(&copies[0]);
    assert_eq!(step(&json, "board")["board"]["notes"][0]["text"], "Gardée quand même");
}
