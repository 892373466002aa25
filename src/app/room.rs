//! The room as the app sees it: whether it is open and what the
//! facilitator's screen shows of it (the address, the join code, how many
//! phones joined), what the phones send kept in the session as notes typed
//! here are, the replies owed to the phones, and what the phones are shown
//! of the step on screen ([`App::room_stage`]).
//!
//! Pure like the rest of `update`: the server itself is the runtime's
//! (`crate::room::Room`), opened and closed through [`Effect`]s. A reply
//! « saved » is handed to the runtime with the save it waits for: the
//! runtime tells the phone only once that save is on the disk.

use std::rc::Rc;

use super::{App, Effect, Message, Notice};
use crate::i18n::{Lang, Tr};
use crate::room::{Choice, Countdown, Key, PhoneId, Reply, RoomEvent, Said, Sent, Stage, StageKind};
use crate::steps::{Block, StepKind, StepState};

/// What the runtime says of a room it opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomInfo {
    /// `http://IP:PORT/`, shown as text.
    pub address: String,
    /// The address with the join token, for the QR code.
    pub join_url: String,
    /// The 6-character code to type.
    pub code: String,
}

/// The room while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomView {
    pub info: RoomInfo,
    pub phones: usize,
    /// How many of them follow the room now.
    pub here: usize,
    /// The panel with the QR code is on screen (`j` hides and shows it).
    pub shown: bool,
    /// Phone notes wait for the facilitator to let each one through.
    pub moderation: bool,
}

impl App {
    /// The room's own messages.
    pub(super) fn update_room(&mut self, message: Message) {
        match message {
            Message::ToggleRoom => {
                if let Some(view) = &mut self.room {
                    view.shown = !view.shown;
                } else if self.run().is_some_and(|r| r.read_only) {
                    self.notice = Some(Notice::Word("room-read-only", String::new()));
                } else if self.run().is_some() {
                    self.effects.push(Effect::OpenRoom);
                }
            }
            Message::CloseRoom if self.room.take().is_some() => {
                self.effects.push(Effect::CloseRoom);
                self.notice = Some(Notice::Word("room-closed-notice", String::new()));
            }
            Message::RoomOpened(info) => {
                self.room = Some(RoomView { info, phones: 0, here: 0, shown: true, moderation: false });
            }
            Message::ToggleModeration => {
                if let Some(view) = &mut self.room {
                    view.moderation = !view.moderation;
                }
            }
            Message::LetThrough if self.held_board_mut().is_some_and(|b| b.let_through()) => self.save(),
            Message::DropHeld => {
                if let Some(text) = self.held_board_mut().and_then(|b| b.drop_held()) {
                    self.notice = Some(Notice::Removed(text));
                    self.save();
                }
            }
            Message::Room(RoomEvent::Phones(phones)) => {
                if let Some(view) = &mut self.room {
                    view.phones = phones;
                }
            }
            Message::Room(RoomEvent::Here(here)) => {
                if let Some(view) = &mut self.room {
                    view.here = here;
                }
            }
            Message::Room(RoomEvent::Sent { key, phone, step, sent }) => {
                let reply = self.keep_from_phone(&phone, step, sent, &key);
                self.room_replies.push((key, reply));
            }
            _ => {}
        }
    }

    /// The board on screen, to let its held notes through.
    fn held_board_mut(&mut self) -> Option<&mut crate::steps::board::Board> {
        let run = self.run_mut().filter(|r| !r.read_only)?;
        match &mut run.session.current_mut().state {
            StepState::Board(board) => Some(board),
            _ => None,
        }
    }

    /// The phone notes held on the board on screen, oldest first.
    pub fn held_notes(&self) -> Vec<String> {
        let Some(run) = self.run() else { return Vec::new() };
        match &run.session.current().state {
            StepState::Board(board) => board.held().iter().map(|n| n.text.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// Leaving the session closes its room.
    pub(super) fn leave_room(&mut self) {
        if self.room.take().is_some() {
            self.effects.push(Effect::CloseRoom);
        }
    }

    /// The replies owed to the phones since the last call: a « saved » one
    /// waits, in the runtime, for the save asked for with it.
    pub fn take_room_replies(&mut self) -> Vec<(Key, Reply)> {
        std::mem::take(&mut self.room_replies)
    }

    /// Keeps what a phone sent on the step it names (a note written just
    /// before the facilitator moved on still lands on its own step), as a
    /// note typed here is kept: saved by the same autosave.
    fn keep_from_phone(&mut self, phone: &PhoneId, step: usize, sent: Sent, key: &Key) -> Reply {
        if self.room.is_none() {
            return Reply::Refused("room-closed");
        }
        let workshop = Rc::clone(&self.workshop);
        let held = self.room.as_ref().is_some_and(|r| r.moderation);
        let Some(run) = self.run_mut() else { return Reply::Refused("room-closed") };
        if run.read_only {
            return Reply::Refused("room-refused-read-only");
        }
        let current = run.session.current_step;
        let (Some(def), Some(state)) = (workshop.programme.steps.get(step), run.session.steps.get_mut(step)) else {
            return Reply::Refused("room-refused-step");
        };
        let changed = match (&def.kind, &mut state.state, sent) {
            (StepKind::Board(def), StepState::Board(board), Sent::Note { column, text }) => {
                if !def.columns.iter().any(|c| c.id == column) {
                    return Reply::Refused("room-refused-step");
                }
                match board.add_from_phone(&column, &text, &key.0, held) {
                    Some(added) => added,
                    None => return Reply::Refused("room-refused-text"),
                }
            }
            // A phone changes its own notes while their step is on screen.
            (StepKind::Board(_), StepState::Board(_), Sent::Edit { .. } | Sent::Withdraw { .. }) if step != current => {
                return Reply::Refused("room-refused-step");
            }
            (StepKind::Board(_), StepState::Board(board), Sent::Edit { of, text }) => {
                if !board.edit_from_phone(&of.0, &text) {
                    return Reply::Refused("room-refused-gone");
                }
                true
            }
            (StepKind::Board(def), StepState::Board(board), Sent::Withdraw { of }) => {
                if !board.withdraw_from_phone(&of.0, &def.column_ids()) {
                    return Reply::Refused("room-refused-gone");
                }
                true
            }
            (StepKind::Checklist(def), StepState::Checklist(checklist), Sent::Answers { ticked }) => {
                checklist.answer_from_phone(&phone.0, &ticked, &def.item_ids())
            }
            (StepKind::Plan(def), StepState::Plan(plan), Sent::Partner { text }) => {
                // The facilitator's cursor stays on the row it was on.
                let row = plan.current_row(def);
                plan.partners.push(crate::steps::plan::Partner { name: text, ..Default::default() });
                if let Some(at) = row.and_then(|row| plan.rows(def).iter().position(|r| *r == row)) {
                    plan.row = at;
                }
                true
            }
            (StepKind::Summary(_), StepState::Summary(summary), Sent::Closing { text }) => {
                summary.lines.push(text);
                true
            }
            _ => return Reply::Refused("room-refused-step"),
        };
        // A retry of what is kept already is answered once the notes are
        // on the disk too: a save is asked for either way.
        if changed {
            self.save();
        } else {
            self.ask_to_save(Effect::SaveOpened);
        }
        Reply::Saved
    }

    /// The facilitator leaves a step: its phone notes are no longer new.
    pub(super) fn room_notes_seen(&mut self) {
        if let Some(run) = self.run_mut()
            && let StepState::Board(board) = &mut run.session.current_mut().state
        {
            board.seen();
        }
    }

    /// What the phones show now, in both languages: none without an open
    /// room on a session.
    pub fn room_stage(&self) -> Option<Stage> {
        self.room.as_ref()?;
        let run = self.run()?;
        let index = run.session.current_step;
        let def = self.programme().steps.get(index)?;
        let state = &run.session.steps.get(index)?.state;
        let (fr, en) = (Tr::new(&self.workshop.texts, Lang::Fr), Tr::new(&self.workshop.texts, Lang::En));
        let said = |id: &str| Said::new(fr.t(id), en.t(id));
        let mut stage = Stage { step: index, title: said(&def.title), closed: run.read_only, ..Stage::default() };
        stage.countdown = state.countdown().map(|c| Countdown {
            remaining_ms: u64::try_from(c.remaining_ms(self.now())).unwrap_or(0),
            running: c.is_running(),
        });
        match (&def.kind, state) {
            (StepKind::Info(_), _) => stage.kind = StageKind::Info,
            (StepKind::TimedPairs(def), _) => {
                stage.kind = StageKind::Pairs;
                stage.prompts = def.prompts.iter().map(|p| said(p)).collect();
            }
            (StepKind::Board(def), _) => {
                stage.kind = StageKind::Board;
                stage.prompts = vec![said(&def.intro)];
                stage.choices = def
                    .columns
                    .iter()
                    .map(|c| Choice { id: c.id.clone(), text: said(&c.title), hint: said(&c.hint) })
                    .collect();
            }
            (StepKind::Reading(def), StepState::Reading(reading)) => {
                stage.kind = StageKind::Reading;
                if let Some(section) = def.sections.get(reading.section) {
                    stage.prompts.push(said(&section.title));
                    stage.prompts.extend(section.blocks.iter().map(|b| block_text(b, &fr, &en)));
                }
            }
            (StepKind::Checklist(def), StepState::Checklist(checklist)) => {
                stage.kind = StageKind::Checklist;
                stage.prompts = vec![said(&def.question)];
                stage.choices = def
                    .items
                    .iter()
                    .map(|i| Choice { id: i.id.clone(), text: said(&i.text), ..Choice::default() })
                    .collect();
                stage.answered = u32::try_from(checklist.answered()).unwrap_or(u32::MAX);
                // The combined result once the turns are over, as the
                // facilitator's screen shows it.
                if checklist.is_finished() {
                    let totals = checklist.totals(&def.item_ids());
                    stage.totals = Some(
                        def.items
                            .iter()
                            .map(|i| totals.iter().find(|t| t.item == i.id).map_or(0, |t| t.count as u32))
                            .collect(),
                    );
                }
            }
            (StepKind::Plan(def), _) => {
                stage.kind = StageKind::Plan;
                stage.prompts = def.partners_field().map(|f| vec![said(&f.title), said(&f.hint)]).unwrap_or_default();
            }
            (StepKind::Summary(_), _) => stage.kind = StageKind::Closing,
            (StepKind::Reading(_) | StepKind::Checklist(_), _) => {}
        }
        Some(stage)
    }
}

/// A block of text of the guide, as plain text in both languages.
fn block_text(block: &Block, fr: &Tr, en: &Tr) -> Said {
    let text = |tr: &Tr| match block {
        Block::Text(id) => tr.t(id),
        Block::Bullets(ids) => ids.iter().map(|id| format!("• {}", tr.t(id))).collect::<Vec<_>>().join("\n"),
        Block::Terms(ids) => {
            ids.iter().map(|id| format!("{} — {}", tr.t(id), tr.attr(id, "desc"))).collect::<Vec<_>>().join("\n")
        }
    };
    Said::new(text(fr), text(en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Home, Screen};
    use crate::session::{Roster, Session};
    use crate::timer::FakeClock;

    fn app_in_room() -> App {
        let clock = FakeClock::default();
        let mut app = App::built_in(Lang::Fr, Rc::new(clock), Screen::Home(Home::new(Vec::new())));
        let roster = Roster { participants: Roster::parse_participants("Awa,Bruno"), ..Roster::default() };
        let session = Session::new("t".into(), app.programme(), roster, Lang::Fr, chrono::Local::now());
        app.show_session(session, "t.json".into(), false);
        app.update(Message::ToggleRoom);
        assert_eq!(app.take_effects(), [Effect::SaveOpened, Effect::OpenRoom]);
        let info = RoomInfo { address: "http://127.0.0.1:8737/".into(), join_url: "x".into(), code: "ABCDEF".into() };
        app.update(Message::RoomOpened(info));
        app
    }

    fn index(app: &App, id: &str) -> usize {
        app.programme().step(id).unwrap().0
    }

    fn sent(app: &mut App, key: &str, step: &str, sent: Sent) -> Vec<(Key, Reply)> {
        let step = index(app, step);
        let event = RoomEvent::Sent { key: Key(key.into()), phone: PhoneId("p1".into()), step, sent };
        app.update(Message::Room(event));
        app.take_room_replies()
    }

    fn note(column: &str, text: &str) -> Sent {
        Sent::Note { column: column.into(), text: text.into() }
    }

    fn board(app: &App) -> &crate::steps::board::Board {
        let step = index(app, "board");
        let StepState::Board(board) = &app.run().unwrap().session.steps[step].state else { panic!("a board") };
        board
    }

    #[test]
    fn a_phone_note_lands_on_its_board_marked_new_saved_and_a_retry_keeps_one() {
        let mut app = app_in_room();
        app.take_effects();
        // The facilitator is still on the welcome step: the note names its own.
        let replies = sent(&mut app, "k1", "board", note("positives", "Confiance"));
        assert_eq!(replies, [(Key("k1".into()), Reply::Saved)]);
        assert_eq!(app.take_effects(), [Effect::Save], "saved as a typed note is");
        let notes = board(&app).notes();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "Confiance");
        assert!(notes[0].phone.as_ref().is_some_and(|p| p.new && p.key == "k1"));
        assert_eq!(board(&app).selected_in(0), 0, "the facilitator's selection untouched");
        // The same key again: one note, answered once saved.
        assert_eq!(sent(&mut app, "k1", "board", note("positives", "Confiance")), [(Key("k1".into()), Reply::Saved)]);
        assert_eq!(board(&app).notes().len(), 1);
        // Leaving another step leaves them new.
        app.update(Message::NextStep);
        assert!(board(&app).notes().iter().all(|n| n.phone.as_ref().is_some_and(|p| p.new)), "not the step left");
    }

    #[test]
    fn leaving_the_board_step_the_phone_notes_are_seen() {
        let mut app = app_in_room();
        for _ in 0..index(&app, "board") {
            app.update(Message::NextStep);
        }
        sent(&mut app, "k1", "board", note("difficulties", "Le temps"));
        app.update(Message::NextStep);
        assert!(board(&app).notes().iter().all(|n| n.phone.as_ref().is_some_and(|p| !p.new)));
    }

    #[test]
    fn what_does_not_fit_its_step_is_refused_and_nothing_is_saved() {
        let mut app = app_in_room();
        app.take_effects();
        let refused = |replies: Vec<(Key, Reply)>| replies.into_iter().map(|(_, r)| r).collect::<Vec<_>>();
        assert_eq!(refused(sent(&mut app, "a", "board", note("nowhere", "x"))), [Reply::Refused("room-refused-step")]);
        assert_eq!(
            refused(sent(&mut app, "b", "welcome", note("positives", "x"))),
            [Reply::Refused("room-refused-step")]
        );
        let event = RoomEvent::Sent {
            key: Key("c".into()),
            phone: PhoneId("p".into()),
            step: 99,
            sent: note("positives", "x"),
        };
        app.update(Message::Room(event));
        assert_eq!(refused(app.take_room_replies()), [Reply::Refused("room-refused-step")]);
        assert!(app.take_effects().is_empty());
        // Closed, the room takes nothing more.
        app.update(Message::CloseRoom);
        assert_eq!(app.take_effects(), [Effect::CloseRoom]);
        assert_eq!(refused(sent(&mut app, "d", "board", note("positives", "x"))), [Reply::Refused("room-closed")]);
        assert!(board(&app).notes().is_empty());
    }

    #[test]
    fn checklist_answers_count_once_per_phone_beside_the_turns() {
        let mut app = app_in_room();
        let ticked = |items: &[&str]| Sent::Answers { ticked: items.iter().map(|s| s.to_string()).collect() };
        sent(&mut app, "a1", "ingredients", ticked(&["trust", "vision", "not-an-item"]));
        sent(&mut app, "a2", "ingredients", ticked(&["trust"]));
        let step = index(&app, "ingredients");
        let StepState::Checklist(checklist) = &app.run().unwrap().session.steps[step].state else { panic!() };
        assert_eq!(checklist.answered(), 1, "the same phone's second answer replaces its first");
        let ids = ["trust".to_string(), "vision".to_string()];
        let totals = checklist.totals(&ids);
        assert_eq!(totals.iter().find(|t| t.item == "trust").unwrap().count, 1);
        assert_eq!(totals.iter().find(|t| t.item == "vision").unwrap().count, 0);
    }

    #[test]
    fn a_partner_line_joins_the_plan_and_a_closing_line_the_closing_without_moving_the_cursor() {
        let mut app = app_in_room();
        let plan_step = index(&app, "plan");
        let def = plan_def(&app);
        let StepState::Plan(plan) = &app.run().unwrap().session.steps[plan_step].state else { panic!() };
        let before = plan.current_row(&def);
        sent(&mut app, "p1", "plan", Sent::Partner { text: "La Ressourcerie : un atelier commun".into() });
        let StepState::Plan(plan) = &app.run().unwrap().session.steps[plan_step].state else { panic!() };
        assert_eq!(plan.partners.len(), 1);
        assert_eq!(plan.partners[0].name, "La Ressourcerie : un atelier commun");
        assert_eq!(plan.current_row(&def), before, "the facilitator's cursor stays on its row");
        sent(&mut app, "c1", "closing", Sent::Closing { text: "Merci à tous".into() });
        let closing = index(&app, "closing");
        let StepState::Summary(summary) = &app.run().unwrap().session.steps[closing].state else { panic!() };
        assert_eq!(summary.lines, ["Merci à tous"]);
    }

    fn plan_def(app: &App) -> crate::steps::plan::Def {
        let StepKind::Plan(def) = &app.programme().steps[index(app, "plan")].kind else { panic!() };
        def.clone()
    }

    #[test]
    fn the_phones_see_the_step_on_screen_in_both_languages() {
        let mut app = app_in_room();
        let stage = app.room_stage().unwrap();
        assert_eq!((stage.step, stage.kind), (0, StageKind::Info));
        for _ in 0..index(&app, "board") {
            app.update(Message::NextStep);
        }
        let stage = app.room_stage().unwrap();
        assert_eq!(stage.kind, StageKind::Board);
        assert_eq!(stage.title, Said::new("Épinglage en groupe", "Pinning as a group"));
        let ids: Vec<&str> = stage.choices.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["positives", "difficulties"]);
        app.update(Message::CloseRoom);
        assert!(app.room_stage().is_none(), "no room, nothing to show");
    }

    #[test]
    fn a_read_only_session_does_not_open_the_room() {
        let clock = FakeClock::default();
        let mut app = App::built_in(Lang::Fr, Rc::new(clock), Screen::Home(Home::new(Vec::new())));
        let session = Session::new("t".into(), app.programme(), Roster::default(), Lang::Fr, chrono::Local::now());
        app.show_session(session, "t.json".into(), true);
        app.update(Message::ToggleRoom);
        assert!(app.take_effects().is_empty());
        assert_eq!(app.notice, Some(Notice::Word("room-read-only", String::new())));
    }

    #[test]
    fn j_hides_and_shows_the_panel_and_leaving_the_session_closes_the_room() {
        let mut app = app_in_room();
        assert!(app.room.as_ref().unwrap().shown);
        app.update(Message::ToggleRoom);
        assert!(!app.room.as_ref().unwrap().shown);
        app.update(Message::ToggleRoom);
        assert!(app.room.as_ref().unwrap().shown);
        app.update(Message::Room(RoomEvent::Phones(3)));
        assert_eq!(app.room.as_ref().unwrap().phones, 3);
        app.take_effects();
        app.update(Message::Quit);
        assert!(app.take_effects().contains(&Effect::CloseRoom));
        assert!(app.room.is_none());
    }

    #[test]
    fn with_moderation_a_phone_note_waits_saved_until_let_through() {
        let mut app = app_in_room();
        for _ in 0..index(&app, "board") {
            app.update(Message::NextStep);
        }
        app.update(Message::ToggleModeration);
        app.take_effects();
        assert_eq!(sent(&mut app, "h1", "board", note("positives", "Premier")), [(Key("h1".into()), Reply::Saved)]);
        sent(&mut app, "h2", "board", note("positives", "Second"));
        assert_eq!(app.take_effects(), [Effect::Save, Effect::Save], "held notes are saved too");
        assert!(board(&app).notes().is_empty(), "not on the board yet");
        assert_eq!(app.held_notes(), ["Premier", "Second"]);
        // A retry of a held note is not held twice.
        sent(&mut app, "h1", "board", note("positives", "Premier"));
        assert_eq!(board(&app).held().len(), 2);
        app.update(Message::LetThrough);
        assert_eq!(board(&app).notes().len(), 1);
        assert_eq!(board(&app).notes()[0].text, "Premier");
        assert!(board(&app).notes()[0].phone.as_ref().is_some_and(|p| !p.held && p.new));
        app.update(Message::DropHeld);
        assert!(app.held_notes().is_empty());
        assert_eq!(board(&app).notes().len(), 1, "the dropped one never shows");
        app.update(Message::ToggleModeration);
        sent(&mut app, "h3", "board", note("positives", "Direct"));
        assert_eq!(board(&app).notes().len(), 2, "moderation off, straight onto the board");
    }

    #[test]
    fn a_phone_edits_and_withdraws_its_own_note_while_its_step_is_on_screen() {
        let mut app = app_in_room();
        let refused = |replies: Vec<(Key, Reply)>| replies.into_iter().map(|(_, r)| r).collect::<Vec<_>>();
        sent(&mut app, "p.k1", "board", note("positives", "Premier jet"));
        let edit = |text: &str| Sent::Edit { of: Key("p.k1".into()), text: text.into() };
        // Not on screen: the facilitator has moved on, or not come yet.
        assert_eq!(refused(sent(&mut app, "p.e1", "board", edit("Mieux"))), [Reply::Refused("room-refused-step")]);
        for _ in 0..index(&app, "board") {
            app.update(Message::NextStep);
        }
        assert_eq!(refused(sent(&mut app, "p.e2", "board", edit("Mieux dit"))), [Reply::Saved]);
        assert_eq!(board(&app).notes()[0].text, "Mieux dit");
        let other = Sent::Withdraw { of: Key("q.k1".into()) };
        assert_eq!(refused(sent(&mut app, "q.w1", "board", other)), [Reply::Refused("room-refused-gone")]);
        let withdraw = Sent::Withdraw { of: Key("p.k1".into()) };
        assert_eq!(refused(sent(&mut app, "p.w1", "board", withdraw.clone())), [Reply::Saved]);
        assert!(board(&app).notes().is_empty());
        assert_eq!(refused(sent(&mut app, "p.w2", "board", withdraw)), [Reply::Refused("room-refused-gone")]);
        // The facilitator's `u` brings it back.
        app.update(Message::Step(crate::steps::Action::Undo));
        assert_eq!(board(&app).notes().len(), 1);
    }
}
