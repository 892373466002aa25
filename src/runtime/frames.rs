//! The backend every frame goes through: crossterm's, with what a frame
//! writes kept to what it changes, and the cells written straight as bytes.
//!
//! It owns the bytes a frame sends and nothing else: what a frame shows is
//! the view's, when one is drawn the event loop's.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CrosstermColor, Colors, SetAttribute, SetBackgroundColor, SetColors, SetForegroundColor,
    SetUnderlineColor,
};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// Crossterm's backend, with what a frame writes kept to what it changes.
/// Cells go out inside a synchronized update, so the projector never shows
/// half a frame; a frame that changes nothing on the screen writes nothing,
/// not even the colours' reset and the cursor's state: the loop redraws
/// after anything that may change the screen (a save flushed, a file of
/// the folder touched), and most of it does not. The cursor's commands are
/// queued with the cells, where crossterm's backend sends each at once:
/// a frame goes out in one write.
pub(super) struct Frames<W: Write> {
    inner: CrosstermBackend<W>,
    /// A synchronized update is begun and not ended yet.
    updating: bool,
    /// Whether the terminal shows its cursor, as last told (unknown at
    /// first).
    visible: Option<bool>,
    /// Where the cursor was last put, while nothing has moved it since.
    at: Option<Position>,
    /// The bytes of a frame's cells, kept from one frame to the next.
    cells: Vec<u8>,
}

impl<W: Write> Frames<W> {
    pub(super) fn new(writer: W) -> Self {
        Self { inner: CrosstermBackend::new(writer), updating: false, visible: None, at: None, cells: Vec::new() }
    }

    /// Shows or hides the cursor, unless it already is.
    fn show(&mut self, visible: bool) -> io::Result<()> {
        if self.visible.replace(visible) == Some(visible) {
            return Ok(());
        }
        if visible { queue!(self.inner, Show) } else { queue!(self.inner, Hide) }
    }

    /// Begins the synchronized update of this frame, once: what changes
    /// the screen comes after it. The writing moves the cursor.
    fn change(&mut self) -> io::Result<()> {
        self.at = None;
        if !std::mem::replace(&mut self.updating, true) {
            queue!(self.inner, BeginSynchronizedUpdate)?;
        }
        Ok(())
    }
}

impl<W: Write> Backend for Frames<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        self.change()?;
        // The classic Windows console moves its cursor by calls, not bytes.
        #[cfg(windows)]
        if !ratatui::crossterm::ansi_support::supports_ansi() {
            return self.inner.draw(content);
        }
        // Gathered first: a write through the backend and its buffer for
        // each of a few thousand cells costs more than the cells.
        self.cells.clear();
        write_cells(&mut self.cells, content)?;
        self.inner.write_all(&self.cells)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.show(false)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.show(true)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        if self.at == Some(position) {
            return Ok(());
        }
        self.at = Some(position);
        queue!(self.inner, MoveTo(position.x, position.y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.change()?;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.change()?;
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.change()?;
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    /// Ends the frame's synchronized update, if it began one, and sends the
    /// frame.
    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.updating) {
            queue!(self.inner, EndSynchronizedUpdate)?;
        }
        Backend::flush(&mut self.inner)
    }
}

/// The cells of a frame, as crossterm's backend writes them, byte for byte
/// (a property test holds the two to it), each symbol copied as it is
/// rather than printed through `queue!`, whose formatting for every cell
/// was a tenth of the first frame's work: every cell of a themed screen
/// differs from the blank one the terminal starts with. Colours and
/// attributes, which change a few times a line, still go through
/// crossterm, which knows `NO_COLOR`.
fn write_cells<'a, W: Write>(w: &mut W, content: impl Iterator<Item = (u16, u16, &'a Cell)>) -> io::Result<()> {
    let (mut fg, mut bg, mut underline) = (Color::Reset, Color::Reset, Color::Reset);
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    for (x, y, cell) in content {
        if !matches!(last, Some((lx, ly)) if x == lx + 1 && y == ly) {
            move_to(w, x, y)?;
        }
        last = Some((x, y));
        if cell.modifier != modifier {
            queue_modifiers(w, modifier, cell.modifier)?;
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            queue!(w, SetColors(Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm())))?;
            (fg, bg) = (cell.fg, cell.bg);
        }
        if cell.underline_color != underline {
            queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
            underline = cell.underline_color;
        }
        w.write_all(cell.symbol().as_bytes())?;
    }
    queue!(
        w,
        SetForegroundColor(CrosstermColor::Reset),
        SetBackgroundColor(CrosstermColor::Reset),
        SetUnderlineColor(CrosstermColor::Reset),
        SetAttribute(Attribute::Reset),
    )
}

/// `ESC [ row ; column H`, one-based, as `MoveTo` writes it: once per
/// run of cells, not per cell, so formatting costs nothing worth saving.
fn move_to<W: Write>(w: &mut W, x: u16, y: u16) -> io::Result<()> {
    write!(w, "\x1b[{};{}H", u32::from(y) + 1, u32::from(x) + 1)
}

/// From one cell's attributes to the next's, in the order crossterm's
/// backend uses: what is taken off, then what is added. Bold and dim share
/// one reset, after which the one that stays is set again.
fn queue_modifiers<W: Write>(w: &mut W, from: Modifier, to: Modifier) -> io::Result<()> {
    let (removed, added) = (from - to, to - from);
    let mut set = |attribute| queue!(w, SetAttribute(attribute));
    if removed.contains(Modifier::REVERSED) {
        set(Attribute::NoReverse)?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        set(Attribute::NormalIntensity)?;
        if to.contains(Modifier::DIM) {
            set(Attribute::Dim)?;
        }
        if to.contains(Modifier::BOLD) {
            set(Attribute::Bold)?;
        }
    }
    let taken_off = [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, Attribute::NoBlink),
    ];
    for (modifiers, attribute) in taken_off {
        if removed.intersects(modifiers) {
            set(attribute)?;
        }
    }
    let put_on = [
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ];
    for (modifier, attribute) in put_on {
        let intensity = Modifier::BOLD | Modifier::DIM;
        if added.contains(modifier) && !(reset_intensity && intensity.contains(modifier)) {
            set(attribute)?;
        }
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use std::rc::Rc;

    use proptest::prelude::*;
    use ratatui::Terminal;

    use super::*;

    /// A writer the test reads while the terminal owns it (the event
    /// loop's tests draw into it too).
    #[derive(Clone, Default)]
    pub(in crate::runtime) struct Output(Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Output {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Output {
        fn take(&self) -> String {
            String::from_utf8(std::mem::take(&mut *self.0.borrow_mut())).unwrap()
        }

        /// All that was written so far, kept.
        pub(in crate::runtime) fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.borrow()).into_owned()
        }
    }

    fn terminal(output: &Output) -> Terminal<Frames<Output>> {
        let area = ratatui::layout::Rect::new(0, 0, 12, 3);
        let options = ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(area) };
        Terminal::with_options(Frames::new(output.clone()), options).unwrap()
    }

    const BEGIN: &str = "\x1b[?2026h";
    const END: &str = "\x1b[?2026l";

    #[test]
    fn a_frame_goes_out_inside_its_synchronized_update_and_only_when_it_changes_the_screen() {
        let output = Output::default();
        let mut terminal = terminal(&output);
        let text = |text: &'static str| move |frame: &mut ratatui::Frame| frame.render_widget(text, frame.area());
        terminal.draw(text("bonjour")).unwrap();
        let first = output.take();
        assert!(first.starts_with(BEGIN) && first.ends_with(END), "{first:?}");
        assert!(first.contains("bonjour") && first.contains("\x1b[?25l"), "{first:?}");
        assert_eq!(first.matches(BEGIN).count(), 1);
        terminal.draw(text("bonjour")).unwrap();
        assert_eq!(output.take(), "", "the same screen again: nothing written");
        terminal.draw(text("bonsoir")).unwrap();
        let changed = output.take();
        assert!(changed.starts_with(BEGIN) && changed.ends_with(END), "{changed:?}");
        assert!(changed.contains("\x1b[1;4Hs\x1b[1;6Hi"), "only the cells that changed: {changed:?}");
        assert!(!changed.contains("\x1b[?25l"), "the cursor already hidden: {changed:?}");
    }

    #[test]
    fn the_cursor_is_told_only_when_it_moves_shows_or_hides() {
        let output = Output::default();
        let mut terminal = terminal(&output);
        let at = |x: u16| {
            move |frame: &mut ratatui::Frame| {
                frame.render_widget("entrée", frame.area());
                frame.set_cursor_position((x, 1));
            }
        };
        terminal.draw(at(3)).unwrap();
        let first = output.take();
        assert!(first.contains("\x1b[?25h") && first.contains("\x1b[2;4H"), "{first:?}");
        terminal.draw(at(3)).unwrap();
        assert_eq!(output.take(), "", "nothing moved");
        terminal.draw(at(4)).unwrap();
        assert_eq!(output.take(), "\x1b[2;5H", "the cursor moved, out of any synchronized update");
        terminal.draw(|frame| frame.render_widget("entrée", frame.area())).unwrap();
        assert_eq!(output.take(), "\x1b[?25l", "hidden");
        Backend::clear(terminal.backend_mut()).unwrap();
        Backend::flush(terminal.backend_mut()).unwrap();
        let cleared = output.take();
        assert!(cleared.starts_with(BEGIN) && cleared.contains("\x1b[2J") && cleared.ends_with(END), "{cleared:?}");
        Backend::clear_region(terminal.backend_mut(), ClearType::CurrentLine).unwrap();
        Backend::append_lines(terminal.backend_mut(), 1).unwrap();
        Backend::flush(terminal.backend_mut()).unwrap();
        let cleared = output.take();
        assert!(cleared.starts_with(BEGIN) && cleared.contains("\x1b[2K\n") && cleared.ends_with(END), "{cleared:?}");
    }

    fn color() -> impl Strategy<Value = Color> {
        prop_oneof![
            Just(Color::Reset),
            Just(Color::Black),
            Just(Color::Red),
            Just(Color::LightCyan),
            Just(Color::Gray),
            Just(Color::DarkGray),
            Just(Color::White),
            any::<u8>().prop_map(Color::Indexed),
            any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
        ]
    }

    fn cell() -> impl Strategy<Value = Cell> {
        let symbol = prop_oneof![Just(" "), Just("a"), Just("é"), Just("─"), Just("🤝"), Just("\u{1b}"), Just("")];
        // Mostly plain cells, as a screen is, so that a style is often kept
        // from one cell to the next.
        let color = prop_oneof![3 => Just(Color::Reset), 1 => color()];
        let bits = prop_oneof![3 => Just(0u16), 1 => any::<u16>()];
        (symbol, color.clone(), color.clone(), color, bits).prop_map(|(symbol, fg, bg, underline, bits)| {
            let mut cell = Cell::new(symbol);
            cell.fg = fg;
            cell.bg = bg;
            cell.underline_color = underline;
            cell.modifier = Modifier::from_bits_truncate(bits);
            cell
        })
    }

    proptest! {
        /// Whatever the cells, their places and their styles, the bytes are
        /// the ones crossterm's backend writes.
        #[test]
        fn cells_are_written_as_crossterms_backend_writes_them(
            cells in prop::collection::vec((0u16..300, 0u16..80, cell(), 0u16..4), 0..60),
        ) {
            // Runs of neighbours, as a frame's diff mostly gives.
            let content: Vec<(u16, u16, &Cell)> = cells
                .iter()
                .flat_map(|(x, y, cell, run)| (0..=*run).map(move |i| (x + i, *y, cell)))
                .collect();
            let mut ours = Vec::new();
            write_cells(&mut ours, content.iter().copied()).unwrap();
            let theirs = Output::default();
            CrosstermBackend::new(theirs.clone()).draw(content.iter().copied()).unwrap();
            prop_assert_eq!(String::from_utf8_lossy(&ours), theirs.take());
        }
    }

    #[test]
    fn a_place_is_written_in_decimal_one_based() {
        let mut out = Vec::new();
        move_to(&mut out, 0, 0).unwrap();
        move_to(&mut out, 9, 99).unwrap();
        move_to(&mut out, u16::MAX - 1, 10_000).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\x1b[1;1H\x1b[100;10H\x1b[10001;65535H");
    }
}
