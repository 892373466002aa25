#!/usr/bin/env python3
"""Peak memory (VmHWM) of `atelier new` once its first frame is out, at
160×45, for several builds measured in the same run, alternating: the
median and the range of each (BENCHMARKS.md, « The room »).

Usage: scripts/bench_hwm.py [--runs N] BINARY [BINARY ...]
"""

import argparse
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_side import Pty  # noqa: E402


def peak_kib(binary):
    with tempfile.TemporaryDirectory() as home:
        tui = Pty([binary, "--sessions-dir", home, "new"], size=(45, 160), env={"HOME": home, "XDG_DATA_HOME": home})
        tui.first_burst()
        peak = tui.hwm_kib()
        tui.stop()
        return peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    peaks = {binary: [] for binary in args.binaries}
    for _ in range(args.runs):
        for binary in args.binaries:
            peaks[binary].append(peak_kib(os.path.abspath(binary)))
    for binary, kib in peaks.items():
        print(f"{binary}: median {statistics.median(kib):,.0f} KiB, {min(kib):,}–{max(kib):,}")


if __name__ == "__main__":
    main()
