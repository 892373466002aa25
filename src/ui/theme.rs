//! Colours for the room: dark (the default), light for bright rooms, and
//! high contrast for washed-out projectors; without colour at all when
//! NO_COLOR is set or the terminal is `dumb`.
//!
//! Every theme paints its own background and names its colours exactly, so
//! that what the room reads does not depend on the terminal's settings. On a
//! terminal that does not say it takes 24-bit colour, each colour is sent as
//! the nearest entry of the xterm 256-colour palette: only entries 16 to
//! 255, whose values every terminal shares (the first sixteen are the
//! terminal's own, and many brighten them under bold).

use ratatui::style::{Color, Modifier, Style};

pub use crate::app::{ColourDepth, ThemeName};

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
        Theme::of(ThemeName::Dark, ColourDepth::default())
    }
}

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// The colours of a theme, exactly. Each is also an entry of the 256-colour
/// palette, so both depths look the same.
struct Colours {
    paper: Rgb,
    ink: Rgb,
    dim: Rgb,
    title: Rgb,
    accent: Rgb,
    alert: Rgb,
    /// Lines and shades only, never letters: at least 3:1.
    border: Rgb,
    selected_paper: Rgb,
    selected_ink: Rgb,
}

impl Colours {
    /// Light text on near-black; every letter at least 4.5:1.
    const DARK: Colours = Colours {
        paper: (0x12, 0x12, 0x12),
        ink: (0xe4, 0xe4, 0xe4),
        dim: (0xb2, 0xb2, 0xb2),
        title: (0x5f, 0xd7, 0xff),
        accent: (0xff, 0xd7, 0x5f),
        alert: (0xff, 0x87, 0x87),
        border: (0x76, 0x76, 0x76),
        selected_paper: (0xe4, 0xe4, 0xe4),
        selected_ink: (0x12, 0x12, 0x12),
    };

    /// Dark ink on white, for a bright room; every letter at least 4.5:1.
    const LIGHT: Colours = Colours {
        paper: (0xff, 0xff, 0xff),
        ink: (0x12, 0x12, 0x12),
        dim: (0x4e, 0x4e, 0x4e),
        title: (0x00, 0x5f, 0x87),
        accent: (0x87, 0x5f, 0x00),
        alert: (0xaf, 0x00, 0x00),
        border: (0x8a, 0x8a, 0x8a),
        selected_paper: (0x12, 0x12, 0x12),
        selected_ink: (0xff, 0xff, 0xff),
    };

    /// White and pure hues on black: every letter at least 7:1.
    const CONTRAST: Colours = Colours {
        paper: (0, 0, 0),
        ink: (0xff, 0xff, 0xff),
        dim: (0xd0, 0xd0, 0xd0),
        title: (0x00, 0xff, 0xff),
        accent: (0xff, 0xff, 0x00),
        alert: (0xff, 0x87, 0x87),
        border: (0xbc, 0xbc, 0xbc),
        selected_paper: (0xff, 0xff, 0xff),
        selected_ink: (0, 0, 0),
    };
}

impl Theme {
    /// The theme by name, in the colours the terminal is asked for. Without
    /// colour it keeps only bold, reverse and underline, and never sets a
    /// colour (crossterm resets the attributes when it drops a colour under
    /// NO_COLOR, so none must be asked for).
    pub fn of(name: ThemeName, depth: ColourDepth) -> Theme {
        let colours = match name {
            ThemeName::Dark => Colours::DARK,
            ThemeName::Light => Colours::LIGHT,
            ThemeName::Contrast => Colours::CONTRAST,
        };
        let c = |rgb: Rgb| match depth {
            ColourDepth::TrueColor => Color::Rgb(rgb.0, rgb.1, rgb.2),
            _ => Color::Indexed(nearest_in_palette(rgb)),
        };
        let bold = Modifier::BOLD;
        match depth {
            ColourDepth::None => Theme::monochrome(),
            _ => Theme {
                base: Style::new().fg(c(colours.ink)).bg(c(colours.paper)),
                text: Style::new().fg(c(colours.ink)),
                dim: Style::new().fg(c(colours.dim)),
                title: Style::new().fg(c(colours.title)).add_modifier(bold),
                accent: Style::new().fg(c(colours.accent)).add_modifier(bold),
                alert: Style::new().fg(c(colours.alert)).add_modifier(bold),
                selected: Style::new().fg(c(colours.selected_ink)).bg(c(colours.selected_paper)).add_modifier(bold),
                border: Style::new().fg(c(colours.border)),
            },
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

    /// The contrast every letter must have against its background: 7:1 in
    /// the high-contrast theme, 4.5:1 (WCAG AA) in the others.
    pub fn letter_contrast(name: ThemeName) -> f64 {
        if name == ThemeName::Contrast { 7.0 } else { 4.5 }
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

/// The six levels of each channel in the xterm colour cube.
const LEVELS: [u8; 6] = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];

/// The RGB value of an entry of the xterm 256-colour palette: the sixteen
/// system colours as xterm shows them by default, the 6×6×6 cube and the
/// 24 greys.
pub fn palette_rgb(index: u8) -> Rgb {
    const SYSTEM: [Rgb; 16] = [
        (0x00, 0x00, 0x00),
        (0xcd, 0x00, 0x00),
        (0x00, 0xcd, 0x00),
        (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee),
        (0xcd, 0x00, 0xcd),
        (0x00, 0xcd, 0xcd),
        (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f),
        (0xff, 0x00, 0x00),
        (0x00, 0xff, 0x00),
        (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff),
        (0xff, 0x00, 0xff),
        (0x00, 0xff, 0xff),
        (0xff, 0xff, 0xff),
    ];
    match index {
        0..=15 => SYSTEM[usize::from(index)],
        16..=231 => {
            let i = usize::from(index - 16);
            (LEVELS[i / 36], LEVELS[i / 6 % 6], LEVELS[i % 6])
        }
        _ => {
            let grey = 8 + 10 * (index - 232);
            (grey, grey, grey)
        }
    }
}

/// The palette entry from 16 to 255 nearest to `rgb`, by distance in sRGB
/// weighted as the eye weighs red, green and blue.
pub fn nearest_in_palette(rgb: Rgb) -> u8 {
    let distance = |index: u8| weighted_distance(rgb, palette_rgb(index));
    // In the cube the distance adds up channel by channel, so the nearest
    // level of each channel makes the nearest entry; ties keep the lower
    // level, the entry that comes first.
    let level =
        |c: u8| (0..6u8).min_by_key(|&l| (i32::from(c) - i32::from(LEVELS[usize::from(l)])).pow(2)).unwrap_or(0);
    let cube = 16 + 36 * level(rgb.0) + 6 * level(rgb.1) + level(rgb.2);
    let grey = (232..=255).min_by_key(|&i| distance(i)).unwrap_or(232);
    // A grey only when strictly nearer: the cube comes first.
    if distance(grey) < distance(cube) { grey } else { cube }
}

/// How far apart two colours look, green weighing most, then blue.
fn weighted_distance(a: Rgb, b: Rgb) -> i32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
    2 * d(a.0, b.0) + 4 * d(a.1, b.1) + 3 * d(a.2, b.2)
}

/// The RGB value a colour is shown in, when the app decides it: exact
/// colours and palette entries; `None` for the terminal's own (reset and
/// the sixteen named colours, which each terminal paints its own way).
pub fn shown_rgb(color: Color) -> Option<Rgb> {
    match color {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => Some(palette_rgb(i)),
        _ => None,
    }
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

    const DEPTHS: [ColourDepth; 2] = [ColourDepth::TrueColor, ColourDepth::Palette256];

    /// The nearest entry of the palette, told by the cube's levels and the
    /// greys, is the one a search of all 240 finds, over a grid of colours
    /// with every level and its neighbours.
    #[test]
    fn the_nearest_entry_is_found_without_searching_the_palette() {
        let mut values: Vec<u8> = (0..=255).step_by(15).collect();
        for level in LEVELS {
            values.extend([level.saturating_sub(1), level, level.saturating_add(1)]);
            // The points halfway between two levels, where ties are.
            values.extend(LEVELS.iter().map(|other| ((u16::from(level) + u16::from(*other)) / 2) as u8));
        }
        values.sort_unstable();
        values.dedup();
        let check = |rgb: Rgb| {
            let searched = (16..=255).min_by_key(|&i| weighted_distance(rgb, palette_rgb(i))).unwrap();
            assert_eq!(nearest_in_palette(rgb), searched, "{rgb:?}");
        };
        for &r in &values {
            for &g in &values {
                for &b in &values {
                    check((r, g, b));
                }
            }
        }
        // Every grey, where a grey of the palette and one of the cube can
        // be as near (4, 4, 4 is as near black as the first grey).
        (0..=255).for_each(|v| check((v, v, v)));
        // A colour where the weights of the channels decide: with any one
        // of them set to 1, it would go elsewhere.
        assert_eq!(nearest_in_palette((0, 9, 54)), 233);
    }

    fn rgb(color: Option<Color>) -> Rgb {
        color.and_then(shown_rgb).unwrap_or_else(|| panic!("an exact colour is expected, got {color:?}"))
    }

    #[test]
    fn every_letter_style_reads_on_its_background_at_both_depths() {
        for name in ThemeName::ALL {
            for depth in DEPTHS {
                let theme = Theme::of(name, depth);
                let background = rgb(theme.base.bg);
                for (style, style_name) in theme.text_styles().into_iter().map(|(n, s)| (s, n)) {
                    let ratio = contrast_ratio(rgb(style.fg), background);
                    let floor = if style_name == "border" { 3.0 } else { Theme::letter_contrast(name) };
                    assert!(ratio >= floor, "{name} {depth:?} {style_name}: {ratio:.2}:1");
                }
                let ratio = contrast_ratio(rgb(theme.base.fg), background);
                assert!(ratio >= Theme::letter_contrast(name), "{name} {depth:?} base: {ratio:.2}:1");
                let selected = contrast_ratio(rgb(theme.selected.fg), rgb(theme.selected.bg));
                assert!(selected >= Theme::letter_contrast(name), "{name} {depth:?} selected: {selected:.2}:1");
            }
        }
    }

    #[test]
    fn without_24_bit_only_the_shared_palette_is_used() {
        for name in ThemeName::ALL {
            let theme = Theme::of(name, ColourDepth::Palette256);
            let exact = Theme::of(name, ColourDepth::TrueColor);
            let styles = |t: &Theme| {
                let mut all: Vec<Style> = t.text_styles().into_iter().map(|(_, s)| s).collect();
                all.extend([t.base, t.selected]);
                all
            };
            for (style, exact) in styles(&theme).into_iter().zip(styles(&exact)) {
                for (color, exact) in [(style.fg, exact.fg), (style.bg, exact.bg)] {
                    let Some(color) = color else { continue };
                    let Color::Indexed(i) = color else { panic!("{name}: {color:?} is not a palette entry") };
                    assert!(i >= 16, "{name}: entry {i} is one the terminal may change");
                    // The themes are made of palette colours: both depths look alike.
                    assert_eq!(Some(palette_rgb(i)), exact.and_then(shown_rgb), "{name}");
                }
            }
        }
    }

    #[test]
    fn the_palette_is_xterms_and_the_nearest_entry_is_found() {
        assert_eq!(palette_rgb(16), (0, 0, 0));
        assert_eq!(palette_rgb(196), (0xff, 0, 0));
        assert_eq!(palette_rgb(231), (0xff, 0xff, 0xff));
        assert_eq!(palette_rgb(232), (8, 8, 8));
        assert_eq!(palette_rgb(255), (0xee, 0xee, 0xee));
        for i in 16..=255 {
            assert_eq!(palette_rgb(nearest_in_palette(palette_rgb(i))), palette_rgb(i));
        }
        assert_eq!(nearest_in_palette((0x10, 0x10, 0x10)), 233);
        assert_eq!(nearest_in_palette((0x7a, 0x3e, 0x00)), 94);
        assert_eq!(nearest_in_palette((0xfe, 0xfe, 0xfe)), 231, "white is the cube's, not the system's 15");
        assert_eq!(shown_rgb(Color::Reset), None);
        assert_eq!(shown_rgb(Color::LightCyan), None);
    }

    #[test]
    fn without_colour_no_colour_is_ever_asked_for() {
        for name in ThemeName::ALL {
            let theme = Theme::of(name, ColourDepth::None);
            for (_, style) in
                theme.text_styles().into_iter().chain([("base", theme.base), ("selected", theme.selected)])
            {
                assert_eq!((style.fg, style.bg), (None, None));
            }
            assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
        }
    }

    #[test]
    fn the_depth_follows_the_environment() {
        let depth = |vars: &[(&str, &str)]| {
            let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            ColourDepth::from_env(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.into()))
        };
        assert_eq!(depth(&[]), ColourDepth::Palette256, "no TERM at all (Windows) still has colour");
        assert_eq!(depth(&[("TERM", "xterm-256color")]), ColourDepth::Palette256);
        assert_eq!(depth(&[("TERM", "xterm"), ("COLORTERM", "truecolor")]), ColourDepth::TrueColor);
        assert_eq!(depth(&[("COLORTERM", "24bit")]), ColourDepth::TrueColor);
        assert_eq!(depth(&[("COLORTERM", "TrueColor")]), ColourDepth::TrueColor);
        assert_eq!(depth(&[("COLORTERM", "yes")]), ColourDepth::Palette256, "only 24-bit counts");
        assert_eq!(depth(&[("COLORTERM", "")]), ColourDepth::Palette256);
        assert_eq!(depth(&[("TERM", "dumb"), ("COLORTERM", "truecolor")]), ColourDepth::None);
        assert_eq!(depth(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")]), ColourDepth::None);
        assert_eq!(depth(&[("NO_COLOR", "")]), ColourDepth::Palette256, "an empty NO_COLOR is unset");
        assert_eq!(depth(&[("NO_COLOR", "0"), ("TERM", "xterm-256color")]), ColourDepth::None);
    }

    #[test]
    fn themes_cycle_and_parse() {
        assert_eq!(ThemeName::Dark.next().next().next(), ThemeName::Dark);
        assert_eq!("clair".parse::<ThemeName>(), Ok(ThemeName::Light));
        assert!("neon".parse::<ThemeName>().is_err());
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
    }
}
