#!/usr/bin/env bash
# Kills atelier with SIGKILL hundreds of times while it saves, and checks
# after each kill that the session file is whole and holds every note the
# screen showed as kept. Usage: scripts/crash-test.sh [RUNS] (default 500).
set -euo pipefail
cd "$(dirname "$0")/.."
ATELIER_CRASH_RUNS="${1:-500}" cargo test --test e2e_safety killed_hundreds_of_times -- --nocapture
