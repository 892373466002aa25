//! The state of the app and the one place where it changes.
//!
//! `update` is pure apart from reading the injected clock: it never touches
//! the disk or the terminal. What must happen outside (save, ring the bell,
//! open a file) it asks for as [`Effect`]s, which the runtime carries out
//! and answers with a [`Message::Done`], so that what they bring back
//! changes the state here too.

use std::fmt;
use std::path::PathBuf;
use std::rc::Rc;
use std::str::FromStr;
use std::time::{Duration, Instant};

pub use self::clock_watch::ClockNews;
use self::clock_watch::ClockWatch;
pub use self::entry::{Entry, EntryInput, Target};
pub use self::home::Home;
pub use self::key::{Key, KeyCode, Mods};
use crate::i18n::{Lang, Tr};
use crate::listing::Listed;
use crate::programme::{Programme, Step};
use crate::session::{Draft, Session};
use crate::steps::{self, Action, Change, Outcome};
use crate::store::Holder;
use crate::timer::Clock;
use crate::trend::Trend;
use crate::workshop::Workshop;

mod clock_watch;
mod entry;
mod home;
mod key;

/// How often a save that failed (a full or read-only disk) is tried again.
pub const SAVE_RETRY: Duration = Duration::from_secs(5);

/// While a countdown runs the file is refreshed this often, even when
/// nobody touches a key, so that a power cut loses at most this much of
/// the clocks.
pub const CHECKPOINT: Duration = Duration::from_secs(60);

pub struct App {
    /// The programme and texts of the session on screen (the built-in
    /// workshop on the home screen).
    pub workshop: Rc<Workshop>,
    /// The built-in workshop, for the home screen and new sessions.
    pub built_in: Rc<Workshop>,
    pub lang: Lang,
    pub clock: Rc<dyn Clock>,
    pub screen: Screen,
    pub help_open: bool,
    /// The text entry under way, if any: it takes the keys.
    pub entry: Option<Entry>,
    /// A message for the status line, such as a failed save.
    pub notice: Option<Notice>,
    /// Where the notes are kept, shown to reassure the room.
    pub sessions_dir: PathBuf,
    pub quit: bool,
    /// The colours, and how many of them the terminal shows (decided once,
    /// at start, from the environment).
    pub theme: ThemeName,
    pub colour: ColourDepth,
    /// The screen is blanked (a presenter's « blank » key).
    pub blank: bool,
    /// The last removal, while `u` can still bring it back.
    removal: Option<Removal>,
    /// The preview of the steps left fitted into the time left, while it
    /// is on screen.
    pub fit: Option<FitPreview>,
    /// The app started on the home screen: leaving a session goes back to it.
    pub home: bool,
    /// How far down the text of the step on screen is scrolled, and how far
    /// it can be (as the last frame measured it).
    pub scroll: u16,
    pub scroll_max: u16,
    /// The session last moved to the trash, where it went and where it came
    /// from, while `u` on the home screen can still bring it back.
    pub trashed: Option<(PathBuf, PathBuf)>,
    /// This screen is a wall: the room's view of a session that another
    /// instance runs, followed from its file, read-only, without keys.
    pub wall: bool,
    /// On a wall: the facilitator's instance runs the session now (else
    /// the wall keeps the last state and says so).
    pub live: bool,
    /// On the facilitator's screen: a wall shows the room's view, so this
    /// screen shows what helps run the session.
    pub wall_open: bool,
    effects: Vec<Effect>,
    /// When a save was last asked for (the injected clock's time).
    saved_at: Instant,
    /// The time of day, carried by the monotonic clock, and what the
    /// computer's clocks did between two looks.
    clock_watch: ClockWatch,
}

pub enum Screen {
    Home(Home),
    Session(Box<Run>),
    /// The ingredients and risks of a group over its sessions; Esc goes
    /// back to the home screen as it was.
    Trend(Box<TrendView>),
}

pub struct TrendView {
    pub group: String,
    pub trend: Trend,
    pub home: Home,
}

/// A session on screen, and the file it is kept in.
pub struct Run {
    pub session: Session,
    pub path: PathBuf,
    /// Reviewing past notes: nothing can change, nothing is written.
    pub read_only: bool,
}

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
    fn lasts(&self) -> bool {
        matches!(self, Notice::SaveFailed(_) | Notice::Kept(_))
    }
}

/// What the last removal took away, to bring back with `u` on the step
/// where it happened: the roster and the states of the steps without
/// clocks (the countdowns go on as they are).
struct Removal {
    step: usize,
    roster: crate::session::Roster,
    states: Vec<Option<crate::steps::StepState>>,
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

impl fmt::Debug for Workshop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Workshop").field("id", &self.programme.id).field("dir", &self.dir).finish()
    }
}

impl App {
    pub fn new(
        workshop: Rc<Workshop>,
        lang: Lang,
        clock: Rc<dyn Clock>,
        sessions_dir: PathBuf,
        screen: Screen,
    ) -> Self {
        let saved_at = clock.now();
        Self {
            saved_at,
            clock_watch: ClockWatch::new(&*clock),
            built_in: Rc::clone(&workshop),
            workshop,
            lang,
            clock,
            screen,
            help_open: false,
            entry: None,
            notice: None,
            sessions_dir,
            quit: false,
            theme: ThemeName::default(),
            colour: ColourDepth::default(),
            blank: false,
            removal: None,
            fit: None,
            home: false,
            scroll: 0,
            scroll_max: 0,
            trashed: None,
            wall: false,
            live: false,
            wall_open: false,
            effects: Vec::new(),
        }
    }

    /// An app on the built-in workshop (tests, benchmarks).
    pub fn built_in(lang: Lang, clock: Rc<dyn Clock>, screen: Screen) -> Self {
        Self::new(Rc::new(Workshop::built_in()), lang, clock, "sessions".into(), screen)
    }

    pub fn programme(&self) -> &Programme {
        &self.workshop.programme
    }

    pub fn tr(&self) -> Tr<'_> {
        Tr::new(&self.workshop.texts, self.lang)
    }

    pub fn now(&self) -> Instant {
        self.clock.now()
    }

    /// The time of day, from the same injected clock, as counted since the
    /// app started: a wall clock set by hand moves nothing.
    pub fn wall(&self) -> chrono::DateTime<chrono::Local> {
        self.clock_watch.wall(self.now())
    }

    pub fn run(&self) -> Option<&Run> {
        match &self.screen {
            Screen::Session(run) => Some(run),
            Screen::Home(_) | Screen::Trend(_) => None,
        }
    }

    pub fn run_mut(&mut self) -> Option<&mut Run> {
        match &mut self.screen {
            Screen::Session(run) => Some(run),
            Screen::Home(_) | Screen::Trend(_) => None,
        }
    }

    /// Back from the trend to the home screen it was opened from.
    fn leave_trend(&mut self) {
        self.scroll = 0;
        let screen = std::mem::replace(&mut self.screen, Screen::Home(Home::new(Vec::new())));
        self.screen = match screen {
            Screen::Trend(view) => Screen::Home(view.home),
            other => other,
        };
    }

    /// Shows the trend of a group, keeping the home screen to go back to.
    fn show_trend(&mut self, group: String, trend: Trend) {
        self.scroll = 0;
        let screen = std::mem::replace(&mut self.screen, Screen::Home(Home::new(Vec::new())));
        self.screen = match screen {
            Screen::Home(home) => Screen::Trend(Box::new(TrendView { group, trend, home })),
            other => other,
        };
    }

    /// The programme step on screen.
    pub fn current_step(&self) -> Option<&Step> {
        self.run().map(|run| &self.programme().steps[run.session.current_step])
    }

    /// The step on screen, its definition paired with its state.
    pub fn step(&self) -> Option<steps::Step<'_>> {
        let run = self.run()?;
        let step = self.programme().steps.get(run.session.current_step)?;
        steps::pair(&step.kind, &run.session.current().state)
    }

    /// Shows a session in the language on screen: its clocks resume and the
    /// step on screen runs. Read-only, its clocks stay as they were.
    pub fn show_session(&mut self, mut session: Session, path: PathBuf, read_only: bool) {
        let now = self.now();
        session.align_with(self.programme());
        if !read_only {
            session.resume_after_load(now);
            if session.finished_at.is_none() {
                let running = session.running_step();
                session.steps[running].clock.start(now);
                // Saved later than the system's clock says it is now: the
                // clock was set back since. The session goes on from its
                // save, and the line says so.
                let back = session.updated_at - self.wall();
                if back > chrono::Duration::minutes(1) {
                    self.clock_watch.carry_on_from(session.updated_at, &*self.clock);
                    self.notice = Some(Notice::ClockMoved(-back.num_minutes()));
                }
            }
            // The language on screen stays; the notes remember it.
            session.lang = self.lang;
        }
        self.screen = Screen::Session(Box::new(Run { session, path, read_only }));
        self.ask_to_save(Effect::SaveOpened);
    }

    /// A wall takes the session as its file says now: the clocks that run
    /// go on from the time of the save (`age` ago) while the facilitator's
    /// instance runs it, and stand still once it does not. The language
    /// follows the facilitator's when it changes there.
    fn follow_session(&mut self, session: Option<Session>, live: bool, age: Duration, now: Instant) {
        self.live = live;
        let Some(mut session) = session else { return };
        session.align_with(self.programme());
        if live {
            session.resume_after_load(now.checked_sub(age).unwrap_or(now));
        }
        let (mut lang, mut scroll) = (self.lang, self.scroll);
        if let Some(run) = self.run_mut() {
            if run.session.lang != session.lang {
                lang = session.lang;
            }
            if run.session.current_step != session.current_step {
                scroll = 0;
            }
            run.session = session;
        }
        (self.lang, self.scroll) = (lang, scroll);
    }

    /// The text of the entry open on a step, as a draft to keep if the app
    /// is stopped now; none when nothing is being typed.
    pub fn draft(&self) -> Option<Draft> {
        let run = self.run().filter(|r| !r.read_only)?;
        let entry = self.entry.as_ref()?;
        let Target::Step(field) = &entry.target else { return None };
        let text = entry.text();
        (!text.trim().is_empty()).then(|| Draft { step: run.session.current_step, field: field.clone(), text })
    }

    pub fn is_read_only(&self) -> bool {
        self.run().is_some_and(|r| r.read_only)
    }

    /// Asks the runtime to write the session, unless it is read-only.
    fn save(&mut self) {
        self.ask_to_save(Effect::Save);
    }

    /// `save` (one of the save effects), unless the session is read-only.
    fn ask_to_save(&mut self, save: Effect) {
        let workshop = Rc::clone(&self.workshop);
        if let Some(run) = self.run_mut().filter(|r| !r.read_only) {
            // The end aimed for is kept as an instant from the time given.
            run.session.fix_target(&workshop.programme);
            self.effects.push(save);
            self.saved_at = self.now();
        }
    }

    /// Saves what time alone changes: a failed save is tried again every
    /// few seconds, and a running countdown is written every minute.
    fn save_when_due(&mut self, now: Instant) {
        let Some(run) = self.run().filter(|r| !r.read_only) else { return };
        let since = now.saturating_duration_since(self.saved_at);
        let failed = matches!(self.notice, Some(Notice::SaveFailed(_)));
        if failed && since >= SAVE_RETRY || run.session.countdown_running() && since >= CHECKPOINT {
            self.save();
        }
    }

    /// The effects asked for since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn update(&mut self, message: Message) {
        let now = self.now();
        let news = self.clock_watch.look(&*self.clock);
        // The help shows the notice whole (a long one is cut in the footer).
        let quiet = matches!(
            message,
            Message::Tick | Message::Done(_) | Message::Follow { .. } | Message::WallOpen(_) | Message::ToggleHelp
        );
        let slept = match &self.notice {
            Some(Notice::Slept { time, .. }) => Some(*time),
            _ => None,
        };
        if !quiet && self.notice.as_ref().is_some_and(|n| !n.lasts()) {
            self.notice = None;
        }
        self.tell(news);
        match message {
            Message::ToggleLang => {
                self.lang = self.lang.toggled();
                if let Some(run) = self.run_mut().filter(|r| !r.read_only) {
                    run.session.lang = run.session.lang.toggled();
                    self.save();
                }
            }
            Message::ToggleHelp => self.help_open = !self.help_open,
            Message::CycleTheme => self.theme = self.theme.next(),
            Message::ToggleBlank => self.blank = !self.blank,
            Message::CloseOverlay if !self.help_open && matches!(self.screen, Screen::Trend(_)) => self.leave_trend(),
            Message::CloseOverlay if self.fit.is_some() => self.fit = None,
            Message::CloseOverlay => self.help_open = false,
            // From a session opened on the home screen, q goes back there;
            // else it ends the app. Either way the notes are saved first.
            Message::Quit if self.home && self.run().is_some() && self.entry.is_none() => {
                self.finish_if_done(now);
                self.save();
                self.effects.push(Effect::Home);
            }
            Message::Quit => {
                self.finish_if_done(now);
                self.save();
                self.quit = true;
            }
            Message::GiveBack => {
                if let (Some(time), Some(run)) = (slept, self.run_mut().filter(|r| !r.read_only)) {
                    run.session.give_back(time, now);
                    self.notice = Some(Notice::Word("notice-given-back", String::new()));
                    self.save();
                }
            }
            // The wall rings nothing: the facilitator's instance does.
            Message::Tick if self.wall => {}
            Message::Tick => {
                self.ring_what_reached_zero(now);
                self.advance_progress(false, now);
            }
            Message::Follow { session, live, age } => self.follow_session(session.map(|s| *s), live, age, now),
            Message::WallOpen(open) => self.wall_open = open,
            Message::Entry(input) => self.update_entry(input),
            Message::Done(done) => self.update_done(done),
            Message::Viewed(viewed) => {
                self.scroll_max = viewed.scroll_max;
                self.scroll = self.scroll.min(self.scroll_max);
            }
            Message::Scroll(lines) => {
                self.scroll_by(lines);
            }
            Message::ScrollEnd(end) => self.scroll = if end { self.scroll_max } else { 0 },
            _ if matches!(self.screen, Screen::Home(_)) => self.update_home(message),
            Message::Export => {
                if let Some(run) = self.run() {
                    self.effects.push(Effect::Export(run.path.clone()));
                }
            }
            _ if self.is_read_only() && changes_notes(&message) => self.notice = Some(Notice::ReadOnly),
            Message::FitPreview => {
                let pace = self.run().map(|r| r.session.pace(self.programme(), now, self.wall()));
                let fitted = self.run().is_some_and(|r| !r.session.fitted.is_empty());
                if pace.as_ref().is_some_and(|p| p.finished) {
                    self.notice = Some(Notice::Word("fit-finished", String::new()));
                } else if !fitted && pace.as_ref().is_some_and(|p| p.late == Some(0)) {
                    self.notice = Some(Notice::Word("fit-on-time", String::new()));
                } else if pace.as_ref().is_some_and(|p| p.target.is_some()) {
                    self.fit = self.fit_preview(now);
                } else if self.run().is_some_and(|r| !r.read_only) {
                    // Taken up another day with no end given: there is
                    // nothing to fit into until the welcome step gets one.
                    self.notice = Some(Notice::Word("fit-no-target", String::new()));
                }
            }
            Message::FitApply => self.apply_fit(now),
            Message::ToggleBreak => {
                if let Some(run) = self.run_mut().filter(|r| !r.read_only)
                    && run.session.toggle_break(now)
                {
                    self.save();
                }
            }
            // During a break the steps wait: only the break's own keys act.
            _ if self.run().is_some_and(|r| r.session.on_break.is_some()) => {}
            _ => self.update_session(message, now),
        }
        // Whatever came, a tick or a key, time alone may call for a save.
        self.save_when_due(now);
    }

    /// What an effect brought back.
    fn update_done(&mut self, done: Done) {
        match done {
            Done::Opened(opened) => {
                let Opened { mut session, path, read_only, workshop, notice } = *opened;
                self.workshop = workshop;
                self.entry = None;
                self.scroll = 0;
                let draft = if read_only { None } else { session.draft.take() };
                let draft = draft.filter(|d| d.step < session.steps.len() && fits(&session, &d.field));
                if let Some(draft) = &draft {
                    session.current_step = draft.step;
                }
                self.show_session(session, path, read_only);
                self.notice = notice.or(self.notice.take());
                // What was being typed when the app was stopped opens
                // again in its entry: Enter keeps it, Esc drops it.
                if let Some(draft) = draft {
                    self.entry = Some(Entry::new(Target::Step(draft.field), &draft.text));
                    self.notice = self.notice.take().or(Some(Notice::DraftRestored));
                }
            }
            Done::Listed(entries) => {
                if let Screen::Home(home) = &mut self.screen {
                    home.loading = false;
                    home.entries = entries;
                    home.selected = home.selected.min(home.visible(&home.search).count());
                    if let Some(path) = home.reselect.take() {
                        let found = home.visible(&home.search).position(|e| e.path() == path.as_path());
                        home.selected = found.map_or(home.selected, |i| i + 1);
                    }
                }
            }
            Done::Home(entries) => {
                self.workshop = Rc::clone(&self.built_in);
                self.removal = None;
                self.screen = Screen::Home(Home::new(entries));
            }
            Done::Trend { group, trend } => self.show_trend(group, trend),
            Done::Trashed { from, to, group } => {
                self.notice = Some(Notice::Removed(group));
                self.trashed = Some((to, from));
            }
            Done::Saved(None) => {
                if matches!(self.notice, Some(Notice::SaveFailed(_))) {
                    self.notice = None;
                }
            }
            Done::Saved(Some(reason)) => self.notice = Some(Notice::SaveFailed(reason)),
            Done::Notice(notice) => self.notice = notice,
        }
    }

    fn update_session(&mut self, message: Message, now: Instant) {
        let steps = self.programme().steps.len();
        match message {
            Message::NextStep | Message::PreviousStep => {
                let Some(run) = self.run_mut() else { return };
                let session = &mut run.session;
                let to = match message {
                    Message::NextStep => Some(session.current_step + 1).filter(|&to| to < steps),
                    _ => session.current_step.checked_sub(1),
                };
                if let Some(to) = to {
                    session.go_to(to, now);
                    self.scroll = 0;
                    self.save();
                }
            }
            Message::Step(Action::Undo) if self.can_bring_back() => self.bring_back(),
            // The reading goes on down the section, then to the next one.
            Message::ReadOn(lines) => self.read_on(lines, now),
            Message::ReadSection(section) => self.read_section(section, now),
            // On the welcome step, ↓ past the last line of the roster reads on
            // down the text, and ↑ comes back up it first.
            Message::Step(Action::Select(delta)) if self.welcome_scrolls(delta) => {
                self.scroll_by(delta.signum() as i16);
            }
            Message::Step(action) => {
                let before = (action == Action::Delete).then(|| self.removal_of_current_step()).flatten();
                let outcome = self.act_on_step(action, now);
                let removed = outcome.removed.clone();
                self.follow(outcome);
                if let Some(what) = removed {
                    self.removal = before;
                    self.notice = Some(Notice::Removed(what));
                }
            }
            _ => {}
        }
        self.ring_what_reached_zero(now);
    }

    /// How the steps left would fit the time left, as of now.
    fn fit_preview(&self, now: Instant) -> Option<FitPreview> {
        let run = self.run().filter(|r| !r.read_only)?;
        let session = &run.session;
        let programme = self.programme();
        let at = self.wall();
        let before = session.plans(programme);
        let end_before = session.end_with(programme, &before, now, at);
        let back = !session.fitted.is_empty();
        Some(match session.fit_plans(programme, now, at) {
            Ok(after) => FitPreview {
                end_after: session.end_with(programme, &after, now, at),
                after: Some(after),
                before,
                end_before,
                back,
            },
            Err(too_late) => {
                let earliest = at + chrono::Duration::minutes(i64::try_from(too_late.minimum).unwrap_or(0));
                FitPreview { after: None, end_after: crate::pace::to_the_minute(earliest), before, end_before, back }
            }
        })
    }

    /// Takes the plans of the preview on screen; nothing when they could
    /// not fit.
    fn apply_fit(&mut self, now: Instant) {
        let Some(FitPreview { after: Some(plans), .. }) = self.fit.take() else { return };
        let workshop = Rc::clone(&self.workshop);
        let Some(run) = self.run_mut().filter(|r| !r.read_only) else { return };
        run.session.apply_plans(&workshop.programme, &plans, now);
        self.save();
    }

    /// Down the section's text, then on to the next section (or back up,
    /// then to the previous one).
    fn read_on(&mut self, lines: i16, now: Instant) {
        if self.scroll_by(lines) {
            return;
        }
        let outcome = self.act_on_step(Action::Select(lines.signum().into()), now);
        self.scroll = 0;
        self.follow(outcome);
    }

    /// Straight to a section of the reading, from its top.
    fn read_section(&mut self, section: usize, now: Instant) {
        let Some(crate::steps::Step::Reading(_, state)) = self.step() else { return };
        let delta = section as isize - state.section as isize;
        let outcome = self.act_on_step(Action::Select(delta), now);
        self.scroll = 0;
        self.follow(outcome);
    }

    /// Scrolls the text on screen within what it has; false when it was
    /// already at that end.
    fn scroll_by(&mut self, lines: i16) -> bool {
        let next = self.scroll.saturating_add_signed(lines).min(self.scroll_max);
        let moved = next != self.scroll;
        self.scroll = next;
        moved
    }

    /// Whether ↑/↓ on the welcome step scroll its text rather than move
    /// along the roster.
    fn welcome_scrolls(&self, delta: isize) -> bool {
        let Some(crate::steps::Step::Info(_, state)) = self.step() else { return false };
        let Some(run) = self.run() else { return false };
        let last_row = state.cursor + 1 >= run.session.roster.rows();
        (delta > 0 && last_row && self.scroll < self.scroll_max) || (delta < 0 && self.scroll > 0)
    }

    /// What a removal on the step on screen could take away. The board
    /// keeps its own history of changes, removals included.
    fn removal_of_current_step(&self) -> Option<Removal> {
        let session = &self.run()?.session;
        if session.current().state.as_board().is_some() {
            return None;
        }
        let states = session.steps.iter().map(|r| r.state.countdowns().is_empty().then(|| r.state.clone())).collect();
        Some(Removal { step: session.current_step, roster: session.roster.clone(), states })
    }

    /// Whether `u` brings back a removal on the step on screen.
    pub fn can_bring_back(&self) -> bool {
        let current = self.run().map(|r| r.session.current_step);
        self.removal.as_ref().is_some_and(|r| Some(r.step) == current)
    }

    /// Puts back what the last removal took, on screen and in the file.
    fn bring_back(&mut self) {
        let Some(removal) = self.removal.take() else { return };
        let Some(run) = self.run_mut() else { return };
        run.session.roster = removal.roster;
        for (record, state) in run.session.steps.iter_mut().zip(removal.states) {
            if let Some(state) = state {
                record.state = state;
            }
        }
        self.save();
    }

    /// Hands an action to the step on screen.
    fn act_on_step(&mut self, action: Action, now: Instant) -> Outcome {
        let workshop = Rc::clone(&self.workshop);
        let Some(run) = self.run_mut() else { return Outcome::default() };
        let session = &mut run.session;
        let Some(step) = workshop.programme.steps.get(session.current_step) else { return Outcome::default() };
        let record = &mut session.steps[session.current_step];
        match steps::pair_mut(&step.kind, &mut record.state) {
            Some(pair) => steps::update(pair, &mut session.roster, action, now),
            None => Outcome::default(),
        }
    }

    /// Carries out what a step asked: a save, a roster change felt by the
    /// other steps, a text entry to open.
    pub(super) fn follow(&mut self, outcome: Outcome) {
        // Once the notes change again, a removal is no longer brought back
        // (it would undo the change too).
        if outcome.change == Change::Notes {
            self.removal = None;
        }
        if let Some((id, name)) = &outcome.word {
            self.notice = Some(Notice::Word(id, name.clone()));
        }
        let workshop = Rc::clone(&self.workshop);
        if let (Some(change), Some(run)) = (&outcome.roster, self.run_mut()) {
            run.session.follow_roster(change, &workshop.programme);
        }
        if outcome.change == Change::Notes {
            // Something done on a step further on makes it the step in
            // progress; this save keeps that too.
            let now = self.now();
            if let Some(run) = self.run_mut().filter(|r| !r.read_only) {
                run.session.advance_progress(true, now);
            }
            self.save();
        }
        if let Some((field, mut text)) = outcome.edit {
            // The end aimed for opens on the time the header shows, not
            // empty: the facilitator corrects it rather than types it all.
            let ends_at = crate::steps::Field::Roster(crate::steps::info::Field::EndsAt);
            if field == ends_at && text.is_empty() {
                let at = self.wall();
                if let Some(target) = self.run().and_then(|r| r.session.target_end(self.programme(), at)) {
                    text = target.format("%H:%M").to_string();
                }
            }
            self.entry = Some(Entry::new(Target::Step(field), &text));
        }
    }

    /// Rings once for every countdown that reached zero, wherever it is:
    /// a reading left running while the facilitator shows the agenda still
    /// rings on time.
    fn ring_what_reached_zero(&mut self, now: Instant) {
        let Some(run) = self.run_mut().filter(|r| !r.read_only) else { return };
        let mut rang = false;
        for record in &mut run.session.steps {
            for countdown in record.state.countdowns_mut() {
                rang |= countdown.take_bell(now);
            }
        }
        // Away from its step, a countdown stops at zero once it has rung:
        // its overrun belongs to the step, shown only there.
        let stopped = run.session.stop_away_from_their_step(now);
        if rang {
            self.effects.push(Effect::Bell);
        }
        if rang || stopped {
            self.save();
        }
    }

    /// The step on screen becomes the step in progress once the room has
    /// worked on it (see [`Session::advance_progress`]).
    fn advance_progress(&mut self, acted: bool, now: Instant) {
        if let Some(run) = self.run_mut().filter(|r| !r.read_only)
            && run.session.advance_progress(acted, now)
        {
            self.save();
        }
    }

    /// Leaving a session on its last step ends it (see
    /// [`Session::finish_if_done`]).
    fn finish_if_done(&mut self, now: Instant) {
        let at = self.wall();
        if let Some(run) = self.run_mut().filter(|r| !r.read_only) {
            run.session.finish_if_done(now, at);
        }
    }

    /// Says what the computer's clocks did, on a session that runs.
    fn tell(&mut self, news: Vec<ClockNews>) {
        let Some(run) = self.run().filter(|r| !r.read_only && !self.wall) else { return };
        let session = &run.session;
        if session.finished_at.is_some() {
            return;
        }
        let step = session.on_break.is_none().then(|| session.running_step());
        for news in news {
            self.notice = Some(match news {
                ClockNews::Slept(time) => Notice::Slept { time, step },
                ClockNews::Moved(by) => Notice::ClockMoved(by.num_minutes()),
                ClockNews::Zone { from, to } => Notice::ZoneChanged { from, to },
            });
        }
    }

    /// How long the screen stays right: until the next second of a running
    /// countdown, or the next minute of the clocks. `None` when nothing on
    /// screen moves (the home screen, a read-only session).
    pub fn next_redraw_in(&self) -> Option<Duration> {
        // A failed save is tried again every few seconds until it works.
        let retry = matches!(self.notice, Some(Notice::SaveFailed(_))).then_some(SAVE_RETRY);
        let run = self.run().filter(|r| !r.read_only || (self.wall && self.live))?;
        let now = self.now();
        let session = &run.session;
        let seconds =
            session.steps.iter().flat_map(|r| r.state.countdowns()).filter_map(|c| c.until_next_second(now)).min();
        // A break's clock counts up by the second on screen.
        let on_break = session.on_break.as_ref().map(|b| {
            let into = crate::timer::duration_ms(b.clock.elapsed(now)) % 1000;
            Duration::from_millis(1000 - into)
        });
        let seconds = seconds.into_iter().chain(on_break).min();
        // The minutes shown change at the half minutes of the clock that
        // runs and, for the end at this pace, of the time of day; a step
        // looked at ahead becomes the step in progress after its minute.
        let running = session.steps[session.running_step()].clock.elapsed(now);
        let wall = self.wall();
        let into_wall = {
            use chrono::Timelike;
            Duration::new(u64::from(wall.second()), wall.nanosecond() % 1_000_000_000)
        };
        let minutes =
            [crate::pace::until_shown_minute_changes(running), crate::pace::until_shown_minute_changes(into_wall)];
        let shown = session.steps[session.current_step].clock.elapsed(now);
        let worked_on = (session.current_step > session.progress && session.finished_at.is_none())
            .then(|| crate::session::WORKED_ON.saturating_sub(shown))
            .filter(|d| !d.is_zero());
        [seconds, retry, worked_on].into_iter().flatten().chain(minutes).min()
    }
}

/// Whether a draft's field still exists in the session (a participant or a
/// partner by its place).
fn fits(session: &Session, field: &steps::Field) -> bool {
    use steps::{Field, info, plan};
    let partners = || session.steps.iter().find_map(|r| r.state.as_plan()).map_or(0, |p| p.partners.len());
    match field {
        Field::Roster(info::Field::Participant(i)) => *i < session.roster.participants.len(),
        Field::Plan(plan::Field::Row(plan::Row::PartnerName(i) | plan::Row::PartnerDescription(i))) => *i < partners(),
        _ => true,
    }
}

/// The messages that would change the notes, refused when read-only.
pub fn changes_notes(message: &Message) -> bool {
    matches!(message, Message::Step(action) if action.changes_notes())
        || matches!(message, Message::ToggleBreak | Message::FitPreview | Message::FitApply | Message::GiveBack)
}

/// The themes a facilitator can choose, with `--theme` or the `c` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Contrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Contrast];

    pub fn next(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::Contrast,
            ThemeName::Contrast => ThemeName::Dark,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Contrast => "contrast",
        }
    }
}

impl FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dark" | "sombre" => Ok(ThemeName::Dark),
            "light" | "clair" => Ok(ThemeName::Light),
            "contrast" | "high-contrast" | "contraste" => Ok(ThemeName::Contrast),
            _ => Err(format!(
                "unknown theme '{s}': use dark, light or contrast / thème inconnu : dark, light ou contrast"
            )),
        }
    }
}

/// How many colours the terminal is asked for: none (`NO_COLOR`, or a
/// `dumb` terminal), the xterm 256-colour palette that every colour terminal
/// of today shows the same way, or exact 24-bit colours when `COLORTERM`
/// says the terminal takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourDepth {
    None,
    #[default]
    Palette256,
    TrueColor,
}

impl ColourDepth {
    /// The depth the environment asks for, `var` reading one variable:
    /// `NO_COLOR` set and not empty (no-color.org) or `TERM=dumb` give none;
    /// `COLORTERM=truecolor` or `24bit` give 24-bit; anything else, an
    /// unset `TERM` included (Windows), the 256-colour palette.
    pub fn from_env(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> ColourDepth {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        if set("NO_COLOR").is_some() || set("TERM").is_some_and(|t| t == "dumb") {
            return ColourDepth::None;
        }
        match set("COLORTERM").and_then(|v| v.into_string().ok()) {
            Some(v) if v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit") => ColourDepth::TrueColor,
            _ => ColourDepth::Palette256,
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests;
