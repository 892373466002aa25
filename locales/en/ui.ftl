# Interface — English

## Durations
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes }
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
header-behind = { $minutes } min behind
header-ahead = { $minutes } min ahead
too-small = Please enlarge the window or use a smaller font: at least { $width } columns by { $height } lines are needed.

## Footer and notices
notice-save-failed = ⚠ Notes not saved ({ $reason }). They stay in memory; trying again at the next change.
notice-open-failed = ⚠ Cannot open this session: { $reason }

## Help
help-title = Keys of this screen
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
action-swap = Swap speakers: the second round starts
    .short = swap
action-section-next = Next section of the guide
    .short = section
action-section-previous = Previous section of the guide
    .short = section
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
home-subtitle = A 1 h 30 workshop, on one projected laptop
home-new = + New session
home-past = Past sessions (resume where they stopped)
home-none = No past sessions yet.
home-finished = finished
home-step = step { $step }/{ $total }
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

## Clocks
timer-ready = Ready — Space to start
timer-running = Running — Space to pause
timer-paused = Paused — Space to resume

## Pairs
pairs-round = Round { $round }/{ $rounds }
pairs-speaker = { $speaker ->
    [first] first speakers talk
   *[second] second speakers talk
}
pairs-second-speakers = the second speakers
pairs-swap = SWAP! Now it is { $names }’s turn — Enter starts their 5 minutes
pairs-done = Time is up! Come back together as a group.
pairs-title = { $count ->
    [one] { $count } group
   *[other] { $count } groups
}
pairs-trio = (trio: the last two share the second round)
pairs-no-roster = No list of participants: form the pairs in the room.
pairs-prompts-title = Think about…

## Board
board-column = { $title } ({ $count })
board-empty = No notes yet.

## Reading
reading-clock = Reading in pairs
reading-sections = The guide
reading-section-of = Section { $n } of { $total } — ↑ ↓ to change

## Checklists
checklist-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
checklist-turns = In turn: { $names }
checklist-no-roster = Everyone comes to the keyboard in turn.

## Plan
plan-questions-title = To guide the discussion
plan-levels-title = Levels of partnership
plan-fields-title = What the plan will hold

## Closing
closing-title = To close
closing-steps-done = { $done ->
    [one] { $done } step done of { $total }
   *[other] { $done } steps done of { $total }
}
closing-step-time = { $used } / { $planned } min
closing-total = Session: { $used } of the { $planned } planned
closing-saved-in = Notes saved in:

## Command line
list-id = Session
list-date = Changed
list-group = Group
list-region = Region
list-people = People
list-step = Step
list-empty = No sessions in { $dir }.
list-unreadable = ⚠ { $path }: unreadable — { $reason }
saved-at-exit = Notes saved in { $path }
error-session-not-found = no session “{ $session }” (neither an id nor a file)
error-session-newer = { $path } comes from a newer version of atelier (format { $version }); update atelier to open it
error-session-unreadable = { $path } is not a readable session: { $reason }
error-io = { $path }: { $reason }
error-not-a-terminal = the workshop needs a terminal to show on (try “atelier list” for the list)
error-terminal = the terminal refused: { $reason }
