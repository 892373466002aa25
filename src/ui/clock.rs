//! The countdown in digits as big as the space they are given, for the back
//! of the room.
//!
//! The digits are drawn, not looked up: each one is a few bars (the seven
//! segments of a clock, with full corners) laid out on a grid of half-cell
//! pixels, `▀`, `▄` and `█`. A terminal cell is about twice as tall as it is
//! wide, so these pixels are square and a stroke is as thick across as down.
//! Any size works, not a few fixed ones: the height is the largest the area
//! allows, the strokes, gaps and colon grow with it, and the digits widen
//! (from half to three quarters of their height) to use a wide area.
//!
//! Shapes are chosen to tell apart from afar: the `1` has a flag and a foot
//! and stands in the middle, so it is never a `7`; the `6` has its top bar and
//! the `9` its bottom one; the `:` is two square dots, narrower than a digit.
//!
//! Text the digits cannot draw (a letter, say), and areas too small for them
//! (fewer than three rows, or too narrow), get the plain text, centred on one
//! line: a clock is always shown.
//!
//! ```ignore
//! let text = format_countdown(remaining);
//! let rows = clock_height(area.width, area.height, "+00:00");
//! frame.render_widget(BigClock::new(&text).style(theme.accent).sized_for("+00:00"), area);
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// Fewer rows than this and the clock is plain text.
pub const MIN_ROWS: u16 = 3;

/// The smallest digit, in pixels (half rows): the classic 3×5 font.
const MIN_PX_HEIGHT: u32 = 5;

/// A countdown text (`"05:00"`, `"+02:13"`, `"1:05:00"`) drawn as large as
/// its area allows, centred both ways. Digits, `:`, `+`, `-`, `−` and spaces
/// are drawn big; any other text is drawn plain.
///
/// The style is patched onto the whole area (as a paragraph does, so a
/// background fills it) and the digits are drawn in its foreground colour.
/// Underline and strike-through are kept off the big digits, where they would
/// stripe every row, and kept on the plain-text fallback.
#[derive(Debug, Clone, Copy, Default)]
pub struct BigClock<'a> {
    text: &'a str,
    style: Style,
    sized_for: Option<&'a str>,
}

impl<'a> BigClock<'a> {
    pub fn new(text: &'a str) -> Self {
        BigClock { text, style: Style::default(), sized_for: None }
    }

    pub fn style(mut self, style: impl Into<Style>) -> Self {
        self.style = style.into();
        self
    }

    /// Size the digits for `template` (say `"+00:00"`) rather than for the
    /// text itself, so that they do not shrink when the overrun's `+`
    /// appears. The text still gets smaller digits if it is wider than the
    /// template, and its own size if the template cannot be drawn big. Give
    /// the same template to [`clock_height`].
    pub fn sized_for(mut self, template: &'a str) -> Self {
        self.sized_for = Some(template);
        self
    }
}

/// How many rows the clock uses at most in an area `area_width` wide and
/// `max_height` tall: give it exactly this many, and no black band is left
/// above and below the digits when the width is what limits them. One row
/// for the plain-text fallback, none for an empty text.
pub fn clock_height(area_width: u16, max_height: u16, text: &str) -> u16 {
    if text.is_empty() || area_width == 0 {
        return 0;
    }
    match layout(area_width, max_height, text) {
        // h ≤ 2 × max_height, so this fits in a u16.
        Some(m) => m.h.div_ceil(2) as u16,
        None => max_height.min(1),
    }
}

impl Widget for BigClock<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let plain = self.style.remove_modifier(Modifier::UNDERLINED | Modifier::CROSSED_OUT);
        buf.set_style(area, plain);
        let own = layout(area.width, area.height, self.text);
        let template = self.sized_for.and_then(|template| layout(area.width, area.height, template));
        let metrics = match (own, template) {
            (Some(own), Some(template))
                if template < own && template.width(self.text).is_some_and(|w| w <= u32::from(area.width)) =>
            {
                Some(template)
            }
            (own, _) => own,
        };
        match metrics {
            Some(m) => draw_big(self.text, m, plain, area, buf),
            None => draw_plain(self.text, self.style, area, buf),
        }
    }
}

/// The plain text on the middle row, centred; cut at the right if too long.
fn draw_plain(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    // Only what can show: a line longer than the screen is cut anyway.
    let shown: String = text.chars().take(usize::from(area.width) * 4).collect();
    let text = crate::text::clean(&shown);
    let width = u16::try_from(text.width()).unwrap_or(u16::MAX);
    let x = area.x + area.width.saturating_sub(width) / 2;
    let y = area.y + (area.height - 1) / 2;
    buf.set_stringn(x, y, &text, usize::from(area.right() - x), style);
}

/// The sizes of everything, in pixels: a pixel is one column wide and half a
/// row tall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Metrics {
    /// Height of every glyph.
    h: u32,
    /// Width of a digit.
    w: u32,
    /// Stroke thickness, across and down.
    t: u32,
    /// Blank columns between two glyphs.
    gap: u32,
    /// Side of a colon's dot.
    dot: u32,
    /// Width of `+` and `-`.
    sign: u32,
}

impl Metrics {
    fn new(h: u32, w: u32) -> Metrics {
        // A sixth and a half of the height, or more for wide digits: bold,
        // with counters still open, at least one and a half strokes wide, so
        // that an `8` never reads as a block with two pinholes.
        let mut t = ((2 * h + 6) / 13).max((2 * w + 4) / 9).max(1);
        while t > 1 && (2 * w < 7 * t || h < 3 * t + 2) {
            t -= 1;
        }
        let gap = ((h + 4) / 8).max(1);
        let dot = ((t * 6 + 2) / 5).max(1);
        // The `+` is a little narrower than a digit; its upright stroke sits
        // in the middle, so its width has the parity of the stroke.
        let mut sign = ((w * 7 + 5) / 10).max(3);
        if (sign - t) % 2 == 1 {
            sign += 1;
        }
        Metrics { h, w, t, gap, dot, sign: sign.min(w.max(3)) }
    }

    /// The top of the middle bar: the upper counter is the smaller one.
    fn mid(&self) -> u32 {
        (self.h - self.t) / 2
    }

    fn advance(&self, c: char) -> Option<u32> {
        match c {
            '0'..='9' => Some(self.w),
            ':' => Some(self.dot),
            '+' | '-' | '−' => Some(self.sign),
            ' ' => Some((self.w / 2).max(1)),
            _ => None,
        }
    }

    /// Width of the whole text, gaps included; `None` if some character
    /// cannot be drawn big.
    fn width(&self, text: &str) -> Option<u32> {
        let mut total = 0u32;
        for (i, c) in text.chars().enumerate() {
            total = total.saturating_add(self.advance(c)?);
            if i > 0 {
                total = total.saturating_add(self.gap);
            }
        }
        Some(total)
    }
}

/// The biggest digits that fit: the tallest first, then the widest at that
/// height. `None` when the text should be drawn plain.
fn layout(cols: u16, rows: u16, text: &str) -> Option<Metrics> {
    if rows < MIN_ROWS || text.is_empty() {
        return None;
    }
    let cols = u32::from(cols);
    let glyphs = text.chars().count() as u32;
    // Every glyph is at least one column, plus its gap.
    if glyphs.saturating_mul(2) > cols + 1 {
        return None;
    }
    // A digit is at least half as wide as tall: no taller than this fits.
    let digits = text.chars().filter(char::is_ascii_digit).count().max(1) as u32;
    let tallest = (u32::from(rows) * 2).min(2 * cols / digits + 1);
    for h in (MIN_PX_HEIGHT..=tallest).rev() {
        let narrowest = h.div_ceil(2).max(3);
        let widest = (h * 3 / 4).max(narrowest);
        if Metrics::new(h, narrowest).width(text)? > cols {
            continue;
        }
        let fits = |w: u32| Metrics::new(h, w).width(text).is_some_and(|width| width <= cols);
        let w = (narrowest..=widest).rev().find(|&w| fits(w)).unwrap_or(narrowest);
        return Some(Metrics::new(h, w));
    }
    None
}

/// The glyphs, rasterised on a canvas of pixels.
struct Canvas {
    width: u32,
    height: u32,
    ink: Vec<bool>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Canvas {
        Canvas { width, height, ink: vec![false; width as usize * height as usize] }
    }

    fn get(&self, x: i64, y: i64) -> bool {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return false;
        }
        self.ink[y as usize * self.width as usize + x as usize]
    }

    /// Inks the rectangle `[x0, x1) × [y0, y1)`, clipped to the canvas.
    fn rect(&mut self, x0: u32, y0: u32, x1: u32, y1: u32) {
        for y in y0..y1.min(self.height) {
            for x in x0..x1.min(self.width) {
                self.ink[y as usize * self.width as usize + x as usize] = true;
            }
        }
    }
}

/// Segments of a digit, as in a seven-segment clock: top, upper right,
/// lower right, bottom, lower left, upper left, middle.
const SEGMENTS: [u8; 10] = [
    0b011_1111, // 0
    0,          // 1 has a shape of its own
    0b101_1011, // 2
    0b100_1111, // 3
    0b110_0110, // 4
    0b110_1101, // 5
    0b111_1101, // 6
    0b000_0111, // 7
    0b111_1111, // 8
    0b110_1111, // 9
];

fn draw_digit(canvas: &mut Canvas, m: &Metrics, x: u32, digit: u32) {
    let Metrics { h, w, t, .. } = *m;
    let mid = m.mid();
    if digit == 1 {
        // An upright in the middle, a foot, and a flag: never a `7` or a
        // bar.
        let stem = x + (w - t).div_ceil(2);
        let reach = ((w - t) / 2 * 2).div_ceil(3).max(1);
        canvas.rect(stem, 0, stem + t, h);
        canvas.rect(stem - reach, h - t, stem + t + reach, h);
        // The flag goes down to the left at 45°, cut square at its end; as
        // thick as the other strokes, so a little taller than it is thick.
        // A flag one pixel thick would only touch the upright at a corner.
        let band = if reach > 1 { ((t * 7 + 2) / 5).max(2) } else { (t * 7 + 2) / 5 };
        for k in 1..=reach {
            canvas.rect(stem - k, k, stem - k + 1, k + band);
        }
        return;
    }
    let on = SEGMENTS[digit as usize];
    let seg = |i: u8| on & (1 << i) != 0;
    if seg(0) {
        canvas.rect(x, 0, x + w, t);
    }
    if seg(1) {
        canvas.rect(x + w - t, 0, x + w, mid + t);
    }
    if seg(2) {
        canvas.rect(x + w - t, mid, x + w, h);
    }
    if seg(3) {
        canvas.rect(x, h - t, x + w, h);
    }
    if seg(4) {
        canvas.rect(x, mid, x + t, h);
    }
    if seg(5) {
        canvas.rect(x, 0, x + t, mid + t);
    }
    if seg(6) {
        // The `3` keeps its middle bar off the left edge, as a `3` is written.
        let from = if digit == 3 { x + t.max(w / 4) } else { x };
        canvas.rect(from, mid, x + w, mid + t);
    }
}

fn draw_glyph(canvas: &mut Canvas, m: &Metrics, x: u32, c: char) {
    let Metrics { h, t, dot, sign, .. } = *m;
    let mid = m.mid();
    match c {
        '0'..='9' => draw_digit(canvas, m, x, c.to_digit(10).unwrap_or(8)),
        ':' => {
            // The dots mirror each other about the middle bar (as the `+`
            // does), each near the middle of a digit's counter.
            let twice_centre = 2 * mid + t;
            let upper = (twice_centre as f32 / 2.0 - (h - t) as f32 / 4.0 - dot as f32 / 2.0).round().max(0.0) as u32;
            let lower = twice_centre.saturating_sub(dot + upper);
            for y in [upper, lower] {
                canvas.rect(x, y, x + dot, y + dot);
            }
        }
        '+' | '-' | '−' => {
            canvas.rect(x, mid, x + sign, mid + t);
            if c == '+' {
                let stem = x + (sign - t) / 2;
                // Centred on the bar: as tall as it is wide.
                let top = (2 * mid + t).saturating_sub(sign) / 2;
                canvas.rect(stem, top, stem + t, top + sign);
            }
        }
        _ => {}
    }
}

fn draw_big(text: &str, m: Metrics, style: Style, area: Rect, buf: &mut Buffer) {
    let Some(width) = m.width(text) else { return };
    let mut canvas = Canvas::new(width, m.h);
    let mut x = 0;
    for c in text.chars() {
        draw_glyph(&mut canvas, &m, x, c);
        x += m.advance(c).unwrap_or(0) + m.gap;
    }
    let left = area.x + ((u32::from(area.width) - width.min(u32::from(area.width))) / 2) as u16;
    // Centred on whole rows, so that the digits' top and bottom edges are
    // crisp full blocks and they take exactly `clock_height` rows.
    let above = i64::from((u32::from(area.height) - m.h.div_ceil(2)) / 2 * 2);
    for row in 0..area.height {
        let top = 2 * i64::from(row) - above;
        if top + 1 < 0 || top >= i64::from(m.h) {
            continue;
        }
        for col in 0..width.min(u32::from(area.width)) {
            let symbol = match (canvas.get(i64::from(col), top), canvas.get(i64::from(col), top + 1)) {
                (true, true) => "█",
                (true, false) => "▀",
                (false, true) => "▄",
                (false, false) => continue,
            };
            if let Some(cell) = buf.cell_mut((left + col as u16, area.y + row)) {
                cell.set_symbol(symbol).set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::buffer::Cell;
    use ratatui::style::Color;

    const TEXTS: [&str; 7] = ["05:00", "00:07", "+02:13", "-00:30", "−00:30", "1:05:00", "+88:88"];

    fn render(text: &str, width: u16, height: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        BigClock::new(text).render(buf.area, &mut buf);
        buf
    }

    fn lines(buf: &Buffer) -> String {
        let mut out = String::new();
        for y in buf.area.top()..buf.area.bottom() {
            for x in buf.area.left()..buf.area.right() {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    fn is_big(buf: &Buffer) -> bool {
        buf.content.iter().any(|cell| matches!(cell.symbol(), "█" | "▀" | "▄"))
    }

    /// Columns and rows between the first and last drawn cell.
    fn ink_size(buf: &Buffer) -> (u16, u16) {
        let inked: Vec<(u16, u16)> = buf
            .area
            .positions()
            .filter(|&p| buf.cell(p).is_some_and(|c| c.symbol() != " "))
            .map(|p| (p.x, p.y))
            .collect();
        let Some(&(x0, y0)) = inked.first() else { return (0, 0) };
        let (mut left, mut right, mut top, mut bottom) = (x0, x0, y0, y0);
        for &(x, y) in &inked {
            left = left.min(x);
            right = right.max(x);
            top = top.min(y);
            bottom = bottom.max(y);
        }
        (right - left + 1, bottom - top + 1)
    }

    #[test]
    fn the_ten_digits_are_drawn_big_and_differ_at_every_size() {
        for (width, height) in [(4, 3), (5, 3), (6, 4), (8, 5), (12, 8), (16, 12), (30, 20), (40, 50)] {
            let drawn: Vec<Buffer> = (0..10).map(|d| render(&d.to_string(), width, height)).collect();
            for (d, buf) in drawn.iter().enumerate() {
                assert!(is_big(buf), "{d} at {width}×{height}:\n{}", lines(buf));
            }
            // Pairs told apart by a whole stroke, not a stray pixel: cells
            // for half the rows. Up to five rows the font is the hand-drawn
            // 3×5 one, where some pairs (5 and 9) differ by a single pixel,
            // half a cell.
            let least = if height <= 5 { 1 } else { usize::from(height / 2) };
            for a in 0..10 {
                for b in a + 1..10 {
                    let differ = drawn[a].content.iter().zip(&drawn[b].content).filter(|(x, y)| x != y).count();
                    assert!(differ >= least, "{a} and {b} at {width}×{height} differ in {differ} cells");
                }
            }
        }
    }

    #[test]
    fn seven_and_one_five_and_six_eight_and_zero_keep_their_tells() {
        let at = |text: &str| lines(&render(text, 3, 3));
        // The 3×5 font of the smallest size, as written by hand.
        assert_eq!(at("1"), "▄█ \n █ \n▄█▄\n");
        assert_eq!(at("7"), "▀▀█\n  █\n  █\n");
        assert_ne!(at("5"), at("6"));
        assert_ne!(at("8"), at("0"));
    }

    #[test]
    fn it_grows_with_its_area_and_never_shrinks() {
        for text in TEXTS {
            for height in [3, 4, 6, 10, 21, 54] {
                let mut last = (0, 0);
                for width in 0..=200 {
                    let size = ink_size(&render(text, width, height));
                    assert!(size.1 >= last.1, "{text:?} shorter at {width}×{height}: {size:?} after {last:?}");
                    if !text.starts_with('1') {
                        assert!(size.0 >= last.0, "{text:?} narrower at {width}×{height}: {size:?} after {last:?}");
                    }
                    last = size;
                }
            }
            for width in [20, 40, 75, 120, 192] {
                let mut last = (0, 0);
                for height in 0..=60 {
                    let size = ink_size(&render(text, width, height));
                    assert!(size.1 >= last.1, "{text:?} shorter at {width}×{height}: {size:?} after {last:?}");
                    last = size;
                }
            }
        }
    }

    #[test]
    fn it_fills_the_width_or_the_height_whichever_binds() {
        for text in TEXTS {
            for width in (1..=200).step_by(3) {
                for height in 3..=60 {
                    let buf = render(text, width, height);
                    if !is_big(&buf) {
                        continue;
                    }
                    let (w, h) = ink_size(&buf);
                    assert!(
                        w * 5 >= width * 4 || h * 5 >= height * 4,
                        "{text:?} uses {w}×{h} of {width}×{height}:\n{}",
                        lines(&buf)
                    );
                }
            }
        }
    }

    #[test]
    fn clock_height_is_what_it_draws() {
        for text in TEXTS {
            for width in (0..=200).step_by(7) {
                for height in 0..=60 {
                    let rows = clock_height(width, height, text);
                    assert!(rows <= height);
                    let full = render(text, width, height);
                    let fitted = render(text, width, rows);
                    assert!(ink_size(&full).1 <= rows, "{text:?} at {width}×{height}: {rows} rows");
                    assert_eq!(ink_size(&full), ink_size(&fitted), "{text:?} at {width}×{height}: {rows} rows");
                }
            }
        }
        assert_eq!(clock_height(190, 54, ""), 0);
        assert_eq!(clock_height(190, 2, "05:00"), 1);
        assert_eq!(clock_height(190, 0, "05:00"), 0);
        assert_eq!(clock_height(190, 20, "05:00"), 20);
    }

    #[test]
    fn under_three_rows_or_too_narrow_the_text_is_plain_and_centred() {
        let buf = render("05:00", 21, 2);
        assert_eq!(lines(&buf), concat!("        05:00        \n", "                     \n"));
        let buf = render("+02:13", 12, 5);
        assert_eq!(lines(&buf).lines().nth(2), Some("   +02:13   "));
        let buf = render("5 min", 40, 9);
        assert_eq!(lines(&buf).lines().nth(4).map(str::trim), Some("5 min"));
        assert_eq!(lines(&render("+02:13", 1, 1)), "+\n");
        // Control characters never reach the terminal: shown escaped.
        assert_eq!(lines(&render("\u{1b}[2J05:00", 10, 1)), "\\u{1b}[2J0\n");
    }

    #[test]
    fn the_style_colours_the_digits_without_striping_them() {
        let style = Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 6));
        BigClock::new("+00:01").style(style).render(buf.area, &mut buf);
        for cell in &buf.content {
            assert_eq!(cell.fg, Color::LightRed);
            assert!(cell.modifier.contains(Modifier::BOLD) && !cell.modifier.contains(Modifier::UNDERLINED));
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        BigClock::new("+00:01").style(style).render(buf.area, &mut buf);
        assert!(buf[(3, 0)].modifier.contains(Modifier::UNDERLINED), "the plain text keeps its underline");
    }

    #[test]
    fn sized_for_keeps_the_digits_when_the_plus_appears() {
        let clock = |text| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 40, 12));
            BigClock::new(text).sized_for("+00:00").render(buf.area, &mut buf);
            ink_size(&buf).1
        };
        assert_eq!(clock("00:01"), clock("+00:01"));
        assert!(ink_size(&render("00:01", 40, 12)).1 > clock("00:01"), "without a template it fills the area");
        assert_eq!(clock_height(40, 12, "+00:00"), clock("00:01"));
        // A text wider than its template still fits.
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 12));
        BigClock::new("1:05:00").sized_for("00:00").render(buf.area, &mut buf);
        assert!(is_big(&buf) && ink_size(&buf).0 <= 40);
    }

    #[test]
    fn huge_and_empty_areas_and_odd_texts_do_not_panic() {
        for (width, height) in [(0, 0), (1, 1), (0, 5), (5, 0), (500, 200), (3, 500), (500, 3)] {
            for text in ["", " ", ":", "+", "−", "88:88:88:88", "ab:cd", "👩‍👩‍👧 05:00", "\u{202e}05:00", "١٢:٣٤"]
            {
                render(text, width, height);
            }
        }
        render(&"8".repeat(100_000), 500, 200);
        render(&"é".repeat(100_000), 500, 200);
        // An area larger than the buffer is clipped to it.
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 5));
        BigClock::new("05:00").render(Rect::new(10, 2, u16::MAX - 20, u16::MAX - 20), &mut buf);
    }

    #[test]
    fn snapshot_at_75x6() {
        insta::assert_snapshot!(lines(&render("05:00", 75, 6)));
    }

    #[test]
    fn snapshot_at_190x20() {
        insta::assert_snapshot!(lines(&render("+02:13", 190, 20)));
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[-+−0-9: ]{0,12}",
            (-20_000_000i64..20_000_000).prop_map(crate::timer::format_countdown),
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn it_draws_only_inside_its_area(
            text in any_text(),
            width in 0u16..160,
            height in 0u16..60,
            x in 0u16..4,
            y in 0u16..4,
        ) {
            let mut buf = Buffer::filled(Rect::new(0, 0, width + 8, height + 8), Cell::new("x"));
            let area = Rect::new(x, y, width, height);
            BigClock::new(&text).style(Style::new().fg(Color::Yellow)).sized_for("+00:00").render(area, &mut buf);
            for position in buf.area.positions() {
                if !area.contains(position) {
                    prop_assert_eq!(&buf[position], &Cell::new("x"), "{:?} written outside {:?}", position, area);
                }
            }
            let rows = clock_height(width, height, &text);
            prop_assert!(rows <= height);
        }
    }
}
