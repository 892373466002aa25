//! The QR code of the join address, as a grid of modules with its quiet
//! zone, and drawn in text: two cells of `█` a module when there is room
//! (square on a terminal's tall cells), else half blocks (`▀ ▄ █`), two
//! modules a cell, one above the other.
//!
//! The address is upper case (`HTTP://192.168.1.23:8737/J/TOKEN`): the QR
//! code's alphanumeric mode then holds it in a version 3 code, 29 modules
//! a side, which fits a 75×21 terminal in half blocks.

use qrcode::{Color, EcLevel, QrCode};

/// The light modules around the code; phones read a code on a dark
/// terminal when it has this much light around it.
pub const QUIET: usize = 2;

/// The code's modules, quiet zone included: `true` is dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modules {
    pub side: usize,
    dark: Vec<bool>,
}

impl Modules {
    /// The code of `text`, or none when it cannot hold it.
    pub fn of(text: &str) -> Option<Modules> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
        let width = code.width();
        let colors = code.to_colors();
        let side = width + 2 * QUIET;
        let mut dark = vec![false; side * side];
        for y in 0..width {
            for x in 0..width {
                dark[(y + QUIET) * side + x + QUIET] = colors[y * width + x] == Color::Dark;
            }
        }
        Some(Modules { side, dark })
    }

    pub fn dark(&self, x: usize, y: usize) -> bool {
        x < self.side && y < self.side && self.dark[y * self.side + x]
    }

    /// Rows of text, two modules a cell: each character shows the module
    /// above in its upper half and the one below in its lower half.
    /// Dark modules are the blocks: drawn dark on light, as a phone reads
    /// them best.
    pub fn half_blocks(&self) -> Vec<String> {
        (0..self.side.div_ceil(2))
            .map(|row| {
                (0..self.side)
                    .map(|x| match (self.dark(x, 2 * row), self.dark(x, 2 * row + 1)) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    })
                    .collect()
            })
            .collect()
    }

    /// Rows of text, a module two cells wide and one high.
    pub fn full_blocks(&self) -> Vec<String> {
        (0..self.side).map(|y| (0..self.side).map(|x| if self.dark(x, y) { "██" } else { "  " }).collect()).collect()
    }

    /// The cells it takes: (width, height) in full blocks, else in half.
    pub fn size(&self, full: bool) -> (usize, usize) {
        if full { (2 * self.side, self.side) } else { (self.side, self.side.div_ceil(2)) }
    }
}

/// The join address as the QR code holds it: all upper case, which the
/// server takes as it takes lower case (scheme, address and `/J/` route).
pub fn for_code(join_url: &str) -> String {
    join_url.to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_join_address_fits_a_version_3_code_that_fits_75_by_21() {
        let url = for_code("http://192.168.100.200:65535/J/ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        let modules = Modules::of(&url).unwrap();
        assert_eq!(modules.side, 29 + 2 * QUIET);
        let (w, h) = modules.size(false);
        assert!(w <= 75 && h <= 21 - 4, "{w}×{h}");
        let (w, h) = modules.size(true);
        assert!(w <= 120 && h <= 36 - 2, "{w}×{h} in full blocks at 120×36");
    }

    #[test]
    fn half_blocks_show_two_modules_a_cell_and_full_blocks_one_in_two_cells() {
        let modules = Modules::of("HTTP://127.0.0.1:8737/J/X").unwrap();
        let half = modules.half_blocks();
        assert_eq!(half.len(), modules.side.div_ceil(2));
        // The quiet zone is light; the finder's top left corner is dark
        // on both of its rows.
        assert!(half[0].chars().all(|c| c == ' '));
        assert_eq!(half[1].chars().nth(QUIET), Some('█'));
        let full = modules.full_blocks();
        assert_eq!(full.len(), modules.side);
        assert_eq!(full[QUIET].chars().count(), 2 * modules.side);
        assert!(full[QUIET][..].starts_with(&" ".repeat(2 * QUIET)));
        // Every module drawn as it is.
        for y in 0..modules.side {
            for x in 0..modules.side {
                let cell = half[y / 2].chars().nth(x).unwrap();
                let shown = if y % 2 == 0 { matches!(cell, '█' | '▀') } else { matches!(cell, '█' | '▄') };
                assert_eq!(shown, modules.dark(x, y), "({x}, {y})");
            }
        }
    }
}
