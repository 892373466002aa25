# Interface — English


## Durations
duration-minutes = { $minutes } min
duration-hours = { $minutes ->
    [0] { $hours } hr
   *[other] { $hours } hr { $minutes } min
}
participants-count = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}


## Header
header-step-clock = Step: { $used } / { $planned } min
header-session-used = Session: { $used } of { $planned }
header-session-left = { $left } left
header-session-over = { $over } over
header-on-time = on time
header-behind = { $late } behind
header-ahead = { $late } ahead
too-small = Please enlarge the window or use a smaller font: at least { $width } columns by { $height } lines are needed.


## Footer and notices
notice-save-failed = ‼ Notes not saved ({ $reason }). They stay in memory; trying again at the next change.
notice-open-failed = ‼ Cannot open this session: { $reason }


## Help
help-title = Keys on this screen
help-saved = Everything is saved at every change: quitting loses nothing.


## Keys
key-next = → PgDn
key-previous = ← PgUp
key-space = Space
key-plus = +
key-minus = -
key-enter = Enter
key-up = ↑
key-down = ↓
key-lang = l
key-digits = 1 … 9 0
key-help = ? F1
key-esc = Esc
key-quit = q Ctrl-C
action-next = Next step
    .short = next
action-previous = Previous step
    .short = back
action-timer = Start or pause the countdown
    .short = start/pause
action-more = One more minute
    .short = +1 min
action-less = One minute less
    .short = −1 min
action-swap = Swap speakers: the next round starts
    .short = swap
action-start-round = Start the first round
    .short = start
action-section-next = Read on, then the next section of the guide
    .short = read on
action-section-previous = Back up, then the previous section of the guide
    .short = back up
action-lang = Switch to French (français)
    .short = français
action-help = Show or close this help
    .short = help
action-close = Close the help
    .short = close
action-quit = Quit (everything is already saved)
    .short = quit
action-home-up = Previous line
    .short = up
action-home-down = Next line
    .short = down
action-home-choose = Open the chosen session, or start a new one
    .short = open


## Home
home-subtitle = A 90-minute workshop, on one projected laptop
home-new = + New session
home-past = { $count ->
    [one] { $count } past session (Enter resumes it where it stopped)
   *[other] { $count } past sessions (Enter resumes one where it stopped)
}
home-none = No past sessions yet.
home-pins = { $count ->
    [one] ★ { $count } pinned note
   *[other] ★ { $count } pinned notes
}
home-finished = finished
home-step = step { $step }/{ $total }
home-backup = previous version: Enter to read it
home-unreadable = unreadable: { $reason }
no-group = (unnamed group)


## Welcome
welcome-panel = Welcome
agenda-title = Agenda
agenda-total = Total: { $total }
not-given = —
label-group = Group:
label-participants = { $count ->
    [one] Participant:
   *[other] Participants ({ $count }):
}
label-region = Region:
label-date = Date:
date-format = %-d %B %Y
# How the day opens in the welcome step's entry: a form people type.
date-entry-format = %Y-%m-%d


## Clocks
timer-ready = Ready — Space: start
    .wall = Ready
timer-running = Running — Space: pause
    .wall = Running
timer-paused = Paused — Space: resume
    .wall = Paused


## Pairs
pairs-round = Round { $round }/{ $rounds }
pairs-speaker = { $speaker ->
    [first] first speakers talk
    [second] second speakers talk
   *[third] the third speaks
}
pairs-next-speakers = the next speakers
pairs-swap = SWAP! Now it is { $names }’s turn — Enter starts their round
pairs-done = Time is up! Come back together as a group.
pairs-title = { $count ->
    [one] { $count } pair
   *[other] { $count } pairs
}
pairs-trios = { $count ->
    [one] { $count } trio
   *[other] { $count } trios
}
pairs-trio = (trio: the last two share the second round)
pairs-trio-three-rounds = (trio: each speaks in turn, in three rounds)
pairs-alone = Only one person is on the list: pairs need at least two. Add people on the welcome step.
pairs-no-roster = No list of participants: form the pairs in the room.
pairs-prompts-title = Think about…


## Board
board-column = { $title } ({ $count })
board-empty = No notes yet.


## Reading
reading-clock = Reading in pairs
reading-sections = The guide
reading-section-of = Section { $n } of { $total } — ↓ reads on, ↑ goes back


## Plan
plan-questions-title = To guide the discussion

## Closing
closing-total = Session: { $used } of the { $planned } planned
closing-saved-in = Notes saved in:


## Command line
list-id = Session
list-date = Changed
list-group = Group
list-region = Region
list-people = People
list-digest = Summary
list-step = Step
list-empty = No sessions in { $dir }.
list-unreadable = ‼ { $path }: unreadable — { $reason }
saved-at-exit = Notes saved in { $path }
error-session-not-found = no session “{ $session }” (neither an id nor a file)
error-several-groups = several groups match “{ $what }”; say which one:
error-session-newer = { $path } comes from a newer version of atelier (format { $version }); update atelier to open it
error-session-unreadable = { $path } is not a readable session: { $reason }
error-io = { $path }: { $reason }
error-not-a-terminal = the workshop needs a terminal to show on (try “atelier list” for the list)
error-crashed = atelier stopped on an unexpected error; the notes already saved are intact
error-crashed-recovered = atelier stopped on an unexpected error; the notes in memory are in { $path }
error-terminal = the terminal refused: { $reason }


## Keys of the steps that hold notes
key-edit = Enter e
key-add = a
key-delete = d Del
key-tab = Tab
key-edit-note = e Enter
key-pin = *
key-undo = u
key-move-up = ⇧↑ K
key-move-down = ⇧↓ J
key-skip = s
key-reopen = r
key-private = v
key-alt-enter = Alt+Enter
key-ctrl-c = Ctrl-C
action-line-up = Previous line
    .short = up
action-section-by-number = Go to the section of that number
    .short = section
action-line-first = To the first line
    .short = first
action-line-last = To the last line
    .short = last
action-line-down = Next line
    .short = down
action-edit = Edit the chosen line
    .short = edit
action-add-participant = Add a participant
    .short = add
action-remove-participant = Remove the chosen participant
    .short = remove
action-next-column = Switch to the other column
    .short = column
action-add-note = Add a note to the chosen column
    .short = add
action-edit-note = Edit the chosen note
    .short = edit
action-delete-note = Delete the chosen note
    .short = delete
action-pin = Pin or unpin the chosen note
    .short = pin
action-undo = Undo the last change to the board
    .short = undo
action-move-up = Move the chosen note up
    .short = move up
action-move-down = Move the chosen note down
    .short = move down
action-item-up = Previous item
    .short = up
action-item-down = Next item
    .short = down
action-tick = Tick or untick the chosen item
    .short = tick
action-end-turn = My turn is over: next person
    .short = next person
action-skip-turn = Skip this participant (absent, or passing)
    .short = skip
action-reopen-turn = Reopen the previous participant’s turn
    .short = reopen
action-private = Show or hide the others’ answers during a turn
    .short = answers
action-next-row = Next line (after the last, the first)
    .short = next
action-plan-edit = Edit the chosen line, or change the choice
    .short = edit
action-choose = Change the choice (level, decision)
    .short = choose
action-add-partner = Add a possible partner
    .short = partner
action-remove-partner = Remove the chosen partner
    .short = remove
action-shortlist = Shortlist the chosen partner, or not
    .short = shortlist
action-keep = Keep the text
    .short = keep
action-newline = New line
    .short = new line
action-cancel = Cancel the entry
    .short = cancel


## Welcome: the roster
welcome-add-participant = + add
label-colon = :{" "}


## Board
board-empty-focused = No notes yet: “a” adds one.


## Checklists in turn
checklist-your-turn = Your turn:
checklist-group = The group
checklist-turns-title = Turns
checklist-private-on = Others’ answers hidden (v)
    .wall = Others’ answers hidden
checklist-private-off = Others’ answers shown (v)
    .wall = Others’ answers shown
checklist-results = { $count ->
    [0] Results: nobody has answered yet
    [one] Results: { $count } answer
   *[other] Results: { $count } answers
}


## Plan
plan-empty = (to fill in)
plan-choose = (to choose)
plan-add-partner = “a” to add
plan-shortlisted = shortlisted
plan-partner-description-hint = One line on what this group does.


## Closing
closing-voice = What we said
closing-plan = Our plan
closing-no-plan = No plan yet.
closing-pinned = { $count ->
    [0] No pinned notes
    [one] { $count } pinned note
   *[other] { $count } pinned notes
}
closing-notes-unpinned = { $count ->
    [one] { $count } note, not pinned
   *[other] { $count } notes, none pinned
}
closing-other-notes = { $count ->
    [one] and { $count } other note
   *[other] and { $count } other notes
}
closing-checklist = { $title } ({ $count ->
    [one] { $count } answer
   *[other] { $count } answers
})


## Text entry
entry-new-note = New note — { $column }
entry-note = Edit the note — { $column }
entry-group = Name of the group
entry-region = Region
entry-date = Date of the session (YYYY-MM-DD or DD/MM/YYYY; blank for the day it was made)
entry-new-participant = New participant
entry-participant = Name of the participant
entry-new-partner = New possible partner: their name
entry-partner-name = Name of the partner
entry-partner-description = What this group does, in one line

## Home: past sessions
home-search = Search
home-search-hint = “/” to search for a group, a region, a partner
home-example = example
notice-held = This session is already open (process { $pid } on { $host }, since { $since }): read-only here.
notice-newer = This file comes from a newer version of atelier (format { $version }): read-only, so that nothing is lost.
error-backup-exists = its previous version reads: atelier open { $backup }
notice-read-only = Read-only: nothing can change. Reopen the session to continue it.
notice-trashed = Session moved to the trash: { $path }
notice-exported = Sheet written: { $path }
entry-rename = New name of the group
header-read-only = READ-ONLY
key-r = r
key-slash = /
key-n = n
key-f = f
key-x = x
action-home-read-only = Open read-only (nothing changes)
    .short = read
action-home-search = Search for a group, a region, a partner
    .short = search
action-home-rename = Rename the session’s group
    .short = rename
action-home-follow-up = New follow-up session: same group, fresh notes
    .short = follow-up
action-home-delete = Move the session to the trash (u brings it back)
    .short = trash
action-export = Write the printable sheet (HTML) of the session
    .short = sheet

## Trend
trend-title = Trend — { $group } ({ $count ->
    [one] { $count } session
   *[other] { $count } sessions
})
trend-too-few = Only one session for this group: the trend will show with the next one (“f” for a follow-up session).
trend-change = { $points ->
    [0] =
   *[other] { $signed } pts
}
key-t = t
action-home-trend = The trend of the chosen session’s group, session after session
    .short = trend
action-trend-back = Back to the home screen
    .short = back

## Projector
key-theme = c
key-blank = b .
action-theme = Change the colours: dark, light (bright rooms), high contrast
    .short = colours
action-blank = Blank the screen (any key brings it back)
    .short = blank

## Workshops written by a facilitator (atelier workshop …)

workshop-init-done = An editable copy of the built-in workshop is in { $dir }: change programme.json and the texts under locales/, then check it with: atelier workshop check { $dir }
workshop-check-ok = { $dir }: the workshop is sound, { $steps ->
    [one] { $steps } step
   *[other] { $steps } steps
}, { $duration }.
workshop-problems = { $dir }: { $count ->
    [one] one problem
   *[other] { $count } problems
} to fix:
error-workshop-exists = { $dir } already exists and is not empty: choose a new folder.
check-unreadable = cannot be read: { $reason }
check-json = invalid JSON: { $detail }
check-no-steps = the programme has no step
check-unknown-kind = step “{ $step }”: unknown kind of step “{ $kind }” (known kinds: { $kinds })
check-step-invalid = step “{ $step }”: { $detail }
check-zero-minutes = step “{ $step }”: a duration of zero minutes
check-round-zero = step “{ $step }”: a speaking round of zero minutes
check-round-too-long = step “{ $step }”: a speaking round longer than the step ({ $detail } min)
check-duplicate-id = the id “{ $id }” appears twice ({ $detail })
check-empty-list = step “{ $step }”: the list “{ $detail }” is empty
check-second-partners = step “{ $step }”: a plan has one field of partners at most (“{ $id }” is a second one)
check-decision-not-a-choice = step “{ $step }”: the decision “{ $id }” must name a choice field
check-no-texts = no .ftl file for the language { $lang }
check-fluent-syntax = Fluent syntax error: { $detail }
check-fluent-too-deep = placeables nested more than { $limit } levels deep: text refused
check-fluent-unknown-ref = “{ $id }” refers to “{ $to }”, which no file defines
check-fluent-cycle = references in a loop: { $ids }
check-fluent-chain = “{ $id }” leads to a chain of { $length } references (at most { $limit })
check-missing-text = the text “{ $id }” is missing in { $lang } (in { $folder })
check-redefines = “{ $id }” is already a text of the app: choose another id
notice-workshop-missing = Workshop not found ({ $workshop }): notes shown read-only.
notice-removed = “{ $what }” removed — u to undo
action-bring-back = Bring back what was just removed
    .short = undo
action-back-home = Save and go back to the home screen
    .short = home
action-home-untrash = Bring back the session moved to the trash
    .short = undo
header-break = BREAK
header-step-budget = { $used } / { $planned } min
header-next = next: { $title }
break-title = Break
break-resume = p to carry on where we were
agenda-break = Break
key-break = p
action-break = Take a break: everything stops until we carry on
    .short = break
action-break-end = Carry on after the break
    .short = carry on
notice-turn-skipped = { $name }’s turn skipped: their ticks do not count (r reopens it)
notice-turn-reopened = { $name }’s turn reopened: their ticks are kept
more-below = ▼ { $count ->
    [one] { $count } more line (↓)
   *[other] { $count } more lines (↓)
}
more-above = ▲ { $count ->
    [one] { $count } line above (↑)
   *[other] { $count } lines above (↑)
}
key-home = Home
key-end = End
action-scroll-down = Down the text
    .short = down
action-scroll-up = Back up the text
    .short = up
action-scroll-top = To the start of the text
    .short = start
action-scroll-end = To the end of the text
    .short = end
list-more-below = ▼ { $count } more
list-more-above = ▲ { $count } above

## Crash safety: locks, exports, recovery
error-export-onto-session = { $path } is a session file: an export never replaces one (choose another name)
error-held = the session is open in another instance (process { $pid } on { $host }): nothing is written here
error-held-unknown = the session is open in another instance: nothing is written here
kept-conflict = ⚠ { $theirs } changed on the disk: it is left as it is, and your notes are kept beside it, in { $ours }
kept-elsewhere = ⚠ This session is open elsewhere (process { $pid } on { $host }) — your notes are kept in { $ours }
kept-elsewhere-unknown = ⚠ This session is open elsewhere — your notes are kept in { $ours }
kept-folder-gone = ⚠ The sessions folder { $folder } is gone or was renamed: it is not made again, and your notes are kept in { $ours }
kept-folder-moved = ⚠ The sessions folder { $folder } was renamed to { $moved }: it is not made again, and your notes are kept in { $ours }
kept-owner = ⚠ { $file } belonged to another account (user { $owner }): it cannot be given back, the file is now yours, its permissions kept
home-conflict = conflict copy of { $name }
error-sessions-dir-not-folder = --sessions-dir: { $dir } is a file, not a folder (the notes need a folder)
io-not-a-folder = part of the path is a file, not a folder
io-is-a-folder = it is a folder, not a file
io-permission = permission denied
io-full = the disk is full
io-read-only = the disk is read-only
io-exists = a file of that name already exists
exit-recovered = notes NOT saved in their file; a copy is in { $path }
exit-lost = notes NOT saved, and no copy could be written
notice-held-unknown = This session is already open in another instance: read-only here.
notice-draft-restored = Text being typed was found again: Enter keeps it, Esc drops it.
list-folder = Sessions in { $dir }:
error-dumb-terminal = this terminal (TERM=dumb) cannot show the workshop: it needs one that draws a full screen, such as Windows Terminal, Terminal.app or any xterm (try “atelier list” for the list)
clock-time = { $hours }:{ $minutes }
header-ends = ends { $time }
header-target = target { $time }
key-fit = =
action-fit = Fit the steps left into the time left
    .short = fit
action-fit-apply = Take this new agenda
    .short = apply
action-fit-close = Leave everything as it was
    .short = cancel
fit-title = Fit into the time left
fit-title-back = Back to the programme’s minutes
fit-step = { $title }: { $before } → { $after }
fit-end = Ends: { $before } → { $after } (target: { $target })
fit-too-late = Even at one minute a step, the session cannot end before { $earliest }: nothing is changed.
fit-no-target = No end to aim for today: give one on the welcome step (← back to step 1), then press = again.
fit-keys = Enter applies, Esc leaves everything as it was.
error-ends-at-not-a-time = --ends-at: “{ $given }” is not a time (HH:MM, for example 20:30); the earliest: { $earliest }
error-ends-at-too-early = --ends-at: { $given } leaves less than a minute a step; the earliest: { $earliest }
error-date-not-a-date = --date: “{ $given }” is not a date: write, for example, 2026-12-15 or 15/12/2026
label-ends-at = Target end:
welcome-ends-at-default = (start + the programme’s length)
entry-ends-at = Target end (HH:MM, blank for start + the programme’s length)
notice-ends-at-invalid = “{ $name }” is not a time: write, for example, 20:30

## The plan over time and the closing reflection
notice-date-invalid = “{ $name }” is not a date: write 2026-12-15 or 15/12/2026.
action-next-question = Next question of the closing reflection
    .short = question
action-answer = Write the answer to the chosen question
    .short = answer
home-due = { $what } on { $date }

## The command line’s help, in the language of the screens
cli-usage = Usage:
cli-commands = Commands
cli-options = Options
cli-arguments = Arguments
cli-help = Print this help
cli-version = Print the version
cli = Run the workshop « Comment établir des partenariats ? » (How to build partnerships, our translation) on one projected laptop.
cli-lang = Language of the screens: fr or en (default: LC_ALL, LC_MESSAGES, LANG, else fr).
cli-theme = Colours: dark, light (bright rooms) or contrast (washed-out projectors); NO_COLOR is honoured.
cli-sessions-dir = Folder of the session notes (default: the user’s data folder, or sessions/ when run in the source checkout).
cli-new = Start a new session at step 1.
cli-new-group = The name of the group.
cli-new-participants = The participants, separated by commas: "Awa,Bruno,Chloé".
cli-new-region = The region of the group.
cli-new-workshop = Run a home-made workshop: a folder made with atelier workshop init.
cli-new-ends-at = The time the session must end by (a room booked until 20:30): HH:MM.
cli-new-date = The day the session is held, when it is not today: YYYY-MM-DD or DD/MM/YYYY.
cli-open = Reopen a past session where it was left: its id (or the start of it), its group’s name, or the path of its file.
cli-open-session = The session to reopen.
cli-open-read-only = Only look: nothing can be changed, nothing is written.
cli-help-command = Print this help, or the help of the commands named.
cli-wall = The room’s view of a session another atelier is running, for a second screen (the projector): live, read-only.
cli-wall-session = The session to show: its id (or the start of it, or its random part), its group’s name, or the path of its file.
cli-list = Print the past sessions as a table.
cli-list-json = Print them as JSON, for scripts.
cli-export = Write the printable sheet of a session: Markdown, HTML (A4) or JSON.
cli-export-session = The session: its id (or the start of it), its group’s name, or the path of its file.
cli-export-format = md, html or json.
cli-export-output = Where to write it (default: standard output); - for standard output.
cli-workshop = Write your own workshop: a folder with its programme and its texts.
cli-workshop-init = Write an editable copy of the built-in workshop into DIR (new or empty).
cli-workshop-init-dir = The folder to make.
cli-workshop-check = Report every problem of the workshop in DIR, each with its file and line; exit 1 if any.
cli-workshop-check-dir = The workshop’s folder.

# The wall (`atelier wall`) and the facilitator’s screen beside it.
wall-not-running = The session is no longer running: the wall keeps its last state and follows again as soon as it reopens.
wall-facilitator-title = For the facilitator (not on the wall)
wall-private-ticks = { $name }’s ticks, hidden from the wall until the turn ends:
wall-private-none = nothing ticked yet
wall-advice = Advice for this step
wall-next = Next: { $title }
wall-agenda = Agenda at this pace

## The one clock: what the computer's clocks did
header-ended = ended at { $time }
notice-slept = The computer was asleep for { $minutes } min — counted in the step “{ $step }”. g: do not count it
notice-slept-break = The computer was asleep for { $minutes } min — counted in the break. g: do not count it
notice-given-back = Sleep time taken back: the session does not count it.
notice-clock-moved = { $forward ->
    [yes] The computer’s clock was put forward by { $minutes } min
   *[no] The computer’s clock was put back by { $minutes } min
}: the session counts none of it.
notice-zone-changed = New time zone ({ $from } → { $to }): times show in local time here, the end aimed for does not move.
fit-on-time = On time: nothing to adjust.
fit-finished = The session has ended: nothing to adjust.
key-give-back = g
action-give-back = Do not count the sleep time
    .short = sleep not counted
duration-minutes-seconds = { $minutes } min { $seconds } s
