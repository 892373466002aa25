//! The room's server on its own, on 127.0.0.1, with a stand-in for the
//! app that answers every submission as saved: each refusal of the
//! security rules is its own test, then what a phone sends, its retries
//! and the room's closing. Phones are plain HTTP over loopback
//! (`phone/`); nothing here leaves 127.0.0.1.

mod phone;

use std::net::SocketAddr;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use atelier::room::{Choice, Key, PageTexts, Reply, Room, RoomEvent, Said, Sent, Stage, StageKind};
use phone::{Phone, Request, send};
use serde_json::json;

/// A room on a free port of the loopback address; what the phones send
/// is kept in order and answered as saved, as the app does once it is on
/// the disk.
type Kept = Arc<Mutex<Vec<(Key, usize, Sent)>>>;

struct Open {
    room: Arc<Room>,
    kept: Kept,
    /// How many phones have joined, as the app last heard it.
    phones: Arc<(Mutex<usize>, Condvar)>,
    /// How many phones follow the room, each time it changes.
    here: Mutex<mpsc::Receiver<usize>>,
}

fn board() -> Stage {
    Stage {
        step: 2,
        kind: StageKind::Board,
        title: Said::new("Épinglage", "Pinning"),
        choices: vec![Choice { id: "positives".into(), text: Said::new("Positifs", "Positives"), ..Choice::default() }],
        ..Stage::default()
    }
}

fn open() -> Open {
    let (sender, events) = mpsc::channel();
    let sink = Arc::new(move |event| {
        let _ = sender.send(event);
    });
    let texts = PageTexts { fr: vec![("room-page-send".into(), "Envoyer".into())], en: Vec::new() };
    let room = Arc::new(Room::open("127.0.0.1:0".parse().unwrap(), texts, board(), sink).expect("a room"));
    let kept = Arc::new(Mutex::new(Vec::new()));
    let phones = Arc::new((Mutex::new(0), Condvar::new()));
    let (app_room, app_kept, app_phones) = (Arc::clone(&room), Arc::clone(&kept), Arc::clone(&phones));
    let (here_sender, here) = mpsc::channel();
    std::thread::spawn(move || {
        for event in events {
            match event {
                RoomEvent::Sent { key, step, sent, .. } => {
                    app_kept.lock().unwrap().push((key.clone(), step, sent));
                    app_room.reply(&key, Reply::Saved);
                }
                RoomEvent::Phones(n) => {
                    *app_phones.0.lock().unwrap() = n;
                    app_phones.1.notify_all();
                }
                RoomEvent::Here(n) => {
                    let _ = here_sender.send(n);
                }
            }
        }
    });
    Open { room, kept, phones, here: Mutex::new(here) }
}

impl Open {
    /// How many phones the app hears have joined, once it hears `wanted`
    /// (the count comes through the app's channel, after the answer to
    /// the phone) or after five seconds.
    fn joined(&self, wanted: usize) -> usize {
        let (count, changed) = &*self.phones;
        let count = count.lock().unwrap();
        *changed.wait_timeout_while(count, Duration::from_secs(5), |n| *n != wanted).unwrap().0
    }

    fn addr(&self) -> SocketAddr {
        self.room.socket()
    }

    fn join_path(&self) -> String {
        self.room.join_url().trim_start_matches(&format!("http://{}", self.addr())).to_string()
    }

    fn phone(&self) -> Phone {
        let mut phone = Phone::new(self.addr());
        let answer = phone.join(&self.join_path());
        assert_eq!(answer.status, 303, "{answer:?}");
        phone
    }

    fn notes(&self) -> Vec<String> {
        let kept = self.kept.lock().unwrap();
        kept.iter()
            .filter_map(|(_, _, sent)| match sent {
                Sent::Note { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    fn close(&self) {
        self.room.close();
    }
}

#[test]
fn the_qr_address_lets_a_phone_in_with_a_strict_cookie_and_a_wrong_token_does_not() {
    let open = open();
    let mut stranger = Phone::new(open.addr());
    let refused = stranger.join("/J/AAAAAAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(refused.status, 403);
    assert_eq!(refused.refused().as_deref(), Some("room-refused-token"));
    assert!(refused.header("set-cookie").is_none());
    assert_eq!(stranger.get("/api/me").status, 401, "no cookie, not in");

    let mut phone = Phone::new(open.addr());
    let answer = phone.join(&open.join_path());
    assert_eq!(answer.status, 303);
    assert_eq!(answer.header("location"), Some("/"), "the token leaves the address bar");
    let cookie = answer.header("set-cookie").expect("a cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert_eq!(phone.get("/api/me").status, 200);
    // The token's 26 characters carry 130 random bits.
    let token = open.join_path().trim_start_matches("/J/").to_string();
    assert_eq!(token.len(), 26);
    assert!(token.bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)));
}

#[test]
fn the_sixth_wrong_code_in_a_minute_waits_even_when_it_is_right() {
    let open = open();
    let mut phone = Phone::new(open.addr());
    let wrong = if open.room.code() == "ZZZZZZ" { "YYYYYY" } else { "ZZZZZZ" };
    for i in 0..5 {
        let answer = phone.join_with_code(wrong);
        assert_eq!(answer.status, 403, "try {i}");
        assert_eq!(answer.refused().as_deref(), Some("room-refused-code"));
    }
    let sixth = phone.join_with_code(open.room.code());
    assert_eq!(sixth.status, 429, "{sixth:?}");
    assert_eq!(sixth.refused().as_deref(), Some("room-refused-wait"));
    assert!(sixth.header("retry-after").is_some());
    assert!(phone.cookie.is_none());
}

#[test]
fn the_right_code_lets_a_phone_in_as_typed_on_a_phone() {
    let open = open();
    let mut phone = Phone::new(open.addr());
    let typed = format!(" {} ", open.room.code().to_lowercase());
    assert_eq!(phone.join_with_code(&typed).status, 200);
    assert_eq!(phone.get("/api/me").status, 200);
}

#[test]
fn a_request_naming_another_host_is_refused_dns_rebinding() {
    let open = open();
    let phone = open.phone();
    for host in [Some(format!("evil.example:{}", open.addr().port())), Some("localhost".into()), None] {
        let request = Request {
            method: "GET",
            path: "/api/me",
            host: host.clone(),
            origin: None,
            cookie: phone.cookie.clone(),
            body: Vec::new(),
        };
        let answer = send(open.addr(), &request).unwrap();
        assert_eq!(answer.status, 421, "{host:?}");
        assert_eq!(answer.refused().as_deref(), Some("room-refused-host"));
    }
    let page = Request {
        method: "GET",
        path: "/",
        host: Some("rebound.example".into()),
        origin: None,
        cookie: None,
        body: vec![],
    };
    assert_eq!(send(open.addr(), &page).unwrap().status, 421, "not even the page");
}

#[test]
fn a_write_from_another_origin_is_refused_even_with_the_cookie() {
    let open = open();
    let phone = open.phone();
    let body = json!({ "key": "cross-site-1", "step": 2, "kind": "note", "column": "positives", "text": "x" });
    for origin in [Some("http://evil.example".to_string()), Some("null".into()), None] {
        let request = Request {
            method: "POST",
            path: "/api/send",
            host: Some(phone.host()),
            origin: origin.clone(),
            cookie: phone.cookie.clone(),
            body: body.to_string().into_bytes(),
        };
        let answer = send(open.addr(), &request).unwrap();
        assert_eq!(answer.status, 403, "{origin:?}");
        assert_eq!(answer.refused().as_deref(), Some("room-refused-origin"));
        assert!(answer.header("access-control-allow-origin").is_none(), "no CORS");
    }
    assert!(open.notes().is_empty());
}

#[test]
fn an_oversized_body_and_a_note_over_1000_characters_are_refused() {
    let open = open();
    let phone = open.phone();
    let huge = "x".repeat(64 * 1024);
    let answer = phone.note("oversized-1", 2, "positives", &huge);
    assert_eq!(answer.status, 413, "{}", answer.status);
    let long = "é".repeat(1001);
    let answer = phone.note("too-long-01", 2, "positives", &long);
    assert_eq!(answer.status, 422);
    assert_eq!(answer.refused().as_deref(), Some("room-refused-text"));
    let answer = phone.note("just-right1", 2, "positives", &"é".repeat(1000));
    assert_eq!(answer.status, 200);
    assert_eq!(open.notes().len(), 1);
}

#[test]
fn the_sixty_fifth_phone_is_refused() {
    let open = open();
    let phones: Vec<Phone> = (0..64).map(|_| open.phone()).collect();
    let mut last = Phone::new(open.addr());
    let answer = last.join(&open.join_path());
    assert_eq!(answer.status, 503);
    assert_eq!(answer.refused().as_deref(), Some("room-refused-full"));
    assert!(last.cookie.is_none());
    let mut by_code = Phone::new(open.addr());
    assert_eq!(by_code.join_with_code(open.room.code()).refused().as_deref(), Some("room-refused-full"));
    // The ones in are still in.
    assert_eq!(phones[63].get("/api/me").status, 200);
    assert_eq!(open.joined(64), 64);
}

#[test]
fn markup_and_control_characters_arrive_as_plain_cleaned_text() {
    let open = open();
    let phone = open.phone();
    let text = "<img src=x onerror=alert(1)> <b>gras</b>\u{1b}[31m\u{202e} fin";
    assert_eq!(phone.note("markup-0001", 2, "positives", text).status, 200);
    assert_eq!(open.notes(), ["<img src=x onerror=alert(1)> <b>gras</b> fin"], "kept as text, cleaned");
    // The page shows everything with textContent: no markup is ever made
    // from what phones send.
    let js = phone.get("/page.js");
    assert!(
        !js.body.contains("innerHTML") && !js.body.contains("outerHTML") && !js.body.contains("insertAdjacentHTML")
    );
    assert!(!js.body.contains("eval("));
    assert!(js.body.contains("textContent"));
}

#[test]
fn every_answer_carries_the_strict_headers_and_only_the_page_and_its_api_are_served() {
    let open = open();
    let phone = open.phone();
    for path in ["/", "/page.css", "/page.js", "/api/texts", "/nothing", "/../Cargo.toml", "/etc/passwd", "/api/me"] {
        let answer = phone.get(path);
        assert_eq!(answer.header("content-security-policy"), Some("default-src 'self'"), "{path}");
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"), "{path}");
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert!(answer.header("access-control-allow-origin").is_none(), "{path}");
        if path.contains("Cargo") || path.contains("passwd") || path == "/nothing" {
            assert_eq!(answer.status, 404, "{path}");
        } else {
            assert_eq!(answer.status, 200, "{path}");
        }
    }
    let page = phone.get("/");
    assert!(page.body.contains("<script src=\"/page.js\""), "a script of its own");
    assert!(!page.body.contains("<script>"), "no inline script");
    assert!(!page.body.contains("http://") && !page.body.contains("https://"), "nothing from elsewhere");
    let preflight = Request {
        method: "OPTIONS",
        path: "/api/send",
        host: Some(phone.host()),
        origin: Some("http://evil.example".into()),
        cookie: None,
        body: vec![],
    };
    let answer = send(open.addr(), &preflight).unwrap();
    assert!(answer.status >= 400, "no preflight answered: {}", answer.status);
    assert!(answer.header("access-control-allow-origin").is_none());
}

#[test]
fn without_joining_nothing_is_sent_nor_followed() {
    let open = open();
    let stranger = Phone::new(open.addr());
    let answer = stranger.note("stranger-01", 2, "positives", "hello");
    assert_eq!(answer.status, 401);
    assert_eq!(stranger.get("/api/events").status, 401);
    let forged = Phone { addr: open.addr(), cookie: Some("atelier_room=FORGEDFORGEDFORGEDFORGED12".into()) };
    assert_eq!(forged.note("forged-0001", 2, "positives", "hello").status, 401);
    assert!(open.notes().is_empty());
}

#[test]
fn a_retry_with_the_same_key_keeps_one_note_and_gets_the_same_answer() {
    let open = open();
    let phone = open.phone();
    for _ in 0..3 {
        let answer = phone.note("retry-key-1", 2, "positives", "Une fois");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.json()["saved"], true);
    }
    assert_eq!(open.notes(), ["Une fois"]);
    // The same key from another phone is another note.
    let other = open.phone();
    assert_eq!(other.note("retry-key-1", 2, "positives", "Une fois").status, 200);
    assert_eq!(open.notes().len(), 2);
}

#[test]
fn a_phone_sending_faster_than_anyone_types_is_slowed() {
    let open = open();
    let phone = open.phone();
    let statuses: Vec<u16> =
        (0..25).map(|i| phone.note(&format!("rate-key-{i:02}"), 2, "positives", "n").status).collect();
    assert!(statuses[..20].iter().all(|s| *s == 200), "{statuses:?}");
    assert!(statuses[20..].contains(&429), "{statuses:?}");
}

#[test]
fn the_phones_follow_the_step_and_are_told_when_the_room_closes() {
    let open = open();
    let phone = open.phone();
    let mut events = phone.events();
    let first = events.next().expect("the stage as it is");
    assert_eq!(first["kind"], "board");
    assert_eq!(first["title"]["en"], "Pinning");
    open.room.show(Stage { step: 4, kind: StageKind::Checklist, ..Stage::default() });
    let moved = events.until(|s| s["step"] == 4).expect("the next step");
    assert_eq!(moved["kind"], "checklist");
    open.close();
    let closed = events.until(|s| s["room_closed"] == true);
    assert!(closed.is_some(), "the phone is told");
    assert!(events.next().is_none(), "and its stream ends");
    // A note sent now is refused with a message, not lost in silence.
    let answer = phone.note("after-close", 2, "positives", "trop tard");
    assert_eq!(answer.status, 410);
    assert_eq!(answer.refused().as_deref(), Some("room-closed"));
}

#[test]
fn a_note_that_is_not_saved_yet_is_answered_once_it_is() {
    // A room whose app answers nothing until told: the phone waits.
    let (sender, events) = mpsc::channel();
    let sink = Arc::new(move |event| {
        let _ = sender.send(event);
    });
    let room = Arc::new(Room::open("127.0.0.1:0".parse().unwrap(), PageTexts::default(), board(), sink).unwrap());
    let addr = room.socket();
    let join = room.join_url().trim_start_matches(&format!("http://{addr}")).to_string();
    let mut phone = Phone::new(addr);
    phone.join(&join);
    let waiting = std::thread::spawn(move || phone.note("slow-disk-1", 2, "positives", "Lent"));
    let key = loop {
        if let RoomEvent::Sent { key, .. } = events.recv().unwrap() {
            break key;
        }
    };
    assert!(!waiting.is_finished(), "no answer before the save");
    room.reply(&key, Reply::Refused("room-refused-step"));
    let answer = waiting.join().unwrap();
    assert_eq!(answer.status, 409);
    assert_eq!(answer.refused().as_deref(), Some("room-refused-step"));
}

#[test]
fn a_phone_reaches_only_its_own_notes_to_edit_or_withdraw_them() {
    let open = open();
    let (mine, other) = (open.phone(), open.phone());
    assert_eq!(mine.note("own-note-01", 2, "positives", "À moi").status, 200);
    let withdraw = json!({ "key": "withdraw-01", "step": 2, "kind": "withdraw", "of": "own-note-01" });
    assert_eq!(other.post("/api/send", &withdraw).status, 200, "the stand-in app takes anything");
    assert_eq!(mine.post("/api/send", &withdraw).status, 200);
    let kept = open.kept.lock().unwrap();
    let note_key = &kept[0].0;
    let ofs: Vec<&Key> = kept
        .iter()
        .filter_map(|(_, _, sent)| match sent {
            Sent::Withdraw { of } => Some(of),
            _ => None,
        })
        .collect();
    assert_eq!(ofs.len(), 2);
    assert_ne!(ofs[0], note_key, "the other phone names a note of its own, not mine");
    assert_eq!(ofs[1], note_key, "mine names my note");
}

#[test]
fn the_app_learns_when_a_phone_comes_and_goes() {
    let open = open();
    let phone = open.phone();
    let here = open.here.lock().unwrap();
    let wait = Duration::from_secs(10);
    let mut events = phone.events();
    assert!(events.next().is_some());
    assert_eq!(here.recv_timeout(wait), Ok(1), "its page open");
    drop(events);
    assert_eq!(here.recv_timeout(wait), Ok(0), "its page closed");
}

/// The room's code lies apart from the rest of the Linux binary, before
/// it (`build/room-first.ld`), so that a session that never opens the room
/// never maps it in; what runs before the first frame lies together after
/// it (`build/first-frame.txt`), so that a start maps in its own code and not
/// the rest. Fails when `build.rs` no longer gives the linker the script,
/// when its patterns no longer name the room's crates, or when the list of
/// what runs at start is lost.
#[cfg(target_os = "linux")]
#[test]
fn the_rooms_code_lies_apart_and_what_runs_at_start_together() {
    let elf = std::fs::read(env!("CARGO_BIN_EXE_atelier")).unwrap();
    let u16_at = |at: usize| u16::from_le_bytes(elf[at..at + 2].try_into().unwrap()) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(elf[at..at + 4].try_into().unwrap()) as usize;
    let u64_at = |at: usize| u64::from_le_bytes(elf[at..at + 8].try_into().unwrap()) as usize;
    assert_eq!(&elf[..5], b"\x7fELF\x02", "a 64-bit ELF file");
    let (headers, size, count, names) = (u64_at(0x28), u16_at(0x3A), u16_at(0x3C), u16_at(0x3E));
    let header = |i: usize| headers + i * size;
    let names_at = u64_at(header(names) + 0x18);
    let name = |i: usize| {
        let start = names_at + u32_at(header(i));
        let end = start + elf[start..].iter().position(|&b| b == 0).unwrap();
        String::from_utf8_lossy(&elf[start..end]).into_owned()
    };
    // Each section's name, address and size.
    let sections: Vec<(String, usize, usize)> =
        (0..count).map(|i| (name(i), u64_at(header(i) + 0x10), u64_at(header(i) + 0x20))).collect();
    let find = |wanted: &str| sections.iter().find(|(n, ..)| n == wanted).cloned();
    let (_, text_at, text_size) = find(".text").expect("a .text section");
    let (_, room_at, room_size) = find(".text.room").expect("the room's code in a section of its own");
    assert!(room_at + room_size <= text_at, "the room's code comes before the rest");
    // The server, its web stack and the page's code: hundreds of KiB in a
    // release build, more in a debug one.
    assert!(room_size > 128 * 1024, "only {room_size} bytes of the room's code were moved");
    let (_, hot_at, hot_size) = find(".text.first").expect("what runs before the first frame in a section of its own");
    assert!(text_at + text_size <= hot_at, "what runs before the first frame comes after the rest");
    // The event loop, the drawing, the texts, the session read and written.
    assert!(hot_size > 256 * 1024, "only {hot_size} bytes of what runs at start were moved");
}
