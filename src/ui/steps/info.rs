//! The welcome step: why we are here, who is here, and the agenda.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{agenda_lines, block_lines, draw_scrolled, instructions, panel, split, untrimmed};
use crate::app::{App, Message, Run};
use crate::i18n::Tr;
use crate::steps::Action;
use crate::steps::info::{Def, Field, Row, State};
use crate::ui::binding::{Binding, DELETE, ENTER, LINE_DOWN, LINE_UP, bind, ch};
use crate::ui::fit::hanging;
use crate::ui::layout::Split;
use crate::ui::{Theme, clean};

const EDIT: Binding = bind(&[ENTER, ch('e')], "key-edit", "action-edit", Message::Step(Action::Edit), 2);
const ADD_PARTICIPANT: Binding = bind(&[ch('a')], "key-add", "action-add-participant", Message::Step(Action::Add), 2);
const REMOVE_PARTICIPANT: Binding =
    bind(&[ch('d'), DELETE], "key-delete", "action-remove-participant", Message::Step(Action::Delete), 0);

pub(super) fn keys() -> Vec<Binding> {
    vec![LINE_DOWN, LINE_UP, EDIT, ADD_PARTICIPANT, REMOVE_PARTICIPANT]
}

pub(super) fn entry_title(tr: &Tr, field: &Field) -> String {
    match field {
        Field::Group => tr.t("entry-group"),
        Field::Region => tr.t("entry-region"),
        Field::NewParticipant => tr.t("entry-new-participant"),
        Field::Participant(_) => tr.t("entry-participant"),
        Field::Date => tr.t("entry-date"),
        Field::EndsAt => tr.t("entry-ends-at"),
    }
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
    let session = &run.session;
    let (credit, credit_height) = instructions(tr.t("workshop-credit"), theme.dim, area);
    let [main, credit_area] =
        Split::vertical([Constraint::Fill(1), Constraint::Length(credit_height.min(2))]).areas(area);
    // The agenda as wide as its longest line; the welcome takes the rest.
    let agenda = agenda_lines(app, run, theme);
    let agenda_width = agenda.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let [left, right] = if main.width >= 70 {
        Split::horizontal([Constraint::Fill(1), Constraint::Length(agenda_width.min(main.width / 2))])
            .spacing(1)
            .areas(main)
    } else {
        split(main, 58, 70)
    };

    // The roster can be corrected here: the line under the cursor shows,
    // on the facilitator's screen only; the wall shows the names.
    let row = (!app.wall).then(|| session.roster.row(state.cursor));
    let none = tr.t("not-given");
    let value = |text: &str, selected: bool| {
        let shown = if text.trim().is_empty() { none.clone() } else { clean(text) };
        let style = if selected { theme.selected } else { Style::new().add_modifier(Modifier::BOLD) };
        Span::styled(shown, style)
    };
    let label = |text: String| Span::styled(format!("{text} "), theme.dim);
    let mut names = vec![label(tr.args("label-participants", &[("count", session.roster.participants.len().into())]))];
    for (i, name) in session.roster.participants.iter().enumerate() {
        if i > 0 {
            names.push(Span::raw(", "));
        }
        // A name is never split across two lines: its spaces do not break.
        names.push(value(&name.replace(' ', "\u{a0}"), row == Some(Row::Participant(i))));
    }
    if !app.wall {
        let add_style = if row == Some(Row::AddParticipant) { theme.selected } else { theme.dim };
        names.push(Span::styled(format!("  {}", tr.t("welcome-add-participant")), add_style));
    }

    let roomy = left.height >= 30;
    let gap = || if roomy { vec![Line::default()] } else { Vec::new() };
    let mut lines = vec![Line::styled(tr.t("workshop-title"), theme.accent)];
    lines.extend(gap());
    lines.extend([
        Line::from(vec![label(tr.t("label-group")), value(&session.roster.group, row == Some(Row::Group))]),
        Line::from(vec![label(tr.t("label-region")), value(&session.roster.region, row == Some(Row::Region))]),
        Line::from(names),
        Line::from(vec![
            label(tr.t("label-date")),
            value(&session.held_on().format(&tr.t("date-format")).to_string(), row == Some(Row::Date)),
        ]),
        Line::from(vec![
            label(tr.t("label-ends-at")),
            Span::styled(
                session
                    .target_end(app.programme(), app.wall())
                    .map(|t| crate::ui::clock_time(&tr, t))
                    .unwrap_or_else(|| "—".into()),
                if row == Some(Row::EndsAt) { theme.selected } else { Style::new().add_modifier(Modifier::BOLD) },
            ),
            Span::styled(
                if session.roster.ends_at.is_empty() {
                    format!("  {}", tr.t("welcome-ends-at-default"))
                } else {
                    String::new()
                },
                theme.dim,
            ),
        ]),
    ]);
    lines.extend(gap());
    lines.extend(block_lines(&tr, &def.blocks, theme, roomy));
    let inner = panel(&tr.t("welcome-panel"), theme, frame, left);
    let scroll_max = draw_scrolled(app, lines, app.scroll, theme, frame, inner);

    let inner = panel(&tr.t("agenda-title"), theme, frame, right);
    frame.render_widget(untrimmed(hanging(agenda.into(), inner.width)), inner);
    frame.render_widget(credit, credit_area);
    scroll_max
}
