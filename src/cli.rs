//! The command line: `atelier`, `atelier new`, `atelier open`, `atelier list`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

use clap::{Parser, Subcommand};

use crate::app::{App, Done, Home, Message, Screen};
use crate::i18n::{Lang, Tr};
use crate::runtime::{self, Context};
use crate::session::Roster;
use crate::store::{Listed, Store};
use crate::timer::SystemClock;
use crate::ui::clean;
use crate::workshop::{self, Workshop};

#[derive(Debug, Parser)]
#[command(
    name = "atelier",
    version,
    about = "Run the workshop « Comment établir des partenariats ? » on one projected laptop.\n\
             Animer l’atelier « Comment établir des partenariats ? » sur un seul ordinateur projeté."
)]
pub struct Cli {
    /// Language of the screens: fr or en (default: LC_ALL, LC_MESSAGES, LANG, else fr).
    #[arg(long, global = true, value_name = "fr|en")]
    pub lang: Option<Lang>,

    /// Colours: dark, light (bright rooms) or contrast (washed-out projectors); NO_COLOR is honoured.
    #[arg(long, global = true, value_name = "dark|light|contrast")]
    pub theme: Option<crate::app::ThemeName>,

    /// Folder of the session notes.
    #[arg(long, global = true, env = "ATELIER_SESSIONS_DIR", default_value = "sessions", value_name = "DIR")]
    pub sessions_dir: PathBuf,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session at step 1.
    New {
        /// The name of the group.
        #[arg(long, default_value = "")]
        group: String,
        /// The participants, separated by commas: "Awa,Bruno,Chloé".
        #[arg(long, default_value = "")]
        participants: String,
        /// The region of the group.
        #[arg(long, default_value = "")]
        region: String,
        /// Run a home-made workshop: a folder made with `atelier workshop init`.
        #[arg(long, value_name = "DIR")]
        workshop: Option<PathBuf>,
    },
    /// Reopen a past session where it was left: its id (or the start of it), or the path of its file.
    Open {
        session: String,
        /// Only look: nothing can be changed, nothing is written.
        #[arg(long)]
        read_only: bool,
    },
    /// The room's view of a session that another atelier runs, in a second terminal (the projector): live, read-only.
    Wall {
        /// Its id (or the start of it, or its random part), its group's name, or the path of its file.
        session: String,
    },
    /// Print the past sessions as a table.
    List {
        /// Print them as JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Write the printable sheet of a session: Markdown, HTML (A4) or JSON.
    Export {
        /// Its id (or the start of it), or the path of its file.
        session: String,
        /// md, html or json.
        #[arg(long, default_value = "html", value_name = "md|html|json")]
        format: crate::export::Format,
        /// Where to write it (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write your own workshop: a folder with its programme and its texts.
    #[command(subcommand)]
    Workshop(WorkshopCommand),
}

#[derive(Debug, Subcommand)]
pub enum WorkshopCommand {
    /// Write an editable copy of the built-in workshop into DIR (new or empty).
    Init { dir: PathBuf },
    /// Report every problem of the workshop in DIR, each with its file and line; exit 1 if any.
    Check { dir: PathBuf },
}

/// Parses the command line and runs it; every failure is one line and a
/// non-zero exit, never a panic.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let lang = Lang::detect(cli.lang, |name| std::env::var(name).ok());
    let built_in = Rc::new(Workshop::built_in());
    let tr = Tr::new(&built_in.texts, lang);
    match run(cli, lang, &built_in, &tr) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Whatever it quotes (a name, a path, a file's content), an
            // error reaches the terminal cleaned.
            eprintln!("atelier: {}", crate::text::clean_lines(&message));
            ExitCode::FAILURE
        }
    }
}

/// Help and version print as usual; a mistake prints its first line only,
/// which says what was wrong.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid arguments").trim_start_matches("error: ");
    // « the following required arguments were not provided: » names them on
    // the next line: keep it on the same one.
    match lines.next().filter(|_| first.ends_with(':')) {
        Some(what) => eprintln!("atelier: {first} {what}"),
        None => eprintln!("atelier: {first}"),
    }
    ExitCode::from(2)
}

fn run(cli: Cli, lang: Lang, built_in: &Rc<Workshop>, tr: &Tr) -> Result<(), String> {
    let store = Store::new(&cli.sessions_dir);
    if !matches!(cli.command, Some(Command::Workshop(_))) {
        if std::fs::metadata(&cli.sessions_dir).is_ok_and(|m| !m.is_dir()) {
            let dir = crate::text::clean(&cli.sessions_dir.display().to_string());
            return Err(tr.args("error-sessions-dir-not-folder", &[("dir", (&dir).into())]));
        }
        // A wall writes nothing, not even a cleaning.
        if !matches!(cli.command, Some(Command::Wall { .. })) {
            store.clean_leftovers();
        }
    }
    let theme = cli.theme.unwrap_or_default();
    let app =
        |screen: Screen| App::new(Rc::clone(built_in), lang, Rc::new(SystemClock), cli.sessions_dir.clone(), screen);
    match cli.command {
        Some(Command::Workshop(command)) => workshop_command(command, tr),
        Some(Command::List { json }) => list(&store, &built_in.programme, tr, json),
        Some(Command::Export { session, format, output }) => {
            let path = store.resolve(&session).map_err(|e| e.message(tr))?;
            let (name, sheet) =
                crate::export::sheet(&store, built_in, &path, format, cli.lang).map_err(|e| e.message(tr))?;
            match output.filter(|file| file.as_os_str() != "-") {
                Some(file) => {
                    let name = format!("{name}.{}", format.extension());
                    store.write_export(&file, &name, sheet.as_bytes()).map(|_| ()).map_err(|e| e.message(tr))
                }
                None => io::stdout().lock().write_all(sheet.as_bytes()).map_err(|e| e.to_string()),
            }
        }
        Some(Command::New { group, participants, region, workshop }) => {
            let workshop = match workshop {
                Some(dir) => Rc::new(Workshop::load(&dir).map_err(|problems| refused(&dir, &problems, tr))?),
                None => Rc::clone(built_in),
            };
            // Names given here are cleaned as typed ones are.
            let typed = |text: &str| crate::text::sanitize_input(text, false).trim().to_string();
            let roster = Roster {
                group: typed(&group),
                participants: Roster::parse_participants(&typed(&participants)),
                region: typed(&region),
            };
            // Before the session is locked (which makes its folder).
            require_terminal(tr)?;
            let context = Context::new(store, roster);
            let mut app = app(no_home());
            let (session, path) = runtime::new_session(&workshop, lang, &context);
            let opened = runtime::prepare(&context, &workshop, session, path, false, None);
            app.update(Message::Done(Done::Opened(Box::new(opened))));
            interactive(&mut app, &context, tr, theme)
        }
        Some(Command::Open { session, read_only }) => {
            let path = store.resolve(&session).map_err(|e| e.message(tr))?;
            // What is wrong with the file is said first, then what is wrong
            // with the terminal; the session is locked only then.
            let (session, newer) = store.load_for_reading(&path).map_err(|e| with_backup(e.message(tr), &path, tr))?;
            require_terminal(tr)?;
            let context = Context::new(store, Roster::default());
            let opened = runtime::prepare(&context, built_in, session, path, read_only, newer);
            // A session reopens in its own language unless one is asked for.
            let mut app = app(no_home());
            app.lang = cli.lang.unwrap_or(opened.session.lang);
            app.update(Message::Done(Done::Opened(Box::new(opened))));
            interactive(&mut app, &context, tr, theme)
        }
        Some(Command::Wall { session }) => {
            let path = store.resolve(&session).map_err(|e| e.message(tr))?;
            let (session, newer) = store.load_for_reading(&path).map_err(|e| with_backup(e.message(tr), &path, tr))?;
            require_terminal(tr)?;
            let context = Context::new(store, Roster::default());
            let opened = runtime::prepare(&context, built_in, session, path.clone(), true, newer);
            let mut app = app(no_home());
            app.lang = cli.lang.unwrap_or(opened.session.lang);
            app.wall = true;
            app.update(Message::Done(Done::Opened(Box::new(opened))));
            // The facilitator's screen learns that a wall shows the session
            // for as long as this one runs.
            let _presence = crate::wall::announce(&path).ok();
            interactive(&mut app, &context, tr, theme)
        }
        None => {
            let context = Context::new(store, Roster::default());
            let mut app = app(home(&context.store, tr)?);
            app.home = true;
            interactive(&mut app, &context, tr, theme)
        }
    }
}

/// `atelier workshop init|check DIR`.
fn workshop_command(command: WorkshopCommand, tr: &Tr) -> Result<(), String> {
    match command {
        WorkshopCommand::Init { dir } => {
            let shown = dir.display().to_string();
            workshop::init(&dir).map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => tr.args("error-workshop-exists", &[("dir", shown.as_str().into())]),
                _ => tr.args("error-io", &[("path", shown.as_str().into()), ("reason", e.to_string().as_str().into())]),
            })?;
            println!("{}", tr.args("workshop-init-done", &[("dir", shown.as_str().into())]));
            Ok(())
        }
        WorkshopCommand::Check { dir } => {
            let problems = workshop::check(&dir);
            if !problems.is_empty() {
                return Err(refused(&dir, &problems, tr));
            }
            let workshop = Workshop::load(&dir).map_err(|problems| refused(&dir, &problems, tr))?;
            let programme = &workshop.programme;
            let minutes = crate::timer::whole_minutes(programme.planned());
            let line = tr.args(
                "workshop-check-ok",
                &[
                    ("dir", dir.display().to_string().as_str().into()),
                    ("steps", programme.steps.len().into()),
                    ("duration", tr.minutes(minutes).as_str().into()),
                ],
            );
            println!("{line}");
            Ok(())
        }
    }
}

/// Every problem of a workshop folder, one per line, under a line that
/// counts them: what `workshop check` prints and `new --workshop` refuses
/// with.
fn refused(dir: &std::path::Path, problems: &[workshop::Problem], tr: &Tr) -> String {
    let mut text = tr.args(
        "workshop-problems",
        &[("dir", dir.display().to_string().as_str().into()), ("count", problems.len().into())],
    );
    for problem in problems {
        text.push_str("\n  ");
        text.push_str(&clean(&problem.render(tr)));
    }
    text
}

/// A file that does not read may have its previous version beside it.
fn with_backup(message: String, path: &std::path::Path, tr: &Tr) -> String {
    let backup = crate::store::backup_path(path);
    if backup.is_file() {
        let backup = backup.display().to_string();
        format!("{message}; {}", tr.args("error-backup-exists", &[("backup", backup.as_str().into())]))
    } else {
        message
    }
}

/// A session started from the command line never shows the home screen:
/// the folder is not read for it (with thousands of sessions that would
/// delay the first frame), and a folder that cannot be read does not stop
/// the session (its saves say what is wrong, and are tried again).
fn no_home() -> Screen {
    Screen::Home(Home::new(Vec::new()))
}

fn home(store: &Store, tr: &Tr) -> Result<Screen, String> {
    let entries = store.list().map_err(|e| e.message(tr))?;
    Ok(Screen::Home(Home::new(entries)))
}

fn interactive(app: &mut App, context: &Context, tr: &Tr, theme: crate::app::ThemeName) -> Result<(), String> {
    app.theme = theme;
    app.colour = crate::app::ColourDepth::from_env(|name| std::env::var_os(name));
    require_terminal(tr)?;
    let ending = runtime::run(app, context)
        .map_err(|e| tr.args("error-terminal", &[("reason", e.to_string().as_str().into())]))?;
    // « Saved » only when it was; otherwise where the copy is, and a failure.
    let tr = app.tr();
    match ending {
        runtime::Ending::Nothing => Ok(()),
        runtime::Ending::Saved(path) => {
            let path = clean(&path.display().to_string());
            println!("{}", tr.args("saved-at-exit", &[("path", (&path).into())]));
            Ok(())
        }
        runtime::Ending::Recovered(to) => Err(runtime::recovered_line(&tr, &to)),
        runtime::Ending::Lost => Err(tr.t("exit-lost")),
    }
}

/// The full-screen commands need a terminal: said before anything is done.
fn require_terminal(tr: &Tr) -> Result<(), String> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(tr.t("error-not-a-terminal"));
    }
    Ok(())
}

/// `atelier list`: one line per session, aligned (or JSON for scripts).
fn list(store: &Store, programme: &crate::programme::Programme, tr: &Tr, json: bool) -> Result<(), String> {
    let listed = store.list().map_err(|e| e.message(tr))?;
    let mut out = io::stdout().lock();
    if json {
        let rows: Vec<serde_json::Value> = listed.iter().map(list_json).collect();
        let text = crate::text::json_for_terminal(&serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?);
        return writeln!(out, "{text}").map_err(|e| e.to_string());
    }
    let write =
        |out: &mut io::StdoutLock, line: String| writeln!(out, "{}", line.trim_end()).map_err(|e| e.to_string());
    if listed.is_empty() {
        let dir = store.dir().display().to_string();
        return write(&mut out, tr.args("list-empty", &[("dir", dir.as_str().into())]));
    }
    let headers = ["list-id", "list-date", "list-group", "list-region", "list-people", "list-step", "list-digest"]
        .map(|id| tr.t(id));
    let mut rows: Vec<[String; 7]> = Vec::new();
    let mut unreadable = Vec::new();
    for entry in listed {
        match entry {
            Listed::Session(s) => {
                let step =
                    if s.is_finished() { tr.t("home-finished") } else { format!("{}/{}", s.current_step + 1, s.steps) };
                let digest = s.digest(tr, programme);
                rows.push([
                    clean(&s.id),
                    s.updated_at.format("%Y-%m-%d %H:%M").to_string(),
                    clean(&s.group),
                    clean(&s.region),
                    s.participants.to_string(),
                    step,
                    clean(&digest.join(" ")),
                ]);
            }
            Listed::Unreadable { path, reason, .. } => unreadable.push((path, reason)),
        }
    }
    let widths: Vec<usize> =
        (0..7).map(|c| rows.iter().map(|r| width(&r[c])).chain([width(&headers[c])]).max().unwrap_or(0)).collect();
    let line = |cells: &[String; 7]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - width(cell))))
            .collect::<Vec<_>>()
            .join("  ")
    };
    write(&mut out, line(&headers))?;
    for row in &rows {
        write(&mut out, line(row))?;
    }
    for (path, reason) in unreadable {
        let path = clean(&path.display().to_string());
        write(
            &mut out,
            tr.args("list-unreadable", &[("path", path.as_str().into()), ("reason", clean(&reason).as_str().into())]),
        )?;
    }
    Ok(())
}

/// One session for scripts: the summary, with its file and its state.
fn list_json(entry: &Listed) -> serde_json::Value {
    match entry {
        Listed::Session(s) => {
            let mut value = serde_json::to_value(s).unwrap_or_default();
            value["path"] = s.path.display().to_string().into();
            value["finished"] = s.is_finished().into();
            value
        }
        Listed::Unreadable { path, reason, .. } => {
            serde_json::json!({ "path": path.display().to_string(), "unreadable": reason })
        }
    }
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}
