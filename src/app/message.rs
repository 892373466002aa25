//! What can happen to the app ([`Message`]), what it asks the runtime to
//! do ([`Effect`]) and what comes back ([`Done`]), and the line it says
//! ([`Notice`]): the words of the one `update`, nothing that changes state.

use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

use super::{EntryInput, RoomInfo};
use crate::listing::Listed;
use crate::session::Session;
use crate::steps::Action;
use crate::store::Holder;
use crate::trend::Trend;
use crate::workshop::Workshop;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The last save failed: the notes are only in memory.
    SaveFailed(String),
    /// The notes could not be opened.
    OpenFailed(String),
    /// A change was refused: the session is open read-only.
    ReadOnly,
    /// Something was done outside the screen: a file written or moved.
    Done(String),
    /// Another instance has this session open: it is shown read-only
    /// (who, when its lock file says).
    Held(Option<Holder>),
    /// Text typed before the app was stopped is back in its entry.
    DraftRestored,
    /// The file comes from a newer version: it is shown read-only.
    Newer(u64),
    /// The session's workshop (a folder, or a programme id) cannot be
    /// read: its notes are shown as saved, read-only.
    WorkshopMissing(String),
    /// Something was removed; `u` brings it back.
    Removed(String),
    /// A word about what just happened: a Fluent id and the name it takes.
    Word(&'static str, String),
    /// The computer slept this long while the session ran: counted in the
    /// step in progress (its index), or in the break (none). `g` gives
    /// it back.
    Slept { time: Duration, step: Option<usize> },
    /// The computer's clock was set by hand, by this many minutes (back
    /// when negative): the session's minutes did not move.
    ClockMoved(i64),
    /// The computer changed time zone: no end moved.
    ZoneChanged { from: chrono::FixedOffset, to: chrono::FixedOffset },
    /// The notes no longer go to their file (it changed on the disk,
    /// another instance holds it, its folder is gone): where they go, said
    /// until the session closes.
    Kept(String),
}

impl Notice {
    /// Whether it stays until what it reports changes (a failed save);
    /// the others give the line back to the keys at the next key.
    pub(super) fn lasts(&self) -> bool {
        matches!(self, Notice::SaveFailed(_) | Notice::Kept(_))
    }
}

/// What the runtime does on behalf of `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the session to its file: something on screen changed, and
    /// the screen says so until it is on the disk.
    Save,
    /// Write the session just opened: its clock started, its language. Its
    /// notes are what its file holds (none, for a new one), so the screen
    /// has nothing to mark as not yet on the disk.
    SaveOpened,
    /// Ring the terminal bell.
    Bell,
    /// Load this session and show it.
    Open { path: PathBuf, read_only: bool },
    /// Create a new session and show it.
    New,
    /// Give this session another group name.
    Rename { path: PathBuf, group: String },
    /// Start a new session following this one up.
    FollowUp(PathBuf),
    /// Move this session to the trash folder.
    Trash(PathBuf),
    /// Put a session moved to the trash (`from`) back where it was (`to`).
    Untrash { from: PathBuf, to: PathBuf },
    /// Write the printable sheet of this session.
    Export(PathBuf),
    /// Show the trend of this group over its sessions.
    Trend(String),
    /// Close the session (its lock released) and show the home screen.
    Home,
    /// Move a session's file to the trash: a new session left without a
    /// word typed in it, so that the list keeps no empty line.
    Discard(PathBuf),
    /// Start the room's server for the session on screen.
    OpenRoom,
    /// Stop it: the phones are told the room is closed.
    CloseRoom,
}

/// Everything that can happen to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    NextStep,
    PreviousStep,
    /// Something for the step on screen.
    Step(Action),
    /// Something for the text entry that is open.
    Entry(EntryInput),
    ToggleLang,
    ToggleHelp,
    CloseOverlay,
    Quit,
    /// Time passed: ring what reached zero.
    Tick,
    /// Home: open the selected line to continue it.
    HomeChoose,
    /// Home: open the selected session read-only.
    HomeReadOnly,
    /// Home: type a search.
    HomeSearch,
    /// Home: give the selected session another group name.
    HomeRename,
    /// Home: start a follow-up of the selected session.
    HomeFollowUp,
    /// Home: ask to delete the selected session.
    HomeDelete,
    /// Home: bring back the session just moved to the trash.
    HomeUntrash,
    /// A break: everything that runs stops, or starts again.
    ToggleBreak,
    /// Scroll the text on screen by lines (↑ ↓, the mouse wheel).
    Scroll(i16),
    /// To the top (false) or the end (true) of the text on screen.
    ScrollEnd(bool),
    /// The reading: down the section, then on to the next (or back up).
    ReadOn(i16),
    /// The reading: straight to a section, counted from 0 (the digit keys:
    /// 1 is the first, 0 the tenth).
    ReadSection(usize),
    /// What the last frame measured.
    Viewed(Viewed),
    /// `=`: show how the steps left would fit the time left.
    FitPreview,
    /// Enter on that preview: take the new plans.
    FitApply,
    /// Write the printable sheet of the session (home or closing).
    Export,
    /// Home: the trend of the selected session's group.
    HomeTrend,
    /// The next colour theme.
    CycleTheme,
    /// Blank the screen, or show it again.
    ToggleBlank,
    /// What the runtime brought back from an effect.
    Done(Done),
    /// A wall: the session as its file says now (none when it did not read),
    /// whether its facilitator's instance runs it, and how long ago it was
    /// saved, so that its running clocks go on from there.
    Follow {
        session: Option<Box<Session>>,
        live: bool,
        age: Duration,
    },
    /// The facilitator's screen: whether a wall shows the session.
    WallOpen(bool),
    /// `g` after the computer slept: that time was not the room's.
    GiveBack,
    /// `j`: open the room (phones join), then hide or show its panel.
    ToggleRoom,
    /// Close the room.
    CloseRoom,
    /// The runtime opened the room.
    RoomOpened(RoomInfo),
    /// Something happened in the room: a phone sent something, joined.
    Room(crate::room::RoomEvent),
    /// The room's moderation: phone notes wait to be let through, or not.
    ToggleModeration,
    /// Let the oldest held phone note of the board on screen through.
    LetThrough,
    /// Drop the oldest held phone note of the board on screen.
    DropHeld,
}

/// How the steps left would fit the time left: their plans before and
/// after, and when the session would end; or, when they cannot fit even at
/// a minute each, the earliest end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitPreview {
    pub before: Vec<u64>,
    pub after: Option<Vec<u64>>,
    pub end_before: chrono::DateTime<chrono::Local>,
    /// The end with the new plans, or the earliest possible end.
    pub end_after: chrono::DateTime<chrono::Local>,
    /// The programme's own minutes are offered back.
    pub back: bool,
}

/// What drawing a frame measured that the state needs to know: how far
/// the text on screen can scroll. The view returns it; the runtime hands it
/// back to `update`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewed {
    pub scroll_max: u16,
}

/// The result of an effect, handed back to `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    /// A session to show, with its workshop and what to say about it.
    Opened(Box<Opened>),
    /// The past sessions, read again after a change.
    Listed(Vec<Listed>),
    /// The home screen again, with the past sessions.
    Home(Vec<Listed>),
    /// The trend of a group.
    Trend { group: String, trend: Trend },
    /// A session went to the trash (`to`) from `from`, with its group's name.
    Trashed { from: PathBuf, to: PathBuf, group: String },
    /// How a save went: `None` when the notes are on disk.
    Saved(Option<String>),
    /// Something to say in the status line (or to clear it).
    Notice(Option<Notice>),
}

#[derive(Debug, Clone)]
pub struct Opened {
    pub session: Session,
    pub path: PathBuf,
    pub read_only: bool,
    pub workshop: Rc<Workshop>,
    pub notice: Option<Notice>,
}

impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        self.session == other.session
            && self.path == other.path
            && self.read_only == other.read_only
            && Rc::ptr_eq(&self.workshop, &other.workshop)
            && self.notice == other.notice
    }
}

/// The messages that would change the notes, refused when read-only.
pub fn changes_notes(message: &Message) -> bool {
    matches!(message, Message::Step(action) if action.changes_notes())
        || matches!(message, Message::ToggleBreak | Message::FitPreview | Message::FitApply | Message::GiveBack)
}
