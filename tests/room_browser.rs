//! The phone page in a real browser: headless Chromium at 390×844, driven
//! through WebDriver (chromedriver, `fantoccini`), joins the room of the
//! real binary (in a pseudo-terminal, listening on 127.0.0.1 only) with the
//! code on the screen, follows the facilitator to the board, writes a note
//! and sees « envoyé »; the note is then on the facilitator's screen and
//! in the session file.
//!
//! Without chromedriver this test says so in one line and passes, except
//! in CI (`CI=true`), where `.ci/run` installs it and its absence fails.
//! The browser is started with everything that would reach the network
//! switched off; the only address it is sent to is 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{Tui, dump, only_session_file, read_json, step, temp_dir};
use fantoccini::{ClientBuilder, Locator};

const SIZE: (u16, u16) = (120, 36);

/// How long the page may take to show what is awaited: far more than it
/// needs, for a loaded machine.
const WAIT: Duration = Duration::from_secs(30);

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

/// chromedriver, started on a free port of 127.0.0.1; it says when it
/// listens on its standard output.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver(program: &Path) -> Driver {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(program)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let started = lines.by_ref().map_while(Result::ok).any(|line| line.contains("started successfully"));
    assert!(started, "chromedriver did not start");
    // The rest of its output is read and dropped, so that it never blocks.
    std::thread::spawn(move || lines.for_each(drop));
    Driver { child, port }
}

/// The room's address and code, as the panel shows them.
fn address_and_code(tui: &Tui) -> (SocketAddr, String) {
    tui.wait_for("http://127.0.0.1:");
    let screen = tui.screen();
    let port = screen
        .split_whitespace()
        .find_map(|word| word.strip_prefix("http://127.0.0.1:"))
        .and_then(|rest| rest.trim_end_matches('/').parse::<u16>().ok())
        .unwrap_or_else(|| panic!("no address on the panel:\n{}", dump(&screen)));
    let line = screen.lines().find(|l| l.contains("Code : ")).unwrap();
    let code: String = line.split("Code : ").nth(1).unwrap().split_whitespace().take(2).collect();
    (SocketAddr::from(([127, 0, 0, 1], port)), code)
}

#[test]
fn a_phone_browser_joins_writes_a_note_and_the_session_keeps_it() {
    let Some(driver) = find_program(&["chromedriver"]) else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI needs chromedriver: .ci/run installs it");
        println!("skipped: no chromedriver on this machine (apt-get install chromium chromium-driver)");
        return;
    };
    let browser = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = start_driver(&driver);
    let dir = temp_dir();
    let profile = temp_dir();
    let tui =
        Tui::spawn(dir.path(), SIZE, &["new", "--participants", "Awa,Bruno", "--room", "--room-addr", "127.0.0.1:0"]);
    let (addr, code) = address_and_code(&tui);

    let mut options = serde_json::json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
            "--lang=fr-FR", "--window-size=390,844",
            format!("--user-data-dir={}", profile.path().display()),
        ],
    });
    if let Some(browser) = browser {
        options["binary"] = browser.display().to_string().into();
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let page = format!("http://{addr}/");
    let note = "Une note écrite au téléphone <b>sans balise</b>";
    runtime.block_on(async {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a browser session");
        client.set_window_size(390, 844).await.expect("the phone's size");
        client.goto(&page).await.expect("the page");
        // Not joined yet: the page asks for the code.
        let field = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#join:not([hidden]) #code"))
            .await
            .expect("the code field");
        field.send_keys(&code.to_lowercase()).await.unwrap();
        client.find(Locator::Css("#join-form button")).await.unwrap().click().await.unwrap();
        // Joined, it follows the facilitator: the welcome step first.
        client.wait().at_most(WAIT).for_element(Locator::Css("#stage:not([hidden]) #title")).await.expect("the stage");
        tui.wait_for("1 téléphone a rejoint");
        tui.press("j", "1/8 ");
        tui.go_to_step("board");
        let text = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#write:not([hidden]) #text"))
            .await
            .expect("the board's form");
        let title = client.find(Locator::Id("title")).await.unwrap().text().await.unwrap();
        assert!(title.contains("pingl") || title.contains("Pinning"), "{title}");
        text.send_keys(note).await.unwrap();
        client.find(Locator::Id("send")).await.unwrap().click().await.unwrap();
        let sent =
            client.wait().at_most(WAIT).for_element(Locator::Css(".mine .state.saved")).await.expect("« envoyé »");
        // In the browser's language first; the switch gives the other one.
        let said = sent.text().await.unwrap();
        assert!(said == "envoyé" || said == "sent", "{said}");
        client.find(Locator::Id("lang")).await.unwrap().click().await.unwrap();
        let sent = client.find(Locator::Css(".mine .state.saved")).await.unwrap();
        let other = if said == "sent" { "envoyé" } else { "sent" };
        assert_eq!(sent.text().await.unwrap(), other, "the language switch");
        // Shown as text: no element was made of the markup.
        assert!(client.find_all(Locator::Css("#mine b")).await.unwrap().is_empty());
        // A second note, taken back from the phone while the step is on.
        let text = client.find(Locator::Id("text")).await.unwrap();
        text.send_keys("À retirer").await.unwrap();
        client.find(Locator::Id("send")).await.unwrap().click().await.unwrap();
        let second = ".mine li:nth-child(2)";
        client.wait().at_most(WAIT).for_element(Locator::Css(&format!("{second} .state.saved"))).await.unwrap();
        tui.wait_for("À retirer");
        let withdraw = format!("{second} button[data-act='room-page-withdraw']");
        client.find(Locator::Css(&withdraw)).await.unwrap().click().await.unwrap();
        let deadline = std::time::Instant::now() + WAIT;
        while client.find_all(Locator::Css(".mine li")).await.unwrap().len() != 1 {
            assert!(std::time::Instant::now() < deadline, "the note withdrawn stays on the phone");
        }
        tui.wait_for_gone("À retirer");
        // On the facilitator's screen, marked new.
        tui.wait_for("» Une note écrite au téléphone");
        // `ATELIER_PHONE_SHOTS=docs` keeps a picture of the page at each
        // kind of step (the README shows them).
        if let Some(shots) = std::env::var_os("ATELIER_PHONE_SHOTS") {
            for id in ["board", "welcome", "pairs", "reading", "ingredients", "plan", "closing"] {
                let before = client.find(Locator::Id("title")).await.unwrap().text().await.unwrap();
                tui.go_to_step(id);
                if id != "board" {
                    // The page follows: its title changes.
                    let deadline = std::time::Instant::now() + WAIT;
                    while client.find(Locator::Id("title")).await.unwrap().text().await.unwrap() == before {
                        assert!(std::time::Instant::now() < deadline, "the page did not follow to {id}");
                    }
                }
                let png = client.screenshot().await.unwrap();
                std::fs::write(Path::new(&shots).join(format!("phone-{id}.png")), png).unwrap();
            }
        }
        client.close().await.unwrap();
    });
    let session = read_json(&only_session_file(dir.path()));
    let notes = step(&session, "board")["board"]["notes"].as_array().unwrap().clone();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], note);
}
