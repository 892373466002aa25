#!/usr/bin/env python3
"""The room's figures of BENCHMARKS.md, measured from outside, on the
loopback address only (127.0.0.1; nothing else is ever contacted):

  - post → frame: twelve phones (threads, plain HTTP) each send notes one
    after the other to a session on its board; for each note, the time from
    the first byte of its request to the end of the first frame (ESC [ ?
    2026 l) whose bytes hold its text. p50 and p95.
  - memory: VmHWM of `new` once its first frame is out, without the room
    and with it open (`--room --room-addr 127.0.0.1:0`), then with the
    room open after the twelve phones joined and sent their notes.
  - with `--base PATH`: first frame and VmHWM of `new` without the room,
    the build before the room against this one, alternating.

Usage: scripts/bench_room.py [--bin PATH] [--base PATH] [--runs N] [--notes N]
"""

import argparse
import http.client
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_side import END_SYNC, Pty, ROOT, first_frame, median_ms  # noqa: E402

PHONES = 12
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b.")


class Timed(Pty):
    """A Pty that notes when each chunk of output came."""

    def __init__(self, argv, size=(36, 120)):
        super().__init__(argv, size)
        self.chunks = []  # (offset where the chunk ends, time it came)

    def read(self, timeout):
        before = len(self.out)
        got = super().read(timeout)
        if len(self.out) > before:
            self.chunks.append((len(self.out), time.perf_counter()))
        return got

    def time_at(self, offset):
        for end, at in self.chunks:
            if end > offset:
                return at
        return None


def plain(data):
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


def room_of(tui):
    tui.until(b"Code")
    tui.drain(0.2)
    text = plain(tui.out)
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", text).group(1))
    code = re.search(r"Code\s*:\s*([2-9B-Z]{3}) ?([2-9B-Z]{3})", text)
    return port, code.group(1) + code.group(2)


def post(port, path, body, cookie=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Host": f"127.0.0.1:{port}", "Origin": f"http://127.0.0.1:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    conn.request("POST", path, json.dumps(body), headers)
    answer = conn.getresponse()
    data = answer.read()
    cookie = (answer.getheader("Set-Cookie") or "").split(";")[0] or cookie
    conn.close()
    return answer.status, data, cookie


def start_room(binary, folder):
    return Timed([binary, "--sessions-dir", folder, "new", "--participants", "Awa,Bruno", "--room", "--room-addr", "127.0.0.1:0"])


def post_to_frame(binary, notes):
    with tempfile.TemporaryDirectory() as folder:
        tui = start_room(binary, folder)
        port, code = room_of(tui)
        cookies = [post(port, "/api/join", {"code": code})[2] for _ in range(PHONES)]
        tui.send(b"j")
        tui.drain(0.2)
        tui.send(b"\x1b[6~")
        tui.drain(0.2)
        tui.send(b"\x1b[6~")
        tui.drain(0.3)
        sent = {}
        done = threading.Event()

        def phone(p):
            for n in range(notes):
                text = f"P{p:02d}N{n:03d}"
                body = {"key": f"bench-{p:02d}-{n:03d}", "step": 2, "kind": "note", "column": "positives", "text": text}
                sent[text] = time.perf_counter()
                status, data, _ = post(port, "/api/send", body, cookies[p])
                assert status == 200, (status, data)

        threads = [threading.Thread(target=phone, args=(p,)) for p in range(PHONES)]
        for t in threads:
            t.start()
        def wait_all():
            for t in threads:
                t.join()
            done.set()

        threading.Thread(target=wait_all).start()
        while not done.is_set():
            tui.read(0.05)
        tui.drain(0.2)
        hwm = tui.hwm_kib() / 1024
        latencies = []
        for text, at in sent.items():
            place = tui.out.find(text.encode())
            if place < 0:
                continue  # Scrolled off before it was drawn: not on screen.
            end = tui.out.find(END_SYNC, place)
            shown = tui.time_at(end if end >= 0 else place)
            if shown is not None:
                latencies.append(shown - at)
        tui.stop(b"q")
        return latencies, hwm, len(sent)


def memory(binary, room, runs):
    hwm = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            argv = [binary, "--sessions-dir", folder, "new", "--participants", "Awa,Bruno"]
            if room:
                argv += ["--room", "--room-addr", "127.0.0.1:0"]
            tui = Pty(argv)
            tui.first_burst()
            if room:
                tui.until(b"Code")
                tui.drain(0.1)
            hwm.append(tui.hwm_kib() / 1024)
            tui.stop(b"q")
    return statistics.median(hwm)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "atelier"))
    parser.add_argument("--base", help="the build before the room, for the rows without it")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--notes", type=int, default=10, help="notes per phone")
    args = parser.parse_args()

    latencies, hwm_after, count = post_to_frame(args.bin, args.notes)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    print(f"post → frame, {PHONES} phones, {count} notes ({len(latencies)} seen drawn): "
          f"p50 {median_ms(latencies):.1f} ms, p95 {p95:.1f} ms")
    without = memory(args.bin, False, args.runs)
    with_room = memory(args.bin, True, args.runs)
    print(f"peak memory of new: {without:.1f} MiB without the room, {with_room:.1f} MiB with it open, "
          f"{hwm_after:.1f} MiB after {count} notes from {PHONES} phones")
    if args.base:
        # The two builds alternate, one run of each at a time.
        runs = {args.base: ([], []), args.bin: ([], [])}
        for _ in range(args.runs):
            for binary in runs:
                frame, hwm = first_frame([binary, "--sessions-dir", tempfile.mkdtemp(), "new"], (36, 120), 1)
                runs[binary][0].append(frame)
                runs[binary][1].append(hwm)
        for name, binary in (("before the room", args.base), ("this build", args.bin)):
            frames, hwms = runs[binary]
            print(f"first frame of new, {name}: {statistics.median(frames):.1f} ms, "
                  f"peak {statistics.median(hwms):.1f} MiB; size {os.path.getsize(binary)} bytes")


if __name__ == "__main__":
    main()
