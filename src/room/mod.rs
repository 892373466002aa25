//! The room: participants join the session from their phones over the
//! laptop's local network.
//!
//! This folder owns the small web server that serves them, and nothing of
//! the terminal or of the session's file. It runs on a thread of its own
//! with its own tokio runtime, started only when the facilitator opens the
//! room: the program without the room starts no runtime and listens on
//! nothing. The rest of the app talks to it through [`Room`] only:
//!
//! - the app hands it what the phones show ([`Stage`]: the step's kind,
//!   title, prompts, countdown, columns, checklist items, in both
//!   languages) with [`Room::show`];
//! - what the phones send comes back as [`RoomEvent`]s, through the sink
//!   given to [`Room::open`] (the runtime's input stream), each with an
//!   idempotency [`Key`];
//! - the app answers each submission with [`Room::reply`] once its notes
//!   are on the disk (or with the reason it refused it): the phone says
//!   « envoyé » only then.
//!
//! `guard` holds the security rules (token, join code and its lockout,
//! Host and Origin, limits), `server` the routes, `address` the choice of
//! the address to listen on, `qr` the QR code drawn for the terminal.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub mod address;
pub mod guard;
pub mod qr;
mod server;

pub use address::{Bind, NoNetwork};

/// The port the room listens on unless told otherwise (or, when it is
/// taken, the next free one after it).
pub const DEFAULT_PORT: u16 = 8737;

/// At most this many phones join one room.
pub const MAX_PHONES: usize = 64;

/// The longest note (or line) a phone may send, in characters.
pub const MAX_TEXT: usize = 1000;

/// A text in both languages: each phone shows the one its person chose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Said {
    pub fr: String,
    pub en: String,
}

impl Said {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Self { fr: fr.into(), en: en.into() }
    }
}

/// What a phone may do on the step on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Nothing to send: the step is read on the big screen (welcome).
    #[default]
    Info,
    /// The questions of the pairs, and their countdown.
    Pairs,
    /// Write notes into the columns.
    Board,
    /// The section of the guide on screen.
    Reading,
    /// Tick one's own copy of a checklist.
    Checklist,
    /// Propose a partner and an action.
    Plan,
    /// One closing line.
    Closing,
}

/// A column of a board, or an item of a checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub id: String,
    pub text: Said,
    #[serde(skip_serializing_if = "is_blank")]
    pub hint: Said,
}

fn is_blank(said: &Said) -> bool {
    said.fr.is_empty() && said.en.is_empty()
}

/// The countdown on screen, as the phones show it: they count down from
/// `remaining_ms` themselves, from the moment the server sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Countdown {
    pub remaining_ms: u64,
    pub running: bool,
}

/// What the phones show: the facilitator's step, in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// The step's place in the programme: what a phone sends names it, so
    /// a note written just before the facilitator moved on still lands on
    /// its own step.
    pub step: usize,
    pub kind: StageKind,
    pub title: Said,
    /// The questions of the pairs, the text of the section read, the
    /// checklist's question, what the plan or the closing asks.
    pub prompts: Vec<Said>,
    pub countdown: Option<Countdown>,
    /// The board's columns, or the checklist's items.
    pub choices: Vec<Choice>,
    /// The checklist's combined result, once the facilitator reveals it:
    /// for each item, how many ticked it (in the order of `choices`).
    pub totals: Option<Vec<u32>>,
    /// How many have answered the checklist so far (phones and turns).
    pub answered: u32,
    /// The session is read-only, or the step takes nothing from phones.
    pub closed: bool,
}

impl Stage {
    /// Whether the phones must be told: anything but a running countdown's
    /// time going down as expected (they count down themselves).
    pub fn differs(&self, before: &Stage, elapsed_ms: u64) -> bool {
        let mut expected = before.clone();
        if let Some(countdown) = expected.countdown.as_mut().filter(|c| c.running) {
            countdown.remaining_ms = countdown.remaining_ms.saturating_sub(elapsed_ms);
        }
        let close = match (self.countdown, expected.countdown) {
            (Some(a), Some(b)) => a.running == b.running && a.remaining_ms.abs_diff(b.remaining_ms) < 1500,
            (a, b) => a == b,
        };
        let (mut a, mut b) = (self.clone(), expected);
        a.countdown = None;
        b.countdown = None;
        a != b || !close
    }
}

/// The words of the phone page itself (buttons, labels, messages), in both
/// languages, from the app's Fluent files: the page asks for them once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageTexts {
    pub fr: Vec<(String, String)>,
    pub en: Vec<(String, String)>,
}

/// An idempotency key: the phone's (random, at most 64 characters of
/// `[A-Za-z0-9_-]`) after the phone's own id, so that two phones never
/// share one. A submission sent again with the same key is answered as the
/// first one was, never kept twice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key(pub String);

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A phone, by a random id the server gives it when it joins: not its
/// address nor anything of the device.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PhoneId(pub String);

/// What a phone sent, for the step it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// A note for a column of a board.
    Note { column: String, text: String },
    /// The items this phone ticked on a checklist (its whole answer: a new
    /// one replaces it).
    Answers { ticked: Vec<String> },
    /// A partner and action proposed for the plan.
    Partner { text: String },
    /// One closing line.
    Closing { text: String },
    /// New text for one of this phone's notes, while its step is on screen.
    Edit { of: Key, text: String },
    /// One of this phone's notes taken back, while its step is on screen.
    Withdraw { of: Key },
}

/// What happens in the room, for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomEvent {
    /// Something sent by a phone, to keep and then [`Room::reply`] to.
    Sent { key: Key, phone: PhoneId, step: usize, sent: Sent },
    /// How many phones have joined, now.
    Phones(usize),
    /// How many of them follow the room now (their page open): a phone
    /// that comes back or leaves changes it.
    Here(usize),
}

/// The app's answer to a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Kept and on the disk.
    Saved,
    /// Not kept: the Fluent id of the reason, shown on the phone.
    Refused(&'static str),
}

/// Where the app's events go: the runtime's input stream.
pub type Sink = Arc<dyn Fn(RoomEvent) + Send + Sync>;

/// An open room: the server runs until [`Room::close`] (or the drop).
pub struct Room {
    server: server::Handle,
    addr: SocketAddr,
    token: String,
    code: String,
}

impl Room {
    /// Starts the server on `bind`, each event of the phones going to
    /// `sink`. Fails when the address cannot be listened on.
    pub fn open(bind: SocketAddr, texts: PageTexts, stage: Stage, sink: Sink) -> std::io::Result<Room> {
        let token = guard::token();
        let code = guard::join_code();
        let (server, addr) =
            server::start(bind, server::Config { token: token.clone(), code: code.clone(), texts }, stage, sink)?;
        Ok(Room { server, addr, token, code })
    }

    /// Where the phones go: `http://IP:PORT/`.
    pub fn address(&self) -> String {
        address::url(self.addr)
    }

    /// The address with the join token, for the QR code.
    pub fn join_url(&self) -> String {
        format!("{}J/{}", self.address(), self.token)
    }

    /// The 6-character code to type when the QR cannot be scanned.
    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn socket(&self) -> SocketAddr {
        self.addr
    }

    pub fn ip(&self) -> IpAddr {
        self.addr.ip()
    }

    /// Tells the phones what to show now.
    pub fn show(&self, stage: Stage) {
        self.server.show(stage);
    }

    /// Answers a submission; a key the server no longer waits on is
    /// ignored.
    pub fn reply(&self, key: &Key, reply: Reply) {
        self.server.reply(key, reply);
    }

    /// Closes the room: the phones are told at once, a submission that
    /// comes now is refused with that message, and the server stops a
    /// moment later, on its own thread (this does not wait for it). Dropping
    /// the room closes it too.
    pub fn close(&self) {
        self.server.close();
    }
}
