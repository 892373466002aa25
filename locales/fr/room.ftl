# La salle : les participants rejoignent depuis leur téléphone.
# Typography: a no-break space, always U+00A0, before : ; ! ? and inside « ».


## The phone page (served to the phones, in both languages)
room-page-connecting = Connexion…
room-page-online = En ligne
room-page-offline = Hors ligne : vos notes attendent et partiront au retour du réseau
room-page-join-title = Rejoindre l’atelier
room-page-join-code = Le code affiché à l’écran
room-page-join-button = Rejoindre
room-page-closed = La salle est fermée
room-page-closed-hint = L’animateur a fermé la salle : vos notes envoyées sont gardées.
room-page-write = Votre note
room-page-partner = Un partenaire et une action à proposer
room-page-closing = Votre mot de la fin
room-page-send = Envoyer
room-page-answers-send = Envoyer mes réponses
room-page-answered = Réponses reçues : { $n }
room-page-sending = Envoi…
room-page-sent = envoyé
room-page-waiting = en attente…
room-page-mine = Vos envois
room-page-nothing = Rien à envoyer à cette étape : suivez à l’écran.

## Why the room refused something (shown on the phone)
room-closed = La salle est fermée : rien n’a été envoyé.
room-refused-token = Ce lien n’ouvre pas la salle : scannez le code affiché à l’écran.
room-refused-code = Code incorrect.
room-refused-wait = Trop d’essais : attendez une minute.
room-refused-join = Rejoignez d’abord la salle avec le code affiché.
room-refused-full = La salle est pleine (64 téléphones).
room-refused-host = Adresse inconnue : utilisez celle affichée à l’écran.
room-refused-origin = Envoi refusé : il doit venir de la page de la salle.
room-refused-not-found = Rien ici.
room-refused-malformed = Envoi illisible.
room-refused-text = Note vide ou trop longue (1 000 caractères au plus).
room-refused-rate = Trop d’envois d’un coup : réessai dans un instant.
room-refused-later = Pas encore enregistré : nouvel essai.
room-refused-step = Cette étape ne prend plus d’envois.
room-refused-read-only = La séance est en lecture seule.

## The room on the facilitator's screen
room-title = Rejoindre depuis son téléphone
room-address = Adresse : { $address }
room-code = Code : { $code }
room-phones = { $count ->
    [0] Aucun téléphone pour l’instant
    [one] { $count } téléphone a rejoint
   *[other] { $count } téléphones ont rejoint
}
room-same-network = Même Wi-Fi que cet ordinateur (ou son point d’accès).
room-moderation-on = Modération : les notes des téléphones attendent votre accord (m)
room-moderation-off = Modération désactivée (m)
room-no-network = Pas de réseau : branchez-vous au Wi-Fi de la salle ou ouvrez un point d’accès
room-open-failed = La salle n’a pas pu ouvrir : { $reason }
room-read-only = La salle ne s’ouvre pas sur une séance en lecture seule.
room-closed-notice = Salle fermée : les téléphones le voient.

## The room's keys and options
key-room = j
action-room = Ouvrir la salle aux téléphones, montrer ou masquer son code
    .short = téléphones
key-room-hide = j Échap
action-room-hide = Masquer le panneau de la salle (elle reste ouverte)
    .short = masquer
key-room-close = J
action-room-close = Fermer la salle : les téléphones le voient
    .short = fermer la salle
cli-room-addr = L’adresse où la salle écoute, IP[:PORT] (par défaut celle de la route par défaut, port 8737).
cli-new-room = Ouvrir la salle aux téléphones dès le début.
cli-open-room = Ouvrir la salle aux téléphones dès l’ouverture.
closing-room-lines = { $count ->
    [one] Le mot de la salle
   *[other] Les mots de la salle ({ $count })
}
key-moderation = m
action-moderation = Modération : les notes des téléphones attendent votre accord, ou non
    .short = modération
key-let-through = v
action-let-through = Laisser passer la plus ancienne note en attente
    .short = laisser passer
key-drop-held = x
action-drop-held = Écarter la plus ancienne note en attente
    .short = écarter
room-held = { $count ->
    [one] 1 note en attente :
   *[other] { $count } notes en attente :
}
room-refused-gone = Cette note n’est plus là (déjà retirée ?).
room-page-edit = modifier
room-page-withdraw = retirer
room-page-edit-prompt = Le nouveau texte de la note
room-page-withdrawn = retirée
room-badge = salle · { $count } (j)
room-here = { $count } en ligne maintenant
