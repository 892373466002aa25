# Interface — français
# Typography: a no-break space (U+00A0) before « : » and inside « », a narrow
# no-break space (U+202F) before ; ! ?

## Durations
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes }
participants-count = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}

## Header
header-step-clock = Étape : { $used } / { $planned } min
header-session-used = Séance : { $used } sur { $planned }
header-session-left = reste { $left }
header-session-over = { $over } de dépassement
header-on-time = dans les temps
header-behind = { $minutes } min de retard
header-ahead = { $minutes } min d’avance
too-small = Agrandissez la fenêtre ou réduisez la police : il faut au moins { $width } colonnes sur { $height } lignes.

## Footer and notices
notice-save-failed = ⚠ Notes non enregistrées ({ $reason }). Elles restent en mémoire ; nouvel essai au prochain changement.
notice-open-failed = ⚠ Impossible d’ouvrir cette séance : { $reason }

## Help
help-title = Touches de cet écran
help-saved = Tout est enregistré à chaque changement : quitter ne perd rien.

## Keys
key-next = → Pg↓
key-previous = ← Pg↑
key-space = Espace
key-plus = +
key-minus = -
key-enter = Entrée
key-up = ↑
key-down = ↓
key-lang = l
key-help = ? F1
key-esc = Échap
key-quit = q Ctrl-C
action-next = Étape suivante
    .short = suivante
action-previous = Étape précédente
    .short = précédente
action-timer = Démarrer ou mettre en pause le compte à rebours
    .short = départ/pause
action-more = Une minute de plus
    .short = +1 min
action-less = Une minute de moins
    .short = −1 min
action-swap = Changer d’orateur : le second tour commence
    .short = changer
action-section-next = Section suivante du guide
    .short = section
action-section-previous = Section précédente du guide
    .short = section
action-lang = Passer en anglais (English)
    .short = English
action-help = Afficher ou fermer cette aide
    .short = aide
action-close = Fermer l’aide
    .short = fermer
action-quit = Quitter (tout est déjà enregistré)
    .short = quitter
action-home-up = Ligne précédente
    .short = monter
action-home-down = Ligne suivante
    .short = descendre
action-home-choose = Ouvrir la séance choisie, ou en commencer une nouvelle
    .short = ouvrir

## Home
home-subtitle = Un atelier de 1 h 30, sur un seul ordinateur projeté
home-new = + Nouvelle séance
home-past = Séances passées (reprendre où elle s’est arrêtée)
home-none = Aucune séance passée pour l’instant.
home-finished = terminée
home-step = étape { $step }/{ $total }
home-unreadable = illisible : { $reason }
no-group = (groupe sans nom)

## Welcome
welcome-panel = Bienvenue
agenda-title = Déroulé
agenda-total = Total : { $total }
not-given = —
label-group = Groupe :
label-participants = { $count ->
    [one] Participant :
   *[other] Participants ({ $count }) :
}
label-region = Région :
label-date = Date :
date-format = %d/%m/%Y

## Clocks
timer-ready = Prêt — Espace pour démarrer
timer-running = En cours — Espace pour mettre en pause
timer-paused = En pause — Espace pour reprendre

## Pairs
pairs-round = Tour { $round }/{ $rounds }
pairs-speaker = { $speaker ->
    [first] les premiers parlent
   *[second] les seconds parlent
}
pairs-second-speakers = les seconds
pairs-swap = CHANGEZ ! Au tour de : { $names } — Entrée pour lancer leurs 5 minutes
pairs-done = C’est fini ! Revenez en grand groupe.
pairs-title = { $count ->
    [one] { $count } groupe
   *[other] { $count } groupes
}
pairs-trio = (trio : les deux derniers se partagent le second tour)
pairs-no-roster = Pas de liste de participants : formez les binômes dans la salle.
pairs-prompts-title = Pensez à…

## Board
board-column = { $title } ({ $count })
board-empty = Aucune note pour l’instant.

## Reading
reading-clock = Lecture en binômes
reading-sections = Le guide
reading-section-of = Section { $n } sur { $total } — ↑ ↓ pour changer

## Checklists
checklist-items = { $count ->
    [one] { $count } point
   *[other] { $count } points
}
checklist-turns = À tour de rôle : { $names }
checklist-no-roster = Chacun passe à son tour au clavier.

## Plan
plan-questions-title = Pour guider la discussion
plan-levels-title = Niveaux de partenariat
plan-fields-title = Ce que le plan contiendra

## Closing
closing-title = Pour finir
closing-steps-done = { $done ->
    [one] { $done } étape faite sur { $total }
   *[other] { $done } étapes faites sur { $total }
}
closing-step-time = { $used } / { $planned } min
closing-total = Séance : { $used } sur { $planned } prévues
closing-saved-in = Notes enregistrées dans :

## Command line
list-id = Séance
list-date = Modifiée
list-group = Groupe
list-region = Région
list-people = Pers.
list-step = Étape
list-empty = Aucune séance dans { $dir }.
list-unreadable = ⚠ { $path } : illisible — { $reason }
saved-at-exit = Notes enregistrées dans { $path }
error-session-not-found = aucune séance « { $session } » (ni identifiant ni fichier)
error-session-unreadable = { $path } n’est pas une séance lisible : { $reason }
error-session-newer = { $path } vient d’une version plus récente d’atelier (format { $version }) ; mettez atelier à jour pour l’ouvrir
error-io = { $path } : { $reason }
error-not-a-terminal = il faut un terminal pour afficher l’atelier (essayez « atelier list » pour la liste)
error-terminal = le terminal a refusé : { $reason }
