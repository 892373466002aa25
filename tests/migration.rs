//! Session files of format 1 open in this build with every note, tick,
//! answer and countdown they hold; they are saved as format 2 with the old
//! file kept beside; format 2 reads back as it was written.

mod common;

use std::path::{Path, PathBuf};

use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::session::{FORMAT_VERSION, Roster, Session, migrate};
use atelier::steps::StepState;
use atelier::store::{Store, older_format_path};
use chrono::Local;
use common::step;
use serde_json::Value;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The dates written in UTC, so that the golden does not depend on the
/// time zone of the machine that runs the test.
fn in_utc(mut value: Value) -> Value {
    for field in ["created_at", "updated_at"] {
        let date = value[field].as_str().and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok());
        if let Some(date) = date {
            value[field] = date.to_utc().to_rfc3339().into();
        }
    }
    value
}

/// The session as this build holds it after reading `name` from the v1
/// goldens, compared with the v2 golden of the same name. A missing golden
/// is written on a developer's machine and is a failure in CI.
fn migrated_matches_golden(name: &str) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(golden_dir().join("v1").join(name), &path).unwrap();
    let session = Store::new(dir.path()).load(&path).unwrap();
    let mut actual = serde_json::to_string_pretty(&in_utc(serde_json::to_value(&session).unwrap())).unwrap();
    actual.push('\n');
    let golden = golden_dir().join("v2").join(name);
    if !golden.exists() {
        assert!(std::env::var_os("CI").is_none(), "missing golden {}: run the tests once outside CI", golden.display());
        std::fs::write(&golden, &actual).unwrap();
    }
    assert_eq!(actual, std::fs::read_to_string(&golden).unwrap(), "{name}: v1 → v2 differs from its golden");
    session
}

#[test]
fn the_shipped_example_migrates_with_everything_in_it() {
    let session = migrated_matches_golden("exemple-colibris.json");
    assert_eq!(session.version, FORMAT_VERSION);
    assert!(session.example);
    let board = session.steps[2].state.as_board().unwrap();
    let v1 = read_json(&golden_dir().join("v1/exemple-colibris.json"));
    assert_eq!(board.notes().len(), step(&v1, "board")["board"]["notes"].as_array().unwrap().len());
    let plan = session.steps[6].state.as_plan().unwrap();
    assert_eq!(plan.choice("level"), Some("decide"));
    assert_eq!(plan.choice("decision"), Some("go"));
    assert_eq!(plan.partners.len(), 2);
    assert_eq!(plan.answers.len(), step(&v1, "plan")["plan"]["answers"].as_object().unwrap().len());
    for id in ["ingredients", "failures"] {
        let record = session.steps.iter().find(|s| s.id == id).unwrap();
        let turns = record.state.as_checklist().unwrap().turns.len();
        assert_eq!(turns, step(&v1, id)["checklist"]["turns"].as_array().unwrap().len(), "{id}");
    }
    // And the shipped file itself still reads.
    let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sessions/exemple-colibris.json");
    assert_eq!(Store::new(shipped.parent().unwrap()).load(&shipped).unwrap().roster.group, "Les Colibris");
}

#[test]
fn a_session_in_progress_keeps_its_turns_answers_countdowns_and_unknown_fields() {
    let session = migrated_matches_golden("in-progress.json");
    assert_eq!(session.current_step, 4);
    assert!(matches!(&session.steps[0].state, StepState::Info(s) if s.cursor == 3));
    let StepState::TimedPairs(pairs) = &session.steps[1].state else { panic!("pairs") };
    assert_eq!(pairs.round, 1);
    assert_eq!(pairs.rounds[1].planned().as_secs(), 360, "a round lengthened by a minute stays so");
    let StepState::Reading(reading) = &session.steps[3].state else { panic!("reading") };
    assert_eq!(reading.section, 5);
    assert!(reading.countdown.is_running(), "a countdown that ran when saved still runs");
    let checklist = session.steps[4].state.as_checklist().unwrap();
    assert_eq!(checklist.current, Some(1));
    assert!(!checklist.private);
    assert_eq!(session.steps[6].state.as_plan().unwrap().choice("level"), Some("consult"));
    assert_eq!(session.steps[6].state.as_plan().unwrap().choice("decision"), None);
    let json = serde_json::to_value(&session).unwrap();
    assert_eq!(json["written_by_a_newer_build"]["kept"], true);
    assert_eq!(step(&json, "board")["sticky"], "a field this build does not know");
    assert_eq!(step(&json, "board")["board"]["notes"][1]["colour"], "yellow");
}

#[test]
fn a_version_1_file_is_kept_beside_its_first_rewrite_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let path = dir.path().join("in-progress.json");
    let original = std::fs::read(golden_dir().join("v1/in-progress.json")).unwrap();
    std::fs::write(&path, &original).unwrap();
    let mut session = store.load(&path).unwrap();
    session.roster.group.push_str(" (revu)");
    store.save_at(&path, &session).unwrap();
    let kept = older_format_path(&path, 1);
    assert_eq!(std::fs::read(&kept).unwrap(), original, "the version-1 file, byte for byte");
    assert_eq!(read_json(&path)["version"], 2);
    assert_eq!(read_json(&path)["group"], "Jardins du Sahel (revu)");
    // A second save leaves the kept file alone.
    store.save_at(&path, &session).unwrap();
    assert_eq!(std::fs::read(&kept).unwrap(), original);
    // The kept file is not a session of the list.
    assert_eq!(store.list().unwrap().len(), 1);
    // Read again, the file is version 2 and nothing more is kept.
    assert_eq!(store.load(&path).unwrap().migrated_from, None);
}

#[test]
fn format_2_reads_back_as_written() {
    let programme = Programme::embedded();
    let roster = Roster {
        group: "G".into(),
        participants: vec!["A".into(), "B".into()],
        region: String::new(),
        ends_at: String::new(),
        date: String::new(),
    };
    let session = Session::new("s".into(), &programme, roster, Lang::Fr, Local::now());
    let value = serde_json::to_value(&session).unwrap();
    assert_eq!(migrate(value.clone()), value, "migration leaves format 2 alone");
    let back: Session = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), value);
    for (record, kind) in value["steps"].as_array().unwrap().iter().zip(programme.steps.iter().map(|s| s.kind.name())) {
        assert!(record.get(kind).is_some(), "each step keeps its state under its kind: {record}");
    }
}
