#!/usr/bin/env python3
"""Where the time of `atelier new` goes before its first frame, phase by
phase, timed inside the program.

Builds the release binary of this checkout with the cargo feature `timing`
(src/timing.rs: it notes the monotonic clock at each phase and writes the
first frame's marks to $ATELIER_PROBE; without the feature nothing of it
is in the program), then launches it in a pseudo-terminal, as
scripts/bench_side.py does, and prints the median of each phase. The first
row, from the launch to `main`, is the system's (fork, exec, the loader).

Usage: scripts/phases.py [--runs N] [--size COLSxROWS] [--target DIR]

--target keeps the build in DIR (else a temporary folder): a second run
with the same DIR builds only what changed. The build never goes to the
checkout's own target/, whose release binary the benchmarks measure.

A phase is a `crate::timing::mark("…")` where it ends, and
`crate::timing::dump()` comes after the first frame is written.
"""

import argparse
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import fcntl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(target):
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    command = ["cargo", "build", "--release", "--quiet", "--features", "timing", "--bin", "atelier"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return os.path.join(target, "release", "atelier")


def launch(binary, folder, marks, size):
    if os.path.exists(marks):
        os.remove(marks)
    start = time.monotonic_ns()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LANG="fr_FR.UTF-8", ATELIER_PROBE=marks)
        os.execv(binary, [binary, "--sessions-dir", folder, "new", "--group", "Bench"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    deadline = time.monotonic() + 10
    while not os.path.exists(marks) and time.monotonic() < deadline:
        readable, _, _ = select.select([fd], [], [], 0.01)
        if readable:
            os.read(fd, 65536)
    time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    with open(marks) as f:
        found = [(label, int(t)) for label, t in (line.split() for line in f if line.strip())]
    phases = [("launch → main", found[0][1] - start)]
    phases += [(label, t - before) for (_, before), (label, t) in zip(found, found[1:])]
    return [(label, ns / 1e6) for label, ns in phases]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--size", default="120x36")
    parser.add_argument("--target", help="where to keep the build")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as scratch:
        target = os.path.abspath(args.target) if args.target else os.path.join(scratch, "target")
        binary = build(target)
        folder, marks = os.path.join(scratch, "notes"), os.path.join(scratch, "marks")
        runs = [launch(binary, folder, marks, size) for _ in range(args.runs)]
    print(f"atelier new at {args.size}, median of {args.runs} launches (ms):")
    for i, (label, _) in enumerate(runs[0]):
        print(f"  {label:14} {statistics.median(run[i][1] for run in runs):6.3f}")
    print(f"  {'total':14} {statistics.median(sum(t for _, t in run) for run in runs):6.3f}")


if __name__ == "__main__":
    sys.exit(main())
