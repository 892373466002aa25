//! The room's server as the event loop holds it: opened and closed on the
//! app's effects, its events merged into the loop's one input stream (the
//! loop sleeps until one comes, as for a key), the step on screen handed
//! to it when what the phones show changes, and each reply « saved » held
//! until the writer has the notes on the disk.

use std::sync::Arc;
use std::time::Instant;

use super::{Context, Writer};
use crate::app::{App, RoomInfo};
use crate::i18n::{APP_SOURCES, Lang, Tr};
use crate::room::{self, Key, PageTexts, Reply, Room, Stage};

/// The open room, and what it is owed.
pub(super) struct Open {
    room: Room,
    /// What the phones were last shown, and when.
    shown: Option<(Stage, Instant)>,
    /// Replies « saved », each with the last save handed to the writer
    /// before its notes changed: it is true once a later one is written.
    owed: Vec<(u64, Key)>,
}

/// Opens the room on the address asked for (`--room-addr`), else on the
/// laptop's address on its default route, its events going to `sink` (the
/// event loop's channel). The line to show when it cannot.
pub(super) fn open(app: &App, context: &Context, sink: room::Sink) -> Result<(Open, RoomInfo), String> {
    let tr = app.tr();
    let bind = match context.room_addr {
        Some(bind) => bind,
        None => room::Bind { ip: room::address::default_ip().map_err(|_| tr.t("room-no-network"))?, port: None },
    };
    let stage = app.room_stage().unwrap_or_default();
    let failed = |e: std::io::Error| tr.args("room-open-failed", &[("reason", e.to_string().as_str().into())]);
    let room = match bind.port {
        Some(port) => Room::open((bind.ip, port).into(), page_texts(app), stage, sink).map_err(failed)?,
        // The usual port, else one of the next few, else any free one.
        None => {
            let mut tried = (0..10).map(|n| room::DEFAULT_PORT + n).chain([0]);
            loop {
                let port = tried.next().unwrap_or(0);
                match Room::open((bind.ip, port).into(), page_texts(app), stage.clone(), Arc::clone(&sink)) {
                    Ok(room) => break room,
                    Err(e) if port == 0 => return Err(failed(e)),
                    Err(_) => {}
                }
            }
        }
    };
    let info = RoomInfo { address: room.address(), join_url: room.join_url(), code: room.code().to_string() };
    Ok((Open { room, shown: None, owed: Vec::new() }, info))
}

/// The words of the phone page, in both languages, from the app's Fluent
/// files (`room-page-*` and the refusals).
fn page_texts(app: &App) -> PageTexts {
    let ids: Vec<&str> = APP_SOURCES
        .iter()
        .filter(|(lang, name, _)| *lang == Lang::En && name.ends_with("room.ftl"))
        .flat_map(|(_, _, source)| source.lines())
        .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim()))
        .filter(|id| id.starts_with("room-page-") || id.starts_with("room-refused-") || *id == "room-closed")
        .collect();
    let texts = |lang| {
        let tr = Tr::new(&app.workshop.texts, lang);
        ids.iter()
            .map(|id| {
                let text = if *id == "room-page-answered" { tr.args(id, &[("n", "{n}".into())]) } else { tr.t(id) };
                (id.to_string(), text)
            })
            .collect()
    };
    PageTexts { fr: texts(Lang::Fr), en: texts(Lang::En) }
}

impl Open {
    /// Takes the app's replies: a refusal goes at once, « saved » once the
    /// save asked for with it is on the disk.
    pub(super) fn take_replies(&mut self, app: &mut App, writer: &Writer) {
        let (handed, _) = writer.handed_and_written();
        for (key, reply) in app.take_room_replies() {
            match reply {
                Reply::Saved => self.owed.push((handed, key)),
                refused => self.room.reply(&key, refused),
            }
        }
    }

    /// Tells the phones whose notes are now on the disk.
    pub(super) fn settle(&mut self, writer: &Writer) {
        if self.owed.is_empty() {
            return;
        }
        let (_, written) = writer.handed_and_written();
        let room = &self.room;
        self.owed.retain(|(before, key)| {
            let saved = written > *before;
            if saved {
                room.reply(key, Reply::Saved);
            }
            !saved
        });
    }

    /// Hands the phones the step on screen when what they show changed.
    pub(super) fn show(&mut self, app: &App) {
        let Some(stage) = app.room_stage() else { return };
        let now = Instant::now();
        let changed = self.shown.as_ref().is_none_or(|(shown, at)| {
            let elapsed = u64::try_from(now.saturating_duration_since(*at).as_millis()).unwrap_or(u64::MAX);
            stage.differs(shown, elapsed)
        });
        if changed {
            self.room.show(stage.clone());
            self.shown = Some((stage, now));
        }
    }

    /// Closes the room: the phones are told.
    pub(super) fn close(self) {
        self.room.close();
    }
}
