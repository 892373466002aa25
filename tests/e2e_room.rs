//! End-to-end tests of what the room types and ticks: the board, the
//! checklists in turn, the plan and the closing sheet, driven with the keys
//! a facilitator presses, in the real binary in a pseudo-terminal (the
//! harness is in `common/`); then the notes read back from the file, and
//! the session reopened.
//!
//! The tests never sleep and never assert on timings: they send keys and
//! wait (generously) for what the keys change on the screen. The French
//! screens use no-break spaces before « : » and « ? »; the harness reads
//! them as plain spaces, so the expected texts below use plain ones.

mod common;

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use common::{Tui, dump, key, only_session_file, read_json, row_of, session_id, step, temp_dir};

/// Wide enough for the turns panel beside the checklists (≥ 90 columns)
/// and the questions beside the plan (≥ 110), tall enough for the closing
/// words above the closing sheet.
const SIZE: (u16, u16) = (120, 36);

const PARTICIPANTS: &str = "Awa,Bruno,Chloé,Dédé";

/// The items of step 5, as they start on screen (the programme's
/// `ingredient-*` texts, in order: vision, trust, leadership, goals, care…).
const VISION: &str = "Une vision partagée du but";
const TRUST: &str = "Respect et confiance mutuels";
const LEADERSHIP: &str = "Un travail reconnu de part et";
const CARE: &str = "Du temps consacré à prendre soin du partenariat";

/// The items of step 6 used here (`failure-*`: vision, power, aim, roles,
/// values, time…).
const NO_VISION: &str = "Aucune vision commune construite ensemble";
const AIM: &str = "Un objectif flou";
const NO_TIME: &str = "Un manque de temps ou d";

/// What the plan's hint line says for the row under the cursor.
const HINT_DESCRIPTION: &str = "Une ligne sur ce que fait ce groupe.";
const HINT_LEVEL: &str = "Partager, consulter, décider, soutenir ou mener un projet ensemble ?";
const HINT_HOPES: &str = "Que voulons-nous atteindre ensemble que nous ne pourrions pas faire seuls ?";
const HINT_REVIEW: &str = "Quel jour referons-nous le point ?";
const HINT_DECISION: &str = "Allons-nous de l’avant avec ce partenariat ?";

/// Starts a new session of four in the terminal and waits for step 1.
fn start(sessions: &Path) -> Tui {
    let tui = Tui::spawn(
        sessions,
        SIZE,
        &["new", "--group", "Les Colibris", "--participants", PARTICIPANTS, "--region", "Hauts-Bassins"],
    );
    tui.wait_for_all(&["1/8 Accueil", "Les Colibris", "Participants (4) : Awa, Bruno, Chloé, Dédé"]);
    tui
}

/// The notes as the file holds them once what the screen shows is saved:
/// the app draws the change first, and its corner's mark of notes not yet
/// on the disk goes once the file is flushed.
fn saved(tui: &Tui) -> Value {
    tui.wait_saved();
    read_json(&only_session_file(tui.dir()))
}

/// Quits with `q` and checks the app exits with success.
fn quit(tui: &mut Tui) {
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "atelier exited with {status:?}; the screen:\n{}", dump(&tui.screen()));
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/// A session in which the room speaks: notes on the board (accents typed
/// key by key, an emoji, a paste), pinned, deleted and brought back; the
/// ingredients ticked by all four in turn; the reasons for failure left in
/// the middle of a turn; a plan with a partner, a level, two lines of hopes
/// and a decision; the closing sheet; then the file, and the session
/// reopened where it was left.
#[test]
fn what_the_room_types_and_ticks_is_shown_saved_and_found_again() {
    let dir = temp_dir();
    let sessions = dir.path();
    let mut tui = start(sessions);

    tui.press(key::PAGE_DOWN, "2/8 Partage en binômes");
    tui.press(key::PAGE_DOWN, "3/8 Épinglage en groupe");
    fill_the_board(&tui);
    // Each change is saved at once (checked on the way), the undo too.
    let json = saved(&tui);
    let notes = note_texts(&step(&json, "board")["board"]);
    assert_eq!(notes, ["Confiance réciproque", "Réseau élargi 🤝", "Des idées neuves", "Manque de temps"], "{json:#}");

    tui.press(key::PAGE_DOWN, "4/8 Lecture en binômes");
    tui.press(key::PAGE_DOWN, "5/8 Ingrédients");
    tick_the_ingredients(&tui);

    tui.press(key::PAGE_DOWN, "6/8 Causes d’échec");
    tick_the_failures_and_stop_midway(&tui);
    let json = saved(&tui);
    assert_eq!(turns(&step(&json, "failures")["checklist"])[2], turn("Chloé", "waiting", &["time"]), "{json:#}");

    tui.press(key::PAGE_DOWN, "7/8 Et nous ?");
    fill_the_plan(&tui);
    let json = saved(&tui);
    assert_eq!(step(&json, "plan")["plan"]["choices"]["decision"], "go", "{json:#}");

    tui.press(key::PAGE_DOWN, "8/8 Clôture");
    check_the_closing_sheet(&tui);

    quit(&mut tui);
    tui.wait_for_on_normal_screen("Notes enregistrées dans");
    drop(tui);

    let path = only_session_file(sessions);
    let id = session_id(&path);
    check_the_notes(&read_json(&path), &id, 7);

    // Reopened by its id: back on the closing sheet, with everything.
    let mut tui = Tui::spawn(sessions, SIZE, &["open", &id]);
    tui.wait_for_all(&["8/8 Clôture", "Les Colibris", "★ Réseau élargi 🤝", "Décision : On y va"]);
    tui.press(key::PAGE_UP, "7/8 Et nous ?");
    // The cursor where it was left, on the decision, below the dates.
    tui.wait_for_all(&["Décision : On y va", "Révision du plan", "  15/12/2026"]);
    // Back up to the top of the plan, in one go: the wait starts before
    // the first key.
    tui.press(&key::UP.repeat(25), "Qui connaissons-nous ?");
    tui.wait_for_all(&[
        "1. AMAP du quartier  ★ retenu",
        "Paniers de légumes",
        "Niveau de partenariat : Décider ensemble",
    ]);
    tui.wait_for_all(&["  Un marché de saison", "  ouvert à tous"]);
    // The reasons for failure: still Chloé's turn, with her tick.
    tui.press(key::PAGE_UP, "6/8 Causes d’échec");
    tui.wait_for_all(&["✓ Awa", "✓ Bruno", "▶ Chloé", "· Dédé", &format!("[×] {NO_TIME}")]);
    tui.wait_until("Chloé's one tick only", common::TIMEOUT, |s| s.matches("[×]").count() == 1);
    tui.press(key::PAGE_UP, "5/8 Ingrédients");
    tui.wait_for_all(&["Résultats : 4 réponses", &format!(" 3/4 {VISION}")]);
    tui.press(key::PAGE_UP, "4/8 Lecture en binômes");
    tui.press(key::PAGE_UP, "3/8 Épinglage en groupe");
    tui.wait_for_all(&[
        "Points positifs (3)",
        "Difficultés (1)",
        "★ Réseau élargi 🤝",
        "• Confiance réciproque",
        "• Des idées neuves",
        "• Manque de temps",
    ]);
    check_pinned_first(&tui);
    quit(&mut tui);
    drop(tui);

    // Reopening changed nothing but the step on screen.
    assert_eq!(only_session_file(sessions), path);
    check_the_notes(&read_json(&path), &id, 2);
}

/// Esc drops what an entry holds: a note on the board, two lines in a plan
/// field. What was kept with Enter before stays.
#[test]
fn an_entry_left_with_esc_keeps_nothing() {
    let dir = temp_dir();
    let sessions = dir.path();
    let mut tui = start(sessions);
    tui.go_to_step("board");

    // One note kept…
    tui.press("a", "Nouvelle note — Points positifs");
    tui.type_text("Gardée");
    tui.press(key::ENTER, "Points positifs (1)");
    tui.wait_for("• Gardée");
    // …one dropped.
    tui.press("a", "Nouvelle note — Points positifs");
    tui.type_text("Brouillon à jeter");
    tui.wait_for("Brouillon à jeter");
    tui.press_until_gone(key::ESC, "Nouvelle note — Points positifs");
    tui.wait_for_gone("Brouillon à jeter");
    tui.wait_for_all(&["Points positifs (1)", "• Gardée"]);

    // Two lines typed in a plan field, then Esc.
    tui.go_to_step("plan");
    tui.send(key::DOWN);
    tui.press(key::DOWN, HINT_HOPES);
    tui.press(key::ENTER, "Alt+Entrée");
    tui.type_text("Un brouillon");
    tui.send(key::ALT_ENTER);
    tui.type_text("sur deux lignes");
    tui.wait_for_all(&["Un brouillon", "sur deux lignes"]);
    tui.press_until_gone(key::ESC, "Alt+Entrée");
    tui.wait_for_gone("Un brouillon");
    tui.wait_for_gone("sur deux lignes");

    quit(&mut tui);
    drop(tui);

    let path = only_session_file(sessions);
    let text = fs::read_to_string(&path).expect("read the notes");
    assert!(!text.contains("Brouillon") && !text.contains("brouillon"), "a cancelled entry was saved:\n{text}");
    let json: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(note_texts(&step(&json, "board")["board"]), ["Gardée"], "{json:#}");
    let plan = &step(&json, "plan")["plan"];
    assert!(plan["answers"].as_object().is_none_or(serde_json::Map::is_empty), "{plan:#}");
}

// ---------------------------------------------------------------------------
// Step by step
// ---------------------------------------------------------------------------

/// Adds a note to `column` with `a`, typed (or pasted) by `write`, kept
/// with Enter: the column's heading then counts `count`, and the file
/// holds it at once, last of its `count_all` notes.
fn add_note(tui: &Tui, column: &str, count: usize, count_all: usize, text: &str, write: impl FnOnce(&Tui)) {
    let title = format!("Nouvelle note — {column}");
    tui.press("a", &title);
    write(tui);
    // In the entry, as typed.
    tui.wait_for(text);
    tui.press_until_gone(key::ENTER, &title);
    tui.wait_for_all(&[&format!("{column} ({count})"), &format!("• {text}")]);
    // Saved at once.
    let json = saved(tui);
    let notes = note_texts(&step(&json, "board")["board"]);
    assert_eq!(notes.len(), count_all, "{json:#}");
    assert_eq!(notes.last().map(String::as_str), Some(text), "{json:#}");
}

/// Step 3: three positives (typed with accents, with an emoji, pasted) and
/// a difficulty; one pinned; one deleted and brought back with `u`.
fn fill_the_board(tui: &Tui) {
    tui.wait_for_all(&["Points positifs (0)", "Difficultés (0)", "« a » pour en ajouter une"]);

    add_note(tui, "Points positifs", 1, 1, "Confiance réciproque", |t| t.type_text("Confiance réciproque"));
    add_note(tui, "Points positifs", 2, 2, "Réseau élargi 🤝", |t| t.type_text("Réseau élargi 🤝"));
    add_note(tui, "Points positifs", 3, 3, "Des idées neuves", |t| t.paste("Des idées neuves"));
    // Tab: the other column.
    tui.send(key::TAB);
    add_note(tui, "Difficultés", 1, 4, "Manque de temps", |t| t.type_text("Manque de temps"));

    // Tab back; the selection is on the last note added there: Up selects
    // the one above, `*` pins it, and it comes first with its star.
    tui.send(key::TAB);
    tui.send(key::UP);
    tui.press("*", "★ Réseau élargi 🤝");
    check_pinned_first(tui);
    tui.wait_for_all(&["Points positifs (3)", "Difficultés (1)"]);
    let json = saved(tui);
    let pinned: Vec<&Value> = step(&json, "board")["board"]["notes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["pinned"] == true)
        .collect();
    assert_eq!(pinned.len(), 1, "the pin is saved at once: {json:#}");
    assert_eq!(pinned[0]["text"], "Réseau élargi 🤝", "{json:#}");

    // The selection follows the pinned note, now first: two down is the
    // pasted note. `d` deletes it…
    tui.send(key::DOWN);
    tui.send(key::DOWN);
    tui.press("d", "Points positifs (2)");
    // The note leaves the column; a line says so, and how to bring it back.
    tui.wait_for_gone("• Des idées neuves");
    tui.wait_for("« Des idées neuves » retiré — u pour annuler");
    tui.wait_for_all(&["★ Réseau élargi 🤝", "• Confiance réciproque", "Difficultés (1)", "• Manque de temps"]);
    let json = saved(tui);
    let notes = note_texts(&step(&json, "board")["board"]);
    assert_eq!(notes, ["Confiance réciproque", "Réseau élargi 🤝", "Manque de temps"], "{json:#}");
    // …and `u` brings it back.
    tui.press("u", "Points positifs (3)");
    tui.wait_for("• Des idées neuves");
    tui.wait_for_gone("retiré — u pour annuler");
    check_pinned_first(tui);
    tui.wait_for("Difficultés (1)");
}

/// The positives column shows the pinned note first, then the others in
/// the order they were added.
fn check_pinned_first(tui: &Tui) {
    tui.wait_until("the pinned note first, then the others in order", common::TIMEOUT, |screen| {
        let rows = ["★ Réseau élargi 🤝", "• Confiance réciproque", "• Des idées neuves"].map(|t| row_of(screen, t));
        matches!(rows, [Some(a), Some(b), Some(c)] if a < b && b < c)
    });
}

/// One participant's turn at a checklist: their name marked in the turns
/// panel and a fresh list (nothing ticked, answers of others hidden); then
/// for each `(downs, item)`, Down `downs` times and Space, and the item
/// shows ticked.
fn take_turn(tui: &Tui, name: &str, ticks: &[(usize, &str)]) {
    tui.wait_for_all(&[&format!("▶ {name}"), "À vous :"]);
    tui.wait_until("a list with nothing ticked", common::TIMEOUT, |s| !s.contains("[×]"));
    for (downs, item) in ticks {
        for _ in 0..*downs {
            tui.send(key::DOWN);
        }
        tui.press(key::SPACE, &format!("[×] {item}"));
    }
    let ticked = ticks.len();
    tui.wait_until(&format!("{ticked} ticks"), common::TIMEOUT, |s| s.matches("[×]").count() == ticked);
}

/// A bar of the totals of step 5, 20 cells wide.
fn bar(count: usize, of: usize, item: &str) -> String {
    let filled = (count * 20).div_ceil(of);
    format!("{}{} {count}/{of} {item}", "█".repeat(filled), "░".repeat(20 - filled))
}

/// Step 5: each of the four ticks in turn and passes on with Enter; then
/// the totals.
fn tick_the_ingredients(tui: &Tui) {
    tui.wait_for_all(&["Parmi ces ingrédients, lesquels avons-nous déjà ?", "Tours", "· Bruno", "· Chloé", "· Dédé"]);
    let turns: [(&str, &[(usize, &str)]); 4] = [
        ("Awa", &[(0, VISION), (1, TRUST)]),
        ("Bruno", &[(0, VISION), (1, TRUST)]),
        ("Chloé", &[(0, VISION), (2, LEADERSHIP)]),
        ("Dédé", &[(4, CARE)]),
    ];
    for (i, (name, ticks)) in turns.iter().enumerate() {
        take_turn(tui, name, ticks);
        tui.press(key::ENTER, &format!("✓ {name}"));
        if let Some((next, _)) = turns.get(i + 1) {
            tui.wait_for(&format!("▶ {next}"));
        }
    }
    // Every turn over: the totals, most ticked first.
    tui.wait_for_all(&[
        "Résultats : 4 réponses",
        &bar(3, 4, VISION),
        &bar(2, 4, TRUST),
        &bar(1, 4, LEADERSHIP),
        &bar(1, 4, CARE),
        &bar(0, 4, "Des valeurs et des objectifs proches"),
        "✓ Awa",
        "✓ Bruno",
        "✓ Chloé",
        "✓ Dédé",
    ]);
    tui.wait_until("the bars in order", common::TIMEOUT, |s| {
        let rows = [VISION, TRUST, LEADERSHIP, CARE].map(|item| row_of(s, &format!("/4 {item}")));
        matches!(rows, [Some(a), Some(b), Some(c), Some(d)] if a < b && b < c && c < d)
    });
}

/// Step 6: Awa and Bruno tick and pass on; Chloé ticks one and the
/// session moves on in the middle of her turn.
fn tick_the_failures_and_stop_midway(tui: &Tui) {
    tui.wait_for("Parmi ces risques, lesquels voyons-nous pour notre groupe ?");
    take_turn(tui, "Awa", &[(0, NO_VISION), (5, NO_TIME)]);
    tui.press(key::ENTER, "✓ Awa");
    take_turn(tui, "Bruno", &[(2, AIM)]);
    tui.press(key::ENTER, "✓ Bruno");
    take_turn(tui, "Chloé", &[(5, NO_TIME)]);
    tui.wait_for("· Dédé");
}

/// Step 7: a partner (its name, then its one line asked for at once),
/// shortlisted; a level chosen by cycling; two lines of hopes; a decision.
fn fill_the_plan(tui: &Tui) {
    tui.wait_for_all(&["Partenaires possibles", "Niveau de partenariat : (à choisir)"]);

    tui.press("a", "Nouveau partenaire possible : son nom");
    tui.type_text("AMAP du quartier");
    tui.wait_for("AMAP du quartier");
    // Enter keeps the name, and the entry of its one line opens by itself.
    tui.press(key::ENTER, "Ce que fait ce groupe, en une ligne");
    tui.wait_for_all(&["1. AMAP du quartier", HINT_DESCRIPTION]);
    tui.type_text("Paniers de légumes");
    tui.wait_for("Paniers de légumes");
    tui.press_until_gone(key::ENTER, "Ce que fait ce groupe, en une ligne");
    tui.wait_for_all(&["1. AMAP du quartier", "     Paniers de légumes"]);
    let json = saved(tui);
    assert_eq!(step(&json, "plan")["plan"]["partners"][0]["description"], "Paniers de légumes", "{json:#}");

    // `*`, the cursor still on the partner (on its one line), shortlists it.
    tui.press("*", "1. AMAP du quartier  ★ retenu");
    let json = saved(tui);
    assert_eq!(step(&json, "plan")["plan"]["partners"][0]["shortlisted"], true, "saved at once: {json:#}");

    // The level: Enter chooses the first, then the next; Space too.
    tui.press(key::DOWN, HINT_LEVEL);
    tui.press(key::ENTER, "Niveau de partenariat : Partager l’information");
    tui.press(key::ENTER, "Niveau de partenariat : Consulter les autres");
    tui.press(key::SPACE, "Niveau de partenariat : Décider ensemble");
    let json = saved(tui);
    assert_eq!(step(&json, "plan")["plan"]["choices"]["level"], "decide", "saved at once: {json:#}");

    // The hopes, on two lines: Alt+Enter breaks the line, Enter keeps.
    tui.press(key::DOWN, HINT_HOPES);
    tui.press(key::ENTER, "Alt+Entrée");
    tui.type_text("Un marché de saison");
    tui.send(key::ALT_ENTER);
    tui.type_text("ouvert à tous");
    tui.wait_for("ouvert à tous");
    tui.press_until_gone(key::ENTER, "Alt+Entrée");
    let json = saved(tui);
    assert_eq!(step(&json, "plan")["plan"]["answers"]["hopes"], "Un marché de saison\nouvert à tous", "{json:#}");
    tui.wait_until("the hopes on two lines under their title", common::TIMEOUT, |s| {
        let rows = ["Ce que nous espérons ensemble", "  Un marché de saison", "  ouvert à tous"].map(|t| row_of(s, t));
        matches!(rows, [Some(a), Some(b), Some(c)] if b == a + 1 && c == b + 1)
    });

    // Down to the review of the plan (past objectives, roles, calendar, the
    // partner's role, what is in it for them, their ways, first action,
    // contacts, the relationship, the celebration, the signs of success): a
    // date that does not exist is refused, the entry opening again on it;
    // a real one is shown as French writes it and kept as ISO.
    for _ in 0..11 {
        tui.send(key::DOWN);
    }
    tui.press(key::DOWN, HINT_REVIEW);
    tui.press(key::ENTER, "Alt+Entrée");
    tui.type_text("31/02/2026");
    tui.wait_for("31/02/2026");
    tui.press(key::ENTER, "n’est pas une date");
    tui.wait_for_all(&["┌ Révision du plan", "│31/02/2026"]);
    for _ in 0..10 {
        tui.send(key::BACKSPACE);
    }
    tui.type_text("15/12/2026");
    tui.wait_for("│15/12/2026");
    tui.press_until_gone(key::ENTER, "┌ Révision du plan");
    tui.wait_for("  15/12/2026");
    let json = saved(tui);
    assert_eq!(step(&json, "plan")["plan"]["answers"]["review"], "2026-12-15", "{json:#}");

    // Past the next meeting to the decision, and Enter chooses.
    tui.send(key::DOWN);
    tui.press(key::DOWN, HINT_DECISION);
    tui.press(key::ENTER, "Décision : On y va");
}

/// Step 8: the pinned note, the bars of both checklists (the turn left
/// midway does not count), the plan with its decision and partner.
fn check_the_closing_sheet(tui: &Tui) {
    tui.wait_for_all(&[
        "Ce que nous avons dit",
        "1 note épinglée",
        "★ Réseau élargi 🤝",
        "et 3 autres notes",
        // The bars are narrower here: the items wrap, so only their
        // beginnings are looked for.
        "Ingrédients (4 réponses)",
        " 3/4 Une vision partagée",
        " 2/4 Respect et confiance",
        " 1/4 Un travail reconnu",
        "Causes d’échec (2 réponses)",
        " 1/2 Aucune vision commune",
        " 1/2 Un objectif flou",
        " 1/2 Un manque de temps",
        "Notre plan",
        "Décision : On y va",
        "★ AMAP du quartier — Paniers de légumes",
        "Niveau de partenariat : Décider ensemble",
        "Ce que nous espérons ensemble : Un marché",
        "Révision du plan : 15/12/2026",
    ]);
    // The board's other notes are counted, not listed.
    let screen = tui.screen();
    assert!(!screen.contains("Confiance réciproque"), "only pinned notes are listed:\n{}", dump(&screen));

    // The closing reflection: Enter writes the answer to the first
    // question, Tab goes to the second.
    tui.press(key::ENTER, "Alt+Entrée");
    tui.type_text("Écouter avant de proposer");
    tui.wait_for("Écouter avant de proposer");
    tui.press_until_gone(key::ENTER, "Alt+Entrée");
    tui.wait_for("    Écouter avant de proposer");
    let json = saved(tui);
    assert_eq!(step(&json, "closing")["summary"]["answers"]["learnt"], "Écouter avant de proposer", "{json:#}");
    tui.press(key::TAB, "▶ Ce que nous ferons autrement");
}

// ---------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------

fn note_texts(board: &Value) -> Vec<String> {
    let notes = board["notes"].as_array().unwrap_or_else(|| panic!("the board's notes: {board:#}"));
    notes.iter().map(|n| n["text"].as_str().expect("a note's text").to_string()).collect()
}

/// Each turn of a checklist as (participant, status, ticked items sorted).
fn turns(checklist: &Value) -> Vec<(String, String, Vec<String>)> {
    let turns = checklist["turns"].as_array().unwrap_or_else(|| panic!("the turns: {checklist:#}"));
    turns
        .iter()
        .map(|t| {
            let mut ticked: Vec<String> = t["ticked"]
                .as_array()
                .unwrap_or_else(|| panic!("the ticks: {t:#}"))
                .iter()
                .map(|i| i.as_str().expect("an item id").to_string())
                .collect();
            ticked.sort();
            (
                t["participant"].as_str().expect("participant").to_string(),
                t["status"].as_str().expect("status").to_string(),
                ticked,
            )
        })
        .collect()
}

fn turn(participant: &str, status: &str, ticked: &[&str]) -> (String, String, Vec<String>) {
    (participant.to_string(), status.to_string(), ticked.iter().map(ToString::to_string).collect())
}

/// What the first test must leave in the file, the step on screen aside.
fn check_the_notes(json: &Value, id: &str, current_step: u64) {
    assert_eq!(json["id"], id, "{json:#}");
    assert_eq!(json["group"], "Les Colibris");
    assert_eq!(json["participants"], json!(["Awa", "Bruno", "Chloé", "Dédé"]));
    assert_eq!(json["region"], "Hauts-Bassins");
    assert_eq!(json["current_step"], current_step, "{json:#}");
    let steps = json["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 8);

    // The board: the texts exactly as typed or pasted, in the order added,
    // in their columns; one pinned; the deleted note back after the undo.
    let board = &steps[2];
    assert_eq!(board["id"], "board");
    let board = &board["board"];
    let notes: Vec<(&str, &str, bool)> = board["notes"]
        .as_array()
        .unwrap_or_else(|| panic!("the board's notes: {board:#}"))
        .iter()
        .map(|n| {
            let pinned = n["pinned"].as_bool().unwrap_or(false);
            (n["column"].as_str().expect("column"), n["text"].as_str().expect("text"), pinned)
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("positives", "Confiance réciproque", false),
            ("positives", "Réseau élargi 🤝", true),
            ("positives", "Des idées neuves", false),
            ("difficulties", "Manque de temps", false),
        ],
        "{board:#}"
    );
    let mut ids: Vec<u64> =
        board["notes"].as_array().into_iter().flatten().map(|n| n["id"].as_u64().expect("id")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 4, "each note has its own id: {board:#}");

    // Step 5: every turn done, with its ticks; the totals are on.
    let ingredients = &steps[4];
    assert_eq!(ingredients["id"], "ingredients");
    let checklist = &ingredients["checklist"];
    assert_eq!(
        turns(checklist),
        [
            turn("Awa", "done", &["trust", "vision"]),
            turn("Bruno", "done", &["trust", "vision"]),
            turn("Chloé", "done", &["leadership", "vision"]),
            turn("Dédé", "done", &["care"]),
        ],
        "{checklist:#}"
    );
    assert!(checklist["current"].is_null(), "every turn is over: {checklist:#}");

    // Step 6: two turns done, Chloé's under way with her tick, Dédé waiting.
    let failures = &steps[5];
    assert_eq!(failures["id"], "failures");
    let checklist = &failures["checklist"];
    assert_eq!(
        turns(checklist),
        [
            turn("Awa", "done", &["time", "vision"]),
            turn("Bruno", "done", &["aim"]),
            turn("Chloé", "waiting", &["time"]),
            turn("Dédé", "waiting", &[]),
        ],
        "{checklist:#}"
    );
    assert_eq!(checklist["current"], 2, "Chloé's turn is under way: {checklist:#}");

    // Step 7: the plan.
    let plan = &steps[6];
    assert_eq!(plan["id"], "plan");
    let plan = &plan["plan"];
    let partners = plan["partners"].as_array().unwrap_or_else(|| panic!("the partners: {plan:#}"));
    assert_eq!(partners.len(), 1, "{plan:#}");
    assert_eq!(partners[0]["name"], "AMAP du quartier", "{plan:#}");
    assert_eq!(partners[0]["description"], "Paniers de légumes", "{plan:#}");
    assert_eq!(partners[0]["shortlisted"], true, "{plan:#}");
    assert_eq!(plan["choices"]["level"], "decide", "{plan:#}");
    assert_eq!(
        plan["answers"],
        json!({ "hopes": "Un marché de saison\nouvert à tous", "review": "2026-12-15" }),
        "{plan:#}"
    );
    assert_eq!(plan["choices"]["decision"], "go", "{plan:#}");
}
