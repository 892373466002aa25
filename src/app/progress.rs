//! The session's clock as the app drives it: the fit of the steps left
//! into the time left, the bells of countdowns at zero, the step in
//! progress, the end of a session, what the computer's clocks did, and when
//! the screen next changes. The arithmetic is `pace`'s and the session's.

use std::rc::Rc;
use std::time::{Duration, Instant};

use super::{App, ClockNews, Effect, FitPreview, Notice, SAVE_RETRY};

impl App {
    /// `=`: the preview of the fit, or a word when there is nothing to fit
    /// (ended, on time, no end to aim for).
    pub(super) fn ask_for_fit(&mut self, now: Instant) {
        let pace = self.run().map(|r| r.session.pace(self.programme(), now, self.wall()));
        let fitted = self.run().is_some_and(|r| !r.session.fitted.is_empty());
        if pace.as_ref().is_some_and(|p| p.finished) {
            self.notice = Some(Notice::Word("fit-finished", String::new()));
        } else if !fitted && pace.as_ref().is_some_and(|p| p.late == Some(0)) {
            self.notice = Some(Notice::Word("fit-on-time", String::new()));
        } else if pace.as_ref().is_some_and(|p| p.target.is_some()) {
            self.fit = self.fit_preview(now);
        } else if self.run().is_some_and(|r| !r.read_only) {
            // Taken up another day with no end given: there is nothing to
            // fit into until the welcome step gets one.
            self.notice = Some(Notice::Word("fit-no-target", String::new()));
        }
    }

    /// How the steps left would fit the time left, as of now.
    pub(super) fn fit_preview(&self, now: Instant) -> Option<FitPreview> {
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
    pub(super) fn apply_fit(&mut self, now: Instant) {
        let Some(FitPreview { after: Some(plans), .. }) = self.fit.take() else { return };
        let workshop = Rc::clone(&self.workshop);
        let Some(run) = self.run_mut().filter(|r| !r.read_only) else { return };
        run.session.apply_plans(&workshop.programme, &plans, now);
        self.save();
    }

    /// Rings once for every countdown that reached zero, wherever it is:
    /// a reading left running while the facilitator shows the agenda still
    /// rings on time.
    pub(super) fn ring_what_reached_zero(&mut self, now: Instant) {
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
    pub(super) fn advance_progress(&mut self, acted: bool, now: Instant) {
        if let Some(run) = self.run_mut().filter(|r| !r.read_only)
            && run.session.advance_progress(acted, now)
        {
            self.save();
        }
    }

    /// Leaving a session on its last step ends it (see
    /// [`Session::finish_if_done`]).
    pub(super) fn finish_if_done(&mut self, now: Instant) {
        let at = self.wall();
        if let Some(run) = self.run_mut().filter(|r| !r.read_only) {
            run.session.finish_if_done(now, at);
        }
    }

    /// Says what the computer's clocks did, on a session that runs.
    pub(super) fn tell(&mut self, news: Vec<ClockNews>) {
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
