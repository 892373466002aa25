//! Text that people type, paste, or that comes from a file: made safe to
//! keep and to draw.

/// What is kept from typed or pasted text: line ends normalised, tabs as
/// spaces, and no control characters, escape sequences or bidi overrides
/// (they would be obeyed by the terminal, or reorder the screen). A
/// single-line field turns line breaks into spaces.
pub fn sanitize_input(text: &str, multiline: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if multiline => out.push('\n'),
            '\n' | '\t' => out.push(' '),
            '\u{1b}' => skip_escape_sequence(&mut chars),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Drops the rest of an escape sequence (CSI `ESC [ … final`, OSC
/// `ESC ] … BEL/ST`, or a two-character escape), so its parameters do not
/// show up as text.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '_' | '^') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// Text made safe to show, on the screen or on standard error: the one
/// cleaning for whatever comes from a file or the command line (ids,
/// names, decisions, paths, error messages). Line breaks and tabs show as
/// spaces; any other control character, escape or bidirectional override
/// shows escaped (`\u{1b}`), so it is seen and never obeyed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Text for a printed sheet (not a terminal): control characters and
/// bidirectional overrides become spaces.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() || is_bidi_control(c) { ' ' } else { c }).collect()
}

/// [`clean`], line by line: for messages of several lines.
pub fn clean_lines(text: &str) -> String {
    text.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// JSON for a terminal: serde escapes control characters already, and this
/// escapes the bidirectional overrides too (the JSON stays the same).
pub fn json_for_terminal(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_bidi_control(c) || c.is_control() && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A number with its sign, written as typography wants it: `+3`, `−3`
/// (U+2212, the minus sign, not the hyphen), `0`.
pub fn signed(n: i64) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("\u{2212}{}", n.unsigned_abs()),
        _ => "0".to_string(),
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_dropped() {
        assert_eq!(sanitize_input("a\x1b[31mred\x1b[0m b", false), "ared b");
        assert_eq!(sanitize_input("\x1b]0;title\x07ok", false), "ok");
        assert_eq!(sanitize_input("\x1b]8;;http://x\x1b\\link", false), "link");
        assert_eq!(sanitize_input("bell\x07 nul\0 c1\u{9b}31m", false), "bell nul c131m");
        assert_eq!(sanitize_input("\u{202e}evil", false), "evil");
    }

    #[test]
    fn line_ends_are_normalised() {
        assert_eq!(sanitize_input("a\r\nb\rc\nd", true), "a\nb\nc\nd");
        assert_eq!(sanitize_input("a\r\nb\tc", false), "a b c");
    }

    #[test]
    fn accents_emoji_and_cjk_are_kept() {
        let s = "Dédé 👩🏽‍🤝‍👩🏻 合作 e\u{301}";
        assert_eq!(sanitize_input(s, false), s);
        assert_eq!(clean(s), s);
    }

    #[test]
    fn numbers_take_the_minus_sign() {
        assert_eq!(signed(30), "+30");
        assert_eq!(signed(-5), "\u{2212}5");
        assert_eq!(signed(0), "0");
    }

    #[test]
    fn clean_shows_controls_escaped() {
        assert_eq!(clean("a\x1bb\u{202e}c\nd"), "a\\u{1b}b\\u{202e}c d");
        assert_eq!(clean_lines("a\x07\nb"), "a\\u{7}\nb");
    }
}
