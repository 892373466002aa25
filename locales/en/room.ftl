# The room: participants join from their phones.


## The phone page (served to the phones, in both languages)
room-page-connecting = Connecting…
room-page-online = Online
room-page-offline = Offline: your notes wait and go when the network is back
room-page-join-title = Join the workshop
room-page-join-code = The code shown on the screen
room-page-join-button = Join
room-page-closed = The room is closed
room-page-closed-hint = The facilitator closed the room: what you sent is kept.
room-page-write = Your note
room-page-partner = A partner and an action to propose
room-page-closing = Your closing word
room-page-send = Send
room-page-answers-send = Send my answers
room-page-answered = Answers received: { $n }
room-page-sending = Sending…
room-page-sent = sent
room-page-waiting = waiting…
room-page-mine = What you sent
room-page-nothing = Nothing to send at this step: follow on the screen.

## Why the room refused something (shown on the phone)
room-closed = The room is closed: nothing was sent.
room-refused-token = This link does not open the room: scan the code on the screen.
room-refused-code = Wrong code.
room-refused-wait = Too many tries: wait a minute.
room-refused-join = Join the room first with the code on the screen.
room-refused-full = The room is full (64 phones).
room-refused-host = Unknown address: use the one on the screen.
room-refused-origin = Refused: it must come from the room’s page.
room-refused-not-found = Nothing here.
room-refused-malformed = Unreadable request.
room-refused-text = Empty or too long (1,000 characters at most).
room-refused-rate = Too much at once: trying again in a moment.
room-refused-later = Not saved yet: trying again.
room-refused-step = This step takes nothing more.
room-refused-read-only = The session is read-only.

## The room on the facilitator's screen
room-title = Join from your phone
room-address = Address: { $address }
room-code = Code: { $code }
room-phones = { $count ->
    [0] No phone yet
    [one] { $count } phone joined
   *[other] { $count } phones joined
}
room-same-network = Same Wi-Fi as this computer (or its hotspot).
room-moderation-on = Moderation: phone notes wait for your go (m)
room-moderation-off = Moderation off (m)
room-no-network = No network: join the room’s Wi-Fi or open a hotspot
room-open-failed = The room could not open: { $reason }
room-read-only = The room does not open on a read-only session.
room-closed-notice = Room closed: the phones show it.

## The room's keys and options
key-room = j
action-room = Open the room to phones, show or hide its code
    .short = phones
key-room-hide = j Esc
action-room-hide = Hide the room’s panel (the room stays open)
    .short = hide
key-room-close = J
action-room-close = Close the room: the phones show it
    .short = close the room
cli-room-addr = The address the room listens on, IP[:PORT] (default: the default route’s, port 8737).
cli-new-room = Open the room to phones from the start.
cli-open-room = Open the room to phones as the session opens.
closing-room-lines = { $count ->
    [one] The room’s word
   *[other] The room’s words ({ $count })
}
key-moderation = m
action-moderation = Moderation: phone notes wait for your go, or not
    .short = moderation
key-let-through = v
action-let-through = Let the oldest held note through
    .short = let through
key-drop-held = x
action-drop-held = Drop the oldest held note
    .short = drop
room-held = { $count ->
    [one] 1 note held:
   *[other] { $count } notes held:
}
room-refused-gone = This note is no longer there (withdrawn already?).
room-page-edit = edit
room-page-withdraw = withdraw
room-page-edit-prompt = The note’s new text
room-page-withdrawn = withdrawn
room-badge = room · { $count } (j)
room-here = { $count } online now
