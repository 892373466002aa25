//! What the facilitator's screen shows when a wall shows the room's view:
//! the agenda with its times, what comes next, the guide's advice for the
//! step, and a private turn's ticks, which the wall keeps hidden.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

use super::steps::panel;
use super::{Theme, clean, wrapped};
use crate::app::{App, Run};
use crate::steps::Step;
use crate::ui::layout::Split;

/// Draws the facilitator's panel beside the step (below it on a narrow
/// screen) and returns the room left for the step.
pub fn draw_facilitator(app: &App, run: &Run, theme: &Theme, frame: &mut Frame, area: Rect) -> Rect {
    let [step_area, side] = if area.width >= 110 {
        let width = (area.width / 3).clamp(40, 60);
        Split::horizontal([Constraint::Fill(1), Constraint::Length(width)]).spacing(1).areas(area)
    } else {
        Split::vertical([Constraint::Fill(1), Constraint::Length(area.height * 2 / 5)]).areas(area)
    };
    let inner = panel(&app.tr().t("wall-facilitator-title"), theme, frame, side);
    frame.render_widget(wrapped(facilitator_lines(app, run, theme)), inner);
    step_area
}

/// The panel's lines, most useful first: the private ticks, the advice,
/// what comes next, then the agenda with its times.
pub(crate) fn facilitator_lines<'a>(app: &App, run: &Run, theme: &Theme) -> Vec<Line<'a>> {
    let tr = app.tr();
    let session = &run.session;
    let programme = app.programme();
    let mut lines = Vec::new();
    if let Some(Step::Checklist(def, checklist)) = app.step()
        && checklist.private
        && let Some(turn) = checklist.current_turn()
    {
        let name = if turn.participant.is_empty() { tr.t("checklist-group") } else { clean(&turn.participant) };
        lines.push(Line::styled(tr.args("wall-private-ticks", &[("name", name.as_str().into())]), theme.title));
        let ticked: Vec<Line> = def
            .items
            .iter()
            .filter(|i| turn.ticked.contains(&i.id))
            .map(|i| Line::styled(format!("[×] {}", tr.t(&i.text)), theme.text))
            .collect();
        if ticked.is_empty() {
            lines.push(Line::styled(tr.t("wall-private-none"), theme.dim));
        }
        lines.extend(ticked);
        lines.push(Line::default());
    }
    let step = &programme.steps[session.current_step];
    let advice = format!("{}-facilitator", step.title);
    if app.workshop.texts.has(app.lang, &advice, None) {
        lines.push(Line::styled(tr.t("wall-advice"), theme.title));
        lines.push(Line::styled(tr.t(&advice), theme.text));
        lines.push(Line::default());
    }
    if let Some(next) = programme.steps.get(session.current_step + 1) {
        let title = tr.args("wall-next", &[("title", tr.t(&next.title).as_str().into())]);
        lines.push(Line::styled(title, theme.title));
        lines.push(Line::styled(tr.t(&next.summary), theme.dim));
        lines.push(Line::default());
    }
    lines.push(Line::styled(tr.t("wall-agenda"), theme.title));
    // Done steps are ticked; the one in progress and those ahead show when
    // they start at this pace, with their plans (fitted when fitted), and
    // the last line when it all ends: the one clock, whatever the step
    // on screen.
    let now = app.now();
    let pace = super::pace_of(app, run, now);
    let plans = session.plans(programme);
    let used = session.step_times(now);
    let starts = session.reading(programme, &plans, &used, now, super::read_at(app, run)).starts();
    let times: Vec<String> = (0..programme.steps.len())
        .map(|i| i.checked_sub(pace.progress).map(|ahead| super::clock_time(&tr, starts[ahead])).unwrap_or_default())
        .collect();
    // French hours are not padded (« 9 h 05 »): the column is. The mark
    // comes first, as a wrapped line loses its leading spaces.
    let width = times.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    for (i, step) in programme.steps.iter().enumerate() {
        let (mark, style) = match i.cmp(&pace.progress) {
            std::cmp::Ordering::Less => ("✓", theme.dim),
            std::cmp::Ordering::Equal if pace.finished => ("✓", theme.dim),
            std::cmp::Ordering::Equal => ("▶", theme.accent),
            std::cmp::Ordering::Greater => ("·", theme.text),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} {:<width$} ", times[i]), style),
            Span::styled(tr.t(&step.title), style),
            Span::styled(format!(" · {}", tr.minutes(plans[i])), theme.dim),
        ]));
    }
    let end = super::clock_time(&tr, pace.end);
    lines.push(Line::styled(format!("■ {end}"), theme.dim));
    lines
}
