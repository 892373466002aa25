#!/usr/bin/env bash
# Every picture of docs/screens/, taken again from the binary as it is now:
# a real xterm window in DejaVu Sans Mono on a virtual screen the size of a
# projector, keys sent through tmux, the window saved as PNG.
#
# Usage: scripts/screens.sh [NAME...]   (NAME as in docs/screens: 720/pairs-fr;
#        none: every picture)
#
# Needs Xvfb, xterm, ImageMagick's import, tmux and the DejaVu fonts:
#   sudo apt-get install xvfb xterm imagemagick tmux fonts-dejavu-core
# 1280×720 at 20 points is a 75×21 terminal, 1920×1080 at 12 points 192×54.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in Xvfb xterm import tmux; do
  command -v "$tool" >/dev/null || { echo "screens.sh: $tool is missing (see the top of this script)" >&2; exit 2; }
done
cargo build --quiet
bin="$PWD/target/debug/atelier"
work=$(mktemp -d)
socket="screens-$$"
xpid=""
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  [ -z "$xpid" ] || kill "$xpid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

twelve="Awa, Bruno, Chloé, Dédé, Émile, Fatou, Gaston, Hélène, Issa, Jeanne, Karim, Léa"

# A folder of its own whose sessions/ holds the shipped example, writable,
# on step STEP; the command is run from there, so the screens name the file
# as `sessions/colibris.json`.
example() {
  local dir="$work/$1" step=$2
  mkdir -p "$dir/sessions"
  python3 - "$PWD/sessions/exemple-colibris.json" "$dir/sessions/colibris.json" "$step" <<'EOF'
import json, sys
session = json.load(open(sys.argv[1]))
session["example"] = False
session["current_step"] = int(sys.argv[3])
json.dump(session, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
  echo "cd $(printf '%q' "$dir") &&"
}

# Sends each key (tmux names, else literal text) to a tmux session, with a
# moment after each for the screen to follow.
keys() {
  local target=$1; shift
  for k in "$@"; do
    if [[ "$k" =~ ^(Right|Left|Up|Down|PageDown|PageUp|Space|Enter|Escape|Tab|BSpace|Home|End|F[0-9]+|C-.)$ ]]; then
      tmux -L "$socket" send-keys -t "$target" "$k"
    else
      tmux -L "$socket" send-keys -t "$target" -l "$k"
    fi
    sleep 0.5
  done
}

# shot OUT GEOMETRY FONT_PT 'COMMAND' [KEYS...]: the command in a tmux
# session shown by an xterm filling a virtual screen, the keys, the picture.
shot() {
  local out=$1 geometry=$2 font=$3 command=$4; shift 4
  local name="shot$RANDOM" display=":$((50 + $$ % 150))"
  Xvfb "$display" -screen 0 "${geometry}x24" -nolisten tcp >/dev/null 2>&1 &
  xpid=$!
  sleep 0.5
  tmux -L "$socket" -f /dev/null new-session -d -s "$name" -x 80 -y 24 "export TERM=xterm-256color LANG=fr_FR.UTF-8; $command; sleep 60"
  tmux -L "$socket" set -g status off >/dev/null
  tmux -L "$socket" set -g window-size latest >/dev/null
  DISPLAY=$display xterm -tn xterm-256color -fa 'DejaVu Sans Mono' -fs "$font" -bg black -fg white +sb -b 0 -maximized \
    -e env -u TMUX tmux -L "$socket" attach -t "$name" >/dev/null 2>&1 &
  sleep 1.5
  keys "$name" "$@"
  sleep 0.5
  mkdir -p "$(dirname "docs/screens/$out")"
  DISPLAY=$display import -window root "docs/screens/$out"
  echo "docs/screens/$out: $(tmux -L "$socket" display -p -t "$name" '#{window_width}x#{window_height}') cells"
  tmux -L "$socket" kill-session -t "$name"
  kill "$xpid" 2>/dev/null || true
  wait "$xpid" 2>/dev/null || true
  xpid=""
}

wanted() {
  [ ${#only[@]} -eq 0 ] && return 0
  local name
  for name in "${only[@]}"; do [ "$name" = "$1" ] && return 0; done
  return 1
}
only=("$@")

new() { # new DIR [ARGS...]: a new session for the group of twelve, in DIR/sessions
  local dir="$work/$1"; shift
  mkdir -p "$dir/sessions"
  printf 'cd %q && ' "$dir"
  printf '%q ' "$bin" --sessions-dir sessions "$@" new --group "Les Colibris" --region Hauts-Bassins --participants "$twelve"
}

# The pairs in their second round; a checklist on its third turn (Chloé).
pairs=(PageDown Enter Space Enter)
checklist=(PageDown PageDown PageDown PageDown Space Down Space Enter Down Space Enter)
for size in "720 1280x720 20" "1080 1920x1080 12"; do
  set -- $size
  wanted "$1/pairs-fr" && shot "$1/pairs-fr.png" "$2" "$3" "$(new "pairs$1")" "${pairs[@]}"
  wanted "$1/checklist-fr" && shot "$1/checklist-fr.png" "$2" "$3" "$(new "checklist$1")" "${checklist[@]}"
  wanted "$1/closing-en" && shot "$1/closing-en.png" "$2" "$3" \
    "$(example "closing$1" 7) $(printf '%q ' "$bin" --lang en --sessions-dir sessions open colibris)"
done
wanted 720/welcome-fr && shot 720/welcome-fr.png 1280x720 20 "$(new welcome)"
wanted 720/board-fr && shot 720/board-fr.png 1280x720 20 \
  "$(example board 2) $(printf '%q ' "$bin" --sessions-dir sessions open colibris)"
wanted 720/plan-en && shot 720/plan-en.png 1280x720 20 \
  "$(example plan-en 6) $(printf '%q ' "$bin" --lang en --sessions-dir sessions open colibris)"
wanted 720/plan-fr && shot 720/plan-fr.png 1280x720 20 \
  "$(example plan-fr 6) $(printf '%q ' "$bin" --sessions-dir sessions open colibris)"
wanted 720/break-fr && shot 720/break-fr.png 1280x720 20 "$(new break)" PageDown PageDown p
wanted 720/home-fr && shot 720/home-fr.png 1280x720 20 \
  "$(example home-fr 7) $(printf '%q ' "$bin" --sessions-dir sessions)"
wanted 720/home-en && shot 720/home-en.png 1280x720 20 \
  "$(example home-en 7) $(printf '%q ' "$bin" --lang en --sessions-dir sessions)"

# The wall and the facilitator's screen of one session, each running in a
# tmux session of its own (the facilitator at Awa's private turn, the wall
# following it), each shown through tmux.
if wanted wall/wall-fr || wanted wall/facilitator-fr; then
  dir="$work/wall"
  tmux -L "$socket" -f /dev/null new-session -d -s facilitator -x 75 -y 21 \
    "export TERM=xterm-256color LANG=fr_FR.UTF-8; $(new wall); sleep 60"
  sleep 1
  keys facilitator PageDown PageDown PageDown PageDown Space Down Space
  session=$(cd "$dir/sessions" && ls -- *.json | head -1)
  tmux -L "$socket" new-session -d -s wall -x 192 -y 54 \
    "export TERM=xterm-256color LANG=fr_FR.UTF-8; cd $(printf '%q' "$dir") && $(printf '%q ' "$bin" --sessions-dir sessions wall "${session%.json}"); sleep 60"
  sleep 1
  wanted wall/wall-fr && shot wall/wall-fr.png 1920x1080 12 "env -u TMUX tmux -L $socket attach -t wall"
  wanted wall/facilitator-fr && shot wall/facilitator-fr.png 1280x720 20 "env -u TMUX tmux -L $socket attach -t facilitator"
fi
