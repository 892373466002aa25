# Export — the printable partnership sheet (Markdown, HTML) — English


## Heading
export-sheet = Partnership sheet
export-colon = :{" "}
export-group = Group
export-date = Date
export-region = Region
export-participants = { $count ->
    [0] Participants
    [one] Participant
   *[other] Participants ({ $count })
}
export-no-group = (unnamed group)
export-not-given = —


## Board
export-pinned = ★: pinned note
export-no-notes = No notes.


## Checklists
export-answers = { $count ->
    [0] Nobody has answered yet.
    [one] { $count } participant answered.
   *[other] { $count } participants answered.
}
export-skipped = Skipped their turn
export-waiting = Not answered yet


## Plan
export-shortlisted = shortlisted
export-no-partner = No possible partner yet.
export-no-decision = Not decided yet


## Time
export-time = Time
export-time-used = Session: { $used } of { $planned } planned
export-time-over = { $over } behind the agenda
export-time-under = { $under } ahead of the agenda
export-time-on-plan = on time


## Trend
export-trend = How the group has changed
export-trend-intro = { $count ->
    [one] { $count } session of the group, on { $first }.
   *[other] { $count } sessions of the group, from { $first } to { $last }.
}
export-trend-item = Item
export-trend-change = Change
# How the share of those who ticked an item changed, in percentage points:
# said in words, so that a rise reads the same for an ingredient and a risk.
export-trend-points = { $direction ->
    [up] cited more often ({ $sign }{ $points ->
        [one] { $points } point
       *[other] { $points } points
    })
    [down] cited less often ({ $sign }{ $points ->
        [one] { $points } point
       *[other] { $points } points
    })
   *[same] cited as often
}
export-trend-no-answer = —

## The closing reflection and the guide
export-reflection = Looking back on the session
export-guide = The guide in brief
export-guide-intro = The essentials of the guide, to come back to and to show new members.
export-reflection-of = Looking back: { $step }
export-guide-of = The guide in brief: { $step }
export-time-step = { $title }: { $planned } planned, { $used } used
export-time-step-fitted = { $title }: { $planned } planned, fitted to { $fitted }, { $used } used
