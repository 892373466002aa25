//! The home screen draws before its folder is read, then fills in: the
//! past sessions appear without a key, and the folder's index is written
//! as one line per session.

mod common;

use std::fs;

use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::session::{Roster, Session};
use chrono::Local;
use common::{Tui, temp_dir};

#[test]
fn the_home_screen_fills_in_once_its_folder_is_read() {
    let dir = temp_dir();
    let programme = Programme::embedded();
    let template = Session::new("x".into(), &programme, Roster::default(), Lang::Fr, Local::now());
    for n in 0..300 {
        let mut s = template.clone();
        s.id = format!("s{n:03}");
        s.roster.group = format!("Groupe {n}");
        fs::write(dir.path().join(format!("{}.json", s.id)), serde_json::to_vec(&s).unwrap()).unwrap();
    }
    let mut tui = Tui::spawn(dir.path(), (100, 30), &[]);
    tui.wait_for("Nouvelle séance");
    tui.wait_for("300 séances passées");
    assert!(!tui.screen().contains("Aucune séance"), "{}", tui.screen());
    tui.send("q");
    assert!(tui.wait_exit().success());
    let index = fs::read_to_string(dir.path().join(".index.jsonl")).unwrap();
    assert_eq!(index.lines().count(), 301, "a header and one line per session");
}

/// Issue #31: « + Nouvelle séance » then `q` left an empty line in the list.
/// Now a new session left with nothing typed goes to the trash (whence it
/// could come back); one with a participant added stays.
#[test]
fn a_new_session_left_with_nothing_typed_leaves_no_line_in_the_list() {
    let dir = temp_dir();
    let mut tui = Tui::spawn(dir.path(), (100, 30), &[]);
    tui.wait_for("Nouvelle séance");
    tui.press(common::key::ENTER, "1/8 Accueil");
    tui.wait_saved();
    tui.press("q", "Nouvelle séance");
    tui.wait_for("Aucune séance");
    assert!(common::session_files(dir.path()).is_empty(), "{:?}", common::session_files(dir.path()));
    // One with a participant is kept.
    tui.press(common::key::ENTER, "1/8 Accueil");
    tui.press("a", "Nouveau participant");
    tui.type_text("Awa");
    tui.press(common::key::ENTER, "Awa  + ajouter");
    tui.wait_saved();
    tui.press("q", "Nouvelle séance");
    tui.wait_for("1 séance passée");
    assert_eq!(common::session_files(dir.path()).len(), 1);
    tui.send("q");
    assert!(tui.wait_exit().success());
}
