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

    /// A new session for the same group, region and roster, with fresh
    /// notes, linked to this one.
    pub fn follow_up(&self, id: String, programme: &Programme, lang: Lang, at: DateTime<Local>) -> Session {
        let mut next = Session::new(id, programme, self.roster.clone(), lang, at);
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
        for (i, record) in self.steps.iter_mut().enumerate().filter(|(i, _)| *i != shown) {
            for countdown in record.state.countdowns_mut().iter_mut().filter(|c| c.is_running() && c.is_over(now)) {
                countdown.stop_at_zero(now);
                stopped = true;
            }
            let _ = i;
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

    /// When the session will end at this pace.
    pub fn projected_end(&self, programme: &Programme, now: Instant, at: DateTime<Local>) -> DateTime<Local> {
        self.pace(programme, now, at).end
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

/// Brings a session file of an older format to this one, as JSON, before it
/// is read. Version 1 kept every kind's data in optional fields of each
/// step (`rounds`, `round`, `cursor`, `board`, `checklist`, `plan`) and the
/// plan's choices as text ids (`level-decide`); it was only ever written
/// for the built-in workshop, whose step ids say each step's kind.
pub fn migrate(mut value: Value) -> Value {
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(1);
    if version >= u64::from(FORMAT_VERSION) {
        return value;
    }
    if let Some(steps) = value.get_mut("steps").and_then(Value::as_array_mut) {
        for step in steps.iter_mut().filter_map(Value::as_object_mut) {
            migrate_step_v1(step);
        }
    }
    value["version"] = json!(FORMAT_VERSION);
    value
}

/// The kind of a version-1 step: by its id in the built-in workshop, else
/// by the data it holds.
fn kind_of_v1_step(step: &Map<String, Value>) -> &'static str {
    let rounds = step.get("rounds").and_then(Value::as_array).map_or(0, Vec::len);
    match step.get("id").and_then(Value::as_str).unwrap_or_default() {
        "welcome" => "info",
        "pairs" => "timed_pairs",
        "board" => "board",
        "reading" => "reading",
        "ingredients" | "failures" => "checklist",
        "plan" => "plan",
        "closing" => "summary",
        _ if step.contains_key("board") => "board",
        _ if step.contains_key("checklist") => "checklist",
        _ if step.contains_key("plan") => "plan",
        _ if rounds > 1 => "timed_pairs",
        _ if rounds == 1 => "reading",
        _ => "info",
    }
}

fn migrate_step_v1(step: &mut Map<String, Value>) {
    let kind = kind_of_v1_step(step);
    let mut take = |key: &str| step.remove(key);
    let rounds = take("rounds");
    let round = take("round").unwrap_or(json!(0));
    let cursor = take("cursor").unwrap_or(json!(0));
    let board = take("board");
    let checklist = take("checklist");
    let plan = take("plan");
    let state = match kind {
        "timed_pairs" => json!({ "rounds": rounds.unwrap_or(json!([])), "round": round }),
        "reading" => {
            let countdown = rounds.and_then(|r| r.get(0).cloned());
            json!({ "countdown": countdown.unwrap_or(json!({"planned_secs": 900, "elapsed_ms": 0, "running": false})), "section": cursor })
        }
        "board" => board.unwrap_or(json!({})),
        "checklist" => checklist.unwrap_or(json!({})),
        "plan" => migrate_plan_v1(plan.unwrap_or(json!({}))),
        "info" => json!({ "cursor": cursor }),
        _ => json!({}),
    };
    step.insert(kind.to_string(), state);
}

/// Version 1 kept the level and the decision as Fluent ids of the built-in
/// workshop (`level-decide`, `decision-not-now`); they become the
/// programme's option ids (`decide`, `not-now`) under `choices`.
fn migrate_plan_v1(mut plan: Value) -> Value {
    let Some(fields) = plan.as_object_mut() else { return json!({}) };
    let mut choices = Map::new();
    for (field, prefix) in [("level", "level-"), ("decision", "decision-")] {
        if let Some(Value::String(text)) = fields.remove(field) {
            let id = text.strip_prefix(prefix).unwrap_or(&text).to_string();
            choices.insert(field.to_string(), Value::String(id));
        }
    }
    fields.insert("choices".into(), Value::Object(choices));
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timer::{Clock, FakeClock};

    fn roster(names: &str) -> Roster {
        Roster {
            group: "Transition Ouaga".into(),
            participants: Roster::parse_participants(names),
            region: "Centre".into(),
            ends_at: String::new(),
        }
    }

    fn session(names: &str) -> Session {
        Session::new("s1".into(), &Programme::embedded(), roster(names), Lang::Fr, Local::now())
    }

    #[test]
    fn clocks_running_when_saved_run_on_from_the_moment_they_are_read() {
        let clock = FakeClock::default();
        let mut s = session("A,B");
        s.go_to(1, clock.now());
        s.steps[1].state.countdowns_mut()[0].start(clock.now());
        s.on_break = None;
        clock.advance(Duration::from_secs(90));
        let saved = s.settled(clock.now(), Local::now());
        let mut read: Session = serde_json::from_str(&serde_json::to_string(&saved).unwrap()).unwrap();
        // Read back an hour later: the hour the app was closed does not count.
        clock.advance(Duration::from_secs(3600));
        read.resume_after_load(clock.now());
        assert!(read.countdown_running());
        clock.advance(Duration::from_secs(30));
        assert_eq!(read.steps[1].state.countdowns()[0].remaining_ms(clock.now()), (300 - 120) * 1000);
        assert_eq!(read.minutes_used(clock.now())[1], 2, "the step's own clock runs on too");
        assert_eq!(read.minutes_used(clock.now())[0], 0);
    }

    #[test]
    fn only_a_running_countdown_counts_as_running() {
        let clock = FakeClock::default();
        let mut s = session("A,B");
        assert!(!s.countdown_running(), "a step's own clock is no countdown");
        s.steps[1].state.countdowns_mut()[0].start(clock.now());
        assert!(s.countdown_running(), "even on a step not shown");
        s.steps[1].state.countdowns_mut()[0].pause(clock.now());
        assert!(!s.countdown_running());
    }

    #[test]
    fn the_pairs_come_from_the_roster_in_order() {
        assert_eq!(session("A,B,C,D").pairs(), [vec!["A", "B"], vec!["C", "D"]]);
        assert_eq!(session("A,B,C").pairs(), [vec!["A", "B", "C"]]);
        assert!(session("").pairs().is_empty());
    }

    #[test]
    fn sixteen_hours_on_the_session_is_another_sitting() {
        let programme = Programme::embedded();
        let start = Local::now();
        let s = Session::new("s1".into(), &programme, roster("A,B"), Lang::Fr, start);
        let just_before = start + chrono::Duration::hours(SITTING_HOURS) - chrono::Duration::seconds(1);
        assert!(s.target_end(&programme, just_before).is_some());
        assert_eq!(s.target_end(&programme, start + chrono::Duration::hours(SITTING_HOURS)), None);
    }

    #[test]
    fn a_version_1_step_is_known_by_its_id_even_without_its_data() {
        let kind = |id: &str| kind_of_v1_step(json!({ "id": id }).as_object().unwrap());
        assert_eq!(kind("welcome"), "info");
        assert_eq!(kind("pairs"), "timed_pairs");
        assert_eq!(kind("board"), "board");
        assert_eq!(kind("reading"), "reading");
        assert_eq!(kind("ingredients"), "checklist");
        assert_eq!(kind("failures"), "checklist");
        assert_eq!(kind("plan"), "plan");
        assert_eq!(kind("closing"), "summary");
        let by_data = |data: Value| kind_of_v1_step(data.as_object().unwrap());
        assert_eq!(by_data(json!({ "id": "x", "board": {} })), "board");
        assert_eq!(by_data(json!({ "id": "x", "checklist": {} })), "checklist");
        assert_eq!(by_data(json!({ "id": "x", "plan": {} })), "plan");
        assert_eq!(by_data(json!({ "id": "x", "rounds": [{}, {}] })), "timed_pairs");
        assert_eq!(by_data(json!({ "id": "x", "rounds": [{}] })), "reading");
        assert_eq!(by_data(json!({ "id": "x" })), "info");
    }

    #[test]
    fn the_end_aimed_for_is_the_given_time_on_the_day_the_session_is_run() {
        use chrono::TimeZone;
        let programme = Programme::embedded();
        let at = |d, h, m| Local.with_ymd_and_hms(2026, 11, d, h, m, 0).single().unwrap();
        let mut s = Session::new("s1".into(), &programme, roster("A,B"), Lang::Fr, at(3, 14, 0));
        // No time given: the start plus 1 h 30, that evening only.
        assert_eq!(s.target_end(&programme, at(3, 14, 40)), Some(at(3, 15, 30)));
        assert_eq!(s.target_end(&programme, at(3, 23, 50)), Some(at(3, 15, 30)));
        assert_eq!(s.target_end(&programme, at(24, 9, 0)), None, "weeks later, no pace against the first day");
        // A time given: on the first day, and on the day it is taken up again.
        s.roster.ends_at = "16h".into();
        assert_eq!(s.target_end(&programme, at(3, 14, 40)), Some(at(3, 16, 0)));
        assert_eq!(s.target_end(&programme, at(4, 1, 0)), Some(at(3, 16, 0)), "past midnight, the same evening");
        assert_eq!(s.target_end(&programme, at(24, 9, 0)), Some(at(24, 16, 0)));
    }

    #[test]
    fn participants_are_trimmed_and_blanks_dropped() {
        assert_eq!(Roster::parse_participants(" Awa , Bénédicte,, Chen ;Dédé "), ["Awa", "Bénédicte", "Chen", "Dédé"]);
    }

    #[test]
    fn a_new_session_has_a_record_per_step_of_its_kind() {
        let s = session("A,B");
        assert_eq!(s.steps.len(), 8);
        let kinds: Vec<&str> = s.steps.iter().map(|r| r.state.kind_name()).collect();
        assert_eq!(kinds, ["info", "timed_pairs", "board", "reading", "checklist", "checklist", "plan", "summary"]);
        assert_eq!(s.steps[1].state.countdowns().len(), 2, "two speaker rounds");
        assert_eq!(s.steps[1].state.countdowns()[0].planned(), Duration::from_secs(300));
        assert_eq!(s.steps[3].state.countdowns()[0].planned(), Duration::from_secs(900));
        assert!(s.steps[0].state.countdowns().is_empty());
    }

    #[test]
    fn step_clocks_run_only_on_the_step_shown() {
        let clock = FakeClock::default();
        let mut s = session("A,B");
        s.steps[0].clock.start(clock.now());
        clock.advance(Duration::from_secs(240));
        s.go_to(1, clock.now());
        clock.advance(Duration::from_secs(60));
        assert_eq!(s.minutes_used(clock.now())[0], 4);
        assert_eq!(s.minutes_used(clock.now())[1], 1);
        assert_eq!(s.time_used(clock.now()), Duration::from_secs(300));
    }

    #[test]
    fn settling_writes_a_copy_and_leaves_the_session_as_it_is() {
        let clock = FakeClock::default();
        let mut s = session("A,B");
        s.steps[0].clock.start(clock.now());
        clock.advance(Duration::from_secs(90));
        let before = s.clone();
        let copy = s.settled(clock.now(), Local::now());
        assert_eq!(s, before, "the model is not written by a save");
        let json = serde_json::to_value(&copy).unwrap();
        assert_eq!(json["steps"][0]["clock"]["elapsed_ms"], 90_000);
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let s = session("A,B,C");
        let mut json: Value = serde_json::to_value(&s).unwrap();
        json["from_the_future"] = serde_json::json!({"x": 1});
        json["steps"][2]["whiteboard"] = serde_json::json!(["kept"]);
        json["steps"][2]["board"]["colour"] = serde_json::json!("green");
        let back: Session = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), json);
    }

    #[test]
    fn checklists_follow_the_roster() {
        let mut s = session("Awa,Bruno");
        let turns = |s: &Session, i: usize| match &s.steps[i].state {
            StepState::Checklist(c) => c.turns.iter().map(|t| t.participant.clone()).collect::<Vec<_>>(),
            other => panic!("not a checklist: {other:?}"),
        };
        assert_eq!(turns(&s, 4), ["Awa", "Bruno"]);
        let p = Programme::embedded();
        assert!(s.roster.add(" Chen "));
        s.follow_roster(&RosterChange::Changed, &p);
        assert_eq!(s.steps[1].state.countdowns().len(), 3, "a lone trio speaks in three rounds");
        let from = s.roster.rename(0, "Awa K.").unwrap();
        s.follow_roster(&RosterChange::Renamed { from, to: "Awa K.".into() }, &p);
        assert!(s.roster.remove(1));
        s.follow_roster(&RosterChange::Changed, &p);
        assert_eq!(s.steps[1].state.countdowns().len(), 2);
        assert_eq!(s.roster.participants, ["Awa K.", "Chen"]);
        assert_eq!(turns(&s, 4), ["Awa K.", "Chen"]);
        assert_eq!(turns(&s, 5).len(), 2);
    }

    #[test]
    fn records_are_realigned_by_id_and_nothing_is_dropped() {
        let p = Programme::embedded();
        let mut s = session("A,B");
        if let StepState::Reading(r) = &mut s.steps[3].state {
            r.section = 4;
        }
        s.steps.swap(2, 3);
        s.steps.remove(0);
        s.steps.push(StepRecord::new("dance", &p.steps[2].kind, 5, 5, &[]));
        // The board step's data is now of another kind.
        s.steps[2].state = p.steps[0].kind.new_state(5, 5, &[]);
        s.current_step = 42;
        s.align_with(&p);
        assert_eq!(s.steps.len(), 8);
        assert_eq!(s.steps[0].id, "welcome");
        assert!(matches!(&s.steps[3].state, StepState::Reading(r) if r.section == 4));
        assert!(matches!(&s.steps[2].state, StepState::Board(_)));
        assert!(s.steps[2].extra.contains_key("info"), "the other kind's data is kept");
        assert_eq!(s.extra["steps_no_longer_in_the_programme"][0]["id"], "dance");
        assert_eq!(s.current_step, 7);
    }

    /// A session at 14:00 of the built-in programme, and a fake clock whose
    /// time of day is the session's.
    fn at_two() -> (Session, FakeClock, Programme) {
        use chrono::TimeZone;
        let programme = Programme::embedded();
        let start = Local.with_ymd_and_hms(2026, 11, 3, 14, 0, 0).single().unwrap();
        let clock = FakeClock::at(start);
        let mut s = Session::new("s1".into(), &programme, roster("A,B,C,D"), Lang::Fr, start);
        s.steps[0].clock.start(clock.now());
        (s, clock, programme)
    }

    fn wall(clock: &FakeClock) -> DateTime<Local> {
        clock.wall().with_timezone(&Local)
    }

    /// Runs each step for `minutes[i]`, moving on after each.
    fn run_steps(s: &mut Session, clock: &FakeClock, minutes: &[u64]) {
        for (i, m) in minutes.iter().enumerate() {
            clock.advance(Duration::from_secs(m * 60));
            s.go_to(i + 1, clock.now());
            s.advance_progress(true, clock.now());
        }
    }

    #[test]
    fn the_pace_is_the_same_whichever_step_is_on_screen() {
        let (mut s, clock, p) = at_two();
        run_steps(&mut s, &clock, &[7, 14, 15, 20, 10, 12, 18]);
        clock.advance(Duration::from_secs(90));
        let at_the_end = s.pace(&p, clock.now(), wall(&clock));
        assert_eq!(at_the_end.progress, 7);
        // Walked back to the first step and forward again: nothing moves,
        // not even the time, which runs on the closing all along.
        for step in (0..8).rev().chain(0..8) {
            s.go_to(step, clock.now());
            assert_eq!(s.pace(&p, clock.now(), wall(&clock)), at_the_end, "on step {}", step + 1);
        }
        assert!(s.steps[7].clock.is_running(), "looking back is time on the step in progress");
        assert!(!s.steps[2].clock.is_running());
    }

    #[test]
    fn a_look_ahead_moves_nothing_and_a_minute_on_a_step_makes_it_the_step_in_progress() {
        let (mut s, clock, p) = at_two();
        clock.advance(Duration::from_secs(3 * 60));
        let before = s.pace(&p, clock.now(), wall(&clock));
        s.go_to(7, clock.now());
        clock.advance(Duration::from_secs(50));
        assert!(!s.advance_progress(false, clock.now()));
        assert_eq!(s.progress, 0);
        assert_eq!(s.pace(&p, clock.now(), wall(&clock)).end, before.end, "the closing shown, the end stays");
        s.go_to(1, clock.now());
        clock.advance(Duration::from_secs(60));
        assert!(s.advance_progress(false, clock.now()));
        assert_eq!(s.progress, 1);
        // Back on the welcome step, the pairs stay the step in progress.
        s.go_to(0, clock.now());
        assert!(!s.advance_progress(true, clock.now()));
        assert_eq!(s.progress, 1);
    }

    #[test]
    fn on_time_the_fit_changes_no_minute() {
        let (mut s, clock, p) = at_two();
        run_steps(&mut s, &clock, &[5, 10, 15, 15, 10, 10]);
        // At the plan (step 7), on time: every plan stays.
        clock.advance(Duration::from_secs(4 * 60));
        let pace = s.pace(&p, clock.now(), wall(&clock));
        assert_eq!(pace.late, Some(0));
        assert_eq!(pace.end, pace.target.unwrap());
        assert_eq!(s.fit_plans(&p, clock.now(), wall(&clock)), Ok(s.plans(&p)));
    }

    #[test]
    fn behind_the_fit_lands_the_end_on_the_target() {
        let (mut s, clock, p) = at_two();
        run_steps(&mut s, &clock, &[9, 17, 21]);
        clock.advance(Duration::from_secs(2 * 60 + 40));
        let at = wall(&clock);
        assert!(s.pace(&p, clock.now(), at).late.unwrap() > 0);
        let plans = s.fit_plans(&p, clock.now(), at).unwrap();
        s.apply_plans(&p, &plans, clock.now());
        let pace = s.pace(&p, clock.now(), at);
        assert_eq!(pace.late, Some(0), "{pace:?}");
        assert_eq!(s.steps[3].state.countdowns()[0].planned(), Duration::from_secs(plans[3] * 60));
    }

    #[test]
    fn a_countdown_left_at_zero_stops_with_its_step_and_waits_there() {
        let (mut s, clock, _) = at_two();
        s.go_to(1, clock.now());
        s.steps[1].state.countdowns_mut()[0].start(clock.now());
        clock.advance(Duration::from_secs(5 * 60 + 20));
        s.go_to(2, clock.now());
        clock.advance(Duration::from_secs(600));
        let round = &s.steps[1].state.countdowns()[0];
        assert!(!round.is_running(), "stopped when its step was left");
        assert_eq!(round.remaining_ms(clock.now()), -20_000, "its overrun kept as it was");
        assert!(!s.countdown_running());
        // One still counting down runs on, and stops at zero when it gets there.
        s.steps[3].state.countdowns_mut()[0].start(clock.now());
        clock.advance(Duration::from_secs(15 * 60 + 5));
        assert!(s.stop_away_from_their_step(clock.now()));
        assert_eq!(s.steps[3].state.countdowns()[0].remaining_ms(clock.now()), 0);
    }

    #[test]
    fn a_finished_session_is_reviewed_as_it_ended() {
        let (mut s, clock, p) = at_two();
        run_steps(&mut s, &clock, &[5, 10, 15, 15, 10, 10, 20]);
        clock.advance(Duration::from_secs(7 * 60));
        assert!(s.finish_if_done(clock.now(), wall(&clock)));
        let ended = s.pace(&p, clock.now(), wall(&clock));
        assert!(ended.finished);
        assert_eq!(ended.late, Some(2));
        let mut read: Session = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
        clock.advance(Duration::from_secs(3 * 24 * 3600));
        read.align_with(&p);
        read.resume_after_load(clock.now());
        read.go_to(2, clock.now());
        clock.advance(Duration::from_secs(600));
        assert_eq!(read.pace(&p, clock.now(), wall(&clock)), ended, "no clock runs, nothing moves");
        assert_eq!(read.current_step, 2);
    }

    #[test]
    fn older_files_get_their_step_in_progress_from_their_clocks() {
        let (mut s, clock, p) = at_two();
        run_steps(&mut s, &clock, &[5, 10, 15, 15]);
        s.go_to(1, clock.now());
        let mut json = serde_json::to_value(s.settled(clock.now(), wall(&clock))).unwrap();
        json.as_object_mut().unwrap().remove("progress");
        let mut read: Session = serde_json::from_value(json).unwrap();
        read.align_with(&p);
        assert_eq!(read.progress, 3);
        assert!(read.finished_at.is_none());
    }

    #[test]
    fn the_target_is_an_instant_a_new_zone_does_not_move() {
        let (mut s, _, p) = at_two();
        s.roster.ends_at = "15:45".into();
        s.fix_target(&p);
        let target = s.target.unwrap();
        // The same instant written in another zone still says 15:45 where
        // it was set, so it stands.
        let elsewhere = target.with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).unwrap());
        s.target = Some(elsewhere);
        assert!(s.target_is_current(&p, &target));
        assert_eq!(s.target_end(&p, s.created_at), Some(target.with_timezone(&Local)));
        s.roster.ends_at = "16:00".into();
        s.fix_target(&p);
        assert_ne!(s.target, Some(target));
    }

    #[test]
    fn sleep_given_back_comes_off_the_step_in_progress() {
        let (mut s, clock, p) = at_two();
        run_steps(&mut s, &clock, &[5]);
        s.steps[1].state.countdowns_mut()[0].start(clock.now());
        clock.advance(Duration::from_secs(60));
        clock.sleep(Duration::from_secs(20 * 60));
        assert_eq!(s.pace(&p, clock.now(), wall(&clock)).steps[1], 21);
        s.give_back(Duration::from_secs(20 * 60), clock.now());
        assert_eq!(s.pace(&p, clock.now(), wall(&clock)).steps[1], 1);
        assert_eq!(s.steps[1].state.countdowns()[0].remaining_ms(clock.now()), 4 * 60_000);
    }

    #[test]
    fn a_break_pauses_what_ran_and_starts_it_again_and_counts_in_the_session() {
        let clock = FakeClock::default();
        let mut s = session("A,B,C,D");
        s.steps[0].clock.start(clock.now());
        s.go_to(1, clock.now());
        s.steps[1].state.countdowns_mut()[0].start(clock.now());
        clock.advance(Duration::from_secs(60));
        assert!(s.toggle_break(clock.now()));
        clock.advance(Duration::from_secs(600));
        assert!(!s.countdown_running(), "everything paused");
        assert_eq!(s.minutes_used(clock.now())[1], 1, "the step's clock stopped");
        assert_eq!(s.break_time(clock.now()), Duration::from_secs(600));
        let saved: Session =
            serde_json::from_value(serde_json::to_value(s.settled(clock.now(), Local::now())).unwrap()).unwrap();
        assert!(saved.on_break.is_some(), "a break survives a reopen");
        s.toggle_break(clock.now());
        assert!(s.steps[1].state.countdowns()[0].is_running(), "what ran runs again");
        assert!(s.steps[1].clock.is_running());
        assert_eq!(s.breaks, [Break { step: 1, elapsed_ms: 600_000 }]);
        assert_eq!(s.time_used(clock.now()), Duration::from_secs(660));
        let start = s.created_at;
        let pace = s.pace(&Programme::embedded(), clock.now(), start + chrono::Duration::minutes(11));
        assert_eq!(pace.breaks, 10);
        assert_eq!(pace.late, Some(10), "the break makes the room late: the pairs' time is still to come");
    }
}
