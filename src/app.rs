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

pub use self::entry::{Entry, EntryInput, Target};
pub use self::home::Home;
pub use self::key::{Key, KeyCode, Mods};
use crate::i18n::{Lang, Tr};
use crate::programme::{Programme, Step};
use crate::session::{Draft, Session};
use crate::steps::{self, Action, Change, Outcome};
use crate::store::{Holder, Listed};
use crate::timer::{Clock, until_next_minute};
use crate::trend::Trend;
use crate::workshop::Workshop;

mod entry;
mod home;
mod key;

/// How often a save that failed (a full or read-only disk) is tried again.
pub const SAVE_RETRY: Duration = Duration::from_secs(5);

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
    /// The colours, and whether NO_COLOR asked for none.
    pub theme: ThemeName,
    pub no_color: bool,
    /// The screen is blanked (a presenter's « blank » key).
    pub blank: bool,
    effects: Vec<Effect>,
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
    /// The first line shown, for long trends.
    pub scroll: usize,
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
}

/// What the runtime does on behalf of `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the session to its file.
    Save,
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
    /// Write the printable sheet of this session.
    Export(PathBuf),
    /// Show the trend of this group over its sessions.
    Trend(String),
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
    /// Yes to the question asked (delete).
    Confirm,
    /// No to the question asked.
    Dismiss,
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
}

/// The result of an effect, handed back to `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    /// A session to show, with its workshop and what to say about it.
    Opened(Box<Opened>),
    /// The past sessions, read again after a change.
    Listed(Vec<Listed>),
    /// The trend of a group.
    Trend { group: String, trend: Trend },
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
        Self {
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
            no_color: false,
            blank: false,
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
        let screen = std::mem::replace(&mut self.screen, Screen::Home(Home::new(Vec::new())));
        self.screen = match screen {
            Screen::Trend(view) => Screen::Home(view.home),
            other => other,
        };
    }

    /// Shows the trend of a group, keeping the home screen to go back to.
    fn show_trend(&mut self, group: String, trend: Trend) {
        let screen = std::mem::replace(&mut self.screen, Screen::Home(Home::new(Vec::new())));
        self.screen = match screen {
            Screen::Home(home) => Screen::Trend(Box::new(TrendView { group, trend, home, scroll: 0 })),
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
            let current = session.current_step;
            session.steps[current].clock.start(now);
            // The language on screen stays; the notes remember it.
            session.lang = self.lang;
        }
        self.screen = Screen::Session(Box::new(Run { session, path, read_only }));
        self.save();
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
        if self.run().is_some_and(|r| !r.read_only) {
            self.effects.push(Effect::Save);
        }
    }

    /// The effects asked for since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn update(&mut self, message: Message) {
        let now = self.now();
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
            Message::CloseOverlay => self.help_open = false,
            Message::Quit => {
                self.save();
                self.quit = true;
            }
            Message::Tick => self.ring_what_reached_zero(now),
            Message::Entry(input) => self.update_entry(input),
            Message::Done(done) => self.update_done(done),
            _ if matches!(self.screen, Screen::Home(_)) => self.update_home(message),
            Message::Step(Action::Select(delta)) if matches!(self.screen, Screen::Trend(_)) => {
                if let Screen::Trend(view) = &mut self.screen {
                    view.scroll = view.scroll.saturating_add_signed(delta);
                }
            }
            Message::Export => {
                if let Some(run) = self.run() {
                    self.effects.push(Effect::Export(run.path.clone()));
                }
            }
            _ if self.is_read_only() && changes_notes(&message) => self.notice = Some(Notice::ReadOnly),
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
                let draft = if read_only { None } else { session.draft.take() };
                let draft = draft.filter(|d| d.step < session.steps.len() && fits(&session, &d.field));
                if let Some(draft) = &draft {
                    session.current_step = draft.step;
                }
                self.show_session(session, path, read_only);
                self.notice = notice;
                // What was being typed when the app was stopped opens
                // again in its entry: Enter keeps it, Esc drops it.
                if let Some(draft) = draft {
                    self.entry = Some(Entry::new(Target::Step(draft.field), &draft.text));
                    self.notice = self.notice.take().or(Some(Notice::DraftRestored));
                }
            }
            Done::Listed(entries) => {
                if let Screen::Home(home) = &mut self.screen {
                    home.entries = entries;
                    home.selected = home.selected.min(home.visible(&home.search).count());
                }
            }
            Done::Trend { group, trend } => self.show_trend(group, trend),
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
                    self.save();
                }
            }
            Message::Step(action) => {
                let outcome = self.act_on_step(action, now);
                self.follow(outcome);
            }
            _ => {}
        }
        self.ring_what_reached_zero(now);
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
        if let (Some(change), Some(run)) = (&outcome.roster, self.run_mut()) {
            run.session.follow_roster(change);
        }
        if outcome.change == Change::Notes {
            self.save();
        }
        if let Some((field, text)) = outcome.edit {
            self.entry = Some(Entry::new(Target::Step(field), &text));
        }
    }

    /// Rings once for every countdown that reached zero, wherever it is:
    /// a reading left running while the facilitator shows the agenda still
    /// rings on time.
    fn ring_what_reached_zero(&mut self, now: Instant) {
        let Some(run) = self.run_mut() else { return };
        let mut rang = false;
        for record in &mut run.session.steps {
            for countdown in record.state.countdowns_mut() {
                rang |= countdown.take_bell(now);
            }
        }
        if rang {
            self.effects.push(Effect::Bell);
            self.save();
        }
    }

    /// How long the screen stays right: until the next second of a running
    /// countdown, or the next minute of the clocks. `None` when nothing on
    /// screen moves (the home screen, a read-only session).
    pub fn next_redraw_in(&self) -> Option<Duration> {
        // A failed save is tried again every few seconds until it works.
        let retry = matches!(self.notice, Some(Notice::SaveFailed(_))).then_some(SAVE_RETRY);
        let run = self.run().filter(|r| !r.read_only)?;
        let now = self.now();
        let session = &run.session;
        let seconds =
            session.steps.iter().flat_map(|r| r.state.countdowns()).filter_map(|c| c.until_next_second(now)).min();
        let minutes = until_next_minute(session.current().clock.elapsed(now));
        [seconds, retry].into_iter().flatten().chain([minutes]).min()
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

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Roster;
    use crate::steps::StepState;
    use crate::store::Listed;
    use crate::timer::FakeClock;
    use chrono::Local;

    fn app_with(names: &str) -> (App, FakeClock) {
        let clock = FakeClock::default();
        let roster = Roster { participants: Roster::parse_participants(names), ..Roster::default() };
        let home = Screen::Home(Home::new(Vec::new()));
        let mut app = App::built_in(Lang::Fr, Rc::new(clock.clone()), home);
        let session = Session::new("t".into(), app.programme(), roster, Lang::Fr, Local::now());
        app.show_session(session, "t.json".into(), false);
        app.take_effects();
        (app, clock)
    }

    fn session(app: &App) -> &Session {
        &app.run().unwrap().session
    }

    #[test]
    fn steps_move_forward_and_back_within_bounds() {
        let (mut app, _) = app_with("A,B");
        app.update(Message::PreviousStep);
        assert_eq!(session(&app).current_step, 0);
        assert!(app.take_effects().is_empty(), "nothing changed, nothing saved");
        for _ in 0..20 {
            app.update(Message::NextStep);
        }
        assert_eq!(session(&app).current_step, 7);
        assert!(app.take_effects().contains(&Effect::Save));
    }

    #[test]
    fn the_language_of_the_session_follows_the_toggle() {
        let (mut app, _) = app_with("A,B");
        app.update(Message::ToggleLang);
        assert_eq!(app.lang, Lang::En);
        assert_eq!(session(&app).lang, Lang::En);
        assert_eq!(app.take_effects(), [Effect::Save]);
    }

    #[test]
    fn pairs_run_two_rounds_with_a_bell_at_each_zero() {
        let (mut app, clock) = app_with("A,B,C");
        app.update(Message::NextStep);
        app.update(Message::Step(Action::ToggleTimer));
        clock.advance(Duration::from_secs(299));
        app.update(Message::Tick);
        assert!(!app.take_effects().contains(&Effect::Bell));
        clock.advance(Duration::from_secs(1));
        app.update(Message::Tick);
        assert!(app.take_effects().contains(&Effect::Bell));
        app.update(Message::Tick);
        assert!(!app.take_effects().contains(&Effect::Bell), "once");
        app.update(Message::Step(Action::NextRound));
        let StepState::TimedPairs(pairs) = &session(&app).current().state else { panic!("the pairs") };
        assert_eq!(pairs.round, 1);
        assert!(pairs.rounds[1].is_running());
        assert!(!pairs.rounds[0].is_running());
        clock.advance(Duration::from_secs(300));
        app.update(Message::Tick);
        assert!(app.take_effects().contains(&Effect::Bell));
        app.update(Message::Step(Action::NextRound));
        let StepState::TimedPairs(pairs) = &session(&app).current().state else { panic!("the pairs") };
        assert_eq!(pairs.round, 1, "two rounds only");
    }

    #[test]
    fn space_and_minutes_only_act_on_timed_steps() {
        let (mut app, clock) = app_with("A,B");
        app.update(Message::Step(Action::ToggleTimer));
        app.update(Message::Step(Action::AdjustMinutes(1)));
        assert!(app.take_effects().is_empty());
        app.update(Message::NextStep);
        app.update(Message::NextStep);
        app.update(Message::NextStep); // reading
        app.take_effects();
        app.update(Message::Step(Action::AdjustMinutes(-1)));
        app.update(Message::Step(Action::ToggleTimer));
        clock.advance(Duration::from_secs(30));
        let c = session(&app).current().state.countdown().unwrap();
        assert_eq!(c.remaining_ms(clock.now()), 14 * 60_000 - 30_000);
    }

    #[test]
    fn the_next_redraw_waits_for_the_next_visible_change() {
        let (mut app, clock) = app_with("A,B");
        clock.advance(Duration::from_secs(20));
        assert_eq!(app.next_redraw_in(), Some(Duration::from_secs(40)), "the step clock's next minute");
        app.update(Message::NextStep);
        app.update(Message::Step(Action::ToggleTimer));
        clock.advance(Duration::from_millis(250));
        assert_eq!(app.next_redraw_in(), Some(Duration::from_millis(750)));
        app.update(Message::Step(Action::ToggleTimer));
        assert_eq!(app.next_redraw_in(), Some(Duration::from_millis(59_750)));
    }

    #[test]
    fn a_reading_left_running_still_rings_from_another_step() {
        let (mut app, clock) = app_with("A,B");
        for _ in 0..3 {
            app.update(Message::NextStep);
        }
        app.update(Message::Step(Action::ToggleTimer));
        app.update(Message::NextStep);
        app.take_effects();
        clock.advance(Duration::from_secs(15 * 60));
        app.update(Message::Tick);
        assert!(app.take_effects().contains(&Effect::Bell));
    }

    #[test]
    fn reading_sections_stay_in_range() {
        let (mut app, _) = app_with("A,B");
        for _ in 0..3 {
            app.update(Message::NextStep);
        }
        app.update(Message::Step(Action::Select(-1)));
        assert!(matches!(&session(&app).current().state, StepState::Reading(r) if r.section == 0));
        for _ in 0..50 {
            app.update(Message::Step(Action::Select(1)));
        }
        assert!(matches!(&session(&app).current().state, StepState::Reading(r) if r.section == 8));
    }

    #[test]
    fn home_chooses_new_or_a_past_session() {
        let clock = FakeClock::default();
        let home = Home::new(vec![Listed::Unreadable { path: "bad.json".into(), reason: "eof".into(), backup: None }]);
        let mut app = App::built_in(Lang::Fr, Rc::new(clock), Screen::Home(home));
        app.update(Message::HomeChoose);
        assert_eq!(app.take_effects(), [Effect::New]);
        app.update(Message::Step(Action::Select(1)));
        app.update(Message::Step(Action::Select(1)));
        app.update(Message::HomeChoose);
        assert!(app.take_effects().is_empty());
        assert!(matches!(app.notice, Some(Notice::OpenFailed(_))));
    }
}
