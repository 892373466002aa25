//! What the list of past sessions shows: a line per file ([`Listed`]),
//! with what is read of a session ([`Summary`]), its digest and its search.
//! Plain data of the domain: the store fills it, the home screen and `list`
//! show it; this module reads and writes no file and knows no screen.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use crate::i18n::Tr;
use crate::programme::Programme;
use crate::session::Session;

/// One line of the list of past sessions.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    /// Boxed: the list of years of notes moves and sorts pointers, and the
    /// index's copy of a summary becomes the list's without a second one.
    Session(Box<Summary>),
    Unreadable {
        path: PathBuf,
        reason: String,
        /// Its previous version, when one was kept: offered instead.
        backup: Option<PathBuf>,
    },
}

impl Listed {
    /// The file this line is about.
    pub fn path(&self) -> &Path {
        match self {
            Listed::Session(s) => &s.path,
            Listed::Unreadable { path, .. } => path,
        }
    }
}

/// What marks a conflict copy, the version of a session an instance kept
/// beside its file when it could not write it:
/// `NAME.conflict-20261207-140512.json`.
pub const CONFLICT: &str = ".conflict-";

/// The name of the session file a conflict copy stands beside, if `path`
/// is one.
pub fn conflict_of(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let (original, _) = stem.split_once(CONFLICT)?;
    let extension = path.extension().and_then(|x| x.to_str()).unwrap_or("json");
    Some(format!("{original}.{extension}"))
}

/// What the list shows of a session, read without keeping the whole file,
/// and kept in the folder's index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    #[serde(skip)]
    pub path: PathBuf,
    pub id: String,
    pub group: String,
    pub region: String,
    pub participants: usize,
    pub current_step: usize,
    pub steps: usize,
    pub created_at: DateTime<Local>,
    pub updated_at: DateTime<Local>,
    /// How many notes were pinned on the board.
    #[serde(default)]
    pub pins: usize,
    /// The choices of the plan, by field id: option ids of the programme
    /// (the decision among them). A list of pairs written as a JSON
    /// object: a map's first node alone is over 500 bytes, and the list of
    /// 50,000 sessions holds one per session.
    #[serde(default)]
    #[serde(serialize_with = "pairs_as_map", deserialize_with = "map_as_pairs")]
    pub choices: Vec<(String, String)>,
    /// The names of the candidate partners, for the search.
    #[serde(default)]
    pub partners: Vec<String>,
    /// A session shipped to try the app: it opens read-only.
    #[serde(default)]
    pub example: bool,
    /// The session this one follows up, if any.
    #[serde(default)]
    pub follows: Option<String>,
    /// The plan's answers that are dates (`2026-12-15`), by field id: the
    /// review of the plan, the next meeting.
    #[serde(default)]
    pub dates: BTreeMap<String, String>,
    /// Whether it ended; none in an index written before that was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<bool>,
}

impl Summary {
    /// Whether the session ended (looking at its steps again changes
    /// nothing of it); an older index said so by its last step.
    pub fn is_finished(&self) -> bool {
        self.finished.unwrap_or(self.steps > 0 && self.current_step + 1 >= self.steps)
    }

    /// What came of it, in a few words: pins, the decision (as `programme`
    /// words it), an example.
    pub fn digest(&self, tr: &Tr, programme: &Programme) -> Vec<String> {
        let mut digest = Vec::new();
        if self.pins > 0 {
            digest.push(tr.args("home-pins", &[("count", self.pins.into())]));
        }
        if let Some(decision) = programme.decision_text(&self.choices.iter().cloned().collect()) {
            digest.push(tr.t(decision));
        }
        if self.example {
            digest.push(tr.t("home-example"));
        }
        if let Some(name) = conflict_of(&self.path) {
            digest.push(tr.args("home-conflict", &[("name", name.as_str().into())]));
        }
        digest
    }

    /// The dates of the plan that have come (on `today` or before), as the
    /// programme names them: the review of the plan, the next meeting.
    pub fn due(&self, programme: &Programme, today: chrono::NaiveDate) -> Vec<(String, chrono::NaiveDate)> {
        programme
            .plan_date_fields()
            .filter_map(|(id, title)| {
                let date = crate::steps::plan::parse_date(self.dates.get(id)?)?;
                (date <= today).then(|| (title.to_string(), date))
            })
            .collect()
    }

    /// Whether the search matches the group, the region or a partner.
    pub fn matches(&self, search: &str) -> bool {
        let search = search.trim().to_lowercase();
        search.is_empty()
            || [&self.group, &self.region].into_iter().chain(&self.partners).any(|t| t.to_lowercase().contains(&search))
    }
}

impl Summary {
    /// What the list shows of a session read whole.
    pub fn of(path: &Path, session: &Session) -> Summary {
        let boards = session.steps.iter().filter_map(|r| r.state.as_board());
        let plan = session.steps.iter().find_map(|r| r.state.as_plan());
        Summary {
            path: path.to_path_buf(),
            id: session.id.clone(),
            group: session.roster.group.clone(),
            region: session.roster.region.clone(),
            participants: session.roster.participants.len(),
            current_step: session.reached(),
            steps: session.steps.len(),
            finished: Some(session.is_finished()),
            created_at: session.created_at,
            updated_at: session.updated_at,
            pins: boards.flat_map(|b| b.notes()).filter(|n| n.pinned).count(),
            choices: plan.map(|p| p.choices.clone().into_iter().collect()).unwrap_or_default(),
            partners: plan.map(|p| p.partners.iter().map(|x| x.name.clone()).collect()).unwrap_or_default(),
            example: session.example,
            follows: session.follows.clone(),
            dates: plan
                .map(|p| {
                    let dates = p.answers.iter().filter(|(_, a)| crate::steps::plan::parse_date(a).is_some());
                    dates.map(|(k, a)| (k.clone(), a.clone())).collect()
                })
                .unwrap_or_default(),
        }
    }
}

fn pairs_as_map<S: serde::Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

fn map_as_pairs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    Ok(BTreeMap::<String, String>::deserialize(d)?.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::*;

    #[test]
    fn a_session_is_finished_once_it_ended_and_an_older_index_by_its_last_step() {
        let store = Store::new("notes");
        let mut session = sample(&store, "G");
        session.current_step = 7;
        assert!(!Summary::of(Path::new("s.json"), &session).is_finished(), "the closing shown is not an end");
        session.finished_at = Some(session.updated_at);
        session.current_step = 2;
        assert!(Summary::of(Path::new("s.json"), &session).is_finished(), "looked back at, still ended");
        let mut summary = Summary::of(Path::new("s.json"), &session);
        summary.finished = None;
        assert_eq!(summary.steps, 8);
        summary.current_step = 6;
        assert!(!summary.is_finished());
        summary.current_step = 7;
        assert!(summary.is_finished());
        summary.steps = 0;
        summary.current_step = 0;
        assert!(!summary.is_finished(), "a session of no steps is no finished one");
    }

    #[test]
    fn the_digest_says_the_pins_the_decision_and_an_example() {
        let texts = crate::i18n::Texts::new();
        let tr = Tr::new(&texts, Lang::Fr);
        let programme = Programme::embedded();
        let store = Store::new("notes");
        let mut summary = Summary::of(Path::new("s.json"), &sample(&store, "G"));
        assert!(summary.digest(&tr, &programme).is_empty());
        summary.pins = 3;
        summary.choices = vec![("decision".into(), "go".into())];
        summary.example = true;
        let pins = tr.args("home-pins", &[("count", 3usize.into())]);
        assert_eq!(summary.digest(&tr, &programme), [pins, tr.t("decision-go"), tr.t("home-example")]);
    }

    /// The index keeps a summary's choices as the object the session has
    /// them in, and reads them back.
    #[test]
    fn a_summary_keeps_the_plan_s_choices_through_the_index() {
        let store = Store::new("notes");
        let mut summary = Summary::of(Path::new("s.json"), &sample(&store, "G"));
        summary.choices = vec![("decision".into(), "go".into()), ("level".into(), "share".into())];
        let line = serde_json::to_value(&summary).unwrap();
        assert_eq!(line["choices"], serde_json::json!({"decision": "go", "level": "share"}));
        let back: Summary = serde_json::from_value(line).unwrap();
        assert_eq!(back.choices, summary.choices);
    }

    #[test]
    fn the_dates_of_the_plan_are_due_on_their_day_and_after() {
        let programme = Programme::embedded();
        let store = Store::new("notes");
        let mut summary = Summary::of(Path::new("s.json"), &sample(&store, "G"));
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        summary.dates.insert("review".into(), "2026-12-15".into());
        summary.dates.insert("next_meeting".into(), "2026-12-20".into());
        assert!(summary.due(&programme, day(14)).is_empty());
        assert_eq!(summary.due(&programme, day(15)), [("plan-review".to_string(), day(15))]);
        assert_eq!(summary.due(&programme, day(21)).len(), 2);
    }
}
