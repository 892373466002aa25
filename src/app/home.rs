//! The home screen: a new session, or the past ones, newest first, with a
//! search over the group, the region and the partners' names.

use std::path::PathBuf;

use super::{App, Effect, Message, Notice, Screen, Target};
use crate::listing::{Listed, Summary};
use crate::steps::Action;

pub struct Home {
    pub entries: Vec<Listed>,
    /// 0 is « new session »; then one line per visible entry.
    pub selected: usize,
    /// What the list is narrowed to.
    pub search: String,
    /// A session to put the cursor on once the list is read again (one
    /// brought back from the trash).
    pub reselect: Option<PathBuf>,
    /// The folder is not read yet: the screen is drawn at once, and the
    /// past sessions fill in once they are listed.
    pub loading: bool,
}

impl Home {
    pub fn new(entries: Vec<Listed>) -> Self {
        Self { entries, selected: 0, search: String::new(), reselect: None, loading: false }
    }

    /// The home screen before its folder is read.
    pub fn loading() -> Self {
        Self { loading: true, ..Self::new(Vec::new()) }
    }

    /// The entries that match the search; an unreadable file shows only
    /// without one (it has nothing to match).
    pub fn visible<'a>(&'a self, search: &'a str) -> impl Iterator<Item = &'a Listed> + 'a {
        self.entries.iter().filter(move |e| match e {
            Listed::Session(s) => s.matches(search),
            Listed::Unreadable { .. } => search.trim().is_empty(),
        })
    }

    /// The entry under the cursor, if it is not « new session ».
    pub fn selected_entry(&self) -> Option<&Listed> {
        self.selected.checked_sub(1).and_then(|i| self.visible(&self.search).nth(i))
    }

    fn selected_session(&self) -> Option<&Summary> {
        match self.selected_entry() {
            Some(Listed::Session(s)) => Some(s),
            _ => None,
        }
    }

    fn clamp(&mut self) {
        let count = self.visible(&self.search).count();
        self.selected = self.selected.min(count);
    }
}

impl App {
    /// The search as typed so far: live while its entry is open.
    pub fn home_search(&self) -> String {
        match (&self.entry, &self.screen) {
            (Some(entry), _) if entry.target == Target::Search => entry.text(),
            (_, Screen::Home(home)) => home.search.clone(),
            _ => String::new(),
        }
    }

    pub(super) fn update_home(&mut self, message: Message) {
        let Screen::Home(home) = &mut self.screen else { return };
        home.clamp();
        let path = home.selected_session().map(|s| s.path.clone());
        let effect = |effect: fn(PathBuf) -> Effect| path.clone().map(effect);
        let effect = match message {
            Message::Step(Action::Select(delta)) => {
                home.selected = home.selected.saturating_add_signed(delta);
                home.clamp();
                None
            }
            Message::HomeChoose => match home.selected_entry() {
                None => Some(Effect::New),
                Some(Listed::Session(s)) => Some(Effect::Open { path: s.path.clone(), read_only: s.example }),
                // A broken file is never opened; its previous version is,
                // to read.
                Some(Listed::Unreadable { backup: Some(backup), .. }) => {
                    Some(Effect::Open { path: backup.clone(), read_only: true })
                }
                Some(Listed::Unreadable { path, reason, backup: None }) => {
                    self.notice = Some(Notice::OpenFailed(format!("{}: {reason}", path.display())));
                    None
                }
            },
            Message::HomeReadOnly => effect(|path| Effect::Open { path, read_only: true }),
            Message::HomeFollowUp => effect(Effect::FollowUp),
            Message::Export => effect(Effect::Export),
            Message::HomeTrend => home.selected_session().map(|s| Effect::Trend(s.group.clone())),
            // Nothing is erased and `u` brings it back: no question asked.
            Message::HomeDelete => effect(Effect::Trash),
            Message::HomeUntrash => self.trashed.take().map(|(from, to)| {
                home.reselect = Some(to.clone());
                Effect::Untrash { from, to }
            }),
            Message::HomeSearch => {
                let search = home.search.clone();
                self.entry = Some(super::Entry::new(Target::Search, &search));
                None
            }
            Message::HomeRename => {
                let group = home.selected_session().map(|s| s.group.clone());
                if let (Some(path), Some(group)) = (path.clone(), group) {
                    self.entry = Some(super::Entry::new(Target::Rename(path), &group));
                }
                None
            }
            _ => None,
        };
        self.new_asked |= effect == Some(Effect::New);
        self.effects.extend(effect);
    }

    /// What an entry typed on the home screen does when kept.
    pub(super) fn keep_on_home(&mut self, target: &Target, text: &str) {
        match target {
            Target::Search => {
                if let Screen::Home(home) = &mut self.screen {
                    home.search = text.trim().to_string();
                    home.selected = home.selected.min(1);
                    home.clamp();
                }
            }
            Target::Rename(path) => {
                self.effects.push(Effect::Rename { path: path.clone(), group: text.trim().to_string() })
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use chrono::{Local, TimeZone};

    use super::*;
    use crate::app::{Done, EntryInput};
    use crate::i18n::Lang;
    use crate::timer::FakeClock;

    fn summary(id: &str, group: &str, partners: &[&str], example: bool) -> Listed {
        let at = Local.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).single().unwrap();
        Listed::Session(Box::new(Summary {
            path: format!("{id}.json").into(),
            id: id.into(),
            group: group.into(),
            region: "Centre".into(),
            participants: 4,
            current_step: 2,
            steps: 8,
            created_at: at,
            updated_at: at,
            pins: 0,
            choices: Default::default(),
            partners: partners.iter().map(|p| p.to_string()).collect(),
            example,
            follows: None,
            dates: Default::default(),
            finished: None,
        }))
    }

    fn home_app() -> App {
        let entries = vec![
            summary("a", "Les Colibris", &["Repair Café"], false),
            summary("b", "Jardins partagés", &[], false),
            summary("ex", "Exemple", &[], true),
            Listed::Unreadable { path: "bad.json".into(), reason: "eof".into(), backup: None },
        ];
        App::built_in(Lang::Fr, Rc::new(FakeClock::default()), Screen::Home(Home::new(entries)))
    }

    fn search(app: &mut App, text: &str) {
        app.update(Message::HomeSearch);
        app.update(Message::Entry(EntryInput::Paste(text.into())));
        app.update(Message::Entry(EntryInput::Commit));
    }

    #[test]
    fn the_search_narrows_the_list_by_group_region_or_partner() {
        let mut app = home_app();
        search(&mut app, "repair");
        let Screen::Home(home) = &app.screen else { panic!() };
        assert_eq!(home.visible(&home.search).count(), 1);
        app.update(Message::Step(Action::Select(5)));
        app.update(Message::HomeChoose);
        assert_eq!(app.take_effects(), [Effect::Open { path: "a.json".into(), read_only: false }]);
        // Esc in the search clears it.
        app.update(Message::HomeSearch);
        app.update(Message::Entry(EntryInput::Cancel));
        let Screen::Home(home) = &app.screen else { panic!() };
        assert_eq!(home.visible(&home.search).count(), 4, "no search shows all, unreadable too");
    }

    #[test]
    fn read_only_and_examples_open_without_changes() {
        let mut app = home_app();
        app.update(Message::Step(Action::Select(1)));
        app.update(Message::HomeReadOnly);
        assert_eq!(app.take_effects(), [Effect::Open { path: "a.json".into(), read_only: true }]);
        app.update(Message::Step(Action::Select(2)));
        app.update(Message::HomeChoose);
        assert_eq!(app.take_effects(), [Effect::Open { path: "ex.json".into(), read_only: true }]);
    }

    #[test]
    fn a_session_goes_to_the_trash_at_once_comes_back_with_u_and_a_broken_file_is_never_touched() {
        let mut app = home_app();
        app.update(Message::Step(Action::Select(2)));
        app.update(Message::HomeDelete);
        assert_eq!(app.take_effects(), [Effect::Trash("b.json".into())]);
        let trashed = Done::Trashed { from: "b.json".into(), to: ".trash/b.json".into(), group: "Jardins".into() };
        app.update(Message::Done(trashed));
        assert_eq!(app.notice, Some(Notice::Removed("Jardins".into())));
        app.update(Message::HomeUntrash);
        assert_eq!(app.take_effects(), [Effect::Untrash { from: ".trash/b.json".into(), to: "b.json".into() }]);
        app.update(Message::HomeUntrash);
        assert!(app.take_effects().is_empty(), "once");
        app.update(Message::Step(Action::Select(2))); // the unreadable file
        app.update(Message::HomeDelete);
        assert!(app.take_effects().is_empty());
    }

    #[test]
    fn rename_and_follow_up_name_the_selected_session() {
        let mut app = home_app();
        app.update(Message::Step(Action::Select(1)));
        app.update(Message::HomeRename);
        assert_eq!(app.entry.as_ref().unwrap().text(), "Les Colibris");
        app.update(Message::Entry(EntryInput::Paste(" 2".into())));
        app.update(Message::Entry(EntryInput::Commit));
        app.update(Message::HomeFollowUp);
        assert_eq!(
            app.take_effects(),
            [
                Effect::Rename { path: "a.json".into(), group: "Les Colibris 2".into() },
                Effect::FollowUp("a.json".into())
            ]
        );
    }
}
