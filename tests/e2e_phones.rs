//! The room end to end: the real binary in a pseudo-terminal opens the
//! room on 127.0.0.1 (`new --room --room-addr 127.0.0.1:0`), twelve
//! simulated phones (plain HTTP over loopback, `phone/`) join with the
//! code read off the screen, write sixty notes and tick a checklist while
//! the facilitator moves between steps; then the session file holds every
//! note once, in order per phone, and the screen shows them. Nothing here
//! leaves 127.0.0.1.

mod common;
mod phone;

use std::net::SocketAddr;
use std::thread;

use common::{Tui, dump, key, only_session_file, read_json, step, temp_dir};
use phone::Phone;
use serde_json::{Value, json};

const SIZE: (u16, u16) = (120, 36);
const PHONES: usize = 12;
const NOTES: usize = 5;

/// The room's address and code, as the panel shows them.
fn address_and_code(tui: &Tui) -> (SocketAddr, String) {
    tui.wait_for("http://127.0.0.1:");
    let screen = tui.screen();
    let address = screen
        .split_whitespace()
        .find_map(|word| word.strip_prefix("http://127.0.0.1:"))
        .and_then(|rest| rest.trim_end_matches('/').parse::<u16>().ok())
        .map(|port| SocketAddr::from(([127, 0, 0, 1], port)))
        .unwrap_or_else(|| panic!("no address on the panel:\n{}", dump(&screen)));
    let line = screen.lines().find(|l| l.contains("Code : ")).unwrap_or_else(|| panic!("no code:\n{}", dump(&screen)));
    let code: String = line.split("Code : ").nth(1).unwrap().split_whitespace().take(2).collect();
    assert_eq!(code.len(), 6, "{line}");
    (address, code)
}

fn index_of(id: &str) -> usize {
    atelier::programme::Programme::embedded().step(id).unwrap().0
}

#[test]
fn twelve_phones_write_sixty_notes_and_tick_while_the_facilitator_moves_on() {
    let dir = temp_dir();
    let mut tui =
        Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno", "--room", "--room-addr", "127.0.0.1:0"]);
    let (addr, code) = address_and_code(&tui);
    tui.wait_for("Aucun téléphone pour l’instant");
    // The QR code is drawn in full blocks, two cells a module, at 120×36.
    assert!(tui.screen().contains("████"), "{}", dump(&tui.screen()));

    let board = index_of("board");
    let ingredients = index_of("ingredients");
    let phones: Vec<Phone> = (0..PHONES)
        .map(|_| {
            let mut phone = Phone::new(addr);
            let answer = phone.join_with_code(&code.to_lowercase());
            assert_eq!(answer.status, 200, "{answer:?}");
            phone
        })
        .collect();
    tui.wait_for("12 téléphones ont rejoint");
    // The panel hidden, the facilitator goes to the board.
    tui.press("j", "1/8 ");
    tui.wait_for_gone("12 téléphones ont rejoint");
    tui.go_to_step("board");

    // Each phone writes its notes one after the other, the first one sent
    // twice with its key (a retry), and ticks the ingredients; meanwhile
    // the facilitator moves on and back.
    let writers: Vec<_> = phones
        .into_iter()
        .enumerate()
        .map(|(p, phone)| {
            thread::spawn(move || {
                for n in 0..NOTES {
                    let key = format!("phone{p:02}-note{n}");
                    let column = if n % 2 == 0 { "positives" } else { "difficulties" };
                    let text = format!("Téléphone {p} note {n}");
                    let times = if n == 0 { 2 } else { 1 };
                    for _ in 0..times {
                        let answer = phone.note(&key, board, column, &text);
                        assert_eq!(answer.status, 200, "{key}: {answer:?}");
                        assert_eq!(answer.json()["saved"], true);
                    }
                }
                let ticked = if p % 2 == 0 { json!(["trust", "vision"]) } else { json!(["trust"]) };
                let body = json!({ "key": format!("phone{p:02}-ticks"), "step": ingredients, "kind": "answers", "ticked": ticked });
                let answer = phone.post("/api/send", &body);
                assert_eq!(answer.status, 200, "{answer:?}");
                phone
            })
        })
        .collect();
    tui.press(key::RIGHT, "4/8 ");
    tui.press(key::LEFT, "3/8 ");
    let phones: Vec<Phone> = writers.into_iter().map(|w| w.join().expect("a phone")).collect();

    // Every note was answered « saved » only once on the disk: the file
    // holds them all now, each once, in order per phone.
    let session = read_json(&only_session_file(dir.path()));
    let notes = step(&session, "board")["board"]["notes"].as_array().expect("notes").clone();
    assert_eq!(notes.len(), PHONES * NOTES, "every note once, no retry kept twice");
    for p in 0..PHONES {
        let texts: Vec<&str> = notes
            .iter()
            .filter(|n| n["phone"]["key"].as_str().is_some_and(|k| k.contains(&format!("phone{p:02}-"))))
            .map(|n| n["text"].as_str().unwrap())
            .collect();
        let expected: Vec<String> = (0..NOTES).map(|n| format!("Téléphone {p} note {n}")).collect();
        assert_eq!(texts, expected, "phone {p}'s notes in the order written");
    }
    // Marked as sent from a phone (and new until the facilitator left the
    // board: here the facilitator moved on while they came).
    assert!(notes.iter().all(|n| n["phone"]["key"].is_string()), "marked as a phone's");
    assert_eq!(notes.iter().filter(|n| n["column"] == "difficulties").count(), PHONES * 2);
    let answers = &step(&session, "ingredients")["checklist"]["phones"];
    assert_eq!(answers.as_object().map(|o| o.len()), Some(PHONES), "each phone's answer once");
    assert!(!session.to_string().contains("127.0.0.1"), "no address stored");

    // The board shows them.
    tui.wait_for("Téléphone ");
    // A partner for the plan and a closing line, each kept once sent.
    let partner = json!({ "key": "partner-0001", "step": index_of("plan"), "kind": "partner", "text": "La Ressourcerie du quartier" });
    assert_eq!(phones[2].post("/api/send", &partner).status, 200);
    let closing = json!({ "key": "closing-0001", "step": index_of("closing"), "kind": "closing", "text": "Merci pour ce moment" });
    assert_eq!(phones[3].post("/api/send", &closing).status, 200);
    tui.go_to_step("plan");
    tui.wait_for("La Ressourcerie du quartier");
    tui.go_to_step("closing");
    tui.wait_for("» Merci pour ce moment");
    // The room closes with the facilitator's keys; the phones are told.
    let mut events = phones[0].events();
    assert!(events.next().is_some());
    tui.press("j", "12 téléphones ont rejoint");
    tui.press("J", "Salle fermée");
    assert!(events.until(|s| s["room_closed"] == true).is_some(), "the phone is told the room closed");
    match phones[1].try_post(
        "/api/send",
        &json!({ "key": "too-late-01", "step": board, "kind": "note", "column": "positives", "text": "x" }),
    ) {
        Ok(answer) => assert_eq!(answer.refused().as_deref(), Some("room-closed"), "{answer:?}"),
        // The server has stopped already: nothing listens any more.
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionRefused, "{e}"),
    }
    tui.send("q");
    assert!(tui.wait_exit().success());
    let after = read_json(&only_session_file(dir.path()));
    let kept: &Value = &step(&after, "board")["board"]["notes"];
    assert_eq!(kept.as_array().map(Vec::len), Some(PHONES * NOTES));
}

#[test]
fn without_the_room_nothing_listens_until_j_opens_it() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa", "--room-addr", "127.0.0.1:0"]);
    tui.wait_for("1/8 ");
    // No server thread: the process has the threads it always has.
    #[cfg(target_os = "linux")]
    {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", tui.pid())).unwrap();
        let names: Vec<String> = tasks
            .flatten()
            .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
            .map(|n| n.trim().to_string())
            .collect();
        assert!(!names.iter().any(|n| n == "room"), "{names:?}");
    }
    tui.press("j", "http://127.0.0.1:");
    assert!(tui.screen().contains("Rejoindre depuis son téléphone"));
    let (addr, _) = address_and_code(&tui);
    assert_eq!(Phone::new(addr).get("/").status, 200, "now it listens");
}

/// `kill -9` right after the phones were told « saved »: every note they
/// were told was saved is in the file.
#[test]
fn a_note_a_phone_was_told_was_saved_survives_kill_9() {
    let dir = temp_dir();
    let tui = Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa", "--room", "--room-addr", "127.0.0.1:0"]);
    let (addr, code) = address_and_code(&tui);
    let mut phone = Phone::new(addr);
    assert_eq!(phone.join_with_code(&code).status, 200);
    let board = index_of("board");
    for n in 0..15 {
        let answer = phone.note(&format!("survive-{n:02}"), board, "positives", &format!("Gardée {n}"));
        assert_eq!(answer.json()["saved"], true, "{answer:?}");
    }
    // SAFETY: a plain signal to the child this test started.
    unsafe { libc::kill(tui.pid(), libc::SIGKILL) };
    let session = read_json(&only_session_file(dir.path()));
    let notes = step(&session, "board")["board"]["notes"].as_array().expect("notes").clone();
    let texts: Vec<&str> = notes.iter().filter_map(|n| n["text"].as_str()).collect();
    let expected: Vec<String> = (0..15).map(|n| format!("Gardée {n}")).collect();
    assert_eq!(texts, expected);
}
