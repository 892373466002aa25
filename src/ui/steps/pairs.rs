//! Pair sharing: who talks with whom, who speaks now, and what to talk
//! about, under the big clock.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{
    clock_rows, clock_share, draw_countdown, draw_scrolled, instructions, numbered, panel, started_on_a_small_screen,
};
use crate::app::{App, Message, Run};
use crate::steps::Action;
use crate::steps::pairs::{Def, State, speaker_round, speakers_of};
use crate::ui::binding::{Binding, ENTER, SCROLL_DOWN, SCROLL_UP, bind, ch};
use crate::ui::layout::Split;
use crate::ui::{Theme, clean, wrapped};

const TIMER: Binding = bind(&[ch(' ')], "key-space", "action-timer", Message::Step(Action::ToggleTimer), 2);
const MORE: Binding = bind(&[ch('+')], "key-plus", "action-more", Message::Step(Action::AdjustMinutes(1)), 0);
const LESS: Binding =
    bind(&[ch('-'), ch('_')], "key-minus", "action-less", Message::Step(Action::AdjustMinutes(-1)), 0);
const SWAP: Binding = bind(&[ENTER], "key-enter", "action-swap", Message::Step(Action::NextRound), 2);
/// Before anyone has spoken, Enter starts the first round.
const START: Binding = bind(&[ENTER], "key-enter", "action-start-round", Message::Step(Action::NextRound), 0);

pub(super) fn keys(state: &State) -> Vec<Binding> {
    let mut keys = vec![TIMER, MORE, LESS, SCROLL_DOWN, SCROLL_UP];
    if state.current().is_some_and(|c| c.is_fresh()) {
        keys.push(START);
    } else if state.has_next_round() {
        keys.push(SWAP);
    }
    keys
}

#[allow(clippy::too_many_arguments)]
// Whole: one screen's layout, read top to bottom as it is drawn; its parts share the rows.
pub(super) fn draw(
    app: &App,
    run: &Run,
    def: &Def,
    state: &State,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) -> u16 {
    let tr = app.tr();
    let now = app.now();
    let round = state.round;
    let rounds = state.rounds.len();
    // Each speaker's time as the countdown has it, fitted or not.
    let length = state.current().or(state.rounds.first()).map(|c| tr.length(c.planned())).unwrap_or_default();
    let (intro, intro_height) =
        instructions(tr.args(&def.intro, &[("length", length.as_str().into())]), theme.dim, area);
    let intro_height = if started_on_a_small_screen(&state.rounds, now, area) { 0 } else { intro_height };
    let [intro_area, rest] = Split::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    let groups = run.session.pairs();
    let speakers = |r: usize| -> String {
        let names: Vec<String> = groups.iter().flat_map(|g| speakers_of(g, r, rounds)).map(clean).collect();
        names.join(", ")
    };
    let cue = state.current().filter(|c| c.is_over(now)).map(|_| {
        if round + 1 < rounds {
            let next = speakers(round + 1);
            let next = if next.is_empty() { tr.t("pairs-next-speakers") } else { next };
            tr.args("pairs-swap", &[("names", next.as_str().into())])
        } else {
            tr.t("pairs-done")
        }
    });
    let cue = cue.map(|cue| wrapped(Span::styled(format!(" {cue} "), theme.alert.add_modifier(Modifier::REVERSED))));
    let cue_height = cue.as_ref().map_or(0, |c| c.line_count(rest.width).min(3) as u16);
    // The clock across the whole width, as tall as it can be read from the
    // back; the swap cue under it; the pairs and the questions below, side
    // by side, or one above the other on a narrow screen.
    // What goes under the clock needs as many rows as the questions take
    // beside the pairs (or under them on a narrow screen), and the pairs.
    let prompts: Vec<Line> = def.prompts.iter().enumerate().map(|(i, id)| numbered(i + 1, tr.t(id), theme)).collect();
    let side_by_side = rest.width >= 70;
    // The pairs as wide as their longest line (up to a little more than half the width), so
    // that each takes one line; the questions have the rest.
    let longest = groups
        .iter()
        .map(|g| g.iter().map(|n| clean(n).width() + 3).sum::<usize>().saturating_sub(3) + 2)
        .max()
        .unwrap_or(0) as u16;
    let pairs_width = longest.max(rest.width * 2 / 5).min(rest.width * 11 / 20);
    let prompts_width = if side_by_side { rest.width - pairs_width - 1 } else { rest.width }.saturating_sub(2);
    let prompts_rows = wrapped(prompts.clone()).line_count(prompts_width) as u16 + 1;
    let pairs_rows = groups.len() as u16 + 2;
    let below_needs = if side_by_side { prompts_rows.max(pairs_rows) } else { prompts_rows + pairs_rows } + cue_height;
    // Below a large screen, the clock gives rows to what must be read: every
    // pair always, and from 98×26 up every question too (on a smaller
    // projector they scroll, with their sign); down to a third of the step
    // (a quarter and its two lines of words on a small projector).
    let must = if area.height >= 23 { below_needs } else { pairs_rows + cue_height };
    let mut share = clock_share(area, rest, below_needs);
    if area.height < 30 && rest.height.saturating_sub(share) < must {
        let least = if area.height >= 23 { area.height / 3 } else { area.height / 4 + 2 };
        share = rest.height.saturating_sub(must).max(least).min(share);
    }
    let [clock_area, cue_area, below] = Split::vertical([
        Constraint::Length(clock_rows(rest.width, share)),
        Constraint::Length(cue_height),
        Constraint::Fill(1),
    ])
    .areas(rest);
    let [pairs_area, prompts_area] = if side_by_side {
        Split::horizontal([Constraint::Length(pairs_width), Constraint::Fill(1)]).spacing(1).areas(below)
    } else {
        Split::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(below)
    };
    if let Some(countdown) = state.current() {
        let label = Line::from(vec![
            Span::styled(
                tr.args("pairs-round", &[("round", (round + 1).into()), ("rounds", rounds.into())]),
                theme.title,
            ),
            Span::raw(" — "),
            Span::raw(tr.args("pairs-speaker", &[("speaker", ["first", "second", "third"][round.min(2)].into())])),
        ]);
        draw_countdown(app, countdown, label, theme, frame, clock_area);
    }
    // The swap cue: unmistakable, with the names of who speaks next.
    if let Some(cue) = cue {
        frame.render_widget(cue.alignment(Alignment::Center), cue_area);
    }

    // One person alone is no pair: only groups of two or three count.
    // A trio is counted as one, not as a pair: « 2 binômes, 1 trio ».
    let pairs = groups.iter().filter(|g| g.len() == 2).count();
    let trios = groups.iter().filter(|g| g.len() == 3).count();
    let mut title = Vec::new();
    if pairs > 0 || trios == 0 {
        title.push(tr.args("pairs-title", &[("count", pairs.into())]));
    }
    if trios > 0 {
        title.push(tr.args("pairs-trios", &[("count", trios.into())]));
    }
    let pairs_inner = panel(&title.join(", "), theme, frame, pairs_area);
    let mut lines = Vec::new();
    // Pairs need two people: one alone is told why, not paired with nobody.
    match run.session.roster.participants.len() {
        0 => lines.push(Line::styled(tr.t("pairs-no-roster"), theme.dim)),
        1 => lines.push(Line::styled(tr.t("pairs-alone"), theme.alert)),
        _ => {}
    }
    for group in groups.iter().filter(|g| g.len() > 1) {
        let mut spans = Vec::new();
        for (i, name) in group.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" ↔ ", theme.dim));
            }
            let speaking = speaker_round(group.len(), i, rounds) == Some(round);
            let style = if speaking { theme.accent } else { theme.text };
            // A name is never split across two lines: its spaces do not break.
            spans.push(Span::styled(clean(name).replace(' ', "\u{a0}"), style));
        }
        lines.push(Line::from(spans));
        if group.len() == 3 {
            let trio = if rounds >= 3 { "pairs-trio-three-rounds" } else { "pairs-trio" };
            lines.push(Line::styled(format!("  {}", tr.t(trio)), theme.dim));
        }
    }
    // The pairs and the questions scroll together when they do not fit.
    let pairs_max = draw_scrolled(app, lines, app.scroll, theme, frame, pairs_inner);

    let prompts_inner = panel(&tr.t("pairs-prompts-title"), theme, frame, prompts_area);
    let lines = prompts;
    pairs_max.max(draw_scrolled(app, lines, app.scroll, theme, frame, prompts_inner))
}
