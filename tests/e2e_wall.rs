//! Two instances on one sessions folder, each in its own pseudo-terminal:
//! the facilitator's atelier and the wall (`atelier wall`) that follows it.

mod common;

use std::fs;
use std::path::Path;
use std::time::Instant;

use common::{Tui, dump, key, only_session_file, session_id, temp_dir};

const SIZE: (u16, u16) = (120, 36);

fn facilitator(sessions: &Path) -> Tui {
    let tui = Tui::spawn(sessions, SIZE, &["new", "--group", "Les Colibris", "--participants", "Awa,Bruno,Chloé,Dédé"]);
    tui.wait_for("1/8 Accueil");
    // The session's file is written right after the first frame, without
    // the corner's mark: waited for in the folder, where a wall finds it.
    only_session_file(sessions);
    tui
}

fn wall(sessions: &Path, which: &str) -> Tui {
    let tui = Tui::spawn(sessions, SIZE, &["wall", which]);
    tui.wait_for("1/8 Accueil");
    tui
}

fn quit(tui: &mut Tui) {
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exited with {status:?}:\n{}", dump(&tui.screen()));
}

#[test]
fn a_change_on_the_facilitators_screen_shows_on_the_wall_and_keys_on_the_wall_write_nothing() {
    let dir = temp_dir();
    let mut main = facilitator(dir.path());
    let file = only_session_file(dir.path());
    let id = session_id(&file);
    // The random part of the id, as `open` takes it.
    let mut wall = wall(dir.path(), id.rsplit('-').next().expect("a random part"));
    main.wait_for("Pour l’animation");
    assert!(!wall.screen().contains("Pour l’animation"), "the panel is the facilitator's");

    let sent = Instant::now();
    main.press(key::RIGHT, "2/8 Partage");
    wall.wait_for("2/8 Partage en binômes");
    eprintln!("the wall followed a step change in {:?}", sent.elapsed());
    main.press(" ", "En cours");
    wall.wait_for("En cours");
    wall.wait_for("04:5");

    let before = (fs::read(&file).expect("the notes"), fs::metadata(&file).and_then(|m| m.modified()).ok());
    let lock = file.with_file_name(format!(".{}.lock", file.file_name().unwrap().to_string_lossy()));
    // Every key that acts on the facilitator's screen, then `l`, which acts on the wall.
    wall.send(
        &[key::RIGHT, key::LEFT, " ", "+", "p", "a", "e", "d", "*", "u", key::ENTER, "v", "s", "r", "?"].concat(),
    );
    wall.press("l", "2/8 Sharing in pairs");
    assert!(wall.screen().contains("04:"), "still counting down");
    assert!(main.screen().contains("2/8 Partage"), "the facilitator's screen did not move");
    let after = (fs::read(&file).expect("the notes"), fs::metadata(&file).and_then(|m| m.modified()).ok());
    assert!(before == after, "a key on the wall wrote the notes");
    assert!(lock.exists(), "the facilitator still holds the session");

    let presence = file.with_file_name(format!(".{}.wall", file.file_name().unwrap().to_string_lossy()));
    assert!(presence.exists(), "the wall says it is there");
    quit(&mut wall);
    assert!(!presence.exists(), "and no longer once gone");
    main.wait_for_gone("Pour l’animation");
    quit(&mut main);
}

#[test]
fn the_wall_outlives_the_facilitator_and_follows_again_when_it_comes_back() {
    let dir = temp_dir();
    let mut main = facilitator(dir.path());
    let id = session_id(&only_session_file(dir.path()));
    let mut wall = wall(dir.path(), &id);
    main.press(key::RIGHT, "2/8 Partage");
    wall.wait_for("2/8 Partage");
    quit(&mut main);
    wall.wait_for("n’est plus en cours");
    assert!(wall.screen().contains("2/8 Partage"), "the last state stays");

    let mut main = Tui::spawn(dir.path(), SIZE, &["open", "Les Colibris"]);
    main.wait_for("2/8 Partage");
    wall.wait_for_gone("n’est plus en cours");
    main.wait_for("Pour l’animation");
    main.press(key::RIGHT, "3/8 Épinglage");
    wall.wait_for("3/8 Épinglage");
    quit(&mut main);
    quit(&mut wall);
}

/// Killed outright, an instance writes nothing more; the system closes
/// the files it held, and that is heard: the wall says the session no
/// longer runs, the facilitator's screen that no wall shows it.
#[cfg(target_os = "linux")]
#[test]
fn a_killed_facilitator_or_wall_is_heard_by_the_other() {
    let dir = temp_dir();
    let mut main = facilitator(dir.path());
    let id = session_id(&only_session_file(dir.path()));
    let mut wall = wall(dir.path(), &id);
    main.wait_for("Pour l’animation");
    // SAFETY: kill(2) on the child this test started.
    unsafe { libc::kill(wall.pid(), libc::SIGKILL) };
    wall.wait_exit();
    main.wait_for_gone("Pour l’animation");

    let mut wall = self::wall(dir.path(), &id);
    main.wait_for("Pour l’animation");
    assert!(!wall.screen().contains("n’est plus en cours"));
    // SAFETY: as above.
    unsafe { libc::kill(main.pid(), libc::SIGKILL) };
    main.wait_exit();
    wall.wait_for("n’est plus en cours");
    quit(&mut wall);
}

#[test]
fn a_private_turn_keeps_its_ticks_off_the_wall_until_it_ends() {
    let dir = temp_dir();
    let mut main = facilitator(dir.path());
    let mut wall = wall(dir.path(), "Les Colibris");
    main.go_to_step("ingredients");
    wall.wait_for("5/8 Ingrédients");
    main.press(" ", "[×]");
    main.wait_for("Coches de Awa");
    // A break and its end come after the tick in the file: once the wall
    // shows the list again, it has read the tick too.
    main.press("p", "Pause");
    wall.wait_for_gone("Parmi ces ingrédients");
    main.press_until_gone("p", "Pause");
    wall.wait_for("Parmi ces ingrédients");
    assert!(!wall.screen().contains('×'), "a private tick on the wall:\n{}", dump(&wall.screen()));
    main.press(key::ENTER, "2 / 4");
    wall.wait_for("2 / 4");
    quit(&mut main);
    quit(&mut wall);
}
