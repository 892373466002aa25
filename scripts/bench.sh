#!/usr/bin/env bash
# Measures the release binary in a pseudo-terminal (first frame, idle CPU and
# wake-ups, peak memory, the list of 100 / 1,000 / 10,000 sessions), then
# runs the criterion benchmarks (render, save, Enter to kept note, listing).
# Usage: scripts/bench.sh [--quick]   (--quick skips criterion)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
python3 scripts/bench.py
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench speed
fi
