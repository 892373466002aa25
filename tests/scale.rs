//! A folder of 10,000 past sessions lists completely and in order, and an
//! unreadable file among them is listed with its reason and left byte for
//! byte. (How long it takes is measured by the benchmarks, not here.)

use std::fs;

use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::session::{Roster, Session};
use atelier::store::{Listed, Store};
use chrono::{Duration, Local, TimeZone};

#[test]
fn ten_thousand_sessions_are_listed_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let programme = Programme::embedded();
    let start = Local.with_ymd_and_hms(2020, 1, 1, 9, 0, 0).single().unwrap();
    let roster = Roster {
        group: String::new(),
        participants: vec!["Awa".into(), "Bruno".into()],
        region: "Centre".into(),
        ends_at: String::new(),
        date: String::new(),
    };
    let template = Session::new("x".into(), &programme, roster, Lang::Fr, start);
    for n in 0..10_000i64 {
        let mut s = template.clone();
        s.id = format!("s{n:05}");
        s.roster.group = format!("Groupe {}", n % 97);
        s.updated_at = start + Duration::minutes(n * 7 % 10_007);
        // Plain writes: this is a fixture, not the app saving.
        fs::write(dir.path().join(format!("{}.json", s.id)), serde_json::to_vec(&s).unwrap()).unwrap();
    }
    let broken = dir.path().join("broken.json");
    fs::write(&broken, b"{\"version\": 1, \"id\": \"half").unwrap();

    let store = Store::new(dir.path());
    for pass in ["first, building the index", "second, from the index"] {
        let listed = store.list().unwrap();
        assert_eq!(listed.len(), 10_001, "{pass}");
        let sessions: Vec<_> = listed
            .iter()
            .filter_map(|l| match l {
                Listed::Session(s) => Some(s),
                Listed::Unreadable { .. } => None,
            })
            .collect();
        assert_eq!(sessions.len(), 10_000, "{pass}");
        assert!(sessions.windows(2).all(|w| w[0].updated_at >= w[1].updated_at), "{pass}: newest first");
        match listed.last() {
            Some(Listed::Unreadable { path, reason, .. }) => {
                assert_eq!(path, &broken);
                assert!(reason.contains("line 1"), "the reason says where: {reason}");
            }
            other => panic!("{pass}: the broken file is listed last, got {other:?}"),
        }
    }
    assert_eq!(fs::read(&broken).unwrap(), b"{\"version\": 1, \"id\": \"half", "left byte for byte");
}
