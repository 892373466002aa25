//! The command line: `atelier`, `atelier new`, `atelier open`, `atelier list`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::app::{App, Done, Home, Message, Screen};
use crate::i18n::{Lang, Tr};
use crate::listing::{Listed, Summary};
use crate::runtime::{self, Context};
use crate::session::{Roster, Session};
use crate::store::Store;
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

    /// Folder of the session notes (default: the user's data folder, or sessions/ when run in the source checkout).
    #[arg(long, global = true, env = "ATELIER_SESSIONS_DIR", value_name = "DIR")]
    pub sessions_dir: Option<PathBuf>,

    /// The address the room listens on, IP[:PORT] (default: the default route's, port 8737).
    #[arg(long, global = true, value_name = "IP[:PORT]")]
    pub room_addr: Option<crate::room::Bind>,

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
        /// The time the session must end by (a room booked until 20:30): HH:MM.
        #[arg(long, value_name = "HH:MM")]
        ends_at: Option<String>,
        /// The day the session is held, when it is not today: YYYY-MM-DD or DD/MM/YYYY.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Open the room to phones from the start.
        #[arg(long)]
        room: bool,
    },
    /// Reopen a past session where it was left: its id (or the start of it), or the path of its file.
    Open {
        session: String,
        /// Only look: nothing can be changed, nothing is written.
        #[arg(long)]
        read_only: bool,
        /// Open the room to phones as the session opens.
        #[arg(long)]
        room: bool,
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
    // The help speaks the language the screens will: `--lang`, else the
    // environment's.
    crate::timing::mark("main");
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let built_in = Rc::new(Workshop::built_in());
    crate::timing::mark("workshop");
    // Arguments that parse need no words; help, the version and mistakes
    // are parsed again by the command in the user's language, which costs
    // the texts of the whole command line (a millisecond or more at every
    // start otherwise).
    let parse = |command: clap::Command| command.try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parse(Cli::command()) {
        Ok(cli) => cli,
        Err(_) => {
            let help_lang = Lang::detect(lang_in_args(&args), |name| std::env::var(name).ok());
            match parse(localized(Cli::command(), &Tr::new(&built_in.texts, help_lang))) {
                Ok(cli) => cli,
                Err(e) => return clap_error(e),
            }
        }
    };
    crate::timing::mark("command-line");
    let lang = Lang::detect(cli.lang, |name| std::env::var(name).ok());
    let tr = Tr::new(&built_in.texts, lang);
    match run(cli, lang, &built_in, &tr) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Whatever it quotes (a name, a path, a file's content), an
            // error reaches the terminal cleaned.
            eprintln!("atelier: {}", crate::text::clean_lines(&message.text));
            if message.usage { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}

/// The value of `--lang` among the arguments, before they are parsed (so
/// that the help itself is in that language); none when absent or wrong.
fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    args.iter().enumerate().find_map(|(i, arg)| match arg.strip_prefix("--lang") {
        Some(rest) if rest.starts_with('=') => rest[1..].parse().ok(),
        Some("") => args.get(i + 1)?.parse().ok(),
        _ => None,
    })
}

/// The command line's help in the language of `tr`: every command's and
/// argument's help from `ui.ftl` (`cli-new`, `cli-new-group`, …) where it
/// has one, the English of the source otherwise; clap's own headings too.
fn localized(command: clap::Command, tr: &Tr) -> clap::Command {
    fn walk(mut command: clap::Command, path: &str, tr: &Tr) -> clap::Command {
        let has = |id: &str| tr.texts.has(tr.lang, id, None);
        if has(path) {
            command = command.about(tr.t(path));
        }
        let args: Vec<(String, bool)> =
            command.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
        for (id, positional) in args {
            // Its own text, else the one of a global option (`--lang`).
            let own = format!("{path}-{}", id.replace('_', "-"));
            let global = format!("cli-{}", id.replace('_', "-"));
            let help = [own, global].into_iter().find(|key| has(key)).map(|key| tr.t(&key));
            let heading = tr.t(if positional { "cli-arguments" } else { "cli-options" });
            command = command.mut_arg(id, |arg| {
                let arg = arg.help_heading(heading);
                match help {
                    Some(help) => arg.help(help),
                    None => arg,
                }
            });
        }
        let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
        for name in names {
            let sub_path = format!("{path}-{name}");
            command = command.mut_subcommand(name, |sub| walk(sub, &sub_path, tr));
        }
        let template = format!("{{about}}\n\n{} {{usage}}\n\n{{all-args}}", tr.t("cli-usage"));
        // The help flag is the global one below, in the same words.
        command.help_template(template).subcommand_help_heading(tr.t("cli-commands")).disable_help_flag(true)
    }
    let options = tr.t("cli-options");
    let command = command
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(clap::ArgAction::Help)
                .help(tr.t("cli-help"))
                .help_heading(options.clone()),
        )
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(tr.t("cli-version"))
                .help_heading(options),
        );
    let mut command = walk(command, "cli", tr);
    // clap adds its `help` command only when it builds; build now to word it.
    command.build();
    let help_command = tr.t("cli-help-command");
    command.mut_subcommand("help", |help| help.about(help_command))
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

fn run(cli: Cli, lang: Lang, built_in: &Rc<Workshop>, tr: &Tr) -> Result<(), Failure> {
    let checkout = std::env::current_dir().ok().and_then(|here| find_checkout(&here, read_small));
    let notes = notes_folder(cli.sessions_dir.clone(), checkout, crate::store::user_data_folder());
    let sessions_dir = notes.dir.clone();
    let store = Store::new(&sessions_dir);
    if !matches!(cli.command, Some(Command::Workshop(_))) {
        if std::fs::metadata(&sessions_dir).is_ok_and(|m| !m.is_dir()) {
            let dir = crate::text::clean(&sessions_dir.display().to_string());
            return Err(tr.args("error-sessions-dir-not-folder", &[("dir", (&dir).into())]).into());
        }
        // The first run in the user's data folder finds the example there.
        if notes.origin == Origin::DataFolder && store.never_used() {
            let _ = store.add_example();
        }
    }
    let theme = cli.theme.unwrap_or_default();
    let screen = FullScreen { built_in, lang, asked: cli.lang, sessions_dir, theme, tr, room_addr: cli.room_addr };
    match cli.command {
        Some(Command::Workshop(command)) => Ok(workshop_command(command, tr)?),
        Some(Command::List { json }) => Ok(list(&store, &built_in.programme, tr, json)?),
        Some(Command::Export { session, format, output }) => {
            Ok(export_command(&store, built_in, &session, format, output, cli.lang, tr)?)
        }
        Some(Command::New { group, participants, region, workshop, ends_at, date, room }) => {
            let workshop = match workshop {
                Some(dir) => Rc::new(Workshop::load(&dir).map_err(|problems| refused(&dir, &problems, tr))?),
                None => Rc::clone(built_in),
            };
            let ends_at = match ends_at {
                Some(text) => check_ends_at(&text, &workshop.programme, chrono::Local::now(), tr)?,
                None => String::new(),
            };
            let date = match date {
                Some(text) => check_date(&text, tr)?,
                None => String::new(),
            };
            // Names given here are cleaned as typed ones are.
            let typed = |text: &str| crate::text::sanitize_input(text, false).trim().to_string();
            let roster = Roster {
                group: typed(&group),
                participants: Roster::parse_participants(&typed(&participants)),
                region: typed(&region),
                ends_at,
                date,
            };
            Ok(screen.start(store, Opening::New { workshop, roster }, room)?)
        }
        Some(Command::Open { session, read_only, room }) => {
            let (path, session, newer) = read_session(&store, &session, tr)?;
            Ok(screen.start(store, Opening::File { path, session, newer, read_only, wall: false }, room)?)
        }
        Some(Command::Wall { session }) => {
            let (path, session, newer) = read_session(&store, &session, tr)?;
            Ok(screen.start(store, Opening::File { path, session, newer, read_only: true, wall: true }, false)?)
        }
        // The home screen draws at once; its folder is read right after the
        // first frame (`runtime`), however many sessions it holds.
        None => Ok(screen.start(store, Opening::Home, false)?),
    }
}

/// `atelier export`: the sheet of a session, to a file or to the standard
/// output.
fn export_command(
    store: &Store,
    built_in: &Rc<Workshop>,
    session: &str,
    format: crate::export::Format,
    output: Option<PathBuf>,
    lang: Option<Lang>,
    tr: &Tr,
) -> Result<(), String> {
    let path = store.resolve(session).map_err(|e| e.message(tr))?;
    let (name, sheet) = crate::export::sheet(store, built_in, &path, format, lang).map_err(|e| e.message(tr))?;
    match output.filter(|file| file.as_os_str() != "-") {
        Some(file) => {
            let name = format!("{name}.{}", format.extension());
            store.write_export(&file, &name, sheet.as_bytes()).map(|_| ()).map_err(|e| e.message(tr))
        }
        None => io::stdout().lock().write_all(sheet.as_bytes()).map_err(|e| e.to_string()),
    }
}

/// A session named on the command line, read to be shown: what is wrong
/// with its file is said before anything is asked of the terminal.
fn read_session(store: &Store, name: &str, tr: &Tr) -> Result<(PathBuf, Box<Session>, Option<u64>), String> {
    let path = store.resolve(name).map_err(|e| e.message(tr))?;
    let (session, newer) = store.load_for_reading(&path).map_err(|e| with_backup(e.message(tr), &path, tr))?;
    Ok((path, Box::new(session), newer))
}

/// What a full-screen command shows first.
enum Opening {
    /// The home screen, its folder read after the first frame.
    Home,
    /// A new session of `workshop`, for `roster`: nothing is written
    /// before its first frame.
    New { workshop: Rc<Workshop>, roster: Roster },
    /// A session read from its file, to run, to look at (`read_only`) or
    /// to show on the room's wall.
    File { path: PathBuf, session: Box<Session>, newer: Option<u64>, read_only: bool, wall: bool },
}

/// What every full-screen command starts with: the texts, the languages,
/// the notes' folder and the colours.
struct FullScreen<'a> {
    built_in: &'a Rc<Workshop>,
    /// The language of the screens.
    lang: Lang,
    /// The language asked for with `--lang`, if one was.
    asked: Option<Lang>,
    sessions_dir: PathBuf,
    theme: crate::app::ThemeName,
    tr: &'a Tr<'a>,
    /// Where the room listens when it opens (`--room-addr`).
    room_addr: Option<crate::room::Bind>,
}

impl FullScreen<'_> {
    /// The one start path of `atelier`, `new`, `open` and `wall`: the
    /// terminal checked before anything is written or locked, the context
    /// made, the first screen opened, then the app run until it ends. With
    /// `room`, the room opens with the session (`--room`).
    fn start(&self, store: Store, opening: Opening, room: bool) -> Result<(), String> {
        require_terminal(self.tr)?;
        crate::timing::mark("folder");
        let roster = match &opening {
            Opening::New { roster, .. } => roster.clone(),
            _ => Roster::default(),
        };
        let mut context = Context::new(store, roster);
        context.room_addr = self.room_addr;
        let first = if matches!(opening, Opening::Home) { Screen::Home(Home::loading()) } else { no_home() };
        let clock = Rc::new(SystemClock);
        let mut app = App::new(Rc::clone(self.built_in), self.lang, clock, self.sessions_dir.clone(), first);
        // A wall says it shows the session for as long as it runs.
        let mut _presence = None;
        match opening {
            Opening::Home => app.home = true,
            Opening::New { workshop, .. } => {
                let (session, path) = runtime::new_session(&workshop, self.lang, &context);
                let opened = runtime::fresh(&context, &workshop, session, path);
                crate::timing::mark("session");
                app.update(Message::Done(Done::Opened(Box::new(opened))));
                show_fit_if_late(&mut app);
            }
            Opening::File { path, session, newer, read_only, wall } => {
                let opened =
                    runtime::prepare(&context, self.built_in, *session, path.clone(), read_only || wall, newer);
                // A session reopens in its own language unless one is asked for.
                app.lang = self.asked.unwrap_or(opened.session.lang);
                if wall {
                    app.wall = true;
                    // Known before the first frame, which would else say that
                    // the session no longer runs until the files are first read.
                    app.live = crate::wall::is_running(&path);
                }
                app.update(Message::Done(Done::Opened(Box::new(opened))));
                if wall {
                    _presence = crate::wall::announce(&path).ok();
                }
            }
        }
        if room {
            app.update(Message::ToggleRoom);
        }
        interactive(&mut app, &context, self.tr, self.theme)
    }
}

/// A new session whose target end the programme does not fit opens with
/// the fit shown.
fn show_fit_if_late(app: &mut App) {
    if let Some(run) = app.run()
        && run.session.pace(app.programme(), app.now(), app.wall()).late.is_some_and(|late| late > 0)
    {
        app.update(Message::FitPreview);
    }
}

/// An `--ends-at` that is a time of day, late enough for a minute on each
/// step; else one line that says what is wrong and the earliest possible
/// end (and the exit status of a usage mistake).
fn check_ends_at(
    text: &str,
    programme: &crate::programme::Programme,
    now: chrono::DateTime<chrono::Local>,
    tr: &Tr,
) -> Result<String, Failure> {
    use chrono::TimeZone;
    let earliest = now + chrono::Duration::minutes(i64::try_from(programme.steps.len()).unwrap_or(0));
    let earliest_text = crate::ui::clock_time(tr, earliest);
    let refuse = |id: &str| {
        let text = tr.args(id, &[("given", clean(text).as_str().into()), ("earliest", earliest_text.as_str().into())]);
        Err(Failure { text, usage: true })
    };
    let Some((hours, minutes)) = crate::agenda::parse_time(text) else { return refuse("error-ends-at-not-a-time") };
    let target =
        now.date_naive().and_hms_opt(hours, minutes, 0).and_then(|t| chrono::Local.from_local_datetime(&t).earliest());
    match target {
        Some(target) if target >= earliest => Ok(format!("{hours:02}:{minutes:02}")),
        _ => refuse("error-ends-at-too-early"),
    }
}

/// `--date`: a day as the welcome step keeps it (`2026-12-15`), or one
/// line that says how to write one (and the exit status of a usage mistake).
fn check_date(text: &str, tr: &Tr) -> Result<String, Failure> {
    match Roster::day_to_keep(text) {
        Some(day) => Ok(day),
        None => Err(Failure {
            text: tr.args("error-date-not-a-date", &[("given", clean(text).as_str().into())]),
            usage: true,
        }),
    }
}

/// Why a command failed: one line for the user, and whether it was a
/// usage mistake (exit status 2, as for a wrong argument) or not (1).
#[derive(Debug)]
pub struct Failure {
    pub text: String,
    pub usage: bool,
}

impl From<String> for Failure {
    fn from(text: String) -> Self {
        Self { text, usage: false }
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
    if let Some(backup) = crate::store::readable_backup(path) {
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

/// Runs the app in the terminal, then prints how the session ended.
fn interactive(app: &mut App, context: &Context, tr: &Tr, theme: crate::app::ThemeName) -> Result<(), String> {
    app.theme = theme;
    app.colour = crate::app::ColourDepth::from_env(|name| std::env::var_os(name));
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

/// The full-screen commands need a terminal: said before anything is done,
/// in one line, before any code for the screen is written.
fn require_terminal(tr: &Tr) -> Result<(), String> {
    let term = std::env::var_os("TERM");
    match terminal_problem(io::stdin().is_terminal(), io::stdout().is_terminal(), term.as_deref()) {
        Some(id) => Err(tr.t(id)),
        None => Ok(()),
    }
}

/// What keeps the full screen from showing, as the id of its message: no
/// terminal on standard input or output (a pipe, a file, `/dev/null`), or
/// one that says it cannot move the cursor (`TERM=dumb`). An unset `TERM`
/// is no problem: Windows consoles have none.
pub fn terminal_problem(stdin: bool, stdout: bool, term: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    if !stdin || !stdout {
        Some("error-not-a-terminal")
    } else if term.is_some_and(|t| t == "dumb") {
        Some("error-dumb-terminal")
    } else {
        None
    }
}

/// Where the notes go, and why (see [`notes_folder`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesFolder {
    pub dir: PathBuf,
    pub origin: Origin,
}

/// Why the notes go where they go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--sessions-dir DIR` or `ATELIER_SESSIONS_DIR`.
    Given,
    /// `sessions/` of the source checkout it runs in.
    Checkout,
    /// The user's data folder: an installed atelier.
    DataFolder,
    /// `sessions` of the current folder: no data folder is known.
    Here,
}

/// The rule of the notes folder: a folder given (`--sessions-dir`, else
/// `ATELIER_SESSIONS_DIR`) wins; run in the source checkout, its
/// `sessions/`; else the user's data folder (`$XDG_DATA_HOME/atelier` or
/// `~/.local/share/atelier`, `~/Library/Application Support/atelier`,
/// `%APPDATA%\atelier`), whatever the current folder; with none known
/// (no home), `sessions` here.
pub fn notes_folder(given: Option<PathBuf>, checkout: Option<PathBuf>, data: Option<PathBuf>) -> NotesFolder {
    let (dir, origin) = match (given.filter(|d| !d.as_os_str().is_empty()), checkout, data) {
        (Some(dir), _, _) => (dir, Origin::Given),
        (None, Some(checkout), _) => (checkout.join("sessions"), Origin::Checkout),
        (None, None, Some(data)) => (data, Origin::DataFolder),
        (None, None, None) => (PathBuf::from("sessions"), Origin::Here),
    };
    NotesFolder { dir, origin }
}

/// The source checkout of this program that `here` is in (the folder
/// itself or one above it): the folder whose `Cargo.toml` names this
/// package. `read` gives a file's text.
pub fn find_checkout(here: &std::path::Path, read: impl Fn(&std::path::Path) -> Option<String>) -> Option<PathBuf> {
    here.ancestors()
        .find(|dir| read(&dir.join("Cargo.toml")).is_some_and(|text| names_this_package(&text)))
        .map(std::path::Path::to_path_buf)
}

/// Whether a `Cargo.toml` is this package's: `name = "…"` in `[package]`.
fn names_this_package(cargo_toml: &str) -> bool {
    let mut in_package = false;
    for line in cargo_toml.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package
            && let Some((key, value)) = line.split_once('=')
            && key.trim() == "name"
        {
            return value.trim().trim_matches('"') == env!("CARGO_PKG_NAME");
        }
    }
    false
}

/// A small regular file's text (a `Cargo.toml`), nothing for anything else.
fn read_small(path: &std::path::Path) -> Option<String> {
    std::fs::metadata(path).ok().filter(|m| m.is_file() && m.len() < 1 << 20)?;
    std::fs::read_to_string(path).ok()
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
    let dir = clean(&store.dir().display().to_string());
    write(&mut out, tr.args("list-folder", &[("dir", (&dir).into())]))?;
    let headers = ["list-id", "list-date", "list-group", "list-region", "list-people", "list-step", "list-digest"]
        .map(|id| tr.t(id));
    // Two passes, the cells made twice: the widths first, then the lines.
    // A table of every session held at once would cost as much memory
    // again as the sessions themselves (years of notes are 50,000 rows).
    let row_of = |s: &Summary| {
        let step = if s.is_finished() { tr.t("home-finished") } else { format!("{}/{}", s.current_step + 1, s.steps) };
        [
            clean(&s.id),
            s.updated_at.format("%Y-%m-%d %H:%M").to_string(),
            clean(&s.group),
            clean(&s.region),
            s.participants.to_string(),
            step,
            clean(&s.digest(tr, programme).join(" · ")),
        ]
    };
    let sessions = || {
        listed.iter().filter_map(|entry| match entry {
            Listed::Session(s) => Some(&**s),
            Listed::Unreadable { .. } => None,
        })
    };
    let mut widths = headers.each_ref().map(|h| width(h));
    for row in sessions().map(row_of) {
        for (w, cell) in widths.iter_mut().zip(&row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[String; 7]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - width(cell))))
            .collect::<Vec<_>>()
            .join("  ")
    };
    write(&mut out, line(&headers))?;
    for row in sessions().map(row_of) {
        write(&mut out, line(&row))?;
    }
    for entry in &listed {
        if let Listed::Unreadable { path, reason, .. } = entry {
            let path = clean(&path.display().to_string());
            let reason = clean(reason);
            write(
                &mut out,
                tr.args("list-unreadable", &[("path", path.as_str().into()), ("reason", reason.as_str().into())]),
            )?;
        }
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

#[cfg(test)]
mod tests;
