#!/usr/bin/env python3
"""Writes build/first-frame.txt and build/session.txt: the functions of
atelier that run before its first frame, and those a session runs after it
(every step shown, the help), which build.rs lays out together at the end
of the code, the first frame's last (build/room-first.ld says why: Linux
maps code in 64 KiB windows around each page that runs, so code that runs
spread among code that does not brings all of it into memory).

Each run below goes under callgrind, three times (threads and timers run a
little differently each time), in a pseudo-terminal, each key waiting for
the frame it changes (ESC [ ? 2026 l) and a second more (the first save,
the watcher's events). Every function of the binary that ran is kept, its
hash cut off (`…17h*`), so the lists hold across builds and name every
copy of a generic function. A function the lists miss only stays where it
was, costing memory, never correctness: run this again when what a start
or a session runs changes.

Needs valgrind. Builds its own release binary, the same functions under
the same names, but with its symbols and laid out plain (valgrind names
only the functions it finds in `.text`), in target/hot-code:
  scripts/hot_code.py
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_side import EXAMPLE, END_SYNC, Pty  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIRST_FRAME = os.path.join(ROOT, "build", "first-frame.txt")
SESSION = os.path.join(ROOT, "build", "session.txt")
# A Rust symbol in the legacy scheme ends in its 16-digit hash; one in the
# v0 scheme (the standard library's, and its generic code made for this
# program's types) names each crate with a hash (`Cs…_`) and refers back
# by position (`B…_`). Those change with the build's settings (the release
# build is stripped, this one not): the patterns leave them out.
HASHED = re.compile(r"^(_ZN.*17h)[0-9a-f]{16}E$")
V0_HASHES = re.compile(r"(?<=Cs)[0-9A-Za-z]+(?=_)|(?<=B)[0-9A-Za-z]*(?=_)")
# What is not a symbol (valgrind's « (below main) », an address) has no section.
SYMBOL = re.compile(r"[A-Za-z_][A-Za-z0-9_$.]*")
PAGE_DOWN, HELP = b"\x1b[6~", b"?"


def starts(folder):
    """The starts a facilitator makes: a new session (both languages, the
    bench's size and the smallest), home with a session to list, and a
    saved session opened."""
    session = os.path.join(folder, "exemple.json")
    shutil.copy(EXAMPLE, session)
    return [
        (["new"], (45, 160), "fr_FR.UTF-8", []),
        (["new"], (21, 75), "en_GB.UTF-8", []),
        ([], (36, 120), "fr_FR.UTF-8", []),
        (["open", session], (36, 120), "fr_FR.UTF-8", []),
    ]


def sessions(folder):
    """A session run through: the example filled in by a group, opened on
    its first step, each step shown in turn, then the help (as
    scripts/bench.py's full session)."""
    full = json.load(open(EXAMPLE))
    full.update(example=False, current_step=0)
    path = os.path.join(folder, "full.json")
    with open(path, "w") as f:
        json.dump(full, f)
    keys = [PAGE_DOWN] * 7 + [HELP, HELP]
    return [
        (["open", path], (36, 120), "fr_FR.UTF-8", keys),
        (["open", path], (21, 75), "en_GB.UTF-8", keys),
    ]


def ran(binary, folder, args, size, lang, keys):
    """The names of the binary's functions that ran."""
    out = os.path.join(folder, "callgrind.out")
    argv = [
        shutil.which("valgrind"),
        "--tool=callgrind",
        "--demangle=no",
        "--compress-strings=no",
        f"--callgrind-out-file={out}",
        binary,
        "--sessions-dir",
        folder,
    ] + args
    tui = Pty(argv, size, env={"LANG": lang, "LC_ALL": lang})
    tui.until(END_SYNC, timeout=120)
    tui.drain(1.0)
    for key in keys:
        after = len(tui.out)
        tui.send(key)
        tui.until(END_SYNC, after, timeout=120)
        tui.drain(0.5)
    os.kill(tui.pid, signal.SIGTERM)
    deadline = time.time() + 60
    while not os.waitpid(tui.pid, os.WNOHANG)[0]:
        tui.drain(0.1)
        if time.time() > deadline:
            raise TimeoutError("the app did not end on SIGTERM")
    names, in_binary = set(), False
    with open(out) as f:
        for line in f:
            if line.startswith("ob="):
                in_binary = os.path.realpath(line[3:].strip()) == os.path.realpath(binary)
            elif line.startswith("fn=") and in_binary:
                names.add(line[3:].strip())
    os.remove(out)
    # A run draws its frames through hundreds of functions: fewer means
    # valgrind could not name them, and the lists would be wrong.
    if len(names) < 300:
        sys.exit(f"only {len(names)} functions named for {args}: is the build laid out plain?")
    return {pattern(n) for n in names if SYMBOL.fullmatch(n)}


def pattern(name):
    hashed = HASHED.match(name)
    if hashed:
        return f"{hashed.group(1)}*"
    return V0_HASHES.sub("*", name) if name.startswith("_R") else name


def plain_build():
    target = os.path.join(ROOT, "target", "hot-code")
    # Symbols kept through RUSTFLAGS, which cargo leaves out of the crates'
    # hashes: the functions are the release build's, under the same names.
    env = dict(os.environ, RUSTFLAGS="-Cstrip=none", ATELIER_PLAIN_LAYOUT="1", CARGO_TARGET_DIR=target)
    subprocess.run(["cargo", "build", "--release", "--bin", "atelier"], cwd=ROOT, env=env, check=True)
    return os.path.join(target, "release", "atelier")


def write(path, what, patterns):
    with open(path, "w") as f:
        f.write(f"# The functions that run {what}, by their symbol names:\n")
        f.write("# written by scripts/hot_code.py, laid out together by build.rs.\n")
        # Sorted, so that a new run shows as a small diff.
        f.writelines(p + "\n" for p in sorted(patterns))
    print(f"{len(patterns)} functions → {os.path.relpath(path, ROOT)}")


def main():
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()
    binary = plain_build()
    first, later = set(), set()
    with tempfile.TemporaryDirectory() as folder:
        for run in starts(folder) * 3:
            first |= ran(binary, folder, *run)
        for run in sessions(folder) * 3:
            later |= ran(binary, folder, *run)
    write(FIRST_FRAME, "before the first frame", first)
    write(SESSION, "in a session after its first frame", later - first)


if __name__ == "__main__":
    main()
