//! The board's rules: notes added, edited, pinned, moved, removed and
//! brought back, by the keyboard and from phones.

use super::*;

#[test]
fn every_column_at_once_is_each_column_as_shown() {
    let cols = columns();
    let mut board = Board::default();
    for (n, text) in ["a", "b", "c", "d", "e"].iter().enumerate() {
        board.column = n % 2;
        board.add(text, &cols);
    }
    Arc::make_mut(&mut board.notes_mut()[3]).pinned = true;
    board.notes_mut().push(Arc::new(Note {
        id: 99,
        column: "elsewhere".into(),
        text: "x".into(),
        pinned: false,
        phone: None,
        extra: Map::new(),
    }));
    let ids: Vec<&str> = cols.iter().map(String::as_str).collect();
    let all = board.by_column(&ids);
    assert_eq!(all.len(), cols.len());
    for (column, notes) in cols.iter().zip(&all) {
        assert_eq!(*notes, board.column_notes(column).collect::<Vec<_>>(), "{column}");
    }
    assert_eq!(all[1][0].text, "d", "pinned first");
}

#[test]
fn a_board_needs_columns_and_no_two_alike() {
    let column = |id: &str| Column { id: id.into(), title: "t".into(), hint: "h".into() };
    let def = |columns| Def { intro: "i".into(), columns };
    assert!(def(vec![column("a"), column("b")]).faults().is_empty());
    let messages = |d: Def| d.faults().iter().map(|f| f.message).collect::<Vec<_>>();
    assert_eq!(messages(def(vec![])), ["check-empty-list"]);
    assert_eq!(def(vec![column("a"), column("a")]).faults().len(), 1, "the same column twice");
}

proptest::proptest! {
    /// Whatever the changes, undoing them one by one walks back
    /// through every earlier state of the notes, to the first.
    #[test]
    fn undo_walks_back_through_every_change(ops in proptest::collection::vec((0u8..7, 0usize..4), 0..60)) {
        let cols = columns();
        let mut b = board_with(&["a", "b", "c"]);
        b.undo = History::default();
        let mut states = vec![b.notes.clone()];
        for (n, (op, arg)) in ops.into_iter().enumerate() {
            let changed = match op {
                0 => b.add(&format!("n{n}"), &cols),
                1 => b.edit(&format!("e{n}"), &cols),
                2 => b.delete(&cols),
                3 => b.toggle_pin(&cols),
                4 => b.move_selected(if arg % 2 == 0 { -1 } else { 1 }, &cols),
                5 => { b.select(arg as isize - 2, &cols); false }
                _ => { b.focus_next_column(cols.len()); false }
            };
            if changed {
                states.push(b.notes.clone());
            }
            proptest::prop_assert_eq!(b.shape(), &Shape::of(&b.notes), "the shape follows the notes");
        }
        while let Some(state) = states.pop() {
            proptest::prop_assert_eq!(&b.notes, &state);
            proptest::prop_assert_eq!(b.shape(), &Shape::of(&b.notes), "and follows them back");
            if !states.is_empty() {
                proptest::prop_assert!(b.undo(&cols));
            }
        }
        proptest::prop_assert!(!b.undo(&cols));
    }
}

fn columns() -> Vec<String> {
    vec!["positives".into(), "difficulties".into()]
}

fn texts(board: &Board, column: &str) -> Vec<String> {
    board.column_notes(column).map(|n| n.text.clone()).collect()
}

/// The shape is read from the notes, it is not part of them: a board
/// whose shape is read equals its copy, whose shape is not.
#[test]
fn a_board_equals_its_copy_whether_its_shape_is_read_or_not() {
    let board = board_with(&["a", "b"]);
    let copy = board.clone();
    assert!(board.shape.0.get().is_some() && copy.shape.0.get().is_none());
    assert_eq!(board, copy);
}

fn board_with(notes: &[&str]) -> Board {
    let mut b = Board::default();
    for n in notes {
        assert!(b.add(n, &columns()));
    }
    b
}

#[test]
fn notes_are_added_to_the_focused_column_and_selected() {
    let cols = columns();
    let mut b = board_with(&["Confiance", "Réseau"]);
    b.focus_next_column(2);
    b.add("  Manque de temps  ", &cols);
    assert_eq!(texts(&b, "positives"), ["Confiance", "Réseau"]);
    assert_eq!(texts(&b, "difficulties"), ["Manque de temps"]);
    assert_eq!(b.selected_note(&cols).unwrap().text, "Manque de temps");
    assert!(!b.add("   ", &cols), "blank adds nothing");
}

#[test]
fn pinned_notes_come_first() {
    let cols = columns();
    let mut b = board_with(&["a", "b", "c"]);
    b.select(-1, &cols); // b? selection is on c (last added)
    assert_eq!(b.selected_note(&cols).unwrap().text, "b");
    b.toggle_pin(&cols);
    assert_eq!(texts(&b, "positives"), ["b", "a", "c"]);
    assert_eq!(b.selected_note(&cols).unwrap().text, "b", "the selection follows the note");
    assert_eq!(b.pinned().count(), 1);
}

/// The writer keeps a copy of the board that shares its notes: a change
/// made after the copy is not in it, and the notes not changed are
/// still shared.
#[test]
fn a_copy_shares_the_notes_and_keeps_them_as_they_were() {
    let cols = columns();
    let mut b = board_with(&["a", "b"]);
    let copy = b.clone();
    b.edit("B!", &cols);
    b.toggle_pin(&cols);
    assert_eq!(texts(&copy, "positives"), ["a", "b"]);
    assert!(copy.notes.iter().all(|n| !n.pinned));
    assert_eq!(texts(&b, "positives"), ["B!", "a"]);
    assert!(Arc::ptr_eq(&copy.notes[0], &b.notes[0]), "the note not changed is not copied");
    assert!(!Arc::ptr_eq(&copy.notes[1], &b.notes[1]));
}

#[test]
fn edit_delete_and_undo_each_change() {
    let cols = columns();
    let mut b = board_with(&["a", "b"]);
    b.edit("B!", &cols);
    assert_eq!(texts(&b, "positives"), ["a", "B!"]);
    assert!(!b.edit("B!", &cols), "the same text is no change");
    b.delete(&cols);
    assert_eq!(texts(&b, "positives"), ["a"]);
    assert!(b.undo(&cols));
    assert_eq!(texts(&b, "positives"), ["a", "B!"]);
    assert!(b.undo(&cols));
    assert_eq!(texts(&b, "positives"), ["a", "b"]);
    b.undo(&cols);
    b.undo(&cols);
    assert!(b.notes.is_empty());
    assert!(!b.undo(&cols), "nothing left to undo");
}

#[test]
fn notes_move_within_their_kind_and_moves_undo() {
    let cols = columns();
    let mut b = board_with(&["a", "b", "c"]);
    assert!(b.move_selected(-1, &cols));
    assert_eq!(texts(&b, "positives"), ["a", "c", "b"]);
    assert!(b.move_selected(-1, &cols));
    assert_eq!(texts(&b, "positives"), ["c", "a", "b"]);
    assert!(!b.move_selected(-1, &cols), "already first");
    b.select(2, &cols);
    b.toggle_pin(&cols); // b pinned, shown first
    assert_eq!(texts(&b, "positives"), ["b", "c", "a"]);
    assert!(!b.move_selected(1, &cols), "a pinned note stays among the pinned");
    b.undo(&cols);
    b.undo(&cols);
    assert_eq!(texts(&b, "positives"), ["a", "c", "b"]);
}

#[test]
fn the_selection_stays_in_range() {
    let cols = columns();
    let mut b = board_with(&["a", "b"]);
    b.select(10, &cols);
    assert_eq!(b.selected_in(0), 1);
    b.select(-10, &cols);
    assert_eq!(b.selected_in(0), 0);
    b.focus_next_column(2);
    b.select(1, &cols);
    assert_eq!(b.selected_in(1), 0);
    assert!(b.selected_note(&cols).is_none());
    assert!(!b.delete(&cols));
    b.focus_previous_column(2);
    assert_eq!(b.column, 0);
}

#[test]
fn a_board_survives_a_round_trip_with_unknown_fields() {
    let cols = columns();
    let mut b = board_with(&["Confiance 🤝", "Réseau"]);
    b.toggle_pin(&cols);
    let mut json = serde_json::to_value(&b).unwrap();
    json["notes"][0]["colour"] = "green".into();
    let mut back: Board = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), json);
    assert!(!back.undo(&cols), "history is not saved");
}

#[test]
fn the_focus_goes_round_the_columns_both_ways() {
    let mut b = Board::default();
    let mut seen = Vec::new();
    for _ in 0..4 {
        b.focus_next_column(3);
        seen.push(b.column);
    }
    for _ in 0..4 {
        b.focus_previous_column(3);
        seen.push(b.column);
    }
    assert_eq!(seen, [1, 2, 0, 1, 0, 2, 1, 0]);
    // A board without columns (a workshop being written) has nothing to
    // focus, and does not fail.
    b.focus_next_column(0);
    b.focus_previous_column(0);
    assert_eq!(b.column, 0);
}

#[test]
fn the_last_two_hundred_changes_can_be_taken_back_and_no_more() {
    let cols = columns();
    let mut b = Board::default();
    for n in 0..=UNDO_DEPTH {
        b.add(&format!("note {n}"), &cols);
    }
    for _ in 0..UNDO_DEPTH {
        assert!(b.undo(&cols));
    }
    assert!(!b.undo(&cols), "the oldest change is forgotten");
    assert_eq!(texts(&b, "positives"), ["note 0"]);
}

#[test]
fn a_board_read_from_a_file_keeps_its_focus_and_selections_on_what_exists() {
    let cols = columns();
    let mut b = board_with(&["a", "b"]);
    b.column = 7;
    b.selected = vec![9, 4, 3];
    b.clamp(&cols);
    assert_eq!(b.column, 1, "the last column");
    assert_eq!(b.selected, [1, 0], "the last note of the first column; the second has none");
}

#[test]
fn a_new_note_is_selected_at_the_end_of_its_column_with_an_id_of_its_own() {
    let cols = columns();
    let mut b = board_with(&["a", "b"]);
    b.toggle_pin(&cols);
    b.column = 1;
    b.add("ailleurs", &cols);
    b.column = 0;
    b.add("c", &cols);
    assert_eq!(texts(&b, "positives"), ["b", "a", "c"], "the pinned note first");
    assert_eq!(b.selected_note(&cols).unwrap().text, "c");
    let ids: Vec<u64> = b.notes.iter().map(|n| n.id).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
}
