//! Where code lies in the Linux binary: the room's apart, before the rest,
//! so that a session that never opens the room never has it in memory; and
//! what a session runs together, after the rest, what runs before the first
//! frame last, so that a start brings in its own code and not the windows
//! around it (`build/room-first.ld` says why; `scripts/hot_code.py` writes
//! the two lists).

use std::{env, fs, path::Path};

fn main() {
    for file in ["room-first.ld", "first-frame.txt", "session.txt"] {
        println!("cargo::rerun-if-changed=build/{file}");
    }
    println!("cargo::rerun-if-env-changed=ATELIER_PLAIN_LAYOUT");
    // scripts/hot_code.py watches a start under valgrind, which names only
    // the functions it finds in `.text`: that build is laid out plain.
    let plain = env::var_os("ATELIER_PLAIN_LAYOUT").is_some();
    if plain || env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let read = |file: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("build").join(file);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let script = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("layout.ld");
    let layout = format!(
        "SECTIONS {{\n{}{}}}\nINSERT AFTER .text;\n\n{}",
        section(".text.session", &read("session.txt")),
        section(".text.first", &read("first-frame.txt")),
        read("room-first.ld"),
    );
    fs::write(&script, layout).expect("the layout script");
    println!("cargo::rustc-link-arg-bin=atelier=-Wl,-T,{}", script.display());
}

/// An output section of the functions a list names. Written before the
/// room's, so that a function both name goes with what runs; the first
/// frame's last, next to what follows the code (`.init`, `.plt`), which
/// runs at start too.
fn section(name: &str, list: &str) -> String {
    // A function marked cold lies in `.text.unlikely.NAME`, and may run at
    // start all the same: growing a table, the first lock taken.
    let patterns: Vec<String> = list
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|symbol| format!(".text.{symbol} .text.unlikely.{symbol}"))
        .collect();
    format!("  {name} : {{\n    *({})\n  }}\n", patterns.join("\n      "))
}
