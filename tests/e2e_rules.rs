//! The rules a room of twelve relies on, with the real binary: several
//! names typed at once, a removal that `u` brings back, whose turn it is
//! and a word when a turn is skipped or reopened, countdowns without traps,
//! a break, a countdown left running on another step.

mod common;

use common::{Tui, key, only_session_file, read_json, temp_dir};
use serde_json::Value;

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
    for step in ["2/8", "3/8", "4/8", "5/8"] {
        tui.press(key::PAGE_DOWN, step);
    }
    tui.wait_for("1 / 12");
    tui.press(key::ENTER, "2 / 12");
    tui.press("s", "Bruno passe son tour");
    tui.wait_for("3 / 12");
    tui.press("r", "Bruno reprend son tour");
    tui.wait_for("2 / 12");
    let turns = &saved(&tui)["steps"][4]["checklist"]["turns"];
    assert_eq!(turns[0]["status"], "done");
    assert_eq!(turns[1]["status"], "waiting", "reopened: {turns:#}");
}

#[test]
fn countdowns_have_no_traps_and_a_break_stops_everything() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno,Chloé,Dédé"]);
    tui.wait_for("1/8 Accueil");
    tui.press(key::PAGE_DOWN, "2/8 Partage en binômes");
    // `−` ten times on a countdown that has not started: a minute is left,
    // nothing rings, nobody is told to swap.
    for _ in 0..10 {
        tui.send("-");
    }
    tui.wait_for("01:00");
    let round = &saved(&tui)["steps"][1]["timed_pairs"]["rounds"][0];
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
    assert_eq!(json["steps"][1]["timed_pairs"]["rounds"][0]["running"], false);
    tui.press_until_gone("p", "PAUSE");
    tui.wait_for("En cours — Espace : pause");
    let json = saved(&tui);
    assert_eq!(json["steps"][1]["timed_pairs"]["rounds"][0]["running"], true, "{json:#}");
    assert_eq!(json["breaks"].as_array().map(Vec::len), Some(1));
    // A countdown left running while the room looks at the next step shows
    // in the header, with its step's name.
    tui.press(key::PAGE_DOWN, "3/8 Épinglage en groupe");
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
    tui.wait_for("0 groupe ");
}
