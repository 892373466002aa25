//! The keys of the app, in its own words: the runtime turns the terminal's
//! events into these at its edge, so that nothing past it depends on the
//! terminal library.

/// A key pressed, with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: Mods,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Backspace,
    Delete,
    Tab,
    BackTab,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Mods {
    pub shift: bool,
    pub ctrl: bool,
    pub alt: bool,
}

impl Mods {
    pub const NONE: Mods = Mods { shift: false, ctrl: false, alt: false };
    pub const SHIFT: Mods = Mods { shift: true, ctrl: false, alt: false };
    pub const CTRL: Mods = Mods { shift: false, ctrl: true, alt: false };
    pub const ALT: Mods = Mods { shift: false, ctrl: false, alt: true };
}

impl Key {
    pub const fn new(code: KeyCode, mods: Mods) -> Self {
        Self { code, mods }
    }

    pub const fn plain(code: KeyCode) -> Self {
        Self::new(code, Mods::NONE)
    }

    /// A character as typed: its shift is in the character itself.
    pub const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    /// The same key as far as the key table goes: for a character, Shift
    /// is already in the character (`K`, `?`), so it is not compared.
    pub fn same_as(self, other: Key) -> bool {
        let strip = |key: Key| match key.code {
            KeyCode::Char(_) => Mods { shift: false, ..key.mods },
            _ => key.mods,
        };
        self.code == other.code && strip(self) == strip(other)
    }
}
