//! The terminal itself: taken (raw mode, the alternate screen, a panic
//! that gives it back first), a frame drawn on it, its key events in the
//! app's own words, its bell.
//!
//! Giving the terminal back is [`super::run`]'s, whatever ended the loop;
//! the watchdog gives it back too before it ends the process. Nothing here
//! reads or writes notes.

use std::io::{self, Write};
use std::panic;

use ratatui::Terminal;
use ratatui::crossterm::event;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::EnterAlternateScreen;

use super::frames::Frames;
use crate::app::{App, Key, KeyCode, Message, Mods};
use crate::ui;

/// The terminal, its output buffered: a frame goes out in one write, where
/// the standard output would write it a kilobyte at a time.
pub(super) type Tty = Terminal<Frames<io::BufWriter<io::Stdout>>>;

/// What `ratatui::try_init` does, with the buffered output: raw mode, the
/// alternate screen, and a panic that gives the terminal back before its
/// message is printed.
pub(super) fn open_terminal() -> io::Result<Tty> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    let hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    Terminal::new(Frames::new(io::BufWriter::with_capacity(1 << 16, io::stdout())))
}

/// Draws a frame; what the view measured (how far its text scrolls) goes
/// back to `update` when it changed.
pub(super) fn draw<W: Write>(terminal: &mut Terminal<Frames<W>>, app: &mut App, unsaved: bool) -> io::Result<()> {
    let mut viewed = ui::Viewed::default();
    let drawn = terminal.draw(|frame| {
        crate::timing::mark("frame");
        viewed = ui::view(app, frame);
        crate::timing::mark("view");
        let area = frame.area();
        if unsaved && !area.is_empty() {
            frame.buffer_mut()[(area.right() - 1, area.top())].set_symbol(UNSAVED_MARK);
        }
    });
    crate::timing::mark("written");
    crate::timing::dump();
    if let Err(error) = drawn {
        // A synchronized update begun is ended, or the terminal would wait.
        let _ = ratatui::backend::Backend::flush(terminal.backend_mut());
        return Err(error);
    }
    if viewed.scroll_max != app.scroll_max {
        app.update(Message::Viewed(viewed));
    }
    Ok(())
}

/// What the top right cell shows while notes on screen are not on the
/// disk yet: the frame comes before the save, and this says so until the
/// writer has flushed them. Top right, because a frame's changes reach the
/// terminal row by row from the top: a terminal that shows a frame as it
/// comes (one without synchronized updates) shows the mark before any
/// change it covers.
pub const UNSAVED_MARK: &str = "⟳";

/// The terminal's key event in the app's own words; releases and keys the
/// app has no use for are none.
pub(super) fn key_of(event: event::KeyEvent) -> Option<Key> {
    use event::{KeyCode as K, KeyEventKind, KeyModifiers as M};
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let code = match event.code {
        K::Char(c) => KeyCode::Char(c),
        K::Enter => KeyCode::Enter,
        K::Esc => KeyCode::Esc,
        K::Backspace => KeyCode::Backspace,
        K::Delete => KeyCode::Delete,
        K::Tab => KeyCode::Tab,
        K::BackTab => KeyCode::BackTab,
        K::Left => KeyCode::Left,
        K::Right => KeyCode::Right,
        K::Up => KeyCode::Up,
        K::Down => KeyCode::Down,
        K::Home => KeyCode::Home,
        K::End => KeyCode::End,
        K::PageUp => KeyCode::PageUp,
        K::PageDown => KeyCode::PageDown,
        K::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let mods = Mods {
        shift: event.modifiers.contains(M::SHIFT),
        ctrl: event.modifiers.contains(M::CONTROL),
        alt: event.modifiers.contains(M::ALT),
    };
    Some(Key::new(code, mods))
}

pub(super) fn ring() {
    let mut out = io::stdout();
    // A bell that cannot ring is not worth stopping the session for.
    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
}
