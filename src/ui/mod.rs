//! Drawing the state: `view` is a pure function of the [`App`].
//!
//! The frame is a header (the step, its clock and the session's budget), the
//! step's own screen, and a footer with the keys that matter here.

mod binding;
pub mod clock;
mod entry;
pub(crate) mod fit;
pub mod keys;
mod layout;
mod room;
mod steps;
pub mod theme;
mod trend;
mod wall;

pub use theme::{Theme, ThemeName};

pub use crate::text::clean;

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::{App, Home, Notice, Run, Screen, Target};
use crate::i18n::Tr;
use crate::listing::Listed;
use crate::programme::Programme;
use crate::timer::format_countdown;
use crate::ui::fit::{fit, truncate};
use crate::ui::layout::Split;

/// Below this size the screen asks to be enlarged instead of drawing a
/// mangled session.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub use crate::app::Viewed;

pub fn view(app: &App, frame: &mut Frame) -> Viewed {
    let theme = Theme::of(app.theme, app.colour);
    let viewed = draw(app, &theme, frame);
    // What a widget cleared (the text entry clears its box) would show the
    // terminal's own colours, unknown and often unreadable with the
    // theme's: the theme's paper and ink go there too.
    let (ink, paper) = (theme.base.fg, theme.base.bg);
    for cell in frame.buffer_mut().content.iter_mut() {
        if let (Color::Reset, Some(ink)) = (cell.fg, ink) {
            cell.fg = ink;
        }
        if let (Color::Reset, Some(paper)) = (cell.bg, paper) {
            cell.bg = paper;
        }
    }
    viewed
}

fn draw(app: &App, theme: &Theme, frame: &mut Frame) -> Viewed {
    let mut viewed = Viewed::default();
    let area = frame.area();
    let theme = *theme;
    let tr = app.tr();
    // No block of the theme's colours under everything: `view` gives them
    // to every cell no widget coloured, at the end, and a style set over
    // the whole screen is a good part of a frame's work.
    // A blank screen for the clicker's « blank » key: the room looks at the
    // people, not at the wall.
    if app.blank {
        return viewed;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = tr.args(
            "too-small",
            &[("width", MIN_WIDTH.to_string().as_str().into()), ("height", MIN_HEIGHT.to_string().as_str().into())],
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).style(theme.accent), area);
        return viewed;
    }
    let [header, body, footer] =
        Split::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    match &app.screen {
        Screen::Home(home) => {
            draw_home_header(&tr, &theme, frame, header);
            draw_home(app, home, &theme, frame, body);
        }
        Screen::Session(run) => {
            draw_header(app, run, &theme, frame, header);
            // With a wall open, the facilitator's screen gives a side of
            // itself to what helps run the session.
            let body =
                if app.wall_open && !app.wall { wall::draw_facilitator(app, run, &theme, frame, body) } else { body };
            if run.session.on_break.is_some() {
                steps::draw_break(app, run, &theme, frame, body);
            } else {
                viewed.scroll_max = steps::draw_step(app, run, &theme, frame, body);
            }
        }
        Screen::Trend(view) => {
            draw_home_header(&tr, &theme, frame, header);
            viewed.scroll_max = trend::draw_trend(app, view, &theme, frame, body);
        }
    }
    if app.wall {
        draw_wall_footer(app, &theme, frame, footer);
    } else {
        // The room open, its panel hidden: a word at the footer's end.
        let footer = room::draw_badge(app, &theme, frame, footer);
        draw_footer(app, &theme, frame, footer);
    }
    if let Some(entry) = &app.entry {
        entry::draw(app, entry, &theme, frame, body);
    }
    if let (Some(fit), Screen::Session(run)) = (&app.fit, &app.screen) {
        draw_fit(app, run, fit, &theme, frame, body);
    }
    if let Some(view) = app.room.as_ref().filter(|r| r.shown && app.run().is_some()) {
        room::draw(app, view, &theme, frame, Rect { height: area.height.saturating_sub(1), ..area });
    }
    if app.help_open {
        draw_help(app, &theme, frame, body);
    }
    viewed
}

/// The step, its clock and the session's budget.
// Whole: its two lines share one width, and what gives way on one depends on the other.
fn draw_header(app: &App, run: &Run, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let now = app.now();
    let session = &run.session;
    let index = session.current_step;
    let step = &app.programme().steps[index];
    let total = app.programme().steps.len();

    let title = Line::from(vec![
        Span::styled(format!("{}/{} ", index + 1, total), theme.dim),
        Span::styled(tr.t(&step.title), theme.title),
    ]);
    // The countdown always shows; the group's name takes what room is left.
    let mut right = Vec::new();
    if run.read_only && !app.wall {
        right.push(Span::styled(
            format!(" {} ", tr.t("header-read-only")),
            theme.alert.add_modifier(Modifier::REVERSED),
        ));
    }
    // A countdown left running on another step is named with its time
    // (it stops at zero: its overrun is its step's, shown there).
    for (record, other) in session.steps.iter().zip(&app.programme().steps) {
        let running = record.state.countdowns().iter().find(|c| c.is_running() && !c.is_over(now));
        if let (false, Some(countdown)) = (record.id == session.current().id, running) {
            let remaining = countdown.remaining_ms(now);
            right.push(Span::styled(format!(" {} {} ", tr.t(&other.title), format_countdown(remaining)), theme.accent));
        }
    }
    let pace = pace_of(app, run, now);
    if let Some(on_break) = &session.on_break {
        let elapsed = on_break.clock.elapsed(now).as_millis() as i64;
        let text = format!(" {} {} ", tr.t("header-break"), format_countdown(elapsed).trim_start_matches('+'));
        right.push(Span::styled(text, theme.alert.add_modifier(Modifier::REVERSED)));
    } else if let Some(countdown) = session.current().state.countdown() {
        let remaining = countdown.remaining_ms(now);
        let style = if remaining <= 0 { theme.alert } else { theme.accent };
        right.push(Span::styled(format!(" {} ", format_countdown(remaining)), style.add_modifier(Modifier::REVERSED)));
    } else {
        // An untimed step shows its time against its budget just as big.
        let used = pace.steps[index];
        let plan = session.plan_of(step);
        let style = if used >= plan { theme.alert } else { theme.accent };
        let text = tr.args("header-step-budget", &[("used", used.into()), ("planned", plan.into())]);
        right.push(Span::styled(format!(" {text} "), style.add_modifier(Modifier::REVERSED)));
    }
    // The title gives way before the clocks, cut at a word with « … »
    // (the whole of it is in the agenda and the help), never mid-word
    // under the right side drawn over it.
    let right_width = right.iter().map(Span::width).sum::<usize>();
    let title_room = (area.width as usize).saturating_sub(right_width + 1);
    let title = if title.width() > title_room {
        let number = format!("{}/{} ", index + 1, total);
        let cut = truncate(&tr.t(&step.title), title_room.saturating_sub(number.len()));
        Line::from(vec![Span::styled(number, theme.dim), Span::styled(cut, theme.title)])
    } else {
        title
    };
    let room = (area.width as usize).saturating_sub(title.width() + right_width + 3);
    let group = clean(&session.roster.group);
    if !group.is_empty() && room >= 6 {
        let gap = if right.is_empty() { "" } else { "  " };
        right.insert(0, Span::styled(format!("{}{gap}", truncate(&group, room - 2)), theme.dim));
    }
    let [line1, line2] = Split::vertical([Constraint::Length(1); 2]).areas(area);
    frame.render_widget(Paragraph::new(title), line1);
    frame.render_widget(Paragraph::new(Line::from(right)).alignment(Alignment::Right), line1);

    let step_used = pace.steps[index];
    let plan = session.plan_of(step);
    let step_clock = tr.args("header-step-clock", &[("used", step_used.into()), ("planned", plan.into())]);
    let step_style = if step_used >= plan { theme.alert } else { theme.text };
    // The step's own clock, unless the line above already shows it (an
    // untimed step), then what comes next when there is room for it.
    let timed = session.current().state.countdown().is_some() || session.on_break.is_some();
    let mut left = Vec::new();
    if timed {
        left.push(Span::styled(step_clock, step_style));
    }
    if let Some(next) = app.programme().steps.get(index + 1) {
        let next = tr.args("header-next", &[("title", tr.t(&next.title).as_str().into())]);
        let gap = if left.is_empty() { "" } else { " · " };
        left.push(Span::styled(format!("{gap}{next}"), theme.dim));
    }
    // The budget gives up its least useful parts until both fit; the next
    // step's title goes first.
    let mut budget = budget_spans(app, run, &pace, theme);
    let fits = |left: &[Span], budget: &[Span]| {
        left.iter().map(Span::width).sum::<usize>() + 2 + budget.iter().map(Span::width).sum::<usize>()
            <= line2.width as usize
    };
    if !fits(&left, &budget) {
        left.truncate(usize::from(timed));
    }
    while !budget.is_empty() && !fits(&left, &budget) {
        budget.truncate(budget.len().saturating_sub(2));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), line2);
    frame.render_widget(Paragraph::new(Line::from(budget)).alignment(Alignment::Right), line2);
}

/// The session's clock as this screen reads it (see [`read_at`]).
pub(crate) fn pace_of(app: &App, run: &Run, now: Instant) -> crate::pace::Pace<chrono::Local> {
    run.session.pace(app.programme(), now, read_at(app, run))
}

/// The time of day this screen reads the session's clock at: now for a
/// session under way (or followed live on a wall); for one only looked at,
/// its last save, its clocks standing as they were then.
pub(crate) fn read_at(app: &App, run: &Run) -> chrono::DateTime<chrono::Local> {
    if run.read_only && !(app.wall && app.live) { run.session.updated_at } else { app.wall() }
}

/// When the session ends at this pace (or ended), how that stands against
/// the end it aims for, that end, and the time used, most useful first,
/// with separators between; each gives way, from the last, when the line
/// is short.
fn budget_spans<'a>(app: &App, run: &Run, pace: &crate::pace::Pace<chrono::Local>, theme: &Theme) -> Vec<Span<'a>> {
    let tr = app.tr();
    let used_text = tr.args(
        "header-session-used",
        &[("used", tr.minutes(pace.used).as_str().into()), ("planned", tr.minutes(pace.planned).as_str().into())],
    );
    let (ended, under_way) = (pace.finished, !run.read_only || app.wall);
    let mut spans = Vec::new();
    if ended || under_way {
        let id = if ended { "header-ended" } else { "header-ends" };
        spans.push(Span::styled(tr.args(id, &[("time", clock_time(&tr, pace.end).as_str().into())]), theme.text));
    }
    // Ahead or behind only against an end to aim for that day.
    if let (Some(late), Some(target)) = (pace.late, pace.target) {
        let minutes = tr.minutes(late.unsigned_abs());
        let (text, style) = match late {
            0 => (tr.t("header-on-time"), theme.dim),
            m if m > 0 => (tr.args("header-behind", &[("late", minutes.as_str().into())]), theme.alert),
            _ => (tr.args("header-ahead", &[("late", minutes.as_str().into())]), theme.dim),
        };
        spans.extend([Span::styled(" · ", theme.dim), Span::styled(text, style)]);
        if late != 0 {
            let target_text = tr.args("header-target", &[("time", clock_time(&tr, target).as_str().into())]);
            spans.extend([Span::styled(" · ", theme.dim), Span::styled(target_text, theme.dim)]);
        }
    }
    spans.extend([Span::styled(" · ", theme.dim), Span::styled(used_text, theme.text)]);
    if spans.first().is_some_and(|s| s.content == " · ") {
        spans.remove(0);
    }
    spans
}

/// A zone's offset as people read it: `UTC+1`, `UTC-3:30`.
fn utc_offset(offset: chrono::FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let (sign, seconds) = (if seconds < 0 { '-' } else { '+' }, seconds.unsigned_abs());
    match seconds % 3600 / 60 {
        0 => format!("UTC{sign}{}", seconds / 3600),
        minutes => format!("UTC{sign}{}:{minutes:02}", seconds / 3600),
    }
}

/// A time of day as the language writes it: `16 h 12`, `16:12`.
pub(crate) fn clock_time(tr: &Tr, at: chrono::DateTime<chrono::Local>) -> String {
    use chrono::Timelike;
    let minutes = format!("{:02}", at.minute());
    tr.args("clock-time", &[("hours", u64::from(at.hour()).into()), ("minutes", minutes.as_str().into())])
}

/// The keys that matter on this screen, as many as fit, and any notice.
fn draw_footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    if let Some(notice) = &app.notice {
        // Longer than the line: it ends with « … », and `?` shows it whole.
        let text = truncate(&notice_text(notice, &tr, app), area.width as usize);
        frame.render_widget(Paragraph::new(text).style(theme.alert.add_modifier(Modifier::REVERSED)), area);
        return;
    }
    let hints: Vec<(u8, [Span; 2])> = keys::bindings(app)
        .iter()
        .filter(|b| b.footer > 0)
        .map(|b| {
            // The footer names a key by its first symbol: `→` for `→ PgDn`.
            let label = tr.t(b.label).split_whitespace().next().unwrap_or_default().to_string();
            let action = tr.attr(b.action, "short");
            (
                b.footer,
                [Span::styled(format!(" {label}"), theme.selected), Span::styled(format!(" {action} "), theme.dim)],
            )
        })
        .collect();
    // The most important hints that fit, shown in their usual order.
    let mut priorities: Vec<u8> = hints.iter().map(|(p, _)| *p).collect();
    priorities.sort_unstable();
    let mut room = area.width as usize;
    let mut kept = vec![false; hints.len()];
    for priority in priorities {
        for (i, (p, spans)) in hints.iter().enumerate() {
            let cost = spans[0].width() + spans[1].width();
            if *p == priority && !kept[i] && cost <= room {
                kept[i] = true;
                room -= cost;
            }
        }
    }
    let spans: Vec<Span> = hints.into_iter().zip(kept).filter(|(_, k)| *k).flat_map(|((_, s), _)| s).collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The preview of `=`: each step from the one on screen, its plan before
/// and after, and the end before and after; or why nothing can fit.
fn draw_fit(app: &App, run: &Run, fit: &crate::app::FitPreview, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &run.session;
    let mut lines = Vec::new();
    let minutes = |m: u64| tr.minutes(m);
    for (i, step) in app.programme().steps.iter().enumerate().skip(session.current_step) {
        let before = fit.before.get(i).copied().unwrap_or(step.minutes);
        let after = fit.after.as_ref().and_then(|a| a.get(i).copied()).unwrap_or(before);
        let style = if after == before { theme.dim } else { theme.text };
        let line = tr.args(
            "fit-step",
            &[
                ("title", tr.t(&step.title).as_str().into()),
                ("before", minutes(before).as_str().into()),
                ("after", minutes(after).as_str().into()),
            ],
        );
        lines.push(Line::styled(line, style));
    }
    lines.push(Line::default());
    let target = session.target_end(app.programme(), app.wall()).map(|t| clock_time(&tr, t)).unwrap_or_default();
    match &fit.after {
        Some(_) => {
            let end = tr.args(
                "fit-end",
                &[
                    ("before", clock_time(&tr, fit.end_before).as_str().into()),
                    ("after", clock_time(&tr, fit.end_after).as_str().into()),
                    ("target", target.as_str().into()),
                ],
            );
            lines.push(Line::styled(end, theme.title));
            lines.push(Line::styled(tr.t("fit-keys"), theme.dim));
        }
        None => {
            let earliest = clock_time(&tr, fit.end_after);
            lines.push(Line::styled(tr.args("fit-too-late", &[("earliest", earliest.as_str().into())]), theme.alert));
        }
    }
    let width = area.width.min(76);
    let body = wrapped(lines.clone());
    let height = (body.line_count(width.saturating_sub(2)) as u16 + 2).min(area.height);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let title = if fit.back { tr.t("fit-title-back") } else { tr.t("fit-title") };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .style(theme.base)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // Taller than the screen (a long programme on a small one): it scrolls.
    steps::draw_scrolled(app, lines, app.scroll, theme, frame, inner);
}

/// A wall has no keys to show: its last line only says when the session
/// is no longer running there.
fn draw_wall_footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if !app.live {
        let text = app.tr().t("wall-not-running");
        frame.render_widget(Paragraph::new(text).style(theme.alert.add_modifier(Modifier::REVERSED)), area);
    }
}

/// What a notice says, whole.
fn notice_text(notice: &Notice, tr: &Tr, app: &App) -> String {
    match notice {
        Notice::SaveFailed(reason) => tr.args("notice-save-failed", &[("reason", clean(reason).as_str().into())]),
        Notice::OpenFailed(reason) => tr.args("notice-open-failed", &[("reason", clean(reason).as_str().into())]),
        Notice::ReadOnly => tr.t("notice-read-only"),
        Notice::Done(what) => clean(what),
        Notice::Newer(version) => tr.args("notice-newer", &[("version", (*version).into())]),
        Notice::Removed(what) => tr.args("notice-removed", &[("what", clean(what).as_str().into())]),
        Notice::Word(id, name) => tr.args(id, &[("name", clean(name).as_str().into())]),
        Notice::WorkshopMissing(what) => {
            tr.args("notice-workshop-missing", &[("workshop", clean(what).as_str().into())])
        }
        Notice::Held(Some(holder)) => tr.args(
            "notice-held",
            &[
                ("pid", u64::from(holder.pid).into()),
                ("host", clean(&holder.host).as_str().into()),
                ("since", holder.since.format("%H:%M").to_string().as_str().into()),
            ],
        ),
        Notice::Held(None) => tr.t("notice-held-unknown"),
        Notice::DraftRestored => tr.t("notice-draft-restored"),
        Notice::Slept { time, step } => {
            let minutes = crate::pace::minutes(*time);
            match step.and_then(|i| app.programme().steps.get(i)) {
                Some(step) => {
                    tr.args("notice-slept", &[("minutes", minutes.into()), ("step", tr.t(&step.title).as_str().into())])
                }
                None => tr.args("notice-slept-break", &[("minutes", minutes.into())]),
            }
        }
        Notice::ClockMoved(minutes) => tr.args(
            "notice-clock-moved",
            &[("minutes", minutes.unsigned_abs().into()), ("forward", if *minutes > 0 { "yes" } else { "no" }.into())],
        ),
        Notice::ZoneChanged { from, to } => {
            let (from, to) = (utc_offset(*from), utc_offset(*to));
            tr.args("notice-zone-changed", &[("from", from.as_str().into()), ("to", to.as_str().into())])
        }
        Notice::Kept(what) => clean(what),
    }
}

/// Every key of the current screen.
fn draw_help(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let mut lines = Vec::new();
    // The help lists the keys of the screen under it, not its own.
    let under = keys::bindings_under_help(app);
    // The notice of the status line, whole, however long.
    if let Some(notice) = &app.notice {
        lines.push(Line::styled(notice_text(notice, &tr, app), theme.alert));
        lines.push(Line::default());
    }
    let width = area.width.min(76);
    let label_width =
        under.iter().map(|b| unicode_width::UnicodeWidthStr::width(tr.t(b.label).as_str())).max().unwrap_or(0);
    // What a key does wraps under itself, never under the keys' column.
    let indent = label_width + 2;
    let room = usize::from(width.saturating_sub(2)).saturating_sub(indent).max(12);
    for binding in &under {
        let label = tr.t(binding.label);
        let pad = label_width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let action = fit::hanging(Text::from(tr.t(binding.action)), room as u16);
        for (row, words) in action.lines.into_iter().enumerate() {
            let head = if row == 0 {
                Span::styled(format!("{label}{}  ", " ".repeat(pad)), theme.accent)
            } else {
                Span::raw(" ".repeat(indent))
            };
            lines.push(Line::from(std::iter::once(head).chain(words.spans).collect::<Vec<_>>()));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(tr.t("help-saved"), theme.dim));
    let help = Paragraph::new(lines).wrap(Wrap { trim: false });
    let height = (help.line_count(width.saturating_sub(2)) as u16 + 2).min(area.height);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .style(theme.base)
        .title(Span::styled(format!(" {} ", tr.t("help-title")), theme.title));
    frame.render_widget(help.block(block), popup);
}

fn draw_home_header(tr: &Tr, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [line1, line2] = Split::vertical([Constraint::Length(1); 2]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled(tr.t("workshop-title"), theme.title)), line1);
    frame.render_widget(Paragraph::new(Span::styled(tr.t("home-subtitle"), theme.dim)), line2);
}

/// New session, or one of the past ones, newest first; the search on top.
fn draw_home(app: &App, home: &Home, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let [search_area, list_area, credit_area] =
        Split::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let search = app.home_search();
    let searching = app.entry.as_ref().is_some_and(|e| e.target == Target::Search);
    let search_line = if searching || !search.is_empty() {
        Line::from(vec![
            Span::styled(tr.t("home-search") + &tr.t("label-colon"), theme.title),
            Span::styled(clean(&search), theme.accent),
            Span::styled(if searching { "▏" } else { "" }, theme.accent),
        ])
    } else {
        Line::styled(tr.t("home-search-hint"), theme.dim)
    };
    frame.render_widget(Paragraph::new(search_line), search_area);

    let visible: Vec<&Listed> = home.visible(&search).collect();
    let selected = home.selected.min(visible.len());
    // Line 0 is « new session », line 1 the heading, then the sessions:
    // only the lines in view are built, however long the list.
    let total = visible.len() + 2;
    let selected_line = if selected == 0 { 0 } else { selected + 1 };
    // When the list is longer than the screen, its last row says how many
    // more there are.
    let height = if total > usize::from(list_area.height) {
        usize::from(list_area.height).saturating_sub(1)
    } else {
        usize::from(list_area.height)
    };
    let scroll = selected_line.saturating_sub(height.saturating_sub(1));
    let width = usize::from(list_area.width);
    let mut lines = Vec::with_capacity(height + 1);
    for line in scroll..(scroll + height).min(total) {
        lines.push(match line {
            0 => Line::styled(
                format!("{}{}", marker(selected == 0), tr.t("home-new")),
                row_style(selected == 0, theme).add_modifier(Modifier::BOLD),
            ),
            // While the folder is read, no « none yet » that would be wrong.
            1 if visible.is_empty() && home.loading => Line::default(),
            1 if visible.is_empty() => Line::styled(format!("  {}", tr.t("home-none")), theme.dim),
            1 => Line::styled(format!("  {}", tr.args("home-past", &[("count", visible.len().into())])), theme.title),
            n => fit(home_line(&tr, app.programme(), visible[n - 2], selected == n - 1, theme), width),
        });
    }
    let hidden = total.saturating_sub(scroll + height);
    if hidden > 0 {
        let more = tr.args("list-more-below", &[("count", hidden.into())]);
        lines.push(Line::styled(format!("  {more}"), theme.title));
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    let credit = fit::clamp(&tr.t("workshop-credit"), usize::from(credit_area.width), usize::from(credit_area.height));
    let credit: Vec<Line> = credit.into_iter().map(|l| Line::styled(l, theme.dim)).collect();
    frame.render_widget(Paragraph::new(credit), credit_area);
}

fn marker(selected: bool) -> &'static str {
    if selected { "▶ " } else { "  " }
}

fn row_style(selected: bool, theme: &Theme) -> Style {
    if selected { theme.selected } else { theme.text }
}

/// One past session: when, who, how far, and what came of it.
fn home_line<'a>(tr: &Tr, programme: &Programme, entry: &Listed, selected: bool, theme: &Theme) -> Line<'a> {
    match entry {
        Listed::Session(s) => {
            let group = if s.group.is_empty() { tr.t("no-group") } else { clean(&s.group) };
            let region = if s.region.is_empty() { String::new() } else { format!(" ({})", clean(&s.region)) };
            let progress = if s.is_finished() {
                tr.t("home-finished")
            } else {
                tr.args("home-step", &[("step", (s.current_step + 1).into()), ("total", s.steps.into())])
            };
            let mut digest = vec![tr.args("participants-count", &[("count", s.participants.into())]), progress];
            digest.extend(s.digest(tr, programme));
            let style = row_style(selected, theme);
            // A review or a meeting that has come is said first, in the
            // alert colour: the group is expected back.
            let due: Vec<String> = s
                .due(programme, chrono::Local::now().date_naive())
                .into_iter()
                .map(|(title, date)| {
                    let date = date.format(&tr.t("date-format")).to_string();
                    format!(
                        "‼ {}",
                        tr.args("home-due", &[("what", tr.t(&title).as_str().into()), ("date", date.as_str().into())])
                    )
                })
                .collect();
            // The line under the cursor is shown in reverse, across the whole
            // width: plain to see from the back of the room.
            let mut spans = vec![
                Span::styled(format!("{}{}  ", marker(selected), s.updated_at.format("%Y-%m-%d %H:%M")), style),
                Span::styled(format!("{group}{region}"), style.add_modifier(Modifier::BOLD)),
            ];
            if !due.is_empty() {
                spans.push(Span::styled(format!(" · {}", due.join(" · ")), if selected { style } else { theme.alert }));
            }
            spans.push(Span::styled(format!(" · {}", digest.join(" · ")), if selected { style } else { theme.dim }));
            Line::from(spans).style(style)
        }
        Listed::Unreadable { path, reason, backup } => {
            let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let mut text = format!(
                "{}‼ {} — {}",
                marker(selected),
                clean(&name),
                clean(&tr.args("home-unreadable", &[("reason", reason.into())]))
            );
            if backup.is_some() {
                text.push_str(&format!(" · {}", tr.t("home-backup")));
            }
            Line::styled(text, if selected { theme.selected } else { theme.alert })
        }
    }
}

/// Lines of text that wrap, as a widget.
pub fn wrapped<'a>(text: impl Into<Text<'a>>) -> Paragraph<'a> {
    Paragraph::new(text).wrap(Wrap { trim: true })
}
