//! How fast the work of one frame, one save and one listing is, and how it
//! grows with the notes and the sessions. `cargo bench`; the figures and
//! the goals are in BENCHMARKS.md.

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use atelier::app::{App, EntryInput, Home, Message, Screen};
use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::session::{Roster, Session};
use atelier::steps::Action;
use atelier::steps::board::Note;
use atelier::store::Store;
use atelier::timer::FakeClock;
use chrono::Local;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A session at `step` with `notes` notes on its board, its checklists
/// answered by four and its plan filled.
fn full_app(step: usize, notes: usize) -> App {
    let programme = Programme::embedded();
    let roster = Roster {
        group: "Les Colibris".into(),
        participants: Roster::parse_participants("Awa,Bruno,Chloé,Dédé"),
        region: "Hauts-Bassins".into(),
        ends_at: String::new(),
        date: String::new(),
    };
    let session = Session::new("bench".into(), &programme, roster, Lang::Fr, Local::now());
    let home = Screen::Home(Home::new(Vec::new()));
    let mut app = App::built_in(Lang::Fr, Rc::new(FakeClock::default()), home);
    app.show_session(session, "bench.json".into(), false);
    for _ in 0..2 {
        app.update(Message::NextStep);
    }
    app.update(Message::Step(Action::Add));
    app.update(Message::Entry(EntryInput::Paste("Confiance réciproque 🤝".into())));
    app.update(Message::Entry(EntryInput::Commit));
    app.update(Message::Step(Action::Pin));
    let board = app.run_mut().unwrap().session.current_mut().state.as_board_mut().unwrap();
    let template = (*board.notes()[0]).clone();
    board.notes_mut().extend((1..notes as u64).map(|i| {
        Arc::new(Note { id: i + 1, text: format!("Note {i} : ce qui a marché"), pinned: false, ..template.clone() })
    }));
    app.update(Message::NextStep);
    app.update(Message::NextStep);
    for _ in 0..4 {
        app.update(Message::Step(Action::ToggleItem));
        app.update(Message::Step(Action::Select(2)));
        app.update(Message::Step(Action::ToggleItem));
        app.update(Message::Step(Action::EndTurn));
    }
    app.update(Message::NextStep);
    for _ in 0..4 {
        app.update(Message::Step(Action::Select(3)));
        app.update(Message::Step(Action::ToggleItem));
        app.update(Message::Step(Action::EndTurn));
    }
    app.update(Message::NextStep);
    app.update(Message::Step(Action::Add));
    app.update(Message::Entry(EntryInput::Paste("Jardins partagés".into())));
    app.update(Message::Entry(EntryInput::Commit));
    app.update(Message::Entry(EntryInput::Paste("Potagers dans trois quartiers".into())));
    app.update(Message::Entry(EntryInput::Commit));
    let step_now = app.run().unwrap().session.current_step;
    for _ in step_now..step {
        app.update(Message::NextStep);
    }
    for _ in step..step_now {
        app.update(Message::PreviousStep);
    }
    app.take_effects();
    app
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render 240x67");
    for (name, step) in [("pairs", 1), ("board", 2), ("reading", 3), ("checklist", 4), ("plan", 6), ("closing", 7)] {
        let app = full_app(step, 30);
        let mut terminal = Terminal::new(TestBackend::new(240, 67)).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| {
                        atelier::ui::view(black_box(&app), frame);
                    })
                    .unwrap();
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("render board 240x67, by notes");
    for notes in [10, 1_000, 10_000] {
        let app = full_app(2, notes);
        let mut terminal = Terminal::new(TestBackend::new(240, 67)).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(notes), &notes, |b, _| {
            b.iter(|| {
                terminal
                    .draw(|frame| {
                        atelier::ui::view(black_box(&app), frame);
                    })
                    .unwrap();
            })
        });
    }
    group.finish();
}

fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut group = c.benchmark_group("save with fsync");
    group.measurement_time(Duration::from_secs(8));
    for notes in [10, 1_000] {
        let app = full_app(7, notes);
        let session = &app.run().unwrap().session;
        let path = store.save(session).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(notes), &notes, |b, _| {
            b.iter(|| store.save_at(&path, session).unwrap())
        });
    }
    group.finish();
}

/// From Enter in the entry to the kept note on screen: update, save, draw.
fn enter_to_kept_note(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut app = full_app(2, 30);
    let path = store.save(&app.run().unwrap().session).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(120, 36)).unwrap();
    c.bench_function("Enter to kept note on screen", |b| {
        b.iter(|| {
            app.update(Message::Step(Action::Add));
            app.update(Message::Entry(EntryInput::Paste("Une note de plus".into())));
            app.update(Message::Entry(EntryInput::Commit));
            app.take_effects();
            store.save_at(&path, &app.run().unwrap().session).unwrap();
            terminal
                .draw(|frame| {
                    atelier::ui::view(&app, frame);
                })
                .unwrap();
            app.update(Message::Step(Action::Undo));
        })
    });
}

fn list(c: &mut Criterion) {
    let mut group = c.benchmark_group("list sessions (with the index)");
    group.sample_size(20);
    let programme = Programme::embedded();
    for count in [100, 1_000, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        let template = full_app(7, 10).run().unwrap().session.clone();
        for n in 0..count {
            let mut s = template.clone();
            s.id = format!("s{n:05}");
            std::fs::write(dir.path().join(format!("{}.json", s.id)), serde_json::to_vec(&s).unwrap()).unwrap();
        }
        let store = Store::new(dir.path());
        store.list().unwrap();
        let _ = &programme;
        group.bench_with_input(BenchmarkId::from_parameter(count), &count, |b, _| {
            b.iter(|| black_box(store.list().unwrap()))
        });
    }
    group.finish();
}

fn startup_work(c: &mut Criterion) {
    c.bench_function("load texts and programme", |b| {
        b.iter(|| (black_box(atelier::i18n::Texts::new()), black_box(Programme::embedded())))
    });
}

criterion_group!(benches, render, save, enter_to_kept_note, list, startup_work);
criterion_main!(benches);
