//! The notes of one session: who was there, where the group is in the
//! programme, and what each step holds. This is what is saved as JSON.
//!
//! Fields this build does not know are kept in `extra` and written back, so
//! that an older build never deletes what a newer one wrote.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::i18n::Lang;
use crate::pace::{Pace, Reading};
use crate::programme::Programme;
use crate::steps::{RosterChange, StepKind, StepState};
use crate::timer::{Stopwatch, whole_minutes};

pub use crate::steps::Roster;

/// The format of the file; a file with a higher number comes from a newer
/// build and is not overwritten. Version 1 is read through [`migrate`].
pub const FORMAT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub id: String,
    /// The id of the programme this session follows.
    pub workshop: String,
    /// The folder of a home-made workshop; none for the built-in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workshop_dir: Option<PathBuf>,
    pub lang: Lang,
    #[serde(flatten)]
    pub roster: Roster,
    pub created_at: DateTime<Local>,
    pub updated_at: DateTime<Local>,
    /// Index of the step on screen.
    #[serde(default)]
    pub current_step: usize,
    /// The step the room is working on: the furthest it has spent a
    /// minute on, or done something on. Looking back or ahead moves
    /// nothing of it; older files without it get it from their clocks.
    #[serde(default = "unknown_progress", skip_serializing_if = "is_unknown")]
    pub progress: usize,
    /// When the session ended: it was left on its last step. A finished
    /// session is reviewed with its clocks standing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Local>>,
    /// The end it aims for as it was set, with the offset of its zone:
    /// a change of time zone moves nothing. Kept in step with `ends_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<DateTime<FixedOffset>>,
    /// One record per step of the programme, in order.
    #[serde(default)]
    pub steps: Vec<StepRecord>,
    /// The session this one follows up: same group, fresh notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<String>,
    /// A session shipped to try the app; it opens read-only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    /// The minutes of the steps fitted into the time left (`=`), by step
    /// id; the programme's own minutes for the others.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub fitted: std::collections::BTreeMap<String, u64>,
    /// The breaks taken, each after the step it interrupted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<Break>,
    /// The break under way: everything that ran is paused until it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_break: Option<OnBreak>,
    /// Text that was being typed when the app was stopped (a signal, the
    /// window closed, Ctrl-C): offered back when the session reopens. A
    /// draft that does not read is dropped, never the session.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub draft: Option<Draft>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The format the file had when read, when older than this one: its
    /// first save keeps that file beside the new one.
    #[serde(skip)]
    pub migrated_from: Option<u64>,
}

/// A break the room took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Break {
    /// The step on screen when it started.
    pub step: usize,
    pub elapsed_ms: u64,
}

/// A break under way: its clock, and what it paused, to start again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnBreak {
    pub clock: Stopwatch,
    /// The countdowns it paused: step and index.
    #[serde(default)]
    pub paused: Vec<(usize, usize)>,
}

/// The text of an entry left open, and where it was typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The index of the step it belongs to.
    pub step: usize,
    pub field: crate::steps::Field,
    pub text: String,
}

/// A field that does not read as expected is taken as absent.
fn lenient<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    Ok(Option::<Value>::deserialize(d)?.and_then(|v| serde_json::from_value(v).ok()))
}

/// What happened on one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    pub id: String,
    /// Time this step has been on screen.
    #[serde(default)]
    pub clock: Stopwatch,
    /// What the room filled in, under the name of the step's kind.
    #[serde(flatten)]
    pub state: StepState,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How long after its start a session is still the same sitting: a long
/// evening, never the next meeting.
const SITTING_HOURS: i64 = 16;

/// A step spent this long on is being worked on: the step in progress
/// moves to it. Less is a look.
pub const WORKED_ON: Duration = Duration::from_secs(60);

/// Older files say nothing of the step in progress: their clocks tell it
/// (see [`Session::align_with`]).
fn unknown_progress() -> usize {
    usize::MAX
}

fn is_unknown(progress: &usize) -> bool {
    *progress == unknown_progress()
}

impl Session {
    pub fn new(id: String, programme: &Programme, roster: Roster, lang: Lang, at: DateTime<Local>) -> Self {
        let mut session = Session {
            version: FORMAT_VERSION,
            id,
            workshop: programme.id.clone(),
            workshop_dir: None,
            lang,
            roster,
            created_at: at,
            updated_at: at,
            current_step: 0,
            progress: 0,
            finished_at: None,
            target: None,
            steps: Vec::new(),
            follows: None,
            example: false,
            fitted: Default::default(),
            breaks: Vec::new(),
            on_break: None,
            draft: None,
            extra: Map::new(),
            migrated_from: None,
        };
        session.align_with(programme);
        session.target = session.target_end(programme, at).map(|t| t.fixed_offset());
        session
    }

    /// Makes sure there is one record per step of the programme, of its
    /// kind. Records are matched by step id, so a file written for a
    /// slightly different programme keeps what it can; a record whose kind
    /// changed keeps its old state in `extra`, and a record whose step is
    /// gone is kept in `extra` of the session.
    pub fn align_with(&mut self, programme: &Programme) {
        // Found by id through a map, taken out of their slots: linear in
        // the steps (removing from the front of the list each time was
        // quadratic, seconds for 10,000 steps). The first of an id is taken
        // first, as before.
        let mut old: Vec<Option<StepRecord>> = std::mem::take(&mut self.steps).into_iter().map(Some).collect();
        let mut by_id: std::collections::HashMap<String, std::collections::VecDeque<usize>> =
            std::collections::HashMap::new();
        for (i, record) in old.iter().enumerate() {
            if let Some(record) = record {
                by_id.entry(record.id.clone()).or_default().push_back(i);
            }
        }
        self.steps = programme
            .steps
            .iter()
            .map(|step| {
                let found = by_id.get_mut(&step.id).and_then(|slots| slots.pop_front());
                let mut record = match found.and_then(|i| old[i].take()) {
                    Some(record) => record,
                    None => StepRecord::new(
                        &step.id,
                        &step.kind,
                        step.minutes,
                        self.plan_of(step),
                        &self.roster.participants,
                    ),
                };
                let plan = self.plan_of(step);
                if let Some(replaced) = step.kind.fit(&mut record.state, step.minutes, plan, &self.roster.participants)
                {
                    let kind = replaced.kind_name();
                    let value = serde_json::to_value(&replaced).ok().and_then(|v| v.get(kind).cloned());
                    record.extra.insert(kind.to_string(), value.unwrap_or_default());
                }
                record
            })
            .collect();
        let old: Vec<StepRecord> = old.into_iter().flatten().collect();
        if !old.is_empty() {
            let gone: Vec<Value> = old.iter().filter_map(|r| serde_json::to_value(r).ok()).collect();
            let kept = self.extra.entry("steps_no_longer_in_the_programme").or_insert_with(|| json!([]));
            if let Some(list) = kept.as_array_mut() {
                list.extend(gone);
            }
        }
        let last = self.steps.len().saturating_sub(1);
        self.current_step = self.current_step.min(last);
        if self.progress == unknown_progress() {
            // A file from before the step in progress was kept: the last
            // step that took a minute, or the one on screen if further.
            // Left on its last step, it was finished, as `list` said.
            let worked = self.steps.iter().rposition(|r| r.clock.elapsed(Instant::now()) >= WORKED_ON);
            self.progress = worked.unwrap_or(0).max(self.current_step);
            if self.current_step == last && self.finished_at.is_none() && !self.steps.is_empty() {
                self.finished_at = Some(self.updated_at);
            }
        }
        self.progress = self.progress.min(last);
    }

    /// The day the session is held: the one given on the welcome step,
    /// else the day it was made.
    pub fn held_on(&self) -> chrono::NaiveDate {
        self.roster.held_on().unwrap_or_else(|| self.created_at.date_naive())
    }

    /// A new session for the same group, region and roster, with fresh
    /// notes, linked to this one, held on the day it is made.
    pub fn follow_up(&self, id: String, programme: &Programme, lang: Lang, at: DateTime<Local>) -> Session {
        let roster = Roster { date: String::new(), ..self.roster.clone() };
        let mut next = Session::new(id, programme, roster, lang, at);
        next.workshop_dir = self.workshop_dir.clone();
        next.follows = Some(self.id.clone());
        next
    }

    /// The steps that follow the roster (the checklists' turns, the pairs'
    /// rounds) follow a change of it; a renamed participant's answers
    /// follow them.
    pub fn follow_roster(&mut self, change: &RosterChange, programme: &Programme) {
        if let RosterChange::Renamed { from, to } = change {
            for checklist in self.steps.iter_mut().filter_map(|r| r.state.as_checklist_mut()) {
                checklist.rename(from, to);
            }
        }
        let plans: Vec<u64> = programme.steps.iter().map(|s| self.plan_of(s)).collect();
        for ((record, step), plan) in self.steps.iter_mut().zip(&programme.steps).zip(plans) {
            step.kind.fit(&mut record.state, step.minutes, plan, &self.roster.participants);
        }
    }

    /// A copy with every running clock folded in as of `now`, as it is
    /// written: the session in memory is left as it is.
    pub fn settled(&self, now: Instant, at: DateTime<Local>) -> Session {
        let mut copy = self.clone();
        for record in &mut copy.steps {
            record.clock.settle(now);
            record.state.countdowns_mut().iter_mut().for_each(|c| c.settle(now));
        }
        if let Some(on_break) = &mut copy.on_break {
            on_break.clock.settle(now);
        }
        copy.updated_at = at;
        copy
    }

    /// Fixes the end aimed for as an instant, from what is given now (the
    /// roster's `ends_at`, else the start plus the programme), for the
    /// next save to keep.
    pub fn fix_target(&mut self, programme: &Programme) {
        if self.target.as_ref().is_none_or(|t| !self.target_is_current(programme, t)) {
            self.target = self.computed_target(programme).map(|t| t.fixed_offset());
        }
    }

    /// Restarts from the moment of loading the clocks that were running;
    /// a finished session's clocks stand.
    pub fn resume_after_load(&mut self, now: Instant) {
        if self.finished_at.is_some() {
            self.stop_all_clocks(now);
            return;
        }
        for record in &mut self.steps {
            record.clock.resume_after_load(now);
            record.state.countdowns_mut().iter_mut().for_each(|c| c.resume_after_load(now));
        }
        if let Some(on_break) = &mut self.on_break {
            on_break.clock.resume_after_load(now);
        }
    }

    pub fn current(&self) -> &StepRecord {
        &self.steps[self.current_step]
    }

    pub fn current_mut(&mut self) -> &mut StepRecord {
        &mut self.steps[self.current_step]
    }

    /// Stops every clock: nothing runs in a session that has ended.
    fn stop_all_clocks(&mut self, now: Instant) {
        for record in &mut self.steps {
            record.clock.pause(now);
            record.state.countdowns_mut().iter_mut().filter(|c| c.is_running()).for_each(|c| c.pause(now));
        }
    }

    /// Whether the session ended; a file from before that was kept ended
    /// when it was left on its last step.
    pub fn is_finished(&self) -> bool {
        match self.progress {
            p if p == unknown_progress() => !self.steps.is_empty() && self.current_step + 1 >= self.steps.len(),
            _ => self.finished_at.is_some(),
        }
    }

    /// How far the room went: the step in progress (the one on screen in
    /// a file from before that was kept).
    pub fn reached(&self) -> usize {
        if self.progress == unknown_progress() { self.current_step } else { self.progress }
    }

    /// Whether nothing was done in it: nothing typed, ticked or planned,
    /// no countdown started, no break, no fit, and not a minute on its
    /// clocks.
    pub fn is_untouched(&self, programme: &Programme, now: Instant) -> bool {
        self.time_used(now) < WORKED_ON
            && self.steps.iter().all(|r| r.state.countdowns().iter().all(|c| c.is_fresh()))
            && self.roster == Roster::default()
            && self.breaks.is_empty()
            && self.on_break.is_none()
            && self.fitted.is_empty()
            && self.draft.is_none()
            && self.steps.len() == programme.steps.len()
            && !self.steps.iter().any(|r| holds_notes(&r.state))
    }

    /// The step whose clock runs: the one on screen, or the step in
    /// progress while an earlier one is looked back at (that time is the
    /// room's work on the step in progress).
    pub fn running_step(&self) -> usize {
        self.current_step.max(self.progress)
    }

    /// Moves to another step. Forward from the step in progress, once the
    /// room has spent a minute on it, the next one is in progress at once
    /// (else see [`Session::advance_progress`]). The clock that ran stops
    /// and the one of [`Session::running_step`] runs; a countdown at zero on the step left
    /// stops there with its overrun, to be seen again on coming back. A
    /// countdown still counting down runs on: a reading goes on while the
    /// facilitator shows the agenda. A finished session only turns pages.
    pub fn go_to(&mut self, index: usize, now: Instant) {
        if index >= self.steps.len() {
            return;
        }
        if self.finished_at.is_some() {
            self.current_step = index;
            return;
        }
        let running = self.running_step();
        self.steps[running].clock.pause(now);
        // Moving on from the step in progress once the room has worked on
        // it: the next one is in progress at once.
        let worked = self.steps[self.progress].clock.elapsed(now) >= WORKED_ON;
        if index == self.progress + 1 && self.current_step == self.progress && worked {
            self.progress = index;
        }
        if index != self.current_step {
            self.steps[self.current_step].state.countdowns_mut().iter_mut().for_each(|c| {
                c.stop_if_over(now);
            });
        }
        self.current_step = index;
        let running = self.running_step();
        self.steps[running].clock.start(now);
    }

    /// Makes the step on screen the step in progress when it is further
    /// on and the room has worked on it: a minute on it, or `acted` (a
    /// note, a tick, a countdown started). True when it moved.
    pub fn advance_progress(&mut self, acted: bool, now: Instant) -> bool {
        let shown = self.current_step;
        let worked = acted || self.steps.get(shown).is_some_and(|r| r.clock.elapsed(now) >= WORKED_ON);
        let moves = self.finished_at.is_none() && shown > self.progress && worked;
        if moves {
            self.progress = shown;
        }
        moves
    }

    /// Ends the session when it is left on its last step (shown, or in
    /// progress): its clocks stop, and it is reviewed from now on as it was.
    pub fn finish_if_done(&mut self, now: Instant, at: DateTime<Local>) -> bool {
        let last = self.steps.len().saturating_sub(1);
        let on_last = self.current_step == last || self.progress == last;
        let done = self.finished_at.is_none() && !self.steps.is_empty() && on_last;
        if done {
            self.stop_all_clocks(now);
            self.progress = last;
            self.finished_at = Some(at);
        }
        done
    }

    /// Stops the countdowns that reached zero away from their step, at
    /// zero; true when one did (its bell is due).
    pub fn stop_away_from_their_step(&mut self, now: Instant) -> bool {
        let shown = self.current_step;
        let mut stopped = false;
        for (_, record) in self.steps.iter_mut().enumerate().filter(|(i, _)| *i != shown) {
            for countdown in record.state.countdowns_mut().iter_mut().filter(|c| c.is_running() && c.is_over(now)) {
                countdown.stop_at_zero(now);
                stopped = true;
            }
        }
        stopped
    }

    /// Takes `time` back off the clocks that ran through it: the step in
    /// progress (or the break) and the countdowns that ran. For time the
    /// room says was not its own: a computer asleep.
    pub fn give_back(&mut self, time: Duration, now: Instant) {
        if let Some(on_break) = &mut self.on_break {
            on_break.clock.give_back(time, now);
            return;
        }
        let running = self.running_step();
        if let Some(record) = self.steps.get_mut(running) {
            record.clock.give_back(time, now);
        }
        for record in &mut self.steps {
            record.state.countdowns_mut().iter_mut().filter(|c| c.is_running()).for_each(|c| c.give_back(time, now));
        }
    }

    /// The minutes planned for a step in this session: as fitted, else the
    /// programme's.
    pub fn plan_of(&self, step: &crate::programme::Step) -> u64 {
        self.fitted.get(&step.id).copied().unwrap_or(step.minutes)
    }

    /// The plans of every step, in order.
    pub fn plans(&self, programme: &Programme) -> Vec<u64> {
        programme.steps.iter().map(|s| self.plan_of(s)).collect()
    }

    /// Whole minutes each step has taken, by the one rounding rule.
    pub fn minutes_used(&self, now: Instant) -> Vec<u64> {
        self.steps.iter().map(|r| crate::pace::minutes(r.clock.elapsed(now))).collect()
    }

    /// The clocks as of `now`, the time of day `at`.
    pub fn reading<'a>(
        &self,
        programme: &Programme,
        plans: &'a [u64],
        used: &'a [Duration],
        now: Instant,
        at: DateTime<Local>,
    ) -> Reading<'a, Local> {
        let at = self.finished_at.unwrap_or(at);
        Reading {
            plans,
            used,
            breaks: self.break_time(now),
            progress: self.progress,
            target: self.target_end(programme, at),
            at,
            ended: self.finished_at,
        }
    }

    /// The session's clock as of `now`, the time of day `at`: every minute
    /// any surface shows comes from here. A finished session is read as it
    /// ended; a session at rest (read from its file, not running) as of its
    /// last save, with `at` its `updated_at`.
    pub fn pace(&self, programme: &Programme, now: Instant, at: DateTime<Local>) -> Pace<Local> {
        let plans = self.plans(programme);
        let used = self.step_times(now);
        self.reading(programme, &plans, &used, now, at).pace()
    }

    /// The pace of a session read from its file: as of its last save.
    pub fn pace_at_rest(&self, programme: &Programme) -> Pace<Local> {
        self.pace(programme, Instant::now(), self.updated_at)
    }

    /// The time each step has taken.
    pub fn step_times(&self, now: Instant) -> Vec<Duration> {
        self.steps.iter().map(|r| r.clock.elapsed(now)).collect()
    }

    /// The end the session aims for, as seen at `at`: the one given
    /// (`--ends-at`, the welcome step) on the day it is run, else its start
    /// plus the programme's total, as fixed when it was set (a change of
    /// time zone moves nothing). A session taken up again another day
    /// aims for the time given on that day, and for nothing when none was
    /// given: weeks later, its first day's end says nothing of its pace.
    pub fn target_end(&self, programme: &Programme, at: DateTime<Local>) -> Option<DateTime<Local>> {
        if at - self.created_at >= chrono::Duration::hours(SITTING_HOURS) {
            return self.given_end_on(at.date_naive());
        }
        match &self.target {
            Some(target) if self.target_is_current(programme, target) => Some(target.with_timezone(&Local)),
            _ => self.computed_target(programme),
        }
    }

    /// The end aimed for on the first day, worked out in today's zone.
    fn computed_target(&self, programme: &Programme) -> Option<DateTime<Local>> {
        self.given_end_on(self.created_at.date_naive()).or_else(|| Some(self.default_target(programme)))
    }

    /// The start plus the programme's total, to the minute.
    fn default_target(&self, programme: &Programme) -> DateTime<Local> {
        let planned = i64::try_from(whole_minutes(programme.planned())).unwrap_or(0);
        crate::pace::to_the_minute(self.created_at + chrono::Duration::minutes(planned))
    }

    /// Whether a kept target still says what the roster gives: the time
    /// typed, read in the zone it was typed in, or the start plus the
    /// programme when none is.
    fn target_is_current(&self, programme: &Programme, target: &DateTime<FixedOffset>) -> bool {
        use chrono::Timelike;
        match crate::agenda::parse_time(&self.roster.ends_at) {
            Some((h, m)) => target.hour() == h && target.minute() == m,
            None => self.roster.ends_at.trim().is_empty() && *target == self.default_target(programme),
        }
    }

    /// The time given on the welcome step, on `day`.
    fn given_end_on(&self, day: chrono::NaiveDate) -> Option<DateTime<Local>> {
        let (h, m) = crate::agenda::parse_time(&self.roster.ends_at)?;
        use chrono::TimeZone;
        Local.from_local_datetime(&day.and_hms_opt(h, m, 0)?).earliest()
    }

    /// What fitting the steps left into the time left would give: their new
    /// plans, or why they cannot fit. On time, nothing changes; on a fitted
    /// session it offers the programme's own minutes back. The steps from
    /// the one in progress on share the time to the target.
    pub fn fit_plans(
        &self,
        programme: &Programme,
        now: Instant,
        at: DateTime<Local>,
    ) -> Result<Vec<u64>, crate::agenda::TooLate> {
        let plans = self.plans(programme);
        if !self.fitted.is_empty() {
            let mut back = plans.clone();
            for (i, step) in programme.steps.iter().enumerate().skip(self.progress) {
                back[i] = step.minutes;
            }
            return Ok(back);
        }
        let pace = self.pace(programme, now, at);
        // No end to aim for, or on time already: the plans stay.
        let Some(target) = pace.target.filter(|_| pace.late != Some(0)) else { return Ok(plans) };
        // What the steps from the one in progress may take, the time they
        // have used included, so that the end lands on the target's minute.
        let times = self.step_times(now);
        let used_exact: Duration = times.iter().skip(self.progress).sum();
        let used: Vec<u64> = times.iter().map(|t| crate::pace::minutes(*t)).collect();
        let until_target = (target - at).to_std().unwrap_or_default();
        let whole = i64::try_from(crate::pace::minutes(until_target + used_exact)).unwrap_or(i64::MAX);
        let available = whole - i64::try_from(used.iter().skip(self.progress).sum::<u64>()).unwrap_or(0);
        crate::agenda::fit(&plans, self.progress, &used, available)
    }

    /// The end at this pace with other plans: the fit's preview.
    pub fn end_with(&self, programme: &Programme, plans: &[u64], now: Instant, at: DateTime<Local>) -> DateTime<Local> {
        let used = self.step_times(now);
        self.reading(programme, plans, &used, now, at).pace().end
    }

    /// Takes new plans for the steps: the countdowns of the timed steps
    /// from the current one on take their new length (one that runs keeps
    /// running). The programme's minutes stay in the programme.
    pub fn apply_plans(&mut self, programme: &Programme, plans: &[u64], now: Instant) {
        for (i, (step, plan)) in programme.steps.iter().zip(plans).enumerate() {
            if *plan == step.minutes {
                self.fitted.remove(&step.id);
            } else {
                self.fitted.insert(step.id.clone(), *plan);
            }
            if i < self.progress {
                continue;
            }
            let Some(record) = self.steps.get_mut(i) else { continue };
            let countdowns = record.state.countdowns_mut();
            let count = countdowns.len().max(1) as u64;
            let length = Duration::from_secs(plan.saturating_mul(60) / count);
            countdowns.iter_mut().for_each(|c| c.set_planned(length, now));
        }
    }

    /// Time used by the whole session so far, breaks included.
    pub fn time_used(&self, now: Instant) -> Duration {
        self.steps.iter().map(|r| r.clock.elapsed(now)).sum::<Duration>() + self.break_time(now)
    }

    /// Time spent on breaks, the one under way included.
    pub fn break_time(&self, now: Instant) -> Duration {
        let done: u64 = self.breaks.iter().map(|b| b.elapsed_ms).sum();
        Duration::from_millis(done) + self.on_break.as_ref().map_or(Duration::ZERO, |b| b.clock.elapsed(now))
    }

    /// A break: the step's clock and every running countdown pause; they
    /// start again when it ends. True when something changed.
    pub fn toggle_break(&mut self, now: Instant) -> bool {
        if self.steps.is_empty() {
            return false;
        }
        match self.on_break.take() {
            Some(mut on_break) => {
                on_break.clock.pause(now);
                let elapsed_ms = crate::timer::duration_ms(on_break.clock.elapsed(now));
                self.breaks.push(Break { step: self.current_step, elapsed_ms });
                let running = self.running_step();
                self.steps[running].clock.start(now);
                for (step, index) in on_break.paused {
                    if let Some(countdown) =
                        self.steps.get_mut(step).and_then(|r| r.state.countdowns_mut().get_mut(index))
                    {
                        countdown.start(now);
                    }
                }
            }
            None => {
                let running = self.running_step();
                self.steps[running].clock.pause(now);
                let mut paused = Vec::new();
                for (step, record) in self.steps.iter_mut().enumerate() {
                    for (index, countdown) in record.state.countdowns_mut().iter_mut().enumerate() {
                        if countdown.is_running() {
                            countdown.pause(now);
                            paused.push((step, index));
                        }
                    }
                }
                let mut clock = Stopwatch::default();
                clock.start(now);
                self.on_break = Some(OnBreak { clock, paused });
            }
        }
        true
    }

    /// Whether any countdown runs, on any step.
    pub fn countdown_running(&self) -> bool {
        self.steps.iter().flat_map(|r| r.state.countdowns()).any(|c| c.is_running())
    }

    /// The pairs for the pair sharing, formed from the roster in order; with
    /// an odd count the last three make a trio.
    pub fn pairs(&self) -> Vec<Vec<&str>> {
        crate::steps::pairs::form_pairs(&self.roster.participants)
    }
}

impl StepRecord {
    pub fn new(id: &str, kind: &StepKind, minutes: u64, plan: u64, participants: &[String]) -> Self {
        Self {
            id: id.to_string(),
            clock: Stopwatch::default(),
            state: kind.new_state(minutes, plan, participants),
            extra: Map::new(),
        }
    }
}

mod migrate;
#[cfg(test)]
mod tests;

pub use self::migrate::migrate;

/// Whether a step holds anything the room gave it: a note, a tick or a
/// turn taken, a partner, a choice, an answer, a closing line. Clocks and
/// cursors are no notes.
fn holds_notes(state: &StepState) -> bool {
    match state {
        StepState::Board(board) => !board.notes().is_empty() || !board.held().is_empty(),
        StepState::Checklist(checklist) => {
            !checklist.phones.is_empty()
                || checklist.turns.iter().any(|t| !t.ticked.is_empty() || t.status != Default::default())
        }
        StepState::Plan(plan) => !plan.partners.is_empty() || !plan.choices.is_empty() || !plan.answers.is_empty(),
        StepState::Summary(closing) => !closing.answers.is_empty() || !closing.lines.is_empty(),
        StepState::Info(_) | StepState::TimedPairs(_) | StepState::Reading(_) => false,
    }
}
