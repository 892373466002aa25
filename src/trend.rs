//! How a group's answers to the checklists change from one session to the
//! next: the ingredients it sees growing, the risks that fade.
//!
//! Pure logic over saved sessions, no terminal. The caller picks the
//! sessions of one group (see [`group_key`] and [`of_group`]); [`trend`]
//! puts them in order and reads the totals of every checklist step of the
//! programme.

use chrono::NaiveDate;

use crate::programme::Programme;
use crate::session::Session;
use crate::steps::StepKind;

/// How sessions are matched to a group: the name trimmed, its inner
/// whitespace collapsed to single spaces and lowercased, so that
/// "Les Colibris" and " les  colibris " are one group.
pub fn group_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A group's name as people type it to find it: case, accents and extra
/// spaces ignored, so `jardins partages` finds « Jardins  Partagés ».
pub fn folded(name: &str) -> String {
    let mut out = String::new();
    for c in group_key(name).chars() {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            // Accents typed as combining marks go too.
            '\u{300}'..='\u{36f}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The groups `query` names, among `names` (newest first, say), each once
/// ([`group_key`]) in the order given: those whose name it is, folded;
/// else those with a word it starts (`colib`, `les col`). Several: the
/// caller asks which.
pub fn matching_groups<'a>(query: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let query = folded(query);
    if query.is_empty() {
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    let names: Vec<&str> = names.into_iter().filter(|n| seen.insert(group_key(n))).collect();
    let exact: Vec<&str> = names.iter().copied().filter(|n| folded(n) == query).collect();
    if !exact.is_empty() {
        return exact;
    }
    // At the start of a word: `colib` finds « Les Colibris ».
    let at_a_word = format!(" {query}");
    names.into_iter().filter(|n| format!(" {}", folded(n)).contains(&at_a_word)).collect()
}

/// The sessions whose group matches `group` by [`group_key`], cloned, in
/// the order given.
pub fn of_group(sessions: &[Session], group: &str) -> Vec<Session> {
    let key = group_key(group);
    sessions.iter().filter(|s| group_key(&s.roster.group) == key).cloned().collect()
}

/// The checklist totals of a group over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// One per checklist step of the programme, in programme order.
    pub checklists: Vec<ChecklistTrend>,
}

/// One checklist over the sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistTrend {
    /// The id of the checklist step in the programme.
    pub step_id: String,
    /// The Fluent id of the step title.
    pub title: String,
    /// The day each session was held, oldest first: one per session.
    pub dates: Vec<NaiveDate>,
    /// One per item, in programme order.
    pub items: Vec<ItemTrend>,
}

/// One item of a checklist over the sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemTrend {
    /// The item id in the programme.
    pub item: String,
    /// The Fluent id of the item's text.
    pub text: String,
    /// One per session, in the order of [`ChecklistTrend::dates`]; `None`
    /// when nobody answered this checklist in that session.
    pub points: Vec<Option<Share>>,
}

/// How many ticked an item, out of how many answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub count: usize,
    pub answered: usize,
}

impl Share {
    /// The share of those who answered that ticked, from 0 to 1 (0 when
    /// nobody answered).
    pub fn fraction(&self) -> f64 {
        if self.answered == 0 { 0.0 } else { self.count as f64 / self.answered as f64 }
    }

    /// The fraction in whole percent, rounded.
    pub fn percent(&self) -> i32 {
        (self.fraction() * 100.0).round() as i32
    }
}

impl ItemTrend {
    /// The points of the sessions that answered, oldest first.
    pub fn known(&self) -> impl Iterator<Item = &Share> {
        self.points.iter().flatten()
    }

    /// The difference between the last and the first known fractions, in
    /// percentage points rounded to the nearest: positive when the item
    /// grew. `None` with fewer than two sessions that answered.
    pub fn change(&self) -> Option<i32> {
        let mut known = self.known();
        let first = known.next()?;
        let last = known.last()?;
        Some(((last.fraction() - first.fraction()) * 100.0).round() as i32)
    }
}

impl Trend {
    /// How many sessions the trend covers.
    pub fn sessions(&self) -> usize {
        self.checklists.first().map_or(0, |c| c.dates.len())
    }
}

/// The checklist totals of these sessions over time, for each checklist
/// step of the programme (matched by step id, and items by id). Sessions
/// come in any order and are sorted by the day they were held (then made);
/// sessions of another workshop are left out.
pub fn trend(programme: &Programme, sessions: &[Session]) -> Trend {
    let mut sessions: Vec<&Session> = sessions.iter().filter(|s| s.workshop == programme.id).collect();
    sessions.sort_by_key(|s| (s.held_on(), s.created_at));
    let dates: Vec<NaiveDate> = sessions.iter().map(|s| s.held_on()).collect();
    let checklists = programme
        .steps
        .iter()
        .filter_map(|step| {
            let StepKind::Checklist(def) = &step.kind else { return None };
            let items = &def.items;
            let ids = def.item_ids();
            // Per session, the totals by item, or None without answers.
            let per_session: Vec<Option<Vec<crate::steps::checklist::Total>>> = sessions
                .iter()
                .map(|s| {
                    let checklist = s.steps.iter().find(|r| r.id == step.id)?.state.as_checklist()?;
                    (checklist.answered() > 0).then(|| checklist.totals(&ids))
                })
                .collect();
            let items = items
                .iter()
                .map(|item| ItemTrend {
                    item: item.id.clone(),
                    text: item.text.clone(),
                    points: per_session
                        .iter()
                        .map(|totals| {
                            let total = totals.as_ref()?.iter().find(|t| t.item == item.id)?;
                            Some(Share { count: total.count, answered: total.answered })
                        })
                        .collect(),
                })
                .collect();
            Some(ChecklistTrend { step_id: step.id.clone(), title: step.title.clone(), dates: dates.clone(), items })
        })
        .collect();
    Trend { checklists }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 31: `atelier open jardins` found nothing on the previous main:
    /// only the whole name, accents and all, matched.
    #[test]
    fn a_group_is_found_without_accents_or_case_and_by_its_start() {
        let names = ["Jardins Partagés", "Les Colibris", "jardins  partagés", "Les Colombes", "Jardin d’Émile"];
        assert_eq!(matching_groups("JARDINS PARTAGES", names), ["Jardins Partagés"]);
        assert_eq!(matching_groups("colib", names), ["Les Colibris"]);
        assert_eq!(matching_groups("les col", names), ["Les Colibris", "Les Colombes"]);
        assert_eq!(matching_groups("jardin", names), ["Jardins Partagés", "Jardin d’Émile"]);
        assert_eq!(matching_groups("jardin d’emile", names), ["Jardin d’Émile"]);
        assert!(matching_groups("hiboux", names).is_empty());
        assert!(matching_groups("  ", names).is_empty());
        assert_eq!(folded("E\u{301}mile  ŒUVRE"), "emile oeuvre");
    }
    use crate::i18n::Lang;
    use crate::session::Roster;
    use chrono::{Local, TimeZone};

    const INGREDIENTS: usize = 4;
    const FAILURES: usize = 5;

    fn session(group: &str, day: u32) -> Session {
        let roster = Roster {
            group: group.into(),
            participants: vec!["Awa".into(), "Bruno".into()],
            region: String::new(),
            ends_at: String::new(),
            date: String::new(),
        };
        let at = Local.with_ymd_and_hms(2026, 3, day, 18, 0, 0).unwrap();
        Session::new(format!("s{day}"), &Programme::embedded(), roster, Lang::Fr, at)
    }

    /// Each participant ticks the items at these positions, then ends
    /// their turn.
    fn answer(s: &mut Session, step: usize, ticks: &[&[usize]]) {
        let programme = Programme::embedded();
        let StepKind::Checklist(def) = &programme.steps[step].kind else { panic!("not a checklist") };
        let ids = def.item_ids();
        let checklist = s.steps[step].state.as_checklist_mut().unwrap();
        for turn in ticks {
            for &i in *turn {
                checklist.cursor = i;
                checklist.toggle(&ids);
            }
            checklist.end_turn();
        }
    }

    fn item<'a>(t: &'a Trend, step: &str, item: &str) -> &'a ItemTrend {
        let c = t.checklists.iter().find(|c| c.step_id == step).unwrap();
        c.items.iter().find(|i| i.item == item).unwrap()
    }

    #[test]
    fn ingredients_grow_and_risks_fade() {
        let mut first = session("Les Colibris", 1);
        answer(&mut first, INGREDIENTS, &[&[0], &[]]); // vision 1/2, trust 0/2
        answer(&mut first, FAILURES, &[&[5], &[5]]); // time 2/2
        let mut second = session("Les Colibris", 20);
        answer(&mut second, INGREDIENTS, &[&[0, 1], &[0, 1]]); // vision 2/2, trust 2/2
        answer(&mut second, FAILURES, &[&[5], &[]]); // time 1/2
        // Given newest first: the trend sorts them.
        let t = trend(&Programme::embedded(), &[second, first]);
        assert_eq!(t.sessions(), 2);
        assert_eq!(t.checklists.len(), 2);
        assert_eq!(t.checklists[0].step_id, "ingredients");
        assert_eq!(t.checklists[0].title, "step-ingredients");
        assert!(t.checklists[0].dates[0] < t.checklists[0].dates[1]);
        let vision = item(&t, "ingredients", "vision");
        assert_eq!(vision.text, "ingredient-vision");
        assert_eq!(vision.points, [Some(Share { count: 1, answered: 2 }), Some(Share { count: 2, answered: 2 })]);
        assert_eq!(vision.change(), Some(50));
        assert_eq!(item(&t, "ingredients", "trust").change(), Some(100));
        assert_eq!(item(&t, "ingredients", "care").change(), Some(0));
        assert_eq!(item(&t, "failures", "time").change(), Some(-50));
        assert_eq!(item(&t, "failures", "time").points[1].unwrap().percent(), 50);
    }

    #[test]
    fn sessions_without_answers_have_no_points_and_are_skipped_by_the_change() {
        let mut first = session("G", 1);
        answer(&mut first, INGREDIENTS, &[&[1], &[]]); // trust 1/2
        let middle = session("G", 10); // nobody answered
        let mut skipped = session("G", 15);
        skipped.steps[INGREDIENTS].state.as_checklist_mut().unwrap().skip_turn(); // a skip is no answer
        let mut last = session("G", 20);
        answer(&mut last, INGREDIENTS, &[&[1], &[1]]); // trust 2/2
        let t = trend(&Programme::embedded(), &[middle, last, first, skipped]);
        let trust = item(&t, "ingredients", "trust");
        assert_eq!(trust.points.len(), 4);
        assert_eq!(trust.points[1], None);
        assert_eq!(trust.points[2], None);
        assert_eq!(trust.change(), Some(50));
        let only_first = item(&t, "failures", "time");
        assert!(only_first.points.iter().all(Option::is_none));
        assert_eq!(only_first.change(), None);

        let mut lone = session("G", 1);
        answer(&mut lone, INGREDIENTS, &[&[1], &[1]]);
        let t = trend(&Programme::embedded(), &[lone]);
        assert_eq!(item(&t, "ingredients", "trust").change(), None, "one session shows no change");
        assert_eq!(trend(&Programme::embedded(), &[]).sessions(), 0);
    }

    #[test]
    fn a_share_of_nobody_is_zero() {
        assert_eq!(Share { count: 0, answered: 0 }.fraction(), 0.0);
        assert_eq!(Share { count: 2, answered: 3 }.percent(), 67);
    }

    #[test]
    fn sessions_of_another_workshop_are_left_out() {
        let mut other = session("G", 2);
        other.workshop = "gardening".into();
        let t = trend(&Programme::embedded(), &[session("G", 1), other]);
        assert_eq!(t.sessions(), 1);
    }

    #[test]
    fn group_names_match_trimmed_collapsed_and_whatever_the_case() {
        assert_eq!(group_key("Les Colibris"), "les colibris");
        assert_eq!(group_key("  les \t colibris \n"), "les colibris");
        assert_eq!(group_key("ÉCOLE Verte"), group_key("école verte"));
        assert_ne!(group_key("Les Colibris"), group_key("LesColibris"));
        assert_eq!(group_key("   "), "");
        let sessions = [session("Les Colibris", 1), session("les  colibris ", 2), session("Transition Ouaga", 3)];
        let ids: Vec<String> = of_group(&sessions, "LES COLIBRIS").into_iter().map(|s| s.id).collect();
        assert_eq!(ids, ["s1", "s2"]);
    }
}
