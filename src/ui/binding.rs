//! The key types every screen shares: a [`Binding`] (keys, their label,
//! what they do, the message they send), the helpers that make one, and
//! the bindings more than one screen offers (moving in a list, scrolling).
//!
//! A leaf of `ui`: the table of each screen's keys (`keys`) and the screens
//! of the steps (`steps`), which list their own keys, both build on it,
//! and it imports neither.

use crate::app::{Key, KeyCode, Message, Mods};
use crate::steps::Action;

pub(crate) const fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

pub(crate) const fn ch(c: char) -> Key {
    Key::char(c)
}

pub(crate) const fn ctrl(c: char) -> Key {
    Key::new(KeyCode::Char(c), Mods::CTRL)
}

/// One line of the help: the keys, what they do, and the message sent.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    /// Fluent id of the keys' label (`→ PgDn`).
    pub label: &'static str,
    /// Fluent id of what the keys do; its `.short` attribute is the footer's
    /// wording.
    pub action: &'static str,
    pub message: Message,
    /// Whether the footer shows it, and how much it matters there: 1 is
    /// kept first on a narrow screen; 0 is help only.
    pub footer: u8,
}

pub(crate) const fn bind(
    keys: &'static [Key],
    label: &'static str,
    action: &'static str,
    message: Message,
    footer: u8,
) -> Binding {
    Binding { keys, label, action, message, footer }
}

pub(crate) const fn shift(code: KeyCode) -> Key {
    Key::new(code, Mods::SHIFT)
}

pub(crate) const fn alt(code: KeyCode) -> Key {
    Key::new(code, Mods::ALT)
}

pub(crate) const UP: Key = key(KeyCode::Up);
pub(crate) const DOWN: Key = key(KeyCode::Down);
pub(crate) const ENTER: Key = key(KeyCode::Enter);
pub(crate) const DELETE: Key = key(KeyCode::Delete);
pub(crate) const TAB: Key = key(KeyCode::Tab);

// Lists of lines: the roster, the board's notes, the plan's rows.
pub(crate) const LINE_UP: Binding = bind(&[UP], "key-up", "action-line-up", Message::Step(Action::Select(-1)), 0);
pub(crate) const LINE_DOWN: Binding =
    bind(&[DOWN], "key-down", "action-line-down", Message::Step(Action::Select(1)), 0);
/// Home and End: the first and the last line of the list (as far as a
/// selection can go: a list is never a million lines long).
pub(crate) const LINE_FIRST: Binding =
    bind(&[key(KeyCode::Home)], "key-home", "action-line-first", Message::Step(Action::Select(-1_000_000)), 0);
pub(crate) const LINE_LAST: Binding =
    bind(&[key(KeyCode::End)], "key-end", "action-line-last", Message::Step(Action::Select(1_000_000)), 0);

// Text taller than its box: ↑ ↓ a line, Home and End to its ends.
pub(crate) const SCROLL_DOWN: Binding = bind(&[DOWN], "key-down", "action-scroll-down", Message::Scroll(1), 0);
pub(crate) const SCROLL_UP: Binding = bind(&[UP], "key-up", "action-scroll-up", Message::Scroll(-1), 0);
pub(crate) const SCROLL_TOP: Binding =
    bind(&[key(KeyCode::Home)], "key-home", "action-scroll-top", Message::ScrollEnd(false), 0);
pub(crate) const SCROLL_END: Binding =
    bind(&[key(KeyCode::End)], "key-end", "action-scroll-end", Message::ScrollEnd(true), 0);

/// `x`: the printable sheet, from the home screen and the closing step.
pub(crate) const EXPORT: Binding = bind(&[ch('x')], "key-x", "action-export", Message::Export, 3);
