//! The board: the columns of notes, pinned ones first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Padding};

use super::{draw_list, highlight, instructions};
use crate::app::{App, KeyCode, Message};
use crate::i18n::Tr;
use crate::steps::Action;
use crate::steps::board::{Board, Def, Field};
use crate::ui::binding::{Binding, DELETE, ENTER, LINE_DOWN, LINE_FIRST, LINE_LAST, LINE_UP, TAB, bind, ch, shift};
use crate::ui::layout::Split;
use crate::ui::{Theme, clean, wrapped};

const NEXT_COLUMN: Binding = bind(&[TAB], "key-tab", "action-next-column", Message::Step(Action::NextField), 3);
const ADD_NOTE: Binding = bind(&[ch('a')], "key-add", "action-add-note", Message::Step(Action::Add), 1);
const EDIT_NOTE: Binding = bind(&[ch('e'), ENTER], "key-edit-note", "action-edit-note", Message::Step(Action::Edit), 0);
const DELETE_NOTE: Binding =
    bind(&[ch('d'), DELETE], "key-delete", "action-delete-note", Message::Step(Action::Delete), 0);
const PIN: Binding = bind(&[ch('*')], "key-pin", "action-pin", Message::Step(Action::Pin), 2);
const UNDO: Binding = bind(&[ch('u')], "key-undo", "action-undo", Message::Step(Action::Undo), 3);
const MOVE_UP: Binding =
    bind(&[shift(KeyCode::Up), ch('K')], "key-move-up", "action-move-up", Message::Step(Action::Reorder(-1)), 0);
const MOVE_DOWN: Binding =
    bind(&[shift(KeyCode::Down), ch('J')], "key-move-down", "action-move-down", Message::Step(Action::Reorder(1)), 0);

pub(super) fn keys() -> Vec<Binding> {
    vec![
        ADD_NOTE,
        NEXT_COLUMN,
        LINE_DOWN,
        LINE_UP,
        LINE_FIRST,
        LINE_LAST,
        EDIT_NOTE,
        DELETE_NOTE,
        PIN,
        UNDO,
        MOVE_UP,
        MOVE_DOWN,
    ]
}

/// « New note — Positives », « Note — Difficulties ».
pub(super) fn entry_title(tr: &Tr, def: &Def, board: &Board, field: &Field) -> String {
    let column = def.columns.get(board.column).map(|c| tr.t(&c.title)).unwrap_or_default();
    let id = match field {
        Field::NewNote => "entry-new-note",
        Field::Note => "entry-note",
    };
    tr.args(id, &[("column", column.as_str().into())])
}

pub(super) fn draw(app: &App, def: &Def, board: &Board, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let columns = &def.columns;
    let (intro, intro_height) = instructions(tr.t(&def.intro), theme.dim, area);
    let [intro_area, cols] = Split::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    let areas = Split::horizontal(vec![Constraint::Fill(1); columns.len().max(1)]).spacing(1).split(cols);
    let ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
    let by_column = board.by_column(&ids);
    for (index, ((column, col_area), notes)) in columns.iter().zip(areas.iter()).zip(by_column).enumerate() {
        // The column and note under the cursor are the facilitator's; the
        // wall shows the notes alone.
        let focused = !app.wall && index == board.column;
        let title =
            tr.args("board-column", &[("title", tr.t(&column.title).as_str().into()), ("count", notes.len().into())]);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { theme.accent } else { theme.border })
            .title(Span::styled(format!(" {title} "), theme.title))
            .padding(Padding::horizontal(1));
        let inner = block.inner(*col_area);
        frame.render_widget(block, *col_area);
        let [hint_area, notes_area] = Split::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(wrapped(Span::styled(tr.t(&column.hint), theme.dim)), hint_area);
        if notes.is_empty() {
            let empty = if focused { tr.t("board-empty-focused") } else { tr.t("board-empty") };
            frame.render_widget(wrapped(Span::styled(empty, theme.dim)), notes_area);
            continue;
        }
        let selected = board.selected_in(index);
        let item = |i: usize| {
            let note = notes[i];
            let is_selected = focused && i == selected;
            // A note just sent from a phone is marked until the step is left.
            let new = note.phone.as_ref().is_some_and(|p| p.new);
            let mark = match (note.pinned, new) {
                (true, _) => Span::styled("★ ", theme.accent),
                (false, true) => Span::styled("» ", theme.accent),
                (false, false) => Span::styled("• ", theme.dim),
            };
            let style = match (is_selected, note.pinned) {
                (true, _) => theme.selected,
                (false, true) => Style::new().add_modifier(Modifier::BOLD),
                (false, false) => theme.text,
            };
            let text = Text::from(Line::from(vec![mark, Span::styled(clean(&note.text), style)]));
            if is_selected { highlight(text, theme.selected) } else { text }
        };
        draw_list(&tr, notes.len(), focused.then_some(selected), item, frame, notes_area);
    }
}
