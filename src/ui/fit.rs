//! The one rule for text that does not fit, for every screen: it wraps at
//! spaces, each line after the first under the text it continues (not at
//! the left edge); a word, a name, a key or a number is never split unless
//! it is wider than the whole line; and what must be cut ends with « … ».
//!
//! Non-breaking spaces are not places to wrap: « 3 / 12 », « Espace : »
//! stay whole.

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The text cut to `width` columns, ending with « … » when cut; at the end
/// of a word when one ends in the second half of what is kept, so a title
/// reads « Raisons des… » rather than « Raisons d… ».
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if let Some(space) = out.rfind(' ').filter(|&i| out[..i].trim_end().width() * 2 >= used) {
        out.truncate(space);
    }
    let kept = out.trim_end();
    format!("{kept}…")
}

/// A paragraph in at most `rows` lines of `width` columns, wrapped at its
/// spaces; when it needs more, its last line ends with « … » (the whole
/// text is elsewhere: the README, the help).
pub fn clamp(text: &str, width: usize, rows: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let wanted = if current.is_empty() { word.width() } else { current.width() + 1 + word.width() };
        if wanted > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > rows && rows > 0 {
        let rest = lines.split_off(rows - 1).join(" ");
        // Cut shorter than the line, so that the « … » shows.
        let cut = truncate(&rest, width);
        lines.push(if cut.ends_with('…') { cut } else { truncate(&format!("{cut} …"), width) });
    }
    lines.truncate(rows);
    lines
}

/// A line cut to `width` columns at a word, ending with « … », rather than
/// in the middle of a word at the edge of the screen.
pub fn fit(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let style = line.style;
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = span.width();
        if used + w < width {
            used += w;
            spans.push(span);
            continue;
        }
        // What of this span fits before the ellipsis, cut after a word.
        let room = width.saturating_sub(used + 1);
        let cut = truncate(&span.content, room + 1);
        let cut = cut.trim_end_matches('…');
        // At the last whole item of a list (` · `), else at a word.
        let at_word = cut.rfind(" · ").or_else(|| cut.rfind(' ')).map_or(cut, |i| &cut[..i]);
        let kept = if at_word.trim().is_empty() { cut } else { at_word };
        // No separator left hanging before the « … ».
        let kept = kept.trim_end().trim_end_matches('·').trim_end();
        spans.push(Span::styled(format!("{kept}…"), span.style));
        break;
    }
    Line::from(spans).style(style)
}

/// Where the text of a line starts, for the lines it wraps to: after its
/// mark (`[ ] `, `• `, `3. `, `▶ `), else after its leading spaces. A
/// mark is a first span of a few columns ending with a space; an indent
/// wider than half the line gives way to none.
fn hanging_indent(line: &Line, width: usize) -> usize {
    let leading = |s: &str| s.len() - s.trim_start_matches(' ').len();
    let indent = match line.spans.as_slice() {
        [first, _, ..] if first.content.ends_with(' ') && first.width() <= 8 => first.width(),
        // A label: what it introduces goes on under it, or, the label too
        // wide for that, a little in from the edge.
        [first, _, ..] if first.content.trim_end().ends_with(':') => {
            if first.width() * 2 <= width {
                first.width()
            } else {
                2
            }
        }
        [first, ..] => {
            let spaces = leading(&first.content);
            // `  ✓ 3. ` marks after spaces: under the first letter.
            let mut indent = spaces;
            let mut rest = &first.content[spaces..];
            while let Some((mark, after)) = rest.split_once(' ') {
                if mark.is_empty() || mark.width() > 4 || mark.chars().any(char::is_alphabetic) {
                    break;
                }
                indent += mark.width() + 1;
                rest = after;
            }
            indent
        }
        [] => 0,
    };
    if indent * 2 > width { 0 } else { indent }
}

/// Each line of `text` wrapped to `width` columns at its spaces, the lines
/// it wraps to starting under its text (see [`hanging_indent`]). A line
/// that fits is kept as it is; a word wider than the line is split where
/// the line ends, as nothing else can be done with it.
pub fn hanging(text: Text<'_>, width: u16) -> Text<'_> {
    let width = usize::from(width);
    if width == 0 || text.lines.iter().all(|l| l.width() <= width) {
        return text;
    }
    let style = text.style;
    let alignment = text.alignment;
    let mut lines = Vec::new();
    for line in text.lines {
        if line.width() <= width {
            lines.push(line);
        } else {
            lines.extend(wrap_line(line, width));
        }
    }
    let mut text = Text::from(lines).style(style);
    text.alignment = alignment;
    text
}

/// One line wrapped: words (runs without a breaking space) placed greedily.
// Whole: one greedy pass over the words, whose state (the line, its width, the indent) every branch shares.
fn wrap_line(line: Line<'_>, width: usize) -> Vec<Line<'static>> {
    let indent = hanging_indent(&line, width);
    let (line_style, alignment) = (line.style, line.alignment);
    // The words and the spaces between, each piece with its span's style.
    let mut tokens: Vec<(bool, Vec<(String, Style)>)> = Vec::new();
    for span in &line.spans {
        for piece in split_keeping_spaces(&span.content) {
            let space = piece.starts_with(' ');
            match tokens.last_mut() {
                Some((was_space, parts)) if *was_space == space => parts.push((piece.to_string(), span.style)),
                _ => tokens.push((space, vec![(piece.to_string(), span.style)])),
            }
        }
    }
    // A number stays with the word it counts: « 10 min », « 3 notes ».
    let mut i = 0;
    while i + 2 < tokens.len() {
        let ends_in_digit = |parts: &[(String, Style)]| {
            parts.last().and_then(|(s, _)| s.chars().last()).is_some_and(|c| c.is_ascii_digit())
        };
        let single_space = tokens[i + 1].1.iter().map(|(s, _)| s.len()).sum::<usize>() == 1;
        if !tokens[i].0 && ends_in_digit(&tokens[i].1) && single_space {
            let (_, space) = tokens.remove(i + 1);
            let (_, next) = tokens.remove(i + 1);
            tokens[i].1.extend(space);
            tokens[i].1.extend(next);
        } else {
            i += 1;
        }
    }
    let mut out: Vec<Vec<(String, Style)>> = vec![Vec::new()];
    let mut used = 0;
    let new_line = |out: &mut Vec<Vec<(String, Style)>>, used: &mut usize| {
        out.push(vec![(" ".repeat(indent), Style::default())]);
        *used = indent;
    };
    for (space, parts) in tokens {
        let w: usize = parts.iter().map(|(s, _)| s.width()).sum();
        if space {
            // Spaces at the end of a line are dropped, as a reader expects.
            if used + w <= width {
                out.last_mut().expect("a line").extend(parts);
                used += w;
            } else {
                new_line(&mut out, &mut used);
            }
            continue;
        }
        if used + w > width && used > indent {
            // A line's trailing spaces go with it.
            let last = out.last_mut().expect("a line");
            while let Some((s, _)) = last.last() {
                if s.trim_end_matches(' ').is_empty() && last.len() > 1 {
                    last.pop();
                } else {
                    break;
                }
            }
            new_line(&mut out, &mut used);
        }
        // A word wider than a whole line: split where the line ends.
        for (piece, style) in parts {
            let mut chunk = String::new();
            for c in piece.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > indent {
                    out.last_mut().expect("a line").push((std::mem::take(&mut chunk), style));
                    new_line(&mut out, &mut used);
                }
                chunk.push(c);
                used += cw;
            }
            out.last_mut().expect("a line").push((chunk, style));
        }
    }
    out.into_iter()
        .map(|parts| {
            let spans: Vec<Span<'static>> =
                parts.into_iter().filter(|(s, _)| !s.is_empty()).map(|(s, st)| Span::styled(s, st)).collect();
            let mut line = Line::from(spans).style(line_style);
            line.alignment = alignment;
            line
        })
        .collect()
}

/// `"a  b c"` as `["a", "  ", "b", " ", "c"]`: only the plain space breaks.
fn split_keeping_spaces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c == ' ';
        if in_space.is_some_and(|s| s != space) {
            pieces.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &Text) -> Vec<String> {
        text.lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn a_cut_title_ends_at_a_word_with_an_ellipsis() {
        assert_eq!(truncate("Raisons des partenariats", 18), "Raisons des…");
        assert_eq!(truncate("Raisons", 20), "Raisons");
        assert_eq!(truncate("Anticonstitutionnellement", 8), "Anticon…");
        assert_eq!(truncate("abc", 0), "");
    }

    /// On the previous main a wrapped item went on at the left edge, under
    /// its `[ ] `, and ratatui's wrapping could split « 3 / 12 ».
    #[test]
    fn a_wrapped_item_goes_on_under_its_text() {
        let line = Line::from(vec![Span::raw("[ ] "), Span::raw("Roles and responsibilities poorly understood")]);
        let text = hanging(Text::from(line), 20);
        assert_eq!(rows(&text), ["[ ] Roles and", "    responsibilities", "    poorly", "    understood"]);
        let bullet = Line::raw("  ✓ 3. Raisons des échecs des partenariats");
        assert_eq!(
            rows(&hanging(Text::from(bullet), 20)),
            ["  ✓ 3. Raisons des", "       échecs des", "       partenariats"]
        );
        let minutes = Line::raw("6. Reasons partnerships fail · 10 min");
        assert_eq!(rows(&hanging(Text::from(minutes), 34)), ["6. Reasons partnerships fail ·", "   10 min"]);
        let number = Line::raw("Tour de Awa 3\u{a0}/\u{a0}12 bientôt");
        assert_eq!(rows(&hanging(Text::from(number), 16)), ["Tour de Awa", "3\u{a0}/\u{a0}12 bientôt"]);
    }

    /// On the previous main the home's credit went on under the footer,
    /// cut mid-sentence with no sign.
    #[test]
    fn a_paragraph_too_long_for_its_rows_ends_with_an_ellipsis() {
        let text = "Adapted from a guide by the Transition Network, in French, our translation";
        assert_eq!(
            clamp(text, 30, 5),
            ["Adapted from a guide by the", "Transition Network, in French,", "our translation"]
        );
        let cut = clamp(text, 30, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…') && cut[1].width() <= 30, "{cut:?}");
    }

    #[test]
    fn what_fits_is_left_alone_and_no_line_is_wider_than_the_width() {
        let text = Text::from(vec![Line::raw("short"), Line::raw("a much longer line that will wrap somewhere")]);
        let wrapped = hanging(text, 12);
        assert_eq!(rows(&wrapped)[0], "short");
        assert!(wrapped.lines.iter().all(|l| l.width() <= 12), "{:?}", rows(&wrapped));
        let long = hanging(Text::raw("• Supercalifragilisticexpialidocious"), 10);
        assert!(long.lines.iter().all(|l| l.width() <= 10), "{:?}", rows(&long));
        let all: String = rows(&long).concat().split_whitespace().collect();
        assert_eq!(all, "•Supercalifragilisticexpialidocious");
    }
}
