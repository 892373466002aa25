//! The printable sheet: golden files in both languages, and the promises
//! that hold whatever the room typed (nothing it typed becomes markup).
//!
//! The golden files live in `tests/golden/`. A missing one is written; to
//! accept a deliberate change, run `UPDATE_GOLDEN=1 cargo test --test export`
//! and review the diff of `tests/golden/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use atelier::export::{self, Format};
use atelier::i18n::{Lang, Texts, Tr};
use atelier::programme::Programme;
use atelier::session::{Roster, Session};
use atelier::steps::plan::Row;
use atelier::steps::{StepKind, StepState};
use atelier::trend;
use chrono::{Local, TimeZone};

const BOARD: usize = 2;
const INGREDIENTS: usize = 4;
const FAILURES: usize = 5;
const PLAN: usize = 6;
const CLOSING: usize = 7;

fn items(programme: &Programme, step: usize) -> Vec<String> {
    let StepKind::Checklist(def) = &programme.steps[step].kind else { panic!("step {step} is no checklist") };
    def.item_ids()
}

fn session_at(id: &str, group: &str, (y, m, d): (i32, u32, u32)) -> Session {
    let roster = Roster {
        group: group.into(),
        participants: Roster::parse_participants("Awa, Bruno, Chloé, Dédé"),
        region: "Hauts-Bassins".into(),
        ends_at: String::new(),
        date: String::new(),
    };
    let at = Local.with_ymd_and_hms(y, m, d, 18, 30, 0).unwrap();
    Session::new(id.into(), &Programme::embedded(), roster, Lang::Fr, at)
}

/// One turn per entry, in roster order: `Some(ticks)` ticks these items
/// (by id) and ends the turn, `None` skips it. Turns not given wait.
fn answer(session: &mut Session, step: usize, turns: &[Option<&[&str]>]) {
    let ids = items(&Programme::embedded(), step);
    let checklist = session.steps[step].state.as_checklist_mut().unwrap();
    for turn in turns {
        match turn {
            None => assert!(checklist.skip_turn()),
            Some(ticks) => {
                for tick in *ticks {
                    checklist.cursor = ids.iter().position(|i| i == tick).unwrap();
                    assert!(checklist.toggle(&ids));
                }
                assert!(checklist.end_turn());
            }
        }
    }
}

/// A session as a group leaves it: every part filled, with accents, an
/// emoji and text that tries to become markup.
fn filled() -> Session {
    let programme = Programme::embedded();
    let mut s = session_at("2026-11-21-partnerships-k3f9xa", "Les Colibris", (2026, 11, 21));

    let columns = ["positives".to_string(), "difficulties".to_string()];
    let board = s.steps[BOARD].state.as_board_mut().unwrap();
    for note in ["Confiance entre nous 🤝", "<script>alert(1)</script>", "# not a heading", "Un réseau déjà là"] {
        assert!(board.add(note, &columns));
    }
    board.select(-3, &columns); // the first note
    assert!(board.toggle_pin(&columns));
    board.focus_next_column(2);
    for note in
        ["| pipe |", "**bold** et _souligné_", "Manque de temps & d’énergie", "- pas une liste", "1. pas une liste"]
    {
        assert!(board.add(note, &columns));
    }
    board.select(-2, &columns); // "Manque de temps …"
    assert!(board.toggle_pin(&columns));

    answer(
        &mut s,
        INGREDIENTS,
        &[Some(&["vision", "trust"]), Some(&["trust", "goals"]), None, Some(&["trust", "care", "values"])],
    );
    answer(&mut s, FAILURES, &[Some(&["time"]), Some(&["time", "communication"])]);

    let StepKind::Plan(def) = &programme.steps[PLAN].kind else { panic!("step 7 is the plan") };
    let p = s.steps[PLAN].state.as_plan_mut().unwrap();
    assert!(p.add_partner("AMAP du quartier", def));
    assert!(p.set_text(&Row::PartnerDescription(0), "Paniers de légumes locaux, chaque jeudi"));
    assert!(p.toggle_shortlist(def));
    assert!(p.add_partner("Repair Café <b>Ouaga</b>", def));
    assert!(p.set_text(&Row::PartnerDescription(1), "Réparer ensemble 🔧 [voir](javascript:alert(1))"));
    for _ in 0..3 {
        p.cycle_choice("level", def);
    }
    assert!(p.set_text(
        &Row::Text("hopes".into()),
        "Un marché de la transition commun\n# pas un titre\n- pas une liste\nQu’on se connaisse mieux !"
    ));
    assert!(p.set_text(&Row::Text("first_action".into()), "Une fête des récoltes en juin"));
    assert!(p.set_text(&Row::Text("contacts".into()), "Awa appelle l’AMAP d’ici le 1er décembre"));
    assert!(p.set_text(&Row::Text("review".into()), "2026-12-15"));
    p.cycle_choice("decision", def);
    let StepState::Summary(closing) = &mut s.steps[CLOSING].state else { panic!("step 8 is the closing") };
    closing.answers.insert("learnt".into(), "Qu’un partenariat se prépare à deux".into());

    // The clocks as a finished session leaves them: 92 minutes in all.
    let t0 = Instant::now();
    let mut at = t0;
    for (record, minutes) in s.steps.iter_mut().zip([4, 12, 16, 15, 9, 11, 22, 3]) {
        record.clock.start(at);
        at += Duration::from_secs(minutes * 60 + 5);
        record.clock.pause(at);
    }
    s.current_step = CLOSING;
    s.progress = CLOSING;
    s.updated_at = Local.with_ymd_and_hms(2026, 11, 21, 20, 5, 0).unwrap();
    s.finished_at = Some(s.updated_at);
    s
}

/// Three sessions of one group, written differently, months apart, and
/// one of another group.
fn history() -> Vec<Session> {
    let mut first = session_at("s1", "les  colibris ", (2026, 3, 12));
    answer(&mut first, INGREDIENTS, &[Some(&["vision"]), Some(&[]), Some(&["values"]), Some(&[])]);
    answer(
        &mut first,
        FAILURES,
        &[Some(&["time", "roles"]), Some(&["time", "aim"]), Some(&["time"]), Some(&["communication"])],
    );
    let mut second = session_at("s2", "Les Colibris", (2026, 6, 4));
    answer(
        &mut second,
        INGREDIENTS,
        &[Some(&["vision", "trust"]), None, Some(&["trust", "values"]), Some(&["vision"])],
    );
    // Nobody answered the failures in June.
    let third = filled();
    let mut other = session_at("s9", "Transition Ouaga", (2026, 5, 1));
    answer(&mut other, INGREDIENTS, &[Some(&["ways"])]);
    vec![third, other, first, second]
}

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    // In CI a missing golden file is a failure, never a file written.
    assert!(
        update || path.exists() || std::env::var_os("CI").is_none(),
        "missing golden file {}: write it with UPDATE_GOLDEN=1 outside CI and review it",
        path.display()
    );
    if update || !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    if expected == actual {
        return;
    }
    let new = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("golden-{name}"));
    std::fs::write(&new, actual).unwrap();
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
    let around = |lines: &[&str]| {
        lines
            .iter()
            .enumerate()
            .skip(first.saturating_sub(2))
            .take(5)
            .map(|(i, l)| format!("{:>5} {}{l}\n", i + 1, if i == first { ">" } else { " " }))
            .collect::<String>()
    };
    panic!(
        "{name} differs from tests/golden/{name} from line {}\n--- expected\n{}+++ actual\n{}\n\
         the whole output is in {}\n(diff -u tests/golden/{name} {0}; UPDATE_GOLDEN=1 accepts it)",
        first + 1,
        around(&e),
        around(&a),
        new.display()
    );
}

fn render(format: Format, lang: Lang, session: &Session, trend: Option<&trend::Trend>) -> String {
    let texts = Texts::new();
    export::render(format, &Programme::embedded(), session, trend, &Tr::new(&texts, lang))
}

#[test]
fn the_sheet_matches_its_golden_files() {
    let session = filled();
    for lang in Lang::ALL {
        for format in [Format::Markdown, Format::Html] {
            let name = format!("sheet_{lang}.{}", format.extension());
            golden(&name, &render(format, lang, &session, None));
        }
    }
}

#[test]
fn an_empty_session_matches_its_golden_files() {
    let mut session = session_at("empty", "", (2026, 1, 5));
    session.roster.participants.clear();
    session.roster.region.clear();
    session.align_with(&Programme::embedded());
    for lang in Lang::ALL {
        golden(&format!("empty_{lang}.md"), &render(Format::Markdown, lang, &session, None));
    }
    golden("empty_fr.html", &render(Format::Html, Lang::Fr, &session, None));
}

#[test]
fn the_trend_of_three_sessions_matches_its_golden_files() {
    let programme = Programme::embedded();
    let sessions = history();
    let group = trend::of_group(&sessions, "LES COLIBRIS");
    assert_eq!(group.len(), 3, "the fourth is another group");
    let t = trend::trend(&programme, &group);
    assert_eq!(t.sessions(), 3);
    let latest = &sessions[0];
    for lang in Lang::ALL {
        golden(&format!("trend_{lang}.md"), &render(Format::Markdown, lang, latest, Some(&t)));
    }
    golden("trend_fr.html", &render(Format::Html, Lang::Fr, latest, Some(&t)));

    // The trend itself, as the UI reads it.
    let ingredients = &t.checklists[0];
    let trust = ingredients.items.iter().find(|i| i.item == "trust").unwrap();
    assert_eq!(trust.change(), Some(100), "nobody, then two of three, then all three");
    let time = t.checklists[1].items.iter().find(|i| i.item == "time").unwrap();
    assert_eq!(time.points[1], None, "nobody answered in June");
    assert_eq!(time.change(), Some(25), "three of four, then both who answered");
}

#[test]
fn a_trend_of_one_session_adds_nothing() {
    let session = filled();
    let t = trend::trend(&Programme::embedded(), std::slice::from_ref(&session));
    assert_eq!(
        render(Format::Markdown, Lang::En, &session, Some(&t)),
        render(Format::Markdown, Lang::En, &session, None)
    );
}

#[test]
fn nothing_typed_becomes_html() {
    let session = filled();
    for lang in Lang::ALL {
        let html = render(Format::Html, lang, &session, None);
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "no script element at all");
        assert!(!lower.contains("<b>"), "a partner's name stays text");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("Repair Café &lt;b&gt;Ouaga&lt;/b&gt;"));
        assert!(html.contains("Manque de temps &amp; d’énergie"));
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("@page { size: A4; margin: 15mm 15mm 18mm;"));
        assert!(html.contains("print-color-adjust: exact"));
        assert!(html.contains("break-inside: avoid"));
        assert!(html.contains("style=\"width: 100%\""), "trust: three of three");
        assert!(html.contains("Un marché de la transition commun<br># pas un titre<br>- pas une liste"), "lines kept");
        for external in ["http:", "https:", "src=", "@import", "url("] {
            assert!(!lower.contains(external), "self-contained: {external}");
        }
    }
}

#[test]
fn nothing_typed_becomes_markdown_structure() {
    let programme = Programme::embedded();
    let texts = Texts::new();
    let session = filled();
    for lang in Lang::ALL {
        let tr = Tr::new(&texts, lang);
        let mut headings: Vec<String> = ["plan-partners", "export-time", "export-reflection", "export-guide"]
            .iter()
            .map(|id| tr.t(id))
            .chain([tr.t(&programme.title)])
            .collect();
        for step in &programme.steps {
            headings.push(tr.t(&step.title));
            if let StepKind::Board(def) = &step.kind {
                headings.extend(def.columns.iter().map(|c| tr.t(&c.title)));
            }
            if let StepKind::Reading(def) = &step.kind {
                headings.extend(def.sections.iter().map(|s| tr.t(&s.title)));
            }
        }
        let md = render(Format::Markdown, lang, &session, None);
        for line in md.lines() {
            if line.starts_with('#') {
                let text = line.trim_start_matches('#').trim();
                assert!(headings.iter().any(|h| h == text), "a heading that is not ours: {line:?}");
            }
            assert!(!line.starts_with('|'), "no table without a trend: {line:?}");
            assert!(!line.starts_with("- pas") && !line.starts_with("1."), "a note opened a list: {line:?}");
            assert!(!line.contains("<script>") && !line.contains("<b>"), "raw HTML: {line:?}");
        }
        assert!(md.contains(r"- \<script\>alert(1)\</script\>"));
        assert!(md.contains(r"- \# not a heading"));
        assert!(md.contains(r"- ★ \| pipe \|") || md.contains(r"- \| pipe \|"));
        assert!(md.contains(r"- \*\*bold\*\* et \_souligné\_"));
        assert!(md.contains("Un marché de la transition commun  \n\\# pas un titre  \n\\- pas une liste"));
    }
}

#[test]
fn the_json_is_the_session_itself_with_its_minutes() {
    let session = filled();
    for lang in Lang::ALL {
        let json = render(Format::Json, lang, &session, None);
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let clock = value.as_object_mut().unwrap().remove("clock").expect("the minutes");
        assert_eq!(clock["used_minutes"], 92);
        assert_eq!(clock["planned_minutes"], 90);
        assert_eq!(clock["late_minutes"], 5, "ended at 20:05 for 20:00");
        assert_eq!(clock["finished"], true);
        let back: Session = serde_json::from_value(value).unwrap();
        assert_eq!(back, session);
    }
}

#[test]
fn the_sheet_says_the_time_against_plan() {
    let session = filled();
    let md = render(Format::Markdown, Lang::Fr, &session, None);
    assert!(md.contains("Séance\u{a0}: 1\u{a0}h\u{a0}32 sur 1\u{a0}h\u{a0}30 prévues"), "{md}");
    let md = render(Format::Markdown, Lang::En, &session, None);
    assert!(md.contains("Session: 1 hr 32 min of 1 hr 30 min planned — 5 min behind the agenda"), "{md}");
}

/// A session that fitted its steps into the time left prints, for each
/// step, its planned minutes, the fitted ones when they differ, and the
/// minutes used.
#[test]
fn the_sheet_gives_each_step_planned_fitted_and_used() {
    let mut session = filled();
    session.fitted.insert("reading".into(), 11);
    let md = render(Format::Markdown, Lang::Fr, &session, None);
    assert!(
        md.contains("- Lecture en binômes\u{a0}: 15\u{a0}min prévues, ajustées à 11\u{a0}min, 15\u{a0}min passées"),
        "{md}"
    );
    assert!(md.contains("- Accueil\u{a0}: 5\u{a0}min prévues, 4\u{a0}min passées"), "{md}");
    let html = render(Format::Html, Lang::En, &session, None);
    assert!(html.contains("<li>Sharing in pairs: 10 min planned, 12 min used</li>"), "{html}");
}

/// A workshop with two steps of each kind (three checklists), every one
/// filled with words of its own: `tests/fixtures/twice/`.
fn twice() -> (atelier::workshop::Workshop, Session) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/twice");
    let workshop = atelier::workshop::Workshop::load(&dir).unwrap_or_else(|p| panic!("{p:?}"));
    let roster = Roster {
        group: "Les Colibris".into(),
        participants: Roster::parse_participants("Awa, Bruno"),
        region: "Hauts-Bassins".into(),
        ends_at: String::new(),
        date: String::new(),
    };
    let at = Local.with_ymd_and_hms(2026, 11, 21, 18, 30, 0).unwrap();
    let mut s = Session::new("2026-11-21-twice-k3f9xa".into(), &workshop.programme, roster, Lang::Fr, at);
    for (step, record) in workshop.programme.steps.iter().zip(&mut s.steps) {
        let id = step.id.as_str();
        match (&step.kind, &mut record.state) {
            (StepKind::Board(def), StepState::Board(board)) => {
                let columns = def.column_ids();
                assert!(board.add(&format!("note of {id}"), &columns));
                board.focus_next_column(columns.len());
                assert!(board.add(&format!("second note of {id}"), &columns));
            }
            (StepKind::Checklist(def), StepState::Checklist(checklist)) => {
                let items = def.item_ids();
                checklist.cursor = items.len() - 1;
                assert!(checklist.toggle(&items));
                assert!(checklist.end_turn());
            }
            (StepKind::Plan(def), StepState::Plan(plan)) => {
                assert!(plan.add_partner(&format!("partner of {id}"), def));
                assert!(plan.set_text(&Row::Text("first_step".into()), &format!("first step of {id}")));
                plan.cycle_choice("decision", def);
            }
            (StepKind::Summary(def), StepState::Summary(state)) => {
                state.answers.insert(def.fields[0].id.clone(), format!("answer of {id}"));
            }
            _ => {}
        }
    }
    let mut at = Instant::now();
    for (record, step) in s.steps.iter_mut().zip(&workshop.programme.steps) {
        record.clock.start(at);
        at += Duration::from_secs(step.minutes * 60 + 5);
        record.clock.pause(at);
    }
    s.current_step = s.steps.len() - 1;
    s.progress = s.current_step;
    s.updated_at = Local.with_ymd_and_hms(2026, 11, 21, 19, 35, 0).unwrap();
    (workshop, s)
}

/// Two boards, two plans, two readings, three checklists, two closings:
/// each is on the sheet, in the programme's order, in every format.
#[test]
fn every_step_of_a_workshop_with_two_of_each_kind_is_exported() {
    let (workshop, session) = twice();
    let programme = &workshop.programme;
    for lang in Lang::ALL {
        let tr = Tr::new(&workshop.texts, lang);
        for format in [Format::Markdown, Format::Html] {
            let sheet = export::render(format, programme, &session, None, &tr);
            golden(&format!("twice_{lang}.{}", format.extension()), &sheet);
            // What the room left on each step, in programme order; the
            // readings in that order too, in the guides after the notes.
            let (mut last, mut last_guide) = (0, 0);
            for step in &programme.steps {
                let id = &step.id;
                let words = match &step.kind {
                    StepKind::Board(_) => vec![format!("note of {id}"), format!("second note of {id}")],
                    StepKind::Plan(_) => vec![format!("partner of {id}"), format!("first step of {id}")],
                    StepKind::Summary(_) => vec![format!("answer of {id}")],
                    StepKind::Checklist(def) => vec![tr.t(&def.question)],
                    StepKind::Reading(def) => def.sections.iter().map(|s| tr.t(&s.title)).collect(),
                    StepKind::Info(_) | StepKind::TimedPairs(_) => Vec::new(),
                };
                let order = if matches!(step.kind, StepKind::Reading(_)) { &mut last_guide } else { &mut last };
                for word in words {
                    let at = sheet.find(&word).unwrap_or_else(|| panic!("{format} {lang}: {word} is missing"));
                    assert!(at > *order, "{format} {lang}: {word} is out of the programme's order");
                    *order = at;
                }
                assert!(last_guide == 0 || last_guide > last, "{format} {lang}: the guides come last");
                // Every step's time, the pairs' included.
                assert!(sheet.contains(&tr.t(&step.title)), "{format} {lang}: {id}");
            }
        }
    }
    let json = export::render(Format::Json, programme, &session, None, &Tr::new(&workshop.texts, Lang::Fr));
    golden("twice.json", &json);
    let mut back: serde_json::Value = serde_json::from_str(&json).unwrap();
    back.as_object_mut().unwrap().remove("clock").expect("its minutes");
    let back: Session = serde_json::from_value(back).unwrap();
    assert_eq!(back, session);
    let ids: Vec<&str> = back.steps.iter().map(|r| r.id.as_str()).collect();
    let expected: Vec<&str> = programme.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, expected);
}

/// A session whose board holds forty notes a side: more than a page.
fn crowded() -> Session {
    let mut s = filled();
    let columns = ["positives".to_string(), "difficulties".to_string()];
    let board = s.steps[BOARD].state.as_board_mut().unwrap();
    for n in 1..=40 {
        board.focus_next_column(2);
        assert!(
            board.add(&format!("Note {n} : une idée de la salle, assez longue pour tenir une ligne entière"), &columns)
        );
        board.focus_next_column(2);
        assert!(board.add(&format!("Difficulté {n} : ce qui a coincé, dit avec les mots de la salle"), &columns));
    }
    s
}

/// The pages of a PDF, as text, when Chromium and pdftotext can make them.
fn printed(html: &str) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let (page, pdf) = (dir.path().join("sheet.html"), dir.path().join("sheet.pdf"));
    std::fs::write(&page, html).unwrap();
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| std::process::Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()));
    let Some(chromium) = chromium else {
        println!("skipped: no Chromium to print the sheet with");
        return None;
    };
    let printed = std::process::Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "Chromium printed nothing: {}", String::from_utf8_lossy(&printed.stderr));
    let text = std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output();
    let Some(text) = text.ok().filter(|o| o.status.success()) else {
        println!("skipped: no pdftotext to read the printed sheet");
        return None;
    };
    let text = String::from_utf8(text.stdout).unwrap();
    Some(text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_string).collect())
}

/// Issue 31, point 7: printed from a browser, the sheet starts filled on
/// its first page (a section longer than what is left of a page is not
/// pushed whole to the next), numbers its pages « 2 / 4 », and no page ends
/// on a section's heading. Fails on the previous main: the board went
/// whole to page 2, leaving the first half empty, and no page had a number.
#[test]
fn the_printed_sheet_starts_filled_and_numbers_its_pages() {
    for lang in Lang::ALL {
        let Some(pages) = printed(&render(Format::Html, lang, &crowded(), None)) else { return };
        let count = pages.len();
        assert!(count >= 2, "{count} page");
        assert!(pages[0].contains("Note 1 "), "{lang}: the board starts on another page than the first:\n{}", pages[0]);
        let headings: Vec<String> =
            Programme::embedded().steps.iter().map(|s| Tr::new(&Texts::new(), lang).t(&s.title)).collect();
        for (i, page) in pages.iter().enumerate() {
            // Its number, last: « 2 / 6 » (pdftotext may lose the spaces).
            let mut lines: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            let number = lines.pop().unwrap_or_default().replace(' ', "");
            assert_eq!(number, format!("{}/{count}", i + 1), "{lang}: page {} is not numbered:\n{page}", i + 1);
            let last = lines.last().copied().unwrap_or_default();
            assert!(!headings.iter().any(|h| h == last), "{lang}: page {} ends on the heading « {last} »", i + 1);
        }
    }
}
