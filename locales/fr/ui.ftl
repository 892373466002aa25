# Interface — français
# Typography: a no-break space, always U+00A0, before : ; ! ? and inside « »
# (the screen wraps lines at U+202F, never at U+00A0).


## Durations
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $padded }
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
header-behind = { $late } de retard
header-ahead = { $late } d’avance
too-small = Agrandissez la fenêtre ou réduisez la police : il faut au moins { $width } colonnes sur { $height } lignes.


## Footer and notices
notice-save-failed = ‼ Notes non enregistrées ({ $reason }). Elles restent en mémoire ; nouvel essai au prochain changement.
notice-open-failed = ‼ Impossible d’ouvrir cette séance : { $reason }


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
key-digits = 1 … 9 0
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
action-swap = Changer d’orateur : le tour suivant commence
    .short = changer
action-start-round = Lancer le premier tour
    .short = lancer
action-section-next = Lire la suite, puis la section suivante du guide
    .short = suite
action-section-previous = Remonter, puis la section précédente du guide
    .short = remonter
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
home-past = { $count ->
    [one] { $count } séance passée (Entrée pour la reprendre où elle s’est arrêtée)
   *[other] { $count } séances passées (Entrée pour reprendre la séance choisie là où elle s’est arrêtée)
}
home-none = Aucune séance passée pour l’instant.
home-pins = { $count ->
    [one] ★ { $count } note épinglée
   *[other] ★ { $count } notes épinglées
}
home-finished = terminée
home-step = étape { $step }/{ $total }
home-backup = sauvegarde précédente : Entrée pour la lire
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
# How the day opens in the welcome step's entry: a form people type.
date-entry-format = %d/%m/%Y


## Clocks
timer-ready = Prêt — Espace : démarrer
    .wall = Prêt
timer-running = En cours — Espace : pause
    .wall = En cours
timer-paused = En pause — Espace : reprendre
    .wall = En pause


## Pairs
pairs-round = Tour { $round }/{ $rounds }
pairs-speaker = { $speaker ->
    [first] les premiers parlent
    [second] les seconds parlent
   *[third] le troisième parle
}
pairs-next-speakers = les suivants
pairs-swap = CHANGEZ ! Au tour de { $names } — Entrée pour lancer leur tour
pairs-done = C’est fini ! Revenez en grand groupe.
pairs-title = { $count ->
    [one] { $count } binôme
   *[other] { $count } binômes
}
pairs-trios = { $count ->
    [one] { $count } trio
   *[other] { $count } trios
}
pairs-trio = (trio : les deux derniers se partagent le second tour)
pairs-trio-three-rounds = (trio : chacun parle à son tour, en trois tours)
pairs-alone = Une seule personne inscrite : il en faut au moins deux pour former des binômes. Ajoutez-en à l’accueil.
pairs-no-roster = Pas de liste de participants : formez les binômes dans la salle.
pairs-prompts-title = Pensez à…


## Board
board-column = { $title } ({ $count })
board-empty = Aucune note pour l’instant.


## Reading
reading-clock = Lecture en binômes
reading-sections = Le guide
reading-section-of = Section { $n } sur { $total } — ↓ pour lire la suite, ↑ pour revenir


## Plan
plan-questions-title = Pour guider la discussion

## Closing
closing-total = Séance : { $used } sur { $planned } prévues
closing-saved-in = Notes enregistrées dans :


## Command line
list-id = Séance
list-date = Modifiée
list-group = Groupe
list-region = Région
list-people = Pers.
list-digest = Bilan
list-step = Étape
list-empty = Aucune séance dans { $dir }.
list-unreadable = ‼ { $path } : illisible — { $reason }
saved-at-exit = Notes enregistrées dans { $path }
error-session-not-found = aucune séance « { $session } » (ni identifiant ni fichier)
error-several-groups = plusieurs groupes répondent à « { $what } » ; précisez lequel :
error-session-unreadable = { $path } n’est pas une séance lisible : { $reason }
error-session-newer = { $path } vient d’une version plus récente d’atelier (format { $version }) ; mettez atelier à jour pour l’ouvrir
error-io = { $path } : { $reason }
error-not-a-terminal = il faut un terminal pour afficher l’atelier (essayez « atelier list » pour la liste)
error-crashed = atelier s’est arrêté sur une erreur inattendue ; les notes déjà enregistrées sont intactes
error-crashed-recovered = atelier s’est arrêté sur une erreur inattendue ; les notes en mémoire sont dans { $path }
error-terminal = le terminal a refusé : { $reason }


## Keys of the steps that hold notes
key-edit = Entrée e
key-add = a
key-delete = d Suppr
key-tab = Tab
key-edit-note = e Entrée
key-pin = *
key-undo = u
key-move-up = ⇧↑ K
key-move-down = ⇧↓ J
key-skip = s
key-reopen = r
key-private = v
key-alt-enter = Alt+Entrée
key-ctrl-c = Ctrl-C
action-line-up = Ligne précédente
    .short = monter
action-section-by-number = Aller à la section de ce numéro
    .short = section
action-line-first = Aller à la première ligne
    .short = début
action-line-last = Aller à la dernière ligne
    .short = fin
action-line-down = Ligne suivante
    .short = descendre
action-edit = Modifier la ligne choisie
    .short = modifier
action-add-participant = Ajouter un participant
    .short = ajouter
action-remove-participant = Retirer le participant choisi
    .short = retirer
action-next-column = Passer à l’autre colonne
    .short = colonne
action-add-note = Ajouter une note dans la colonne choisie
    .short = ajouter
action-edit-note = Modifier la note choisie
    .short = modifier
action-delete-note = Supprimer la note choisie
    .short = supprimer
action-pin = Épingler ou désépingler la note choisie
    .short = épingler
action-undo = Annuler le dernier changement du tableau
    .short = annuler
action-move-up = Monter la note choisie
    .short = monter la note
action-move-down = Descendre la note choisie
    .short = descendre la note
action-item-up = Point précédent
    .short = monter
action-item-down = Point suivant
    .short = descendre
action-tick = Cocher ou décocher le point choisi
    .short = cocher
action-end-turn = Fin de mon tour : au suivant
    .short = au suivant
action-skip-turn = Passer ce participant (absent, ou il passe son tour)
    .short = passer
action-reopen-turn = Rouvrir le tour du participant précédent
    .short = rouvrir
action-private = Montrer ou cacher les réponses des autres pendant un tour
    .short = réponses
action-next-row = Ligne suivante (après la dernière, la première)
    .short = suivante
action-plan-edit = Modifier la ligne choisie, ou changer de choix
    .short = modifier
action-choose = Changer de choix (niveau, décision)
    .short = choisir
action-add-partner = Ajouter un partenaire possible
    .short = partenaire
action-remove-partner = Retirer le partenaire choisi
    .short = retirer
action-shortlist = Retenir ou non le partenaire choisi
    .short = retenir
action-keep = Garder le texte
    .short = garder
action-newline = Aller à la ligne
    .short = à la ligne
action-cancel = Annuler la saisie
    .short = annuler


## Welcome: the roster
welcome-add-participant = + ajouter
label-colon =  :{" "}


## Board
board-empty-focused = Aucune note pour l’instant : « a » pour en ajouter une.


## Checklists in turn
checklist-your-turn = À vous :
checklist-group = Le groupe
checklist-turns-title = Tours
checklist-private-on = Réponses des autres cachées (v)
    .wall = Réponses des autres cachées
checklist-private-off = Réponses des autres visibles (v)
    .wall = Réponses des autres visibles
checklist-results = { $count ->
    [0] Résultats : personne n’a encore répondu
    [one] Résultats : { $count } réponse
   *[other] Résultats : { $count } réponses
}


## Plan
plan-empty = (à remplir)
plan-choose = (à choisir)
plan-add-partner = « a » pour ajouter
plan-shortlisted = retenu
plan-partner-description-hint = Une ligne sur ce que fait ce groupe.


## Closing
closing-voice = Ce que nous avons dit
closing-plan = Notre plan
closing-no-plan = Pas de plan pour l’instant.
closing-pinned = { $count ->
    [0] Aucune note épinglée
    [one] { $count } note épinglée
   *[other] { $count } notes épinglées
}
closing-notes-unpinned = { $count ->
    [one] { $count } note, pas épinglée
   *[other] { $count } notes, aucune épinglée
}
closing-other-notes = { $count ->
    [one] et { $count } autre note
   *[other] et { $count } autres notes
}
closing-checklist = { $title } ({ $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
})


## Text entry
entry-new-note = Nouvelle note — { $column }
entry-note = Modifier la note — { $column }
entry-group = Nom du groupe
entry-region = Région
entry-date = Date de la séance (JJ/MM/AAAA ou AAAA-MM-JJ ; vide pour le jour où elle a été créée)
entry-new-participant = Nouveau participant
entry-participant = Nom du participant
entry-new-partner = Nouveau partenaire possible : son nom
entry-partner-name = Nom du partenaire
entry-partner-description = Ce que fait ce groupe, en une ligne

## Home: past sessions
home-search = Recherche
home-search-hint = « / » pour chercher un groupe, une région, un partenaire
home-example = exemple
notice-held = Cette séance est déjà ouverte (processus { $pid } sur { $host }, depuis { $since }) : lecture seule ici.
notice-newer = Ce fichier vient d’une version plus récente d’atelier (format { $version }) : lecture seule, pour ne rien perdre.
error-backup-exists = la version précédente est lisible : atelier open { $backup }
notice-read-only = Lecture seule : rien ne peut changer. Rouvrez la séance pour la continuer.
notice-trashed = Séance mise à la corbeille : { $path }
notice-exported = Fiche écrite : { $path }
entry-rename = Nouveau nom du groupe
header-read-only = LECTURE SEULE
key-r = r
key-slash = /
key-n = n
key-f = f
key-x = x
action-home-read-only = Ouvrir en lecture seule (rien ne change)
    .short = lire
action-home-search = Chercher un groupe, une région, un partenaire
    .short = chercher
action-home-rename = Renommer le groupe de la séance
    .short = renommer
action-home-follow-up = Nouvelle séance de suivi : même groupe, notes neuves
    .short = suivi
action-home-delete = Mettre la séance à la corbeille (u la fait revenir)
    .short = corbeille
action-export = Écrire la fiche imprimable (HTML) de la séance
    .short = fiche

## Trend
trend-title = Évolution — { $group } ({ $count ->
    [one] { $count } séance
   *[other] { $count } séances
})
trend-too-few = Une seule séance pour ce groupe : l’évolution se dessinera avec la suivante (« f » pour une séance de suivi).
trend-change = { $points ->
    [0] =
   *[other] { $signed } pts
}
key-t = t
action-home-trend = L’évolution du groupe de la séance choisie, de séance en séance
    .short = évolution
action-trend-back = Revenir à l’accueil
    .short = retour

## Projector
key-theme = c
key-blank = b .
action-theme = Changer de couleurs : sombre, clair (salle lumineuse), contraste fort
    .short = couleurs
action-blank = Écran noir (n’importe quelle touche le rallume)
    .short = écran noir

## Workshops written by a facilitator (atelier workshop …)

workshop-init-done = Une copie modifiable de l’atelier intégré est dans { $dir } : changez programme.json et les textes de locales/, puis vérifiez avec : atelier workshop check { $dir }
workshop-check-ok = { $dir } : atelier valide, { $steps ->
    [one] { $steps } étape
   *[other] { $steps } étapes
}, { $duration }.
workshop-problems = { $dir } : { $count ->
    [one] un problème
   *[other] { $count } problèmes
} à corriger :
error-workshop-exists = { $dir } existe déjà et n’est pas vide : choisissez un nouveau dossier.
check-unreadable = illisible : { $reason }
check-json = JSON invalide : { $detail }
check-no-steps = le programme n’a aucune étape
check-unknown-kind = étape « { $step } » : type d’étape inconnu « { $kind } » (types connus : { $kinds })
check-step-invalid = étape « { $step } » : { $detail }
check-zero-minutes = étape « { $step } » : une durée de zéro minute
check-round-zero = étape « { $step } » : un tour de parole de zéro minute
check-round-too-long = étape « { $step } » : un tour de parole plus long que l’étape ({ $detail } min)
check-duplicate-id = l’identifiant « { $id } » figure deux fois ({ $detail })
check-empty-list = étape « { $step } » : la liste « { $detail } » est vide
check-second-partners = étape « { $step } » : un seul champ de partenaires par plan (« { $id } » en est un second)
check-decision-not-a-choice = étape « { $step } » : la décision « { $id } » doit désigner un champ à choix
check-no-texts = aucun fichier .ftl pour la langue { $lang }
check-fluent-syntax = erreur de syntaxe Fluent : { $detail }
check-fluent-too-deep = accolades imbriquées sur plus de { $limit } niveaux : texte refusé
check-fluent-unknown-ref = « { $id } » renvoie à « { $to } », qu’aucun fichier ne définit
check-fluent-cycle = références en boucle : { $ids }
check-fluent-chain = « { $id } » mène à une chaîne de { $length } références (au plus { $limit })
check-missing-text = le texte « { $id } » manque en { $lang } (dans { $folder })
check-redefines = « { $id } » est déjà un texte de l’application : choisissez un autre identifiant
notice-workshop-missing = Atelier introuvable ({ $workshop }) : notes en lecture seule.
notice-removed = « { $what } » retiré — u pour annuler
action-bring-back = Remettre ce qui vient d’être retiré
    .short = annuler
action-back-home = Enregistrer et revenir à l’accueil
    .short = accueil
action-home-untrash = Faire revenir la séance mise à la corbeille
    .short = annuler
header-break = PAUSE
header-step-budget = { $used } / { $planned } min
header-next = ensuite : { $title }
break-title = Pause
break-resume = p pour reprendre là où nous en étions
agenda-break = Pause
key-break = p
action-break = Faire une pause : tout s’arrête jusqu’à la reprise
    .short = pause
action-break-end = Reprendre après la pause
    .short = reprendre
notice-turn-skipped = { $name } passe son tour : ses cases ne comptent pas (r pour le rouvrir)
notice-turn-reopened = { $name } reprend son tour : ses cases sont gardées
more-below = ▼ { $count ->
    [one] encore { $count } ligne (↓)
   *[other] encore { $count } lignes (↓)
}
more-above = ▲ { $count ->
    [one] { $count } ligne au-dessus (↑)
   *[other] { $count } lignes au-dessus (↑)
}
key-home = Début
key-end = Fin
action-scroll-down = Descendre dans le texte
    .short = descendre
action-scroll-up = Remonter dans le texte
    .short = remonter
action-scroll-top = Revenir au début du texte
    .short = début
action-scroll-end = Aller à la fin du texte
    .short = fin
list-more-below = ▼ { $count } de plus
list-more-above = ▲ { $count } au-dessus

## Crash safety: locks, exports, recovery
error-export-onto-session = { $path } est un fichier de séance : une exportation ne le remplace jamais (choisissez un autre nom)
error-held = la séance est ouverte dans une autre instance (processus { $pid } sur { $host }) : rien n’est écrit ici
error-held-unknown = la séance est ouverte dans une autre instance : rien n’est écrit ici
kept-conflict = ⚠ { $theirs } a changé sur le disque : il est laissé tel quel, vos notes sont gardées à côté, dans { $ours }
kept-elsewhere = ⚠ Cette séance est ouverte ailleurs (processus { $pid } sur { $host }) — vos notes sont gardées dans { $ours }
kept-elsewhere-unknown = ⚠ Cette séance est ouverte ailleurs — vos notes sont gardées dans { $ours }
kept-folder-gone = ⚠ Le dossier des séances { $folder } a disparu ou changé de nom : il n’est pas recréé, vos notes sont gardées dans { $ours }
kept-folder-moved = ⚠ Le dossier des séances { $folder } a été renommé en { $moved } : il n’est pas recréé, vos notes sont gardées dans { $ours }
kept-owner = ⚠ { $file } appartenait à un autre compte (utilisateur { $owner }) : il ne peut pas le lui rendre, le fichier est désormais le vôtre, ses droits gardés
home-conflict = copie en conflit de { $name }
error-sessions-dir-not-folder = --sessions-dir : { $dir } est un fichier, pas un dossier (il faut un dossier pour les notes)
io-not-a-folder = un élément du chemin est un fichier, pas un dossier
io-is-a-folder = c’est un dossier, pas un fichier
io-permission = accès refusé
io-full = le disque est plein
io-read-only = le disque est en lecture seule
io-exists = un fichier de ce nom existe déjà
exit-recovered = notes NON enregistrées dans leur fichier ; une copie est dans { $path }
exit-lost = notes NON enregistrées, et aucune copie n’a pu être écrite
notice-held-unknown = Cette séance est déjà ouverte dans une autre instance : lecture seule ici.
notice-draft-restored = Texte en cours retrouvé : Entrée le garde, Échap l’abandonne.
list-folder = Séances dans { $dir } :
error-dumb-terminal = ce terminal (TERM=dumb) ne peut pas afficher l’atelier : il en faut un qui dessine tout l’écran, comme Windows Terminal, Terminal.app ou tout xterm (essayez « atelier list » pour la liste)
clock-time = { $hours } h { $minutes }
header-ends = fin prévue { $time }
header-target = visée { $time }
key-fit = =
action-fit = Ajuster les étapes restantes au temps qui reste
    .short = ajuster
action-fit-apply = Appliquer ce nouveau déroulé
    .short = appliquer
action-fit-close = Tout laisser comme c’était
    .short = annuler
fit-title = Ajuster au temps qui reste
fit-title-back = Revenir aux durées du programme
fit-step = { $title } : { $before } → { $after }
fit-end = Fin prévue : { $before } → { $after } (visée : { $target })
fit-too-late = Même à une minute par étape, la séance ne peut finir avant { $earliest } : rien n’est changé.
fit-no-target = Pas d’heure de fin visée aujourd’hui : donnez-la à l’étape d’accueil (← jusqu’à l’étape 1), puis appuyez de nouveau sur =.
fit-keys = Entrée applique, Échap laisse tout comme c’était.
error-ends-at-not-a-time = --ends-at : « { $given } » n’est pas une heure (HH:MM, par exemple 20:30) ; au plus tôt : { $earliest }
error-ends-at-too-early = --ends-at : { $given } laisse moins d’une minute par étape ; au plus tôt : { $earliest }
error-date-not-a-date = --date : « { $given } » n’est pas une date : écrivez par exemple 2026-12-15 ou 15/12/2026
label-ends-at = Fin visée :
welcome-ends-at-default = (début + durée du programme)
entry-ends-at = Fin visée (HH:MM, vide pour début + durée du programme)
notice-ends-at-invalid = « { $name } » n’est pas une heure : écrivez par exemple 20:30

## The plan over time and the closing reflection
notice-date-invalid = « { $name } » n’est pas une date : écrivez 2026-12-15 ou 15/12/2026.
action-next-question = Question suivante du retour final
    .short = question
action-answer = Écrire la réponse à la question choisie
    .short = répondre
home-due = { $what } le { $date }

## The command line’s help, in the language of the screens
cli-usage = Utilisation :
cli-commands = Commandes 
cli-options = Options 
cli-arguments = Arguments 
cli-help = Afficher cette aide
cli-version = Afficher la version
cli = Animer l’atelier « Comment établir des partenariats ? » sur un seul ordinateur projeté.
cli-lang = Langue des écrans : fr ou en (par défaut LC_ALL, LC_MESSAGES, LANG, sinon fr).
cli-theme = Couleurs : dark, light (salle claire) ou contrast (projecteur délavé) ; NO_COLOR est respecté.
cli-sessions-dir = Dossier des notes (par défaut le dossier de données de l’utilisateur, ou sessions/ dans le dossier des sources).
cli-new = Commencer une nouvelle séance à l’étape 1.
cli-new-group = Le nom du groupe.
cli-new-participants = Les participants, séparés par des virgules : "Awa,Bruno,Chloé".
cli-new-region = La région du groupe.
cli-new-workshop = Animer un atelier maison : un dossier créé par atelier workshop init.
cli-new-ends-at = L’heure à laquelle la séance doit finir (salle réservée jusqu’à 20:30) : HH:MM.
cli-new-date = Le jour où se tient la séance, si ce n’est pas aujourd’hui : AAAA-MM-JJ ou JJ/MM/AAAA.
cli-open = Reprendre une séance là où elle s’est arrêtée : son identifiant (ou son début), le nom de son groupe, ou le chemin de son fichier.
cli-open-session = La séance à rouvrir.
cli-open-read-only = Seulement regarder : rien ne peut changer, rien n’est écrit.
cli-help-command = Afficher cette aide, ou celle des commandes nommées.
cli-wall = La vue de la salle sur une séance qu’un autre atelier anime, pour un second écran (le projecteur) : en direct, en lecture seule.
cli-wall-session = La séance à montrer : son identifiant (ou son début, ou sa partie au hasard), le nom de son groupe, ou le chemin de son fichier.
cli-list = Afficher les séances passées en tableau.
cli-list-json = Les afficher en JSON, pour des scripts.
cli-export = Écrire la fiche imprimable d’une séance : Markdown, HTML (A4) ou JSON.
cli-export-session = La séance : son identifiant (ou son début), le nom de son groupe, ou le chemin de son fichier.
cli-export-format = md, html ou json.
cli-export-output = Où l’écrire (par défaut la sortie standard) ; - pour la sortie standard.
cli-workshop = Écrire son propre atelier : un dossier avec son programme et ses textes.
cli-workshop-init = Écrire dans DIR (nouveau ou vide) une copie modifiable de l’atelier intégré.
cli-workshop-init-dir = Le dossier à créer.
cli-workshop-check = Signaler chaque problème de l’atelier de DIR, avec son fichier et sa ligne ; code de sortie 1 s’il y en a.
cli-workshop-check-dir = Le dossier de l’atelier.

# The wall (`atelier wall`) and the facilitator’s screen beside it.
wall-not-running = La séance n’est plus en cours : le mur garde son dernier état et reprendra dès qu’elle rouvrira.
wall-facilitator-title = Pour l’animation (le mur ne le montre pas)
wall-private-ticks = Coches de { $name }, cachées au mur jusqu’à la fin de son tour :
wall-private-none = rien de coché pour l’instant
wall-advice = Conseils pour cette étape
wall-next = Ensuite : { $title }
wall-agenda = Programme à ce rythme

## The one clock: what the computer's clocks did
header-ended = terminée à { $time }
notice-slept = L’ordinateur était en veille { $minutes } min — compté dans l’étape « { $step } ». g : ne pas le compter
notice-slept-break = L’ordinateur était en veille { $minutes } min — compté dans la pause. g : ne pas le compter
notice-given-back = Temps de veille retiré : la séance ne le compte pas.
notice-clock-moved = { $forward ->
    [yes] L’horloge de l’ordinateur a avancé de { $minutes } min
   *[no] L’horloge de l’ordinateur a reculé de { $minutes } min
} : la séance n’en compte rien.
notice-zone-changed = Nouveau fuseau horaire ({ $from } → { $to }) : les heures s’affichent à l’heure d’ici, la fin visée ne bouge pas.
fit-on-time = Dans les temps : rien à ajuster.
fit-finished = Séance terminée : rien à ajuster.
key-give-back = g
action-give-back = Ne pas compter le temps de veille
    .short = veille non comptée
duration-minutes-seconds = { $minutes } min { $seconds } s
