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
use std::time::{Duration, Instant};

pub use self::clock_watch::ClockNews;
use self::clock_watch::ClockWatch;
pub use self::entry::{Entry, EntryInput, Target};
pub use self::home::Home;
pub use self::key::{Key, KeyCode, Mods};
pub use self::look::{ColourDepth, ThemeName};
pub use self::message::{Done, Effect, FitPreview, Message, Notice, Opened, Viewed, changes_notes};
pub use self::room::{RoomInfo, RoomView};
use crate::i18n::{Lang, Tr};
use crate::programme::{Programme, Step};
use crate::session::{Draft, Session};
use crate::steps::{self, Action, Change, Outcome};
use crate::timer::Clock;
use crate::trend::Trend;
use crate::workshop::Workshop;

mod clock_watch;
mod entry;
mod home;
mod key;
mod look;
mod message;
mod progress;
mod room;

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
    /// The room, while phones can join the session on screen.
    pub room: Option<RoomView>,
    /// What the phones are owed an answer for (`room`).
    room_replies: Vec<(crate::room::Key, crate::room::Reply)>,
    effects: Vec<Effect>,
    /// When a save was last asked for (the injected clock's time).
    saved_at: Instant,
    /// The time of day, carried by the monotonic clock, and what the
    /// computer's clocks did between two looks.
    clock_watch: ClockWatch,
    /// A new session was asked for on the home screen: the next one opened
    /// is it.
    new_asked: bool,
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
    /// Made from the home screen just now (« + Nouvelle séance »): left
    /// untouched, it goes to the trash rather than into the list.
    pub fresh: bool,
}

/// What the last removal took away, to bring back with `u` on the step
/// where it happened: the roster and the states of the steps without
/// clocks (the countdowns go on as they are).
struct Removal {
    step: usize,
    roster: crate::session::Roster,
    states: Vec<Option<crate::steps::StepState>>,
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
            new_asked: false,
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
            room: None,
            room_replies: Vec::new(),
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
        self.screen = Screen::Session(Box::new(Run { session, path, read_only, fresh: false }));
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
            Message::Tick
                | Message::Done(_)
                | Message::Follow { .. }
                | Message::WallOpen(_)
                | Message::ToggleHelp
                | Message::Room(_)
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
            Message::Quit => self.leave(now),
            Message::GiveBack => self.give_back(slept, now),
            Message::ToggleRoom
            | Message::CloseRoom
            | Message::RoomOpened(_)
            | Message::Room(_)
            | Message::ToggleModeration
            | Message::LetThrough
            | Message::DropHeld => self.update_room(message),
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
            other => self.update_screen(other, now),
        }
        // Whatever came, a tick or a key, time alone may call for a save.
        self.save_when_due(now);
    }

    /// `q`: from a session opened on the home screen, back there; else the
    /// app ends. Either way the notes are saved first, and a session left
    /// on its last step ends.
    fn leave(&mut self, now: Instant) {
        self.leave_room();
        let to_home = self.home && self.run().is_some() && self.entry.is_none();
        let programme = Rc::clone(&self.workshop);
        let untouched = self.run().filter(|r| r.fresh && !r.read_only && to_home);
        if let Some(run) = untouched.filter(|r| r.session.is_untouched(&programme.programme, now)) {
            // Nothing typed, nothing ticked: no empty line left in the list.
            self.effects.push(Effect::Discard(run.path.clone()));
            self.effects.push(Effect::Home);
            return;
        }
        self.finish_if_done(now);
        self.save();
        if to_home {
            self.effects.push(Effect::Home);
        } else {
            self.quit = true;
        }
    }

    /// `g` while the line says the computer slept `slept`: that time comes
    /// off the clocks that ran through it.
    fn give_back(&mut self, slept: Option<Duration>, now: Instant) {
        if let (Some(time), Some(run)) = (slept, self.run_mut().filter(|r| !r.read_only)) {
            run.session.give_back(time, now);
            self.notice = Some(Notice::Word("notice-given-back", String::new()));
            self.save();
        }
    }

    /// The messages of the screen on show: the home screen's, or the
    /// session's (refused when read-only, waiting during a break).
    fn update_screen(&mut self, message: Message, now: Instant) {
        match message {
            _ if matches!(self.screen, Screen::Home(_)) => self.update_home(message),
            Message::Export => {
                if let Some(run) = self.run() {
                    self.effects.push(Effect::Export(run.path.clone()));
                }
            }
            _ if self.is_read_only() && changes_notes(&message) => self.notice = Some(Notice::ReadOnly),
            Message::FitPreview => self.ask_for_fit(now),
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
                let fresh = std::mem::take(&mut self.new_asked);
                if let Some(run) = self.run_mut() {
                    run.fresh = fresh;
                }
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
                    self.room_notes_seen();
                    let Some(session) = self.run_mut().map(|r| &mut r.session) else { return };
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
            // The day opens on the one shown, as people write it.
            let date = crate::steps::Field::Roster(crate::steps::info::Field::Date);
            if field == date
                && text.is_empty()
                && let Some(run) = self.run()
            {
                text = run.session.held_on().format(&self.tr().t("date-entry-format")).to_string();
            }
            self.entry = Some(Entry::new(Target::Step(field), &text));
        }
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

#[cfg(test)]
mod tests;
