#!/usr/bin/env python3
"""A workshop of 10,000 steps: how long `atelier workshop check` takes, and
launch to the first frame of `atelier new` on it (the screen shows
`1/10000`), in a 120x36 pseudo-terminal. Medians of --runs.

    cargo build --release
    scripts/bench_steps.py [--bin target/release/atelier] [--steps 10000] [--runs 5]
"""

import argparse
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import subprocess
import tempfile
import termios
import time


def workshop(binary, folder, steps):
    """`workshop init`, then its first step copied `steps` times."""
    subprocess.run([binary, "workshop", "init", folder], check=True, capture_output=True)
    path = os.path.join(folder, "programme.json")
    with open(path) as f:
        programme = json.load(f)
    first = programme["steps"][0]
    programme["steps"] = [dict(first, id=f"info-{i}", minutes=1) for i in range(steps)]
    with open(path, "w") as f:
        json.dump(programme, f, indent=2)


def check(binary, folder):
    start = time.monotonic()
    subprocess.run([binary, "workshop", "check", folder], check=True, capture_output=True)
    return time.monotonic() - start


def first_frame(binary, folder, steps):
    """Launch to the first output that shows `1/STEPS`."""
    sessions = tempfile.mkdtemp()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LANG="fr_FR.UTF-8")
        os.execv(binary, [binary, "--sessions-dir", sessions, "new", "--workshop", folder, "--group", "G"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    start, seen, wanted = time.monotonic(), b"", f"1/{steps}".encode()
    while wanted not in seen:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
    took = time.monotonic() - start
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    return took


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="target/release/atelier")
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    folder = os.path.join(tempfile.mkdtemp(), "big")
    workshop(binary, folder, args.steps)
    checks = [check(binary, folder) for _ in range(args.runs)]
    frames = [first_frame(binary, folder, args.steps) for _ in range(args.runs)]
    for name, times in [("workshop check", checks), ("first frame of new", frames)]:
        runs = ", ".join(f"{t * 1000:.0f}" for t in times)
        print(f"{name}, {args.steps} steps: median {statistics.median(times) * 1000:.0f} ms ({runs})")


if __name__ == "__main__":
    main()
