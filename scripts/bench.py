#!/usr/bin/env python3
"""Measures the release binary as a room would run it, in a pseudo-terminal:
first frame, CPU and wake-ups while a countdown runs and while nothing runs,
peak memory with a full session, and `atelier list` with 100, 1,000 and
10,000 sessions. Prints one line per measure with its goal.

Usage: scripts/bench.sh (builds the release binary, then runs this).
"""

import json
import os
import pty
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "atelier")
EXAMPLE = os.path.join(ROOT, "sessions", "exemple-colibris.json")
TICKS = os.sysconf("SC_CLK_TCK")


class Tui:
    """The app in a pseudo-terminal of 120x36."""

    def __init__(self, sessions, *args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(TERM="xterm-256color", LANG="fr_FR.UTF-8", COLUMNS="120", LINES="36")
            os.execv(BIN, [BIN, "--sessions-dir", sessions, *args])
        import fcntl
        import struct
        import termios

        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        self.output = b""

    def read_until(self, needle, timeout=10.0):
        deadline = time.monotonic() + timeout
        while needle.encode() not in self.output:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(needle)
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    raise TimeoutError(needle)

    def drain(self):
        while select.select([self.fd], [], [], 0)[0]:
            try:
                self.output += os.read(self.fd, 65536)
            except OSError:
                return

    def send(self, keys):
        os.write(self.fd, keys.encode())

    def proc(self, name):
        with open(f"/proc/{self.pid}/{name}") as f:
            return f.read()

    def cpu_ticks(self):
        fields = self.proc("stat").rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def status(self, key):
        for line in self.proc("status").splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        return 0

    def wakeups(self):
        """Voluntary context switches of every thread: each is a sleep that
        ended, a wake-up. (Involuntary ones are preemptions by the reader
        of the terminal, not wake-ups.)"""
        total = 0
        for task in os.listdir(f"/proc/{self.pid}/task"):
            with open(f"/proc/{self.pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches"):
                        total += int(line.split()[1])
        return total

    def quit(self):
        self.send("q")
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def first_frame(runs=30):
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as d:
            start = time.perf_counter()
            tui = Tui(d, "new", "--group", "Bench")
            tui.read_until("1/8")
            times.append((time.perf_counter() - start) * 1000)
            tui.quit()
    return statistics.median(times)


def idle(seconds, countdown):
    with tempfile.TemporaryDirectory() as d:
        tui = Tui(d, "new", "--group", "Bench", "--participants", "Awa,Bruno")
        tui.read_until("1/8")
        if countdown:
            # Only changed cells are redrawn: wait rather than read for text.
            tui.send("\x1b[6~")
            time.sleep(0.3)
            tui.send(" ")
        time.sleep(1.0)
        tui.drain()
        ticks, wakeups, start = tui.cpu_ticks(), tui.wakeups(), time.monotonic()
        end = start + seconds
        while time.monotonic() < end:
            select.select([tui.fd], [], [], end - time.monotonic())
            tui.drain()
        elapsed = time.monotonic() - start
        cpu = (tui.cpu_ticks() - ticks) / TICKS / elapsed * 100
        woke = (tui.wakeups() - wakeups) / elapsed
        tui.quit()
        return cpu, woke


def home_idle(seconds):
    """The home screen waits for a key: nothing runs, nothing should wake."""
    with tempfile.TemporaryDirectory() as d:
        tui = Tui(d)
        tui.read_until("Nouvelle")
        time.sleep(0.5)
        tui.drain()
        wakeups = tui.wakeups()
        time.sleep(seconds)
        woke = tui.wakeups() - wakeups
        tui.quit()
        return woke


def peak_memory():
    """A full session (the example, filled in by a group), every step shown."""
    with tempfile.TemporaryDirectory() as d:
        session = json.load(open(EXAMPLE))
        session["example"] = False
        session["current_step"] = 0
        with open(os.path.join(d, "full.json"), "w") as f:
            json.dump(session, f)
        tui = Tui(d, "open", "full")
        tui.read_until("1/8")
        for _ in range(2, 9):
            tui.send("\x1b[6~")
            time.sleep(0.2)
            tui.drain()
        tui.send("?")
        time.sleep(0.3)
        tui.drain()
        peak = tui.status("VmHWM")
        tui.quit()
        return peak / 1024


def list_sessions(count, runs=9):
    template = json.load(open(EXAMPLE))
    template["example"] = False
    with tempfile.TemporaryDirectory() as d:
        for n in range(count):
            template["id"] = f"s{n:05d}"
            template["group"] = f"Groupe {n % 97}"
            with open(os.path.join(d, f"s{n:05d}.json"), "w") as f:
                json.dump(template, f)

        def once():
            start = time.perf_counter()
            subprocess.run([BIN, "--sessions-dir", d, "list"], check=True, stdout=subprocess.DEVNULL)
            return (time.perf_counter() - start) * 1000

        cold = once()  # reads every file and writes the index
        warm = statistics.median(once() for _ in range(runs))
        return cold, warm


def main():
    if not os.path.exists(BIN):
        sys.exit("build the release binary first: cargo build --release")
    rows = []
    rows.append(("launch → first frame (median of 30)", f"{first_frame():.1f} ms", "≤ 10 ms"))
    cpu, woke = idle(20, countdown=True)
    rows.append(("CPU while a countdown runs (20 s)", f"{cpu:.3f} % of a core", "≤ 0.1 %"))
    rows.append(("wake-ups while a countdown runs", f"{woke:.1f} per second", "one redraw a second"))
    rows.append(("wake-ups on the home screen (10 s)", f"{home_idle(10)}", "0"))
    rows.append(("peak memory, full session, every step", f"{peak_memory():.1f} MiB", "≤ 5 MiB"))
    for count in (100, 1000, 10000):
        cold, warm = list_sessions(count)
        rows.append((f"atelier list, {count:,} sessions", f"{warm:.0f} ms (first, building the index: {cold:.0f} ms)", "≤ 250 ms at 10,000"))
    width = max(len(r[0]) for r in rows)
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:<48}  goal {goal}")


if __name__ == "__main__":
    main()
