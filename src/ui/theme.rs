//! Colours for the room: dark (the default), light for bright rooms, and
//! high contrast for washed-out projectors; without colour at all when
//! NO_COLOR is set.

use ratatui::style::{Color, Modifier, Style};

pub use crate::app::ThemeName;

/// The styles every screen draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The whole screen: background and ordinary text.
    pub base: Style,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub alert: Style,
    pub selected: Style,
    pub border: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::of(ThemeName::Dark, false)
    }
}

impl Theme {
    /// The theme by name; `no_color` keeps only bold, reverse and
    /// underline, and never sets a colour (crossterm resets the attributes
    /// when it drops a colour under NO_COLOR, so none must be asked for).
    pub fn of(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Contrast => Theme::contrast(),
        }
    }

    /// Strong hues on the terminal's own dark background, in the 16 colours
    /// every terminal has.
    fn dark() -> Theme {
        Theme {
            base: Style::new(),
            text: Style::new(),
            dim: Style::new().fg(Color::Gray),
            title: Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            alert: Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
        }
    }

    /// Dark ink on white, for a bright room.
    fn light() -> Theme {
        let ink = Color::Rgb(0x10, 0x10, 0x10);
        let paper = Color::Rgb(0xff, 0xff, 0xff);
        Theme {
            base: Style::new().fg(ink).bg(paper),
            text: Style::new().fg(ink),
            dim: Style::new().fg(Color::Rgb(0x45, 0x45, 0x45)),
            title: Style::new().fg(Color::Rgb(0x00, 0x4a, 0x8f)).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Rgb(0x7a, 0x3e, 0x00)).add_modifier(Modifier::BOLD),
            alert: Style::new().fg(Color::Rgb(0xb0, 0x00, 0x20)).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(paper).bg(ink).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Rgb(0x80, 0x80, 0x80)),
        }
    }

    /// White and pure hues on black: every text at least 7:1 against the
    /// background.
    fn contrast() -> Theme {
        let black = Color::Rgb(0, 0, 0);
        let white = Color::Rgb(0xff, 0xff, 0xff);
        Theme {
            base: Style::new().fg(white).bg(black),
            text: Style::new().fg(white),
            dim: Style::new().fg(Color::Rgb(0xd8, 0xd8, 0xd8)),
            title: Style::new().fg(Color::Rgb(0x00, 0xff, 0xff)).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Rgb(0xff, 0xff, 0x00)).add_modifier(Modifier::BOLD),
            alert: Style::new().fg(Color::Rgb(0xff, 0x8c, 0x8c)).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(black).bg(white).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Rgb(0xc0, 0xc0, 0xc0)),
        }
    }

    /// No colour: emphasis by bold, reverse and underline only.
    fn monochrome() -> Theme {
        Theme {
            base: Style::new(),
            text: Style::new(),
            dim: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD),
            accent: Style::new().add_modifier(Modifier::BOLD),
            alert: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: Style::new(),
        }
    }

    /// Every text style of the theme with its name, for the checks.
    pub fn text_styles(&self) -> [(&'static str, Style); 6] {
        [
            ("text", self.text),
            ("dim", self.dim),
            ("title", self.title),
            ("accent", self.accent),
            ("alert", self.alert),
            ("border", self.border),
        ]
    }
}

/// Whether NO_COLOR asks for no colour: set and not empty (no-color.org).
pub fn no_color_from_env(value: Option<std::ffi::OsString>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// WCAG contrast ratio of two sRGB colours, from 1 to 21.
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn channel(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    }
    let luminance = |(r, g, b): (u8, u8, u8)| 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(color: Option<Color>) -> (u8, u8, u8) {
        match color {
            Some(Color::Rgb(r, g, b)) => (r, g, b),
            other => panic!("an exact colour is expected, got {other:?}"),
        }
    }

    #[test]
    fn high_contrast_text_is_at_least_seven_to_one() {
        let theme = Theme::of(ThemeName::Contrast, false);
        let background = rgb(theme.base.bg);
        for (name, style) in theme.text_styles() {
            let ratio = contrast_ratio(rgb(style.fg), background);
            assert!(ratio >= 7.0, "{name}: {ratio:.1}:1");
        }
        let selected = contrast_ratio(rgb(theme.selected.fg), rgb(theme.selected.bg));
        assert!(selected >= 7.0);
    }

    #[test]
    fn light_text_reads_on_white() {
        let theme = Theme::of(ThemeName::Light, false);
        let background = rgb(theme.base.bg);
        for (name, style) in theme.text_styles() {
            let ratio = contrast_ratio(rgb(style.fg), background);
            let floor = if name == "border" { 3.0 } else { 7.0 };
            assert!(ratio >= floor, "{name}: {ratio:.1}:1");
        }
    }

    #[test]
    fn without_colour_no_colour_is_ever_asked_for() {
        for name in ThemeName::ALL {
            let theme = Theme::of(name, true);
            for (_, style) in
                theme.text_styles().into_iter().chain([("base", theme.base), ("selected", theme.selected)])
            {
                assert_eq!((style.fg, style.bg), (None, None));
            }
            assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
        }
    }

    #[test]
    fn no_color_counts_only_when_set_and_not_empty() {
        assert!(!no_color_from_env(None));
        assert!(!no_color_from_env(Some("".into())));
        assert!(no_color_from_env(Some("1".into())));
    }

    #[test]
    fn themes_cycle_and_parse() {
        assert_eq!(ThemeName::Dark.next().next().next(), ThemeName::Dark);
        assert_eq!("clair".parse::<ThemeName>(), Ok(ThemeName::Light));
        assert!("neon".parse::<ThemeName>().is_err());
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
    }
}
