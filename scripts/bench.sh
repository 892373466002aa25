#!/usr/bin/env bash
# Every row of BENCHMARKS.md. First the user-facing figures, measured from
# outside through a pseudo-terminal (raw bytes, medians), side by side with
# tty-clock and tclock (clock-tui) in the same run; then the release binary's
# own measures (idle CPU, wake-ups, list at 100 / 1,000 / 10,000); then the
# in-process criterion benchmarks (render, save, Enter to kept note, listing).
#
# Usage: scripts/bench.sh [--quick]   (--quick skips criterion and the
#        static build)
#
# Needs python3, and for the side-by-side rows tty-clock and tclock on the
# PATH (or TCLOCK=/path/to/tclock):
#   sudo apt-get install tty-clock
#   cargo install clock-tui --root /tmp/tclock && export PATH=/tmp/tclock/bin:$PATH
# Without them their columns read nan.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
# The floor of the first frame: a bare ratatui program (examples/floor.rs).
cargo build --release --quiet --example floor
python3 scripts/bench_side.py --bin "$target/release/atelier" --floor "$target/release/examples/floor"
python3 scripts/bench.py
if [ "${1:-}" != "--quick" ]; then
  # The Linux archive's binary (scripts/dist): static, with musl.
  if rustup target list --installed 2>/dev/null | grep -q x86_64-unknown-linux-musl; then
    cargo build --release --quiet --target x86_64-unknown-linux-musl
    echo "static (musl) build, as in the Linux archive:"
    cargo build --release --quiet --target x86_64-unknown-linux-musl --example floor
    python3 scripts/bench_side.py --bin "$target/x86_64-unknown-linux-musl/release/atelier" \
      --floor "$target/x86_64-unknown-linux-musl/release/examples/floor" --only new,memory
  fi
  cargo bench --bench speed
fi
