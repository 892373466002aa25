//! How the screen looks, as chosen once: the colour theme and how many
//! colours the terminal is asked for.

use std::fmt;
use std::str::FromStr;

/// The themes a facilitator can choose, with `--theme` or the `c` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Contrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Contrast];

    pub fn next(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::Contrast,
            ThemeName::Contrast => ThemeName::Dark,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Contrast => "contrast",
        }
    }
}

impl FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dark" | "sombre" => Ok(ThemeName::Dark),
            "light" | "clair" => Ok(ThemeName::Light),
            "contrast" | "high-contrast" | "contraste" => Ok(ThemeName::Contrast),
            _ => Err(format!(
                "unknown theme '{s}': use dark, light or contrast / thème inconnu : dark, light ou contrast"
            )),
        }
    }
}

/// How many colours the terminal is asked for: none (`NO_COLOR`, or a
/// `dumb` terminal), the xterm 256-colour palette that every colour terminal
/// of today shows the same way, or exact 24-bit colours when `COLORTERM`
/// says the terminal takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourDepth {
    None,
    #[default]
    Palette256,
    TrueColor,
}

impl ColourDepth {
    /// The depth the environment asks for, `var` reading one variable:
    /// `NO_COLOR` set and not empty (no-color.org) or `TERM=dumb` give none;
    /// `COLORTERM=truecolor` or `24bit` give 24-bit; anything else, an
    /// unset `TERM` included (Windows), the 256-colour palette.
    pub fn from_env(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> ColourDepth {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        if set("NO_COLOR").is_some() || set("TERM").is_some_and(|t| t == "dumb") {
            return ColourDepth::None;
        }
        match set("COLORTERM").and_then(|v| v.into_string().ok()) {
            Some(v) if v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit") => ColourDepth::TrueColor,
            _ => ColourDepth::Palette256,
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
