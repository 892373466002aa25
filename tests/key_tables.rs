//! The key tables of README.md (in English) and LISEZMOI.md (in French)
//! are the help's (`?`): written from the bindings of `src/ui/keys.rs` and
//! `src/ui/steps/`, in the words the help shows. A key changed in the code
//! and not in the READMEs fails here, with the table as it should be;
//! `UPDATE_README=1 cargo test --test key_tables` writes them.
//!
//! A table lives between `<!-- keys:NAME -->` and `<!-- /keys:NAME -->`:
//! `steps` (the keys of every step, then those of each step of the
//! built-in workshop) and `home` (the home screen).

use std::path::PathBuf;
use std::rc::Rc;

use atelier::app::{App, Home, Message, Screen};
use atelier::i18n::{Lang, Texts, Tr};
use atelier::session::{Roster, Session};
use atelier::timer::FakeClock;
use atelier::ui::keys::{Binding, bindings_under_help};

/// The app of a fresh session of the built-in workshop, at step `index`.
fn app_at(index: usize, lang: Lang) -> App {
    let home = Screen::Home(Home::new(Vec::new()));
    let mut app = App::built_in(lang, Rc::new(FakeClock::default()), home);
    let roster = Roster {
        group: "Les Colibris".into(),
        participants: Roster::parse_participants("Awa, Bruno"),
        region: String::new(),
        ends_at: String::new(),
        date: String::new(),
    };
    let session = Session::new("k".into(), app.programme(), roster, lang, chrono::Local::now());
    app.show_session(session, "k.json".into(), false);
    for _ in 0..index {
        app.update(Message::NextStep);
    }
    app
}

/// A binding as the help shows it: its keys and what they do.
type Row = (String, String);

fn row(tr: &Tr, binding: &Binding) -> Row {
    (tr.t(binding.label), tr.t(binding.action))
}

fn push_new(rows: &mut Vec<Row>, row: Row) {
    if !rows.contains(&row) {
        rows.push(row);
    }
}

/// The keys the help lists on step `index`: those of a fresh step, and
/// those that its own keys bring up, one of them pressed up to three
/// times and then another (« swap » after « start », « bring back » after
/// ↓ ↓ ↓ and a removal, « reopen » after a turn).
fn step_rows(index: usize, lang: Lang, tr: &Tr) -> Vec<Row> {
    let app = app_at(index, lang);
    let first = bindings_under_help(&app);
    let own: Vec<Message> = first.iter().map(|b| b.message.clone()).filter(|m| matches!(m, Message::Step(_))).collect();
    let mut rows = Vec::new();
    first.iter().for_each(|b| push_new(&mut rows, row(tr, b)));
    for (one, two) in own.iter().flat_map(|one| own.iter().map(move |two| (one, two))) {
        let mut app = app_at(index, lang);
        for pressed in [one, one, one, two] {
            app.update(pressed.clone());
            bindings_under_help(&app).iter().for_each(|b| push_new(&mut rows, row(tr, b)));
        }
    }
    rows
}

fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len()));
    for cells in rows {
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// `` `→ PgDn` ``: a key as code, so that `*` or `|` stay keys.
fn key(label: &str) -> String {
    format!("`{}`", label.replace('|', "\\|"))
}

/// The tables of one language, by name.
fn tables(lang: Lang) -> Vec<(&'static str, String)> {
    let texts = Texts::new();
    let tr = Tr::new(&texts, lang);
    let (key_word, does, step_word) = match lang {
        Lang::Fr => ("touche", "fait", "étape"),
        Lang::En => ("key", "does", "step"),
    };
    let steps = app_at(0, lang).programme().steps.len();
    let per_step: Vec<Vec<Row>> = (0..steps).map(|i| step_rows(i, lang, &tr)).collect();
    // The keys of every step (the first has no « previous », the last no
    // « next »), in the help's order; then each step's own, steps with the
    // same keys together.
    let middle = &per_step[1..steps - 1];
    let every: Vec<Row> = middle[0].iter().filter(|r| middle.iter().all(|rows| rows.contains(r))).cloned().collect();
    let programme = app_at(0, lang).programme().clone();
    let mut groups: Vec<(Vec<String>, Vec<Row>)> = Vec::new();
    for (step, rows) in programme.steps.iter().zip(&per_step) {
        let rows: Vec<Row> = rows.iter().filter(|r| !every.contains(r)).cloned().collect();
        match groups.iter_mut().find(|(_, same)| *same == rows) {
            Some((titles, _)) => titles.push(tr.t(&step.title)),
            None => groups.push((vec![tr.t(&step.title)], rows)),
        }
    }
    let mut own = Vec::new();
    for (titles, rows) in groups {
        for (label, action) in rows {
            own.push(vec![titles.join(", "), key(&label), action]);
        }
    }
    let steps_table = format!(
        "{}\n{}",
        table(&[key_word, does], every.iter().map(|(l, a)| vec![key(l), a.clone()])),
        table(&[step_word, key_word, does], own)
    );
    let home = App::built_in(lang, Rc::new(FakeClock::default()), Screen::Home(Home::new(Vec::new())));
    let home_rows: Vec<Vec<String>> =
        bindings_under_help(&home).iter().map(|b| row(&tr, b)).map(|(l, a)| vec![key(&l), a]).collect();
    vec![("steps", steps_table), ("home", table(&[key_word, does], home_rows))]
}

/// `text` with each table between its marks as the code says it.
fn written(text: &str, tables: &[(&str, String)], file: &str) -> String {
    let mut out = text.to_string();
    for (name, table) in tables {
        let (open, close) = (format!("<!-- keys:{name} -->\n"), format!("<!-- /keys:{name} -->"));
        let start = out.find(&open).unwrap_or_else(|| panic!("{file} has no {open}")) + open.len();
        let end = out[start..].find(&close).unwrap_or_else(|| panic!("{file} has no {close}")) + start;
        out.replace_range(start..end, table);
    }
    out
}

#[test]
fn the_readmes_key_tables_are_the_helps() {
    let update = std::env::var("UPDATE_README").is_ok_and(|v| v == "1");
    for (file, lang) in [("README.md", Lang::En), ("LISEZMOI.md", Lang::Fr)] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = written(&text, &tables(lang), file);
        if update {
            std::fs::write(&path, &expected).unwrap();
        } else if text != expected {
            let new = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(file);
            std::fs::write(&new, &expected).unwrap();
            panic!(
                "the key tables of {file} are not the help's: diff -u {file} {}\n\
                 (UPDATE_README=1 cargo test --test key_tables writes them)",
                new.display()
            );
        }
    }
}

#[test]
fn the_tables_hold_every_step_and_the_keys_a_key_brings_up() {
    let tables = tables(Lang::En);
    let steps = &tables[0].1;
    for text in ["`→ PgDn` | Next step", "Start the first round", "Swap speakers", "Bring back what was just removed"]
    {
        assert!(steps.contains(text), "{text} in\n{steps}");
    }
    assert!(steps.contains("| Pinning as a group | `*` | Pin or unpin the chosen note |"), "{steps}");
    assert!(steps.contains("| Ingredients, Reasons partnerships fail | `s` |"), "the same keys together: {steps}");
    let home = &tables[1].1;
    assert!(home.contains("`x` | Write the printable sheet"), "{home}");
}
