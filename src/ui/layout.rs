//! Splitting an area along one direction, as ratatui's `Layout` does. The
//! screens split mostly into fixed rows or columns and one that takes the
//! rest: that case is a subtraction, worked out here; any other goes to
//! ratatui's constraint solver, whose first use in a run was a tenth of the
//! work before the first frame. A property test holds the two to the same
//! areas.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// What `Layout::vertical(…).spacing(…)` describes, in the same words.
#[derive(Debug, Clone)]
pub(crate) struct Split<C> {
    direction: Direction,
    constraints: C,
    spacing: u16,
}

impl<C: AsRef<[Constraint]>> Split<C> {
    pub(crate) fn vertical(constraints: C) -> Self {
        Self { direction: Direction::Vertical, constraints, spacing: 0 }
    }

    pub(crate) fn horizontal(constraints: C) -> Self {
        Self { direction: Direction::Horizontal, constraints, spacing: 0 }
    }

    /// Cells left empty between two parts.
    pub(crate) fn spacing(self, spacing: u16) -> Self {
        Self { spacing, ..self }
    }

    /// The parts, one per constraint.
    pub(crate) fn split(&self, area: Rect) -> Vec<Rect> {
        let constraints = self.constraints.as_ref();
        self.by_subtraction(area).unwrap_or_else(|| {
            let layout = Layout::new(self.direction, constraints.iter().copied()).spacing(self.spacing);
            layout.split(area).to_vec()
        })
    }

    /// The parts, as many as asked for; like `Layout::areas`, a count that
    /// differs from the constraints' is a mistake in the code.
    pub(crate) fn areas<const N: usize>(&self, area: Rect) -> [Rect; N] {
        self.split(area).try_into().expect("as many areas as constraints")
    }

    /// Fixed lengths and at most one part that fills, all of which fit:
    /// each fixed part gets its length and the filling one the rest, in
    /// order, spacing between. `None` for anything else.
    fn by_subtraction(&self, area: Rect) -> Option<Vec<Rect>> {
        let constraints = self.constraints.as_ref();
        let gaps = u32::try_from(constraints.len().checked_sub(1)?).ok()?;
        let mut fixed = u32::from(self.spacing) * gaps;
        let mut fills = 0;
        for constraint in constraints {
            match *constraint {
                Constraint::Length(length) => fixed += u32::from(length),
                Constraint::Fill(_) => fills += 1,
                _ => return None,
            }
        }
        let vertical = self.direction == Direction::Vertical;
        let total = u32::from(if vertical { area.height } else { area.width });
        // Room to spare with nothing to fill stays after the last part, as
        // ratatui's default flex leaves it.
        if fills > 1 || fixed > total {
            return None;
        }
        let rest = u16::try_from(total - fixed).ok()?;
        let mut at = if vertical { area.y } else { area.x };
        let parts = constraints.iter().map(|constraint| {
            let length = match *constraint {
                Constraint::Length(length) => length,
                _ => rest,
            };
            let part = if vertical {
                Rect::new(area.x, at, area.width, length)
            } else {
                Rect::new(at, area.y, length, area.height)
            };
            at = at.saturating_add(length).saturating_add(self.spacing);
            part
        });
        Some(parts.collect())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn constraint() -> impl Strategy<Value = Constraint> {
        prop_oneof![
            6 => (0u16..60).prop_map(Constraint::Length),
            3 => (0u16..3).prop_map(Constraint::Fill),
            1 => (0u16..=100).prop_map(Constraint::Percentage),
            1 => (0u16..30).prop_map(Constraint::Min),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

        /// Whatever the constraints, the spacing and the area, the parts
        /// are the ones ratatui's solver gives.
        #[test]
        fn the_parts_are_the_ones_ratatuis_layout_gives(
            constraints in prop::collection::vec(constraint(), 1..5),
            spacing in 0u16..3,
            vertical: bool,
            (x, y, width, height) in (0u16..50, 0u16..50, 0u16..250, 0u16..80),
        ) {
            let area = Rect::new(x, y, width, height);
            let direction = if vertical { Direction::Vertical } else { Direction::Horizontal };
            let ours = Split { direction, constraints: constraints.clone(), spacing }.split(area);
            let theirs = Layout::new(direction, constraints).spacing(spacing).split(area);
            prop_assert_eq!(ours, theirs.to_vec());
        }
    }

    #[test]
    fn a_fixed_part_and_one_that_fills_are_worked_out_without_the_solver() {
        let area = Rect::new(2, 3, 40, 10);
        let split = Split::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]);
        assert_eq!(
            split.by_subtraction(area),
            Some(vec![Rect::new(2, 3, 40, 2), Rect::new(2, 5, 40, 7), Rect::new(2, 12, 40, 1)])
        );
        let columns = Split::horizontal([Constraint::Fill(1), Constraint::Length(12)]).spacing(1);
        assert_eq!(columns.areas(area), [Rect::new(2, 3, 27, 10), Rect::new(30, 3, 12, 10)]);
        assert_eq!(
            Split::vertical([Constraint::Length(11)]).by_subtraction(area),
            None,
            "too tall: the solver decides"
        );
        let exact = Split::vertical([Constraint::Length(4), Constraint::Fill(1), Constraint::Length(6)]);
        assert_eq!(
            exact.by_subtraction(area).map(|parts| parts[1].height),
            Some(0),
            "an exact fit leaves nothing to fill"
        );
        let two = Split::horizontal([Constraint::Fill(1), Constraint::Fill(2)]);
        assert_eq!(two.by_subtraction(area), None, "two that fill share by the solver's rounding");
    }
}
