//! End-to-end tests of the basic walk: the real `atelier` binary in a
//! pseudo-terminal (the harness is in `common/`), its notes read back from
//! the sessions folder, and its one-shot commands run as plain processes.
//!
//! The tests never sleep and never assert on timings: they send keys and
//! wait (generously) for what the keys change on the screen.

mod common;

use std::fs;

use serde_json::Value;

use common::{Tui, dump, key, only_session_file, read_json, run, stderr, stdout, step};

const SIZE: (u16, u16) = (100, 30);

/// The first row: the step, the group and the countdown.
const HEADER: usize = 0;

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/// A whole session in French: every step, the pair countdown, the language
/// switch, the help, quitting; then the notes on disk and `atelier list`.
#[test]
fn a_whole_session_is_walked_through_and_its_notes_are_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sessions = dir.path();
    let mut tui = Tui::spawn(
        sessions,
        SIZE,
        &[
            "new",
            "--group",
            "Les Colibris",
            "--participants",
            "Awa,Bruno,Chloé,Dédé,Émile",
            "--region",
            "Hauts-Bassins",
        ],
    );

    // 1. Welcome: the group, who is there, where, the agenda, the credit.
    tui.wait_for_all(&[
        "1/8 Accueil",
        "Les Colibris",
        "Bienvenue",
        "Participants (5) : Awa, Bruno, Chloé, Dédé, Émile",
        "Région : Hauts-Bassins",
        "Déroulé",
        "Total : 1 h 30",
        "D’après le guide « Comment établir des partenariats ? » du Transition Network",
        "/ 5 min",
    ]);

    walk_the_pairs_step(&tui);
    walk_steps_3_to_8(&tui);

    // There is no step after the last: Right does nothing (the file says
    // so below: still step 8), and q quits.
    tui.send(key::RIGHT);
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "atelier exited with {status:?}; the screen:\n{}", dump(&tui.screen()));
    // Back on the normal screen, it says where the notes are (the closing
    // step said so too).
    tui.wait_for_on_normal_screen("Notes enregistrées dans");

    // The notes.
    let path = only_session_file(sessions);
    let id = path.file_stem().and_then(|s| s.to_str()).expect("file name").to_string();
    check_notes_of_the_walk(&read_json(&path), &id);

    // `atelier list` shows it, finished.
    let sessions_arg = sessions.to_str().expect("utf-8 temp path");
    let out = run(sessions, &["--sessions-dir", sessions_arg, "list"]);
    assert!(out.status.success(), "list failed: {}", stderr(&out));
    let listing = stdout(&out);
    assert!(listing.contains("Les Colibris"), "{listing}");
    assert!(listing.contains(&id), "{listing}");
    assert!(listing.contains("Hauts-Bassins"), "{listing}");
    assert!(listing.contains("terminée"), "{listing}");
}

/// Step 2 of the walk: the pairs, their countdown, the language switch and
/// the help; ends on step 3.
fn walk_the_pairs_step(tui: &Tui) {
    // 2. Pairs: the groups formed from the roster, the countdown.
    tui.press(key::PAGE_DOWN, "2/8 Partage en binômes");
    tui.wait_for_all(&[
        "Tour 1/2 — les premiers parlent",
        "Prêt — Espace : démarrer",
        "1 binôme, 1 trio",
        "Awa ↔ Bruno",
        "Chloé ↔ Dédé ↔ Émile",
        "(trio",
        "Pensez à…",
    ]);
    // The header shows the countdown as plain text (the big digits below
    // are drawn with block characters).
    tui.wait_for_on_row(HEADER, "05:00");
    // Space starts the countdown: it runs when the header leaves 05:00.
    tui.press(key::SPACE, "En cours — Espace : pause");
    tui.wait_for_on_row(HEADER, "04:5");
    // Space again pauses it.
    tui.press(key::SPACE, "En pause — Espace : reprendre");

    // `l` switches the whole screen to English, and back.
    tui.press("l", "2/8 Sharing in pairs");
    tui.wait_for_all(&["Round 1/2 — first speakers talk", "Paused — Space: resume", "Think about…", "1 pair, 1 trio"]);
    tui.press("l", "2/8 Partage en binômes");
    tui.wait_for("En pause — Espace : reprendre");

    // The help lists the keys of this screen, in French.
    tui.press("?", "Touches de cet écran");
    tui.wait_for_all(&[
        "Étape suivante",
        "Étape précédente",
        "Démarrer ou mettre en pause le compte à rebours",
        "Une minute de plus",
        "? F1",
        "q Ctrl-C",
        "Changer d’orateur",
        "Quitter (tout est déjà enregistré)",
        "Tout est enregistré à chaque changement",
    ]);
    // Esc closes it (the wait is for the help to go: the prompts around it
    // may show all along, and the next key must not follow the Escape
    // before the app has read it)…
    tui.press_until_gone(key::ESC, "Touches de cet écran");
    tui.wait_for("1. Pour quelles raisons");
    // …and the step keys work again (they do nothing while the help is open).
    tui.press(key::RIGHT, "3/8 Épinglage en groupe");
}

/// Steps 3 to 8 of the walk, each checked by its title in the header and by
/// words that stay whatever the layout: mostly the workshop's own
/// (locales/*/workshop.ftl); ends on step 8.
fn walk_steps_3_to_8(tui: &Tui) {
    // 3. Board: the two columns to pin notes in.
    tui.wait_for_all(&["Revenez tous ensemble et épinglez", "Points positifs", "Difficultés"]);

    // 4. Reading: its own countdown and the guide, by section.
    tui.press(key::PAGE_DOWN, "4/8 Lecture en binômes");
    tui.wait_for_on_row(HEADER, "15:00");
    tui.wait_for_all(&[
        "Retrouvez votre binôme pour 15 minutes",
        "Pourquoi les partenariats comptent ───",
        "On évite de refaire un travail déjà accompli",
        "2. Les niveaux de",
    ]);

    // 5. Ingredients: the question and the ingredients.
    tui.press(key::RIGHT, "5/8 Ingrédients");
    tui.wait_for_all(&[
        "Parmi ces ingrédients, lesquels avons-nous déjà ?",
        "Une vision partagée du but à atteindre ensemble",
        "Des règles claires pour travailler et décider ensemble",
    ]);

    // 6. Reasons partnerships fail: the question and the causes of failure.
    tui.press(key::PAGE_DOWN, "6/8 Causes d’échec");
    tui.wait_for_all(&[
        "Parmi ces risques, lesquels voyons-nous pour notre groupe ?",
        "Un objectif flou",
        "Une incapacité à apprendre et à évoluer",
    ]);

    // 7. Plan: what the partnership plan holds.
    tui.press(key::RIGHT, "7/8 Et nous ?");
    tui.wait_for_all(&["Tout le groupe ensemble maintenant", "Partenaires possibles", "Première action commune"]);

    // 8. Closing, with a step back and forth on the way.
    tui.press(key::PAGE_DOWN, "8/8 Clôture");
    tui.press(key::LEFT, "7/8 Et nous ?");
    tui.press(key::PAGE_UP, "6/8 Causes d’échec");
    tui.press(key::RIGHT, "7/8 Et nous ?");
    tui.press(key::PAGE_DOWN, "8/8 Clôture");
    // The session against its plan, and where its notes are kept.
    tui.wait_for_all(&["sur 1 h 30 prévues", "Notes enregistrées dans :"]);
}

/// What the walk of the first test must leave in the file.
fn check_notes_of_the_walk(json: &Value, id: &str) {
    assert_eq!(json["version"], 2, "{json:#}");
    assert_eq!(json["id"], id);
    assert_eq!(json["workshop"], "partnerships");
    assert_eq!(json["group"], "Les Colibris");
    assert_eq!(json["participants"], serde_json::json!(["Awa", "Bruno", "Chloé", "Dédé", "Émile"]));
    assert_eq!(json["region"], "Hauts-Bassins");
    assert_eq!(json["current_step"], 7, "{json:#}");
    assert_eq!(json["lang"], "fr");
    let steps = json["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 8);
    let pairs = &steps[1];
    assert_eq!(pairs["id"], "pairs");
    assert_eq!(pairs["timed_pairs"]["round"], 0);
    let rounds = pairs["timed_pairs"]["rounds"].as_array().expect("the pair rounds");
    assert_eq!(rounds.len(), 2, "{pairs:#}");
    let first = &rounds[0];
    assert_eq!(first["planned_secs"], 300, "{first:#}");
    assert!(first["elapsed_ms"].as_u64().expect("elapsed_ms") > 0, "the countdown ran: {first:#}");
    assert_eq!(first["running"], false, "the countdown was paused: {first:#}");
    assert_eq!(rounds[1]["elapsed_ms"], 0, "the second round never started: {pairs:#}");
    assert_eq!(steps[3]["id"], "reading");
    assert_eq!(steps[3]["reading"]["countdown"]["planned_secs"], 900);
}

/// `atelier open` takes the group back to the step where it stopped, by id
/// or by the path of the file.
#[test]
fn a_session_reopens_where_it_was_left() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sessions = dir.path();

    let mut tui = Tui::spawn(sessions, SIZE, &["new", "--group", "Reprise", "--participants", "Awa,Bruno"]);
    tui.wait_for("1/8 Accueil");
    tui.go_to_step("pairs");
    // Enter before anyone spoke starts the first round, never skips it.
    tui.press(key::ENTER, "En cours — Espace : pause");
    tui.wait_for("Tour 1/2 — les premiers parlent");
    // Then Enter hands over to the second speakers, whose countdown starts.
    tui.press(key::ENTER, "Tour 2/2 — les seconds parlent");
    tui.wait_for("En cours — Espace : pause");
    tui.press(key::SPACE, "En pause — Espace : reprendre");
    tui.go_to_step("reading");
    // Left in English: the notes remember the language.
    tui.press("l", "4/8 Reading in pairs");
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);

    let path = only_session_file(sessions);
    let id = path.file_stem().and_then(|s| s.to_str()).expect("file name").to_string();
    let json = read_json(&path);
    assert_eq!(json["current_step"], 3, "{json:#}");
    assert_eq!(step(&json, "pairs")["timed_pairs"]["round"], 1, "{json:#}");
    assert_eq!(json["lang"], "en", "{json:#}");

    // By id: at step 4, in the language it was left in (the locale is French).
    let mut tui = Tui::spawn(sessions, SIZE, &["open", &id]);
    tui.wait_for_all(&["4/8 Reading in pairs", "Reprise", "Ready — Space: start"]);
    tui.wait_for_on_row(HEADER, "15:00");
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);

    // By the path of the file, asking for French; Ctrl-C quits as well.
    let path_arg = path.to_str().expect("utf-8 temp path");
    let mut tui = Tui::spawn(sessions, SIZE, &["open", path_arg, "--lang", "fr"]);
    tui.wait_for_all(&["4/8 Lecture en binômes", "Reprise", "Prêt — Espace : démarrer"]);
    tui.send(key::CTRL_C);
    assert!(tui.wait_exit().success());
    drop(tui);

    // Still one session, still at step 4, now in French.
    assert_eq!(only_session_file(sessions), path);
    let json = read_json(&path);
    assert_eq!(json["current_step"], 3, "{json:#}");
    assert_eq!(json["lang"], "fr", "{json:#}");
}

/// Mistakes give one line on stderr and a failure exit, never a panic.
#[test]
fn wrong_input_gives_one_line_and_a_failure_exit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sessions = dir.path().join("sessions");
    let sessions_arg = sessions.to_str().expect("utf-8 temp path");
    let not_a_folder = dir.path().join("a-file.txt");
    fs::write(&not_a_folder, "not a folder\n").expect("write a file");
    let not_a_folder_arg = not_a_folder.to_str().expect("utf-8 temp path");

    // What went wrong, the arguments, and what the line must name.
    let cases: [(&str, Vec<&str>, Option<&str>); 5] = [
        ("unknown language", vec!["--sessions-dir", sessions_arg, "--lang", "de", "list"], Some("'de'")),
        ("unknown session", vec!["--sessions-dir", sessions_arg, "open", "does-not-exist"], Some("does-not-exist")),
        ("a file for a folder", vec!["--sessions-dir", not_a_folder_arg, "list"], Some("a-file.txt")),
        // The line is "the following required arguments were not provided:"
        // without saying which (the name is on clap's second line, which is
        // dropped): one line, but not an informative one.
        ("missing session", vec!["--sessions-dir", sessions_arg, "open"], None),
        ("no terminal", vec!["--sessions-dir", sessions_arg, "new", "--group", "G"], Some("terminal")),
    ];
    for (what, args, mentioned) in cases {
        let out = run(dir.path(), &args);
        let err = stderr(&out);
        let context =
            format!("{what}: atelier {args:?}\nstatus: {:?}\nstdout: {}\nstderr: {err}", out.status, stdout(&out));
        assert!(!out.status.success(), "{context}");
        assert!(out.status.code().is_some_and(|c| c != 0), "{context}");
        assert!(!err.contains("panicked"), "{context}");
        let lines: Vec<&str> = err.trim().lines().collect();
        assert_eq!(lines.len(), 1, "one line expected; {context}");
        assert!(lines[0].starts_with("atelier: "), "{context}");
        if let Some(mentioned) = mentioned {
            assert!(lines[0].contains(mentioned), "the line should name {mentioned:?}; {context}");
        }
        assert!(stdout(&out).is_empty(), "{context}");
    }
    assert!(!sessions.exists(), "no mistake may create the sessions folder");
}

/// `--version`, `--help`, and options accepted before or after the command.
#[test]
fn version_help_and_global_options() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sessions = dir.path().join("sessions");
    let sessions_arg = sessions.to_str().expect("utf-8 temp path");

    let out = run(dir.path(), &["--version"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), format!("atelier {}", env!("CARGO_PKG_VERSION")));

    // Help speaks the room's language: French from the locale, English when asked.
    let out = run(dir.path(), &["--help"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let help = stdout(&out);
    for word in ["Utilisation", "Commandes", "Options", "new", "open", "list", "--lang", "--sessions-dir", "--version"]
    {
        assert!(help.contains(word), "--help should mention {word}:\n{help}");
    }
    assert!(!help.contains("Usage:"), "no English left in the French help:\n{help}");
    let out = run(dir.path(), &["--lang", "en", "--help"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let help = stdout(&out);
    for word in ["Usage", "Commands", "Options", "Start a new session"] {
        assert!(help.contains(word), "--lang en --help should mention {word}:\n{help}");
    }
    assert_eq!(help, stdout(&run(dir.path(), &["--help", "--lang", "en"])), "--lang after --help counts too");

    // The options are global: before or after the command, same result.
    let before = run(dir.path(), &["--lang", "en", "--sessions-dir", sessions_arg, "list"]);
    let after = run(dir.path(), &["list", "--lang", "en", "--sessions-dir", sessions_arg]);
    for out in [&before, &after] {
        assert!(out.status.success(), "{}", stderr(out));
        assert!(stdout(out).starts_with("No sessions in"), "{}", stdout(out));
        assert!(stdout(out).contains(sessions_arg), "{}", stdout(out));
    }
    assert_eq!(stdout(&before), stdout(&after));

    // Without --lang, the locale (French here) decides.
    let out = run(dir.path(), &["list", "--sessions-dir", sessions_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Aucune séance dans"), "{}", stdout(&out));
}
