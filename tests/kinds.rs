//! The one table of step kinds (`steps::Kind`), and what each kind must
//! bring with it. A kind added to the table without a screen, a place on
//! the printed sheet or its texts in both languages fails here; a kind
//! added to `StepKind` without the table does not build.
//!
//! Every kind is checked on `tests/fixtures/twice`, a workshop with two
//! steps of each: a new kind needs its steps there first.

mod fixtures;

use std::path::PathBuf;
use std::rc::Rc;

use atelier::app::{App, Home, Message, Screen};
use atelier::export::{self, Format, Shown};
use atelier::i18n::{Lang, Tr};
use atelier::session::{Roster, Session};
use atelier::steps::{Kind, TextRefs};
use atelier::timer::FakeClock;
use atelier::workshop::Workshop;

fn twice() -> (PathBuf, Workshop) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/twice");
    let workshop = Workshop::load(&dir).unwrap_or_else(|p| panic!("{p:?}"));
    (dir, workshop)
}

fn roster() -> Roster {
    Roster {
        group: "Les Colibris".into(),
        participants: Roster::parse_participants("Awa, Bruno"),
        region: "Hauts-Bassins".into(),
        ends_at: String::new(),
        date: String::new(),
    }
}

/// The app on step `index` of the workshop.
fn app_at(workshop: &Rc<Workshop>, index: usize, lang: Lang) -> App {
    let clock = FakeClock::at(fixtures::fixed_date());
    let session = Session::new("k".into(), &workshop.programme, roster(), lang, fixtures::fixed_date());
    let home = Screen::Home(Home::new(Vec::new()));
    let mut app = App::new(Rc::clone(workshop), lang, Rc::new(clock), "sessions".into(), home);
    app.show_session(session, "sessions/k.json".into(), false);
    for _ in 0..index {
        app.update(Message::NextStep);
    }
    assert_eq!(app.run().unwrap().session.current_step, index);
    app
}

#[test]
fn the_names_workshop_check_accepts_are_those_of_the_table() {
    let (dir, workshop) = twice();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("programme.json")).unwrap()).unwrap();
    for (i, step) in workshop.programme.steps.iter().enumerate() {
        assert_eq!(json["steps"][i]["kind"], step.kind.name(), "{}", step.id);
        assert_eq!(Kind::named(step.kind.name()), Some(step.kind.kind()));
    }
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
}

#[test]
fn every_kind_has_a_screen_a_place_on_the_sheet_and_its_texts() {
    let (_, workshop) = twice();
    let workshop = Rc::new(workshop);
    let programme = &workshop.programme;
    let session = Session::new("k".into(), programme, roster(), Lang::Fr, fixtures::fixed_date());
    for &kind in Kind::ALL {
        let steps: Vec<usize> =
            (0..programme.steps.len()).filter(|&i| programme.steps[i].kind.kind() == kind).collect();
        assert!(steps.len() >= 2, "tests/fixtures/twice needs two steps of the kind {}", kind.name());
        for lang in Lang::ALL {
            let tr = Tr::new(&workshop.texts, lang);
            let sheet = export::render(Format::Markdown, programme, &session, None, &tr);
            for &index in &steps {
                let step = &programme.steps[index];
                let what = format!("{} ({}, {lang})", step.id, kind.name());
                // Its texts, and those of the keys its screen offers.
                let mut refs = TextRefs::default();
                step.kind.text_refs(&mut refs);
                assert!(!refs.0.is_empty(), "{what}: a kind says something");
                for r in &refs.0 {
                    assert!(workshop.texts.has(lang, &r.id, r.attribute), "{what}: {} {:?}", r.id, r.attribute);
                }
                let app = app_at(&workshop, index, lang);
                for b in atelier::ui::keys::bindings(&app) {
                    assert!(workshop.texts.has(lang, b.label, None), "{what}: {}", b.label);
                    assert!(workshop.texts.has(lang, b.action, Some("short")), "{what}: {}.short", b.action);
                }
                // A screen that shows what the programme says of the step.
                let screen = fixtures::screen_text(&fixtures::draw(&app, (120, 36)));
                let own: Vec<String> = refs.0.iter().filter(|r| r.attribute.is_none()).map(|r| tr.t(&r.id)).collect();
                assert!(own.iter().any(|text| screen.contains(text.as_str())), "{what}: none of {own:?} on\n{screen}");
                // A place on the printed sheet.
                let title = tr.t(&step.title);
                let found = match export::shown(kind) {
                    Shown::Facts => sheet.contains("Les Colibris") && sheet.contains("Awa, Bruno"),
                    Shown::Time => sheet.lines().any(|l| l.starts_with("- ") && l.contains(&title)),
                    Shown::Notes => sheet.lines().any(|l| l.starts_with("## ") && l.contains(&title)),
                    Shown::Guide => {
                        let Some(atelier::steps::Step::Reading(def, _)) =
                            atelier::steps::pair(&step.kind, &session.steps[index].state)
                        else {
                            panic!("{what}: a reading")
                        };
                        def.sections.iter().all(|s| sheet.contains(&format!("### {}", tr.t(&s.title))))
                    }
                };
                assert!(found, "{what}: not on the sheet ({:?})\n{sheet}", export::shown(kind));
            }
        }
    }
}

/// « Workshops of your own » in README.md names the kinds a programme may
/// use: the table's, all of them and no other.
#[test]
fn the_readme_names_the_kinds_of_the_table() {
    let readme = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("steps of the kinds").expect("README names the kinds");
    let end = start + readme[start..].find("each with").expect("the list of kinds ends");
    let named: Vec<&str> = readme[start..end].split('`').skip(1).step_by(2).collect();
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(named, kinds);
}
