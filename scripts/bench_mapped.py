#!/usr/bin/env python3
"""How much of each section of the binary is in memory once `new` has drawn
its first frame (Linux, /proc/PID/pagemap; run as root or with
CAP_SYS_ADMIN for the page bits). BENCHMARKS.md, « The room »: the room's
code (`.text.room`) should be almost all out, the rest almost all in.

Usage: scripts/bench_mapped.py [BINARY]   (default target/release/atelier)
"""

import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_side import ROOT, Pty  # noqa: E402


def sections(binary):
    """Name, address and size of each section loaded in memory."""
    out = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 7 and fields[0].startswith("[") and fields[1].startswith(".") and "A" in fields[7]:
            found.append((fields[1], int(fields[3], 16), int(fields[5], 16)))
    return found


def present_pages(binary):
    """The binary's pages in memory at the first frame, as offsets from its base."""
    folder = tempfile.mkdtemp()
    pty = Pty([binary, "--sessions-dir", folder, "new"], size=(45, 160), env={"HOME": folder})
    pty.first_burst()
    maps = []
    with open(f"/proc/{pty.pid}/maps") as lines:
        for line in lines:
            fields = line.split()
            if len(fields) >= 6 and fields[5] == os.path.realpath(binary):
                start, end = (int(x, 16) for x in fields[0].split("-"))
                maps.append((start, end, int(fields[2], 16)))
    base = maps[0][0] - maps[0][2]
    present = set()
    with open(f"/proc/{pty.pid}/pagemap", "rb") as pagemap:
        for start, end, _ in maps:
            for address in range(start, end, 4096):
                pagemap.seek(address // 4096 * 8)
                if struct.unpack("<Q", pagemap.read(8))[0] >> 63 & 1:
                    present.add(address - base)
    pty.stop()
    return present


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "atelier")
    present = present_pages(binary)
    for name, address, size in sections(binary):
        if size < 4096:
            continue
        pages = range(address & ~4095, address + size, 4096)
        kept = sum(1 for page in pages if page in present)
        print(f"{name:20s} {size / 1024:8.0f} KiB, {kept * 4:6d} KiB of its {len(pages) * 4} in memory")


if __name__ == "__main__":
    main()
