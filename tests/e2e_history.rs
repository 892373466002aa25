//! Groups come back: the home screen, read-only review, the example, rename,
//! follow-up, trash, the trend, `atelier list --json` and `atelier export`,
//! with the real binary.

mod common;

use std::fs;

use common::{Tui, key as keys, only_session_file, run, session_files, stderr, stdout, temp_dir};

/// A finished session of the group, made by walking it in a terminal.
fn make_session(dir: &std::path::Path, group: &str) -> std::path::PathBuf {
    let mut tui =
        Tui::spawn(dir, (100, 30), &["new", "--group", group, "--participants", "Awa,Bruno", "--region", "Centre"]);
    tui.wait_for("1/8");
    tui.go_to_step("closing");
    tui.send("q");
    assert!(tui.wait_exit().success());
    only_session_file(dir)
}

#[test]
fn read_only_review_writes_nothing_and_the_example_opens_read_only() {
    let dir = temp_dir();
    let path = make_session(dir.path(), "Les Colibris");
    let before = fs::read(&path).unwrap();

    let mut tui = Tui::spawn(dir.path(), (100, 30), &["open", "--read-only", path.to_str().unwrap()]);
    tui.wait_for("LECTURE SEULE");
    // Moving, trying to change, switching language: nothing is written.
    tui.press(keys::PAGE_UP, "7/8");
    tui.press("a", "Lecture seule");
    tui.press("l", "READ-ONLY");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(fs::read(&path).unwrap(), before, "the file is byte for byte the same");

    // An example session, copied in, always opens read-only.
    let mut example: serde_json::Value = serde_json::from_slice(&before).unwrap();
    example["example"] = true.into();
    example["id"] = "exemple-test".into();
    let example_path = dir.path().join("exemple-test.json");
    fs::write(&example_path, serde_json::to_vec_pretty(&example).unwrap()).unwrap();
    let example_bytes = fs::read(&example_path).unwrap();
    let mut tui = Tui::spawn(dir.path(), (100, 30), &["open", "exemple-test"]);
    tui.wait_for("LECTURE SEULE");
    tui.press(keys::PAGE_UP, "7/8");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(fs::read(&example_path).unwrap(), example_bytes);
}

#[test]
fn home_searches_renames_follows_up_and_trashes() {
    let dir = temp_dir();
    let first = make_session(dir.path(), "Les Colibris");
    let mut tui = Tui::spawn(dir.path(), (110, 30), &[]);
    tui.wait_for("1 séance passée");
    tui.wait_for("Les Colibris (Centre)");

    // Search: a group that is not there empties the list, Esc clears it.
    tui.send("/");
    tui.type_text("jardins");
    tui.wait_for("Aucune séance passée");
    tui.press(keys::ESC, "Les Colibris (Centre)");

    // Rename the group.
    tui.send(keys::DOWN);
    tui.press("n", "Nouveau nom du groupe");
    tui.type_text(" 2026");
    tui.wait_for("Les Colibris 2026");
    tui.press(keys::ENTER, "Les Colibris 2026 (Centre)");
    let renamed: serde_json::Value = serde_json::from_slice(&fs::read(&first).unwrap()).unwrap();
    assert_eq!(renamed["group"], "Les Colibris 2026");

    // A follow-up: same group and roster, fresh notes, linked to the first.
    tui.press("f", "1/8");
    tui.wait_for("Awa, Bruno");
    // Opened from the home screen, a session is left for it: q goes back.
    tui.press("q", "2 séances passées");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let files = session_files(dir.path());
    assert_eq!(files.len(), 2);
    let first_id = renamed["id"].as_str().unwrap().to_string();
    let follow_up = files.iter().find(|p| **p != first).unwrap();
    let follow: serde_json::Value = serde_json::from_slice(&fs::read(follow_up).unwrap()).unwrap();
    assert_eq!(follow["follows"], first_id.as_str());
    assert_eq!(follow["group"], "Les Colibris 2026");
    assert_eq!(follow["current_step"], 0);

    // The trend of the group, then back; then the first session to the trash.
    let mut tui = Tui::spawn(dir.path(), (110, 30), &[]);
    tui.wait_for("2 séances passées");
    tui.send(keys::DOWN);
    tui.press("t", "Évolution — Les Colibris 2026 (2 séances)");
    tui.press_until_gone(keys::ESC, "Évolution — Les Colibris 2026");
    tui.wait_for("2 séances passées");
    // The older one is second in the list.
    // `d` moves it to the trash at once, no question asked: a line says
    // so, and `u` brings it back.
    tui.send(keys::DOWN);
    tui.press("d", "« Les Colibris 2026 » retiré — u pour annuler");
    tui.wait_for("1 séance passée");
    let trashed = dir.path().join(".trash").join(first.file_name().unwrap());
    assert!(trashed.exists(), "moved to the trash, not erased");
    assert_eq!(session_files(dir.path()).len(), 1);
    tui.press("u", "2 séances passées");
    assert!(first.exists() && !trashed.exists(), "back where it was");
    // The cursor is back on it: `d` again sends it to the trash.
    tui.press("d", "1 séance passée");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(trashed.exists());
    assert_eq!(session_files(dir.path()).len(), 1);
}

#[test]
fn list_as_json_and_export_in_three_formats() {
    let dir = temp_dir();
    let path = make_session(dir.path(), "Les <b>Colibris</b> & co");
    let id = path.file_stem().unwrap().to_str().unwrap().to_string();
    let dir_arg = dir.path().to_str().unwrap();

    let listed = run(dir.path(), &["--sessions-dir", dir_arg, "list", "--json"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&listed)).unwrap();
    assert_eq!(rows[0]["id"], id.as_str());
    assert_eq!(rows[0]["finished"], true);

    let md = run(dir.path(), &["--sessions-dir", dir_arg, "export", &id, "--format", "md"]);
    assert!(md.status.success(), "{}", stderr(&md));
    assert!(stdout(&md).contains("Transition Network"), "the credit is in the sheet");

    let html_file = dir.path().join("fiche.html");
    let html =
        run(dir.path(), &["--sessions-dir", dir_arg, "export", &id, "-o", html_file.to_str().unwrap(), "--lang", "en"]);
    assert!(html.status.success(), "{}", stderr(&html));
    let page = fs::read_to_string(&html_file).unwrap();
    assert!(page.contains("<html lang=\"en\""));
    assert!(page.contains("Les &lt;b&gt;Colibris&lt;/b&gt; &amp; co"), "the group is escaped");
    assert!(!page.contains("<b>Colibris"));

    let json = run(dir.path(), &["--sessions-dir", dir_arg, "export", &id, "--format", "json"]);
    let back: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(back["id"], id.as_str());

    let wrong = run(dir.path(), &["--sessions-dir", dir_arg, "export", &id, "--format", "pdf"]);
    assert!(!wrong.status.success());
    assert_eq!(stderr(&wrong).trim().lines().count(), 1, "{}", stderr(&wrong));
}

/// Issue 31: a group is found as people type its name: without accents or
/// case, by the start of a word; when several groups match, they are listed
/// one a line and nothing opens (exit code 1). On the previous main, only
/// the whole name with its accents found a group, and `list` ran the parts
/// of its last column together (« ★ 3 notes épinglées On y va »).
#[test]
fn a_group_is_found_by_its_start_without_accents_or_a_list_says_which() {
    let dir = temp_dir();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/exemple-colibris.json");
    let mut session: serde_json::Value = serde_json::from_slice(&fs::read(example).unwrap()).unwrap();
    for (id, group) in [
        ("jardins-abc234", "Jardins Partagés"),
        ("colibris-def567", "Les Colibris"),
        ("colombes-ghj789", "Les Colombes"),
    ] {
        session["id"] = id.into();
        session["group"] = group.into();
        fs::write(dir.path().join(format!("{id}.json")), serde_json::to_vec(&session).unwrap()).unwrap();
    }
    let dir_arg = dir.path().to_str().unwrap();
    let found = run(dir.path(), &["--sessions-dir", dir_arg, "export", "JARDINS partages", "--format", "json"]);
    assert!(found.status.success(), "{}", stderr(&found));
    assert!(stdout(&found).contains("Jardins Partagés"), "{}", stdout(&found));
    let found = run(dir.path(), &["--sessions-dir", dir_arg, "export", "colib", "--format", "json"]);
    assert!(stdout(&found).contains("Les Colibris"), "{}", stderr(&found));

    let several = run(dir.path(), &["--sessions-dir", dir_arg, "export", "les co", "--format", "json"]);
    assert_eq!(several.status.code(), Some(1), "{}", stdout(&several));
    let told = stderr(&several);
    assert!(told.contains("plusieurs groupes"), "{told}");
    for group in ["Les Colibris", "Les Colombes"] {
        assert!(told.lines().any(|l| l.trim() == group), "{group} not on a line of its own:\n{told}");
    }
    assert!(!told.contains("Jardins"), "{told}");

    let listed = stdout(&run(dir.path(), &["--sessions-dir", dir_arg, "list"]));
    assert!(listed.contains("épinglées · On y va"), "{listed}");
}
