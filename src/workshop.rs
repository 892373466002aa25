//! Workshops as data. A workshop is a folder: its programme
//! (`programme.json`, steps of the kinds of `steps/`) and its texts
//! (`locales/fr/*.ftl`, `locales/en/*.ftl`). The built-in workshop is the
//! same files, embedded in the binary; `atelier workshop init DIR` writes
//! a copy of it to edit, and `atelier workshop check DIR` says everything
//! that is wrong with a folder, each with its file and line.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::i18n::{Lang, Texts, Tr};
use crate::programme::{Programme, Step};
use crate::session::Session;
use crate::steps::{self, Kind};

use crate::built_in::{BUILT_IN, BUILT_IN_ID};

pub const PROGRAMME_FILE: &str = "programme.json";

/// A programme with the texts it speaks in.
pub struct Workshop {
    pub programme: Programme,
    pub texts: Rc<Texts>,
    /// The folder it was read from; none for the built-in one.
    pub dir: Option<PathBuf>,
}

impl Workshop {
    pub fn built_in() -> Self {
        let programme = Programme::embedded();
        debug_assert_eq!(programme.id, BUILT_IN_ID);
        Self { programme, texts: Rc::new(Texts::new()), dir: None }
    }

    /// Reads and checks a workshop folder: a folder with any problem is
    /// refused with all of them.
    pub fn load(dir: &Path) -> Result<Workshop, Vec<Problem>> {
        let checked = read_and_check(dir);
        match checked.programme {
            Some(programme) if checked.problems.is_empty() => {
                let dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                let texts = Rc::new(Texts::with_workshop(&checked.texts));
                Ok(Workshop { programme, texts, dir: Some(dir) })
            }
            _ => Err(checked.problems),
        }
    }
}

/// Something wrong in a workshop folder: where, and what (a Fluent id of
/// `ui.ftl` with its arguments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the workshop's folder.
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    fn new(file: impl Into<PathBuf>, line: Option<usize>, message: &'static str) -> Self {
        Self { file: file.into(), line, message, args: Vec::new() }
    }

    fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// `programme.json:42: …`, in the language of `tr`.
    pub fn render(&self, tr: &Tr) -> String {
        let args: Vec<_> = self.args.iter().map(|(name, value)| (*name, value.as_str().into())).collect();
        let text = tr.args(self.message, &args);
        match self.line {
            Some(line) => format!("{}:{line}: {text}", self.file.display()),
            None => format!("{}: {text}", self.file.display()),
        }
    }
}

/// Every problem of a workshop folder, in file order; none when it is sound.
pub fn check(dir: &Path) -> Vec<Problem> {
    read_and_check(dir).problems
}

/// What reading a folder gave: the programme when it parsed, the texts of
/// each language, and every problem found.
struct Checked {
    programme: Option<Programme>,
    texts: Vec<(Lang, String)>,
    problems: Vec<Problem>,
}

fn read_and_check(dir: &Path) -> Checked {
    let mut problems = Vec::new();
    let programme_text = match read_text(&dir.join(PROGRAMME_FILE)) {
        Ok(text) => Some(text),
        Err(e) => {
            problems.push(Problem::new(PROGRAMME_FILE, None, "check-unreadable").arg("reason", e.to_string()));
            None
        }
    };
    // The steps that read are checked further even when others did not, so
    // that one run names every problem.
    let programme = programme_text.as_deref().and_then(|text| check_programme(text, &mut problems));
    let mut texts = Vec::new();
    for lang in Lang::ALL {
        let (sources, mut found) = read_texts(dir, lang);
        problems.append(&mut found);
        if let (Some(programme), Some(text)) = (&programme, &programme_text) {
            problems.extend(missing_texts(programme, text, lang, &sources));
        }
        texts.extend(sources.into_iter().map(|(_, source)| (lang, source)));
    }
    Checked { programme, texts, problems }
}

/// The programme's top: its steps are kept raw, to be read one by one and
/// placed by line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Outline<'a> {
    id: String,
    title: String,
    purpose: String,
    credit: String,
    #[serde(borrow)]
    steps: Vec<&'a RawValue>,
}

fn check_programme(text: &str, problems: &mut Vec<Problem>) -> Option<Programme> {
    let outline: Outline = match serde_json::from_str(text) {
        Ok(outline) => outline,
        Err(e) => {
            problems.push(Problem::new(PROGRAMME_FILE, Some(e.line()), "check-json").arg("detail", e.to_string()));
            return None;
        }
    };
    let mut steps = Vec::new();
    // Lines counted on from the step before, not from the top each time:
    // linear in the file, whatever the number of steps.
    let (mut counted_to, mut line) = (0, 1);
    for raw in &outline.steps {
        let offset = offset_in(text, raw.get()).max(counted_to);
        line += text.as_bytes()[counted_to..offset].iter().filter(|b| **b == b'\n').count();
        counted_to = offset;
        let start = line;
        match read_step(raw.get(), start) {
            Ok(step) => {
                let fault_line = |id: &str| start + line_of_string(raw.get(), id).unwrap_or(1) - 1;
                // A duplicate is shown where it appears the second time.
                let second_line = |id: &str| {
                    let quoted = format!("\"{id}\"");
                    let at = raw.get().match_indices(&quoted).nth(1).map(|(at, _)| at);
                    at.map_or_else(|| fault_line(id), |at| start + line_at(raw.get(), at) - 1)
                };
                if step.minutes == 0 {
                    problems.push(
                        Problem::new(PROGRAMME_FILE, Some(fault_line("minutes")), "check-zero-minutes")
                            .arg("step", &step.id),
                    );
                }
                for fault in step.kind.faults(step.minutes) {
                    let line = if fault.message == "check-duplicate-id" {
                        second_line(&fault.id)
                    } else {
                        fault_line(&fault.id)
                    };
                    problems.push(
                        Problem::new(PROGRAMME_FILE, Some(line), fault.message)
                            .arg("step", &step.id)
                            .arg("id", &fault.id)
                            .arg("detail", &fault.detail),
                    );
                }
                steps.push((step, start));
            }
            Err(problem) => problems.push(problem),
        }
    }
    let ids: Vec<&str> = steps.iter().map(|(s, _)| s.id.as_str()).collect();
    for id in steps::duplicates(ids.iter().copied()) {
        let second = steps.iter().filter(|(s, _)| s.id == id).nth(1).map(|(_, line)| *line);
        problems.push(Problem::new(PROGRAMME_FILE, second, "check-duplicate-id").arg("id", id).arg("detail", "steps"));
    }
    if outline.steps.is_empty() {
        problems.push(Problem::new(PROGRAMME_FILE, None, "check-no-steps"));
    }
    Some(Programme {
        id: outline.id,
        title: outline.title,
        purpose: outline.purpose,
        credit: outline.credit,
        steps: steps.into_iter().map(|(s, _)| s).collect(),
    })
}

/// One step, or the problem that stops it from being read: an unknown kind
/// is named as such, anything else as the JSON reader says it.
fn read_step(raw: &str, start: usize) -> Result<Step, Problem> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        id: String,
        #[serde(default)]
        kind: String,
    }
    let head: Head = serde_json::from_str(raw).unwrap_or(Head { id: String::new(), kind: String::new() });
    if Kind::named(&head.kind).is_none() {
        let line = start + line_of_string(raw, "kind").unwrap_or(1) - 1;
        return Err(Problem::new(PROGRAMME_FILE, Some(line), "check-unknown-kind")
            .arg("step", head.id)
            .arg("kind", head.kind)
            .arg("kinds", Kind::names()));
    }
    serde_json::from_str::<Step>(raw).map_err(|e| {
        Problem::new(PROGRAMME_FILE, Some(start + e.line() - 1), "check-step-invalid")
            .arg("step", head.id)
            .arg("detail", e.to_string())
    })
}

/// A file of the workshop as its editor meant it: without the byte-order
/// mark some Windows editors write first, which JSON and Fluent would
/// read as a stray character before the first line.
///
/// Through the read guard: a FIFO, a device or a socket is refused by its
/// name at once (never waited on), and a file over 4 MiB is not read.
fn read_text(path: &Path) -> Result<String, String> {
    use crate::store::{FileKind, StoreError, read_guarded};
    // A missing file says so as the system does.
    fs::metadata(path).map_err(|e| e.to_string())?;
    let bytes = read_guarded(path, FileKind::Workshop).map_err(|e| match e {
        StoreError::Unreadable { reason, .. } => reason,
        StoreError::Io { error, .. } => error.to_string(),
        other => other.to_string(),
    })?;
    let mut text = String::from_utf8(bytes).map_err(|e| format!("not UTF-8 text ({e})"))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// The `.ftl` files of one language, sorted by name, each checked for
/// syntax; a language without any is a problem.
fn read_texts(dir: &Path, lang: Lang) -> (Vec<(PathBuf, String)>, Vec<Problem>) {
    let folder = Path::new("locales").join(lang.code());
    let mut files: Vec<PathBuf> = fs::read_dir(dir.join(&folder))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut problems = Vec::new();
    if files.is_empty() {
        problems.push(Problem::new(&folder, None, "check-no-texts").arg("lang", lang.code()));
    }
    let mut sources = Vec::new();
    for path in files {
        let name = folder.join(path.file_name().unwrap_or_default());
        match read_text(&path) {
            // Nesting past the limit is never handed to the parser, which
            // recurses on it.
            Ok(source) if let Some(line) = crate::fluent_refs::too_deep(&source) => {
                let limit = crate::fluent_refs::MAX_NESTING.to_string();
                problems.push(Problem::new(&name, Some(line), "check-fluent-too-deep").arg("limit", limit));
            }
            Ok(source) => {
                if let Err((_, errors)) = fluent_syntax::parser::parse(source.as_str()) {
                    for error in errors {
                        problems.push(
                            Problem::new(&name, Some(line_at(&source, error.pos.start)), "check-fluent-syntax")
                                .arg("detail", error.kind.to_string()),
                        );
                    }
                }
                sources.push((name, source));
            }
            Err(e) => problems.push(Problem::new(&name, None, "check-unreadable").arg("reason", e.to_string())),
        }
    }
    problems.extend(reference_problems(&sources, lang));
    (sources, problems)
}

/// Cycles, references to unknown messages and chains too long, in the
/// texts of one language, each at its file and line.
fn reference_problems(sources: &[(PathBuf, String)], lang: Lang) -> Vec<Problem> {
    use crate::fluent_refs::{MAX_CHAIN, RefProblem, check};
    let app = Texts::with_workshop(&[]);
    let texts: Vec<&str> = sources.iter().map(|(_, text)| text.as_str()).collect();
    let found = check(&texts, |id| app.has(lang, id, None));
    let name = |file: usize| sources[file].0.clone();
    found
        .into_iter()
        .map(|problem| match problem {
            RefProblem::Unknown { file, line, from, to } => {
                Problem::new(name(file), Some(line), "check-fluent-unknown-ref").arg("id", from).arg("to", to)
            }
            RefProblem::Cycle { file, line, ids } => {
                Problem::new(name(file), Some(line), "check-fluent-cycle").arg("ids", ids.join(" → "))
            }
            RefProblem::TooLong { file, line, id, length } => {
                Problem::new(name(file), Some(line), "check-fluent-chain")
                    .arg("id", id)
                    .arg("length", length.to_string())
                    .arg("limit", MAX_CHAIN.to_string())
            }
        })
        .collect()
}

/// Each text the programme names that no file of the language defines (or
/// that would replace one of the app's own), at the line that names it.
fn missing_texts(programme: &Programme, text: &str, lang: Lang, sources: &[(PathBuf, String)]) -> Vec<Problem> {
    let mut defined = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    let app = Texts::with_workshop(&[]);
    for (name, source) in sources {
        let resource = match fluent_syntax::parser::parse(source.as_str()) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        for entry in resource.body {
            let fluent_syntax::ast::Entry::Message(message) = entry else { continue };
            let id = message.id.name.to_string();
            if app.has(lang, &id, None) || app.has(lang, &id, Some("short")) {
                let line = line_of_string(source, &id);
                problems.push(Problem::new(name, line, "check-redefines").arg("id", &id));
            }
            for attribute in &message.attributes {
                defined.insert(format!("{id}.{}", attribute.id.name));
            }
            if message.value.is_some() {
                defined.insert(id);
            }
        }
    }
    let file = Path::new("locales").join(lang.code());
    for reference in programme.text_refs() {
        let key = match reference.attribute {
            Some(attribute) => format!("{}.{attribute}", reference.id),
            None => reference.id.clone(),
        };
        if !defined.contains(&key) {
            problems.push(
                Problem::new(PROGRAMME_FILE, line_of_string(text, &reference.id), "check-missing-text")
                    .arg("id", key)
                    .arg("lang", lang.code())
                    .arg("folder", file.display().to_string()),
            );
        }
    }
    problems
}

/// Where `inner`, a slice of `outer`, starts in it.
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize).min(outer.len())
}

/// The line (from 1) of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// The line of the first `"id"` in a JSON text, or of the first `id =` in
/// a Fluent one.
fn line_of_string(text: &str, id: &str) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    let found = text.find(&quoted).or_else(|| text.find(&format!("\n{id} =")).map(|at| at + 1));
    found.map(|at| line_at(text, at))
}

/// Writes an editable copy of the built-in workshop into `dir`, which must
/// not exist yet or be empty; returns the files written.
pub fn init(dir: &Path) -> io::Result<Vec<PathBuf>> {
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, dir.display().to_string()));
    }
    // The copy gets an id of its own, from the folder's name, so that its
    // sessions and their trends are not taken for the built-in workshop's.
    let name = dir.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let slug: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let slug = slug.trim_matches('-');
    let id = if slug.is_empty() { "my-workshop" } else { slug };
    let programme = BUILT_IN.programme.replacen(&format!("\"id\": \"{BUILT_IN_ID}\""), &format!("\"id\": \"{id}\""), 1);
    let files = [(PathBuf::from(PROGRAMME_FILE), programme.as_str())];
    let texts = BUILT_IN.texts.iter().map(|(code, text)| (Path::new("locales").join(code).join("workshop.ftl"), *text));
    let mut written = Vec::new();
    for (name, contents) in files.into_iter().chain(texts) {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, contents)?;
        written.push(path);
    }
    Ok(written)
}

/// Why a session's workshop could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The folder, or the programme's id when it had none.
    pub what: String,
}

/// The workshop a session follows: the built-in one, or the folder it was
/// started from. When that cannot be read, a stand-in made from the
/// session's own notes, so that they still show.
pub fn of_session(session: &Session, built_in: &Rc<Workshop>) -> Result<Rc<Workshop>, (Rc<Workshop>, Missing)> {
    match &session.workshop_dir {
        Some(dir) if built_in.dir.as_deref() == Some(dir.as_path()) => Ok(Rc::clone(built_in)),
        Some(dir) => Workshop::load(dir)
            .map(Rc::new)
            .map_err(|_| (Rc::new(stand_in(session, &built_in.texts)), Missing { what: dir.display().to_string() })),
        None if session.workshop == built_in.programme.id => Ok(Rc::clone(built_in)),
        None => Err((Rc::new(stand_in(session, &built_in.texts)), Missing { what: session.workshop.clone() })),
    }
}

/// A programme rebuilt from what a session holds: one step per record, of
/// its kind, its columns, items and fields named by their ids. Titles show
/// as ids, but every note, tick and answer is there.
fn stand_in(session: &Session, texts: &Rc<Texts>) -> Workshop {
    let steps = session
        .steps
        .iter()
        .map(|record| {
            // The plan is not in the notes: the countdowns' length, else the
            // time the step took, stands in for it.
            let planned: u64 = record.state.countdowns().iter().map(|c| c.planned().as_secs() / 60).sum();
            let used = record.clock.elapsed(std::time::Instant::now()).as_secs() / 60;
            let minutes = planned.max(used).max(1);
            Step {
                id: record.id.clone(),
                minutes,
                title: record.id.clone(),
                summary: String::new(),
                kind: record.state.stand_in(),
            }
        })
        .collect();
    let programme = Programme {
        id: session.workshop.clone(),
        title: session.workshop.clone(),
        purpose: String::new(),
        credit: String::new(),
        steps,
    };
    Workshop { programme, texts: Rc::clone(texts), dir: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        dir
    }

    fn messages(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.message).collect()
    }

    #[test]
    fn a_copy_of_the_built_in_workshop_is_sound_and_loads() {
        let dir = folder();
        assert_eq!(check(dir.path()), []);
        let workshop = Workshop::load(dir.path()).unwrap();
        assert_eq!(workshop.programme.steps.len(), 8);
        assert_ne!(workshop.programme.id, BUILT_IN_ID, "a copy has an id of its own");
        assert!(workshop.dir.is_some());
        assert!(init(dir.path()).is_err(), "a folder that is not empty is not written over");
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_line() {
        let dir = folder();
        let path = dir.path().join(PROGRAMME_FILE);
        let text = fs::read_to_string(&path).unwrap();
        let text = text
            .replacen("\"minutes\": 5,", "\"minutes\": 0,", 1)
            .replacen("\"kind\": \"reading\"", "\"kind\": \"dance\"", 1)
            .replacen("\"round_minutes\": 5", "\"round_minutes\": 12", 1)
            .replacen("{ \"id\": \"trust\"", "{ \"id\": \"vision\"", 1)
            .replacen("\"id\": \"board\"", "\"id\": \"pairs\"", 1)
            .replacen("\"title\": \"step-plan\"", "\"title\": \"step-plan-new\"", 1);
        fs::write(&path, &text).unwrap();
        let en = dir.path().join("locales/en/workshop.ftl");
        let ftl = fs::read_to_string(&en).unwrap();
        fs::write(&en, ftl + "\nbroken = { $\n").unwrap();
        let problems = check(dir.path());
        let found = messages(&problems);
        for expected in [
            "check-zero-minutes",
            "check-unknown-kind",
            "check-round-too-long",
            "check-duplicate-id",
            "check-fluent-syntax",
        ] {
            assert!(found.contains(&expected), "{expected} in {found:?}");
        }
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let unknown = problems.iter().find(|p| p.message == "check-unknown-kind").unwrap();
        assert_eq!(unknown.line, Some(line_of("\"dance\"")));
        let zero = problems.iter().find(|p| p.message == "check-zero-minutes").unwrap();
        assert_eq!(zero.line, Some(line_of("\"minutes\": 0")));
        assert!(Workshop::load(dir.path()).is_err());
    }

    /// Saved by a Windows editor: a byte-order mark first and CRLF line
    /// ends, in the programme and the texts. The workshop is sound and
    /// its texts show.
    #[test]
    fn files_saved_on_windows_read_as_any_other() {
        let dir = folder();
        let mut files = vec![dir.path().join(PROGRAMME_FILE)];
        files.extend(Lang::ALL.map(|lang| dir.path().join(format!("locales/{}/workshop.ftl", lang.code()))));
        for path in &files {
            let text = fs::read_to_string(path).unwrap();
            fs::write(path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
        }
        assert_eq!(check(dir.path()), []);
        let workshop = Workshop::load(dir.path()).unwrap();
        let step = &workshop.programme.steps[0];
        let title = Tr::new(&workshop.texts, Lang::Fr).t(&step.title);
        assert!(!title.is_empty() && title != step.title, "{title}");
    }

    #[test]
    fn a_missing_text_is_named_with_its_language() {
        let dir = folder();
        let fr = dir.path().join("locales/fr/workshop.ftl");
        let ftl = fs::read_to_string(&fr).unwrap().replace("\nstep-board =", "\nstep-board-renamed =");
        fs::write(&fr, ftl).unwrap();
        let problems = check(dir.path());
        assert_eq!(messages(&problems), ["check-missing-text"]);
        assert!(problems[0].args.contains(&("id", "step-board".to_string())));
        assert!(problems[0].args.contains(&("lang", "fr".to_string())));
        let texts = Texts::new();
        let line = problems[0].render(&Tr::new(&texts, Lang::En));
        assert!(line.starts_with("programme.json:"), "{line}");
        assert!(line.contains("step-board"), "{line}");
    }

    #[test]
    fn a_broken_json_file_and_an_empty_folder_are_reported_not_panicked() {
        let dir = tempfile::tempdir().unwrap();
        let problems = check(dir.path());
        assert_eq!(messages(&problems), ["check-unreadable", "check-no-texts", "check-no-texts"]);
        fs::write(dir.path().join(PROGRAMME_FILE), "{ \"id\": \n").unwrap();
        assert_eq!(check(dir.path())[0].message, "check-json");
    }

    #[test]
    fn a_session_whose_workshop_is_gone_gets_a_stand_in_with_its_notes() {
        let built_in = Rc::new(Workshop::built_in());
        let mut session =
            Session::new("s".into(), &built_in.programme, Default::default(), Lang::Fr, chrono::Local::now());
        assert!(of_session(&session, &built_in).is_ok());
        session.workshop_dir = Some("/nowhere/at/all".into());
        let (stand_in, missing) = of_session(&session, &built_in).err().unwrap();
        assert_eq!(missing.what, "/nowhere/at/all");
        let kinds: Vec<&str> = stand_in.programme.steps.iter().map(|s| s.kind.name()).collect();
        let saved: Vec<&str> = session.steps.iter().map(|r| r.state.kind_name()).collect();
        assert_eq!(kinds, saved);
    }
}
