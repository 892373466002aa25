#!/usr/bin/env python3
"""The user-facing figures of BENCHMARKS.md, measured from outside: each
program runs in a pseudo-terminal and its raw output bytes are read as they
come (no terminal emulator in the way). Every row measures its two sides in
the same run, alternating, and gives medians.

  - Enter → frame: a note typed on the board, then Enter; the time from the
    Enter to the end of the first frame after it (the end of its
    synchronized update, ESC [ ? 2026 l), with 5,000 notes on the board
    against 10, and against 60 (enough to fill the columns at 120×36).
  - home's first frame: launch to the end of the first frame, with 10,000
    past sessions in the folder (index warm) against none.
  - list: `atelier list` over 50,000 sessions against 5,000, wall time and
    peak memory (the child's maxrss).
  - first frame of `new` against tty-clock (C, ncurses) and tclock
    (clock-tui, ratatui): launch to the last byte of the first burst of
    output (the burst ends when nothing comes for 40 ms; the 40 ms are not
    counted). The same rule for all, and for the floor: a bare ratatui
    program built with this project (examples/floor.rs, one bordered
    paragraph), whose first frame is what ratatui's start costs; and the
    same floor with every cell coloured (`--themed`), as atelier's themes
    colour every cell.
  - peak memory at 160×45: VmHWM once the first frame is drawn, the same
    programs.

Usage: scripts/bench_side.py [--bin PATH] [--floor PATH] [--runs N] [--quick]
(scripts/bench.sh builds the release binary and runs this.)
"""

import argparse
import fcntl
import json
import os
import pty
import resource
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "sessions", "exemple-colibris.json")
END_SYNC = b"\x1b[?2026l"
QUIET = 0.040


class Pty:
    def __init__(self, argv, size=(36, 120), env=None):
        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(TERM="xterm-256color", LANG="fr_FR.UTF-8", LINES=str(size[0]), COLUMNS=str(size[1]))
            os.environ.update(env or {})
            os.execv(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        self.out = b""

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            self.out += os.read(self.fd, 1 << 16)
        except OSError:
            return False
        return True

    def until(self, needle, after=0, timeout=30.0):
        """Reads until `needle` shows after byte `after`; returns the time."""
        deadline = time.perf_counter() + timeout
        while self.out.find(needle, after) < 0:
            if time.perf_counter() > deadline or not self.read(deadline - time.perf_counter()):
                if time.perf_counter() > deadline:
                    raise TimeoutError(needle)
        return time.perf_counter()

    def first_burst(self, timeout=10.0):
        """The time of the last byte of the first burst of output."""
        deadline = time.perf_counter() + timeout
        while not self.out:
            self.read(deadline - time.perf_counter())
        last = time.perf_counter()
        while self.read(QUIET):
            last = time.perf_counter()
        return last

    def drain(self, quiet=QUIET):
        while self.read(quiet):
            pass

    def send(self, data):
        os.write(self.fd, data)

    def hwm_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def stop(self, keys=None):
        if keys:
            try:
                self.send(keys)
                deadline = time.time() + 2
                while time.time() < deadline:
                    if os.waitpid(self.pid, os.WNOHANG)[0]:
                        break
                    self.drain(0.02)
                else:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
            except OSError:
                pass
        else:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def median_ms(xs):
    return statistics.median(xs) * 1000


def board_session(folder, notes):
    """A session on the board step with `notes` notes, half in each column."""
    session = json.load(open(EXAMPLE))
    session["example"] = False
    session["current_step"] = 2
    session["steps"][2]["board"]["notes"] = [
        {"id": i + 1, "column": "positives" if i % 2 == 0 else "difficulties", "text": f"Note numéro {i + 1} du groupe", "pinned": i % 7 == 0}
        for i in range(notes)
    ]
    path = os.path.join(folder, f"board{notes}.json")
    with open(path, "w") as f:
        json.dump(session, f)
    return path


def enter_to_frame(binary, notes, runs):
    times = []
    with tempfile.TemporaryDirectory() as d:
        path = board_session(d, notes)
        tui = Pty([binary, "--sessions-dir", d, "open", path])
        tui.until(b"3/8")
        tui.drain(0.2)
        for n in range(runs):
            tui.send(b"a")
            tui.drain()
            tui.send(f"mesure {n}".encode())
            tui.drain()
            mark = len(tui.out)
            start = time.perf_counter()
            tui.send(b"\r")
            end = tui.until(END_SYNC, mark)
            times.append(end - start)
            tui.drain(0.1)  # the save lands before the next one
        tui.stop(b"q")
    return median_ms(times)


def fill_folder(folder, count):
    template = json.load(open(EXAMPLE))
    template["example"] = False
    for n in range(count):
        template["id"] = f"s{n:06d}"
        template["group"] = f"Groupe {n % 97}"
        with open(os.path.join(folder, f"s{n:06d}.json"), "w") as f:
            json.dump(template, f)


def home_first_frame(binary, folder, runs):
    times = []
    for _ in range(runs):
        tui = Pty([binary, "--sessions-dir", folder])
        end = tui.until(END_SYNC)
        times.append(end - tui.start)
        tui.stop(b"q")
    return times


def list_run(binary, folder):
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "--sessions-dir", folder, "list"], stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def first_frame(argv, size, runs):
    times, hwm = [], []
    for _ in range(runs):
        tui = Pty(argv, size)
        end = tui.first_burst()
        times.append(end - tui.start)
        hwm.append(tui.hwm_kib() / 1024)
        tui.stop()
    return median_ms(times), statistics.median(hwm)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "atelier"))
    parser.add_argument("--floor", help="the bare ratatui program (cargo build --release --example floor); "
                        "by default examples/floor beside --bin")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--quick", action="store_true", help="smaller folders (1,000 / 10,000 for list)")
    parser.add_argument("--only", default="", help="comma-separated rows: enter,home,list,new,memory")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    only = set(filter(None, args.only.split(",")))
    want = lambda row: not only or row in only
    rows = []

    def row(name, left, right, ratio, goal):
        rows.append((name, left, right, ratio, goal))
        print(f"{name:<44} {left:>24} {right:>24} {ratio:>8}  goal {goal}", flush=True)

    if want("enter"):
        many, few, full = [], [], []
        for _ in range(3):  # alternate, so both sides see the same machine
            many.append(enter_to_frame(binary, 5000, args.runs))
            few.append(enter_to_frame(binary, 10, args.runs))
            full.append(enter_to_frame(binary, 60, args.runs))
        m, f, s = statistics.median(many), statistics.median(few), statistics.median(full)
        row("Enter → frame, 5,000 notes vs 10", f"{m:.2f} ms", f"{f:.2f} ms", f"{m / f:.2f}×", "≤ 1.3×")
        # Ten notes leave the columns half empty; sixty fill them at 120×36:
        # what a longer board costs beyond drawing a full screen of notes.
        row("   … 5,000 notes vs 60 (columns full)", "", f"{s:.2f} ms", f"{m / s:.2f}×", "")

    if want("home"):
        with tempfile.TemporaryDirectory() as full, tempfile.TemporaryDirectory() as empty:
            fill_folder(full, 10000)
            list_run(binary, full)  # the index is warm, as on any later day
            many, none = [], []
            for _ in range(args.runs):
                many += home_first_frame(binary, full, 1)
                none += home_first_frame(binary, empty, 1)
            m, n = median_ms(many), median_ms(none)
            row("home's first frame, 10,000 sessions vs none", f"{m:.1f} ms", f"{n:.1f} ms", f"{m / n:.2f}×", "≤ 1.3×")

    if want("list"):
        big, small = (10000, 1000) if args.quick else (50000, 5000)
        with tempfile.TemporaryDirectory() as b, tempfile.TemporaryDirectory() as s:
            fill_folder(b, big)
            fill_folder(s, small)
            list_run(binary, b)
            list_run(binary, s)
            tb, ts, mb, ms = [], [], [], []
            for _ in range(5):
                t, m = list_run(binary, b)
                tb.append(t)
                mb.append(m)
                t, m = list_run(binary, s)
                ts.append(t)
                ms.append(m)
            x, y = median_ms(tb), median_ms(ts)
            row(f"list, {big:,} vs {small:,} sessions", f"{x:.0f} ms, {max(mb):.0f} MiB", f"{y:.0f} ms, {max(ms):.0f} MiB",
                f"{x / y:.1f}×", f"linear ({big // small}×) or better, ≤ 64 MiB")

    if want("new") or want("memory"):
        tclock = shutil.which("tclock") or os.environ.get("TCLOCK")
        tty_clock = shutil.which("tty-clock")
        floor = os.path.abspath(args.floor or os.path.join(os.path.dirname(binary), "examples", "floor"))
        floor = floor if os.access(floor, os.X_OK) else None
        for size, label in (((36, 120), "120×36"), ((45, 160), "160×45")):
            with tempfile.TemporaryDirectory() as d:
                ours, theirs, other, bare, themed = [], [], [], [], []
                for _ in range(3):
                    ours.append(first_frame([binary, "--sessions-dir", d, "new", "--group", "Bench"], size, max(3, args.runs // 3)))
                    if tty_clock:
                        theirs.append(first_frame([tty_clock, "-c"], size, max(3, args.runs // 3)))
                    if tclock:
                        other.append(first_frame([tclock, "clock"], size, max(3, args.runs // 3)))
                    if floor:
                        bare.append(first_frame([floor], size, max(3, args.runs // 3)))
                        themed.append(first_frame([floor, "--themed"], size, max(3, args.runs // 3)))
                med = lambda xs, i: statistics.median(x[i] for x in xs) if xs else float("nan")
                o, t, c, f, h = med(ours, 0), med(theirs, 0), med(other, 0), med(bare, 0), med(themed, 0)
                if want("new"):
                    row(f"first frame of `new` at {label} vs tty-clock", f"{o:.1f} ms", f"{t:.1f} ms", f"{o / t:.2f}×", "≤ 1.0×")
                    row(f"   … and vs tclock (clock-tui)", "", f"{c:.1f} ms", f"{o / c:.2f}×", "")
                    row(f"   … the floor, a bare ratatui program, vs tty-clock", f"{f:.1f} ms", f"{t:.1f} ms", f"{f / t:.2f}×", "")
                    row(f"   … the floor themed, every cell coloured, vs tty-clock", f"{h:.1f} ms", f"{t:.1f} ms", f"{h / t:.2f}×", "")
                if want("memory"):
                    o, t, c, f = med(ours, 1), med(theirs, 1), med(other, 1), med(bare, 1)
                    row(f"peak memory at {label}: atelier / tty-clock", f"{o:.1f} MiB", f"{t:.1f} MiB", "", "≤ 4 MiB")
                    row(f"   … tclock (clock-tui)", "", f"{c:.1f} MiB", "", "")
                    row(f"   … the floor, a bare ratatui program", "", f"{f:.1f} MiB", "", "")


if __name__ == "__main__":
    main()
