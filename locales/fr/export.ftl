# Export — la fiche partenariat imprimable (Markdown, HTML) — français
# Typography: a no-break space, always U+00A0, before : ; ! ? and inside « »
# (the screen wraps lines at U+202F, never at U+00A0).


## Heading
export-sheet = Fiche partenariat
export-colon =  :{" "}
export-group = Groupe
export-date = Date
export-region = Région
export-participants = { $count ->
    [0] Participants
    [one] Participant
   *[other] Participants ({ $count })
}
export-no-group = (groupe sans nom)
export-not-given = —


## Board
export-pinned = ★ : note épinglée
export-no-notes = Aucune note.


## Checklists
export-answers = { $count ->
    [0] Personne n’a encore répondu.
    [one] { $count } participant a répondu.
   *[other] { $count } participants ont répondu.
}
export-skipped = { $count ->
    [one] A passé son tour
   *[other] Ont passé leur tour
}
export-waiting = { $count ->
    [one] N’a pas encore répondu
   *[other] N’ont pas encore répondu
}


## Plan
export-shortlisted = retenu
export-no-partner = Aucun partenaire possible pour l’instant.
export-no-decision = Pas encore décidé


## Time
export-time = Temps
export-time-used = Séance : { $used } sur { $planned } prévues
export-time-over = { $over } de retard sur le déroulé
export-time-under = { $under } d’avance sur le déroulé
export-time-on-plan = dans les temps


## Trend
export-trend = Évolution du groupe
export-trend-intro = { $count ->
    [one] { $count } séance du groupe, le { $first }.
   *[other] { $count } séances du groupe, du { $first } au { $last }.
}
export-trend-item = Point
export-trend-change = Évolution
# How the share of those who ticked an item changed, in percentage points:
# said in words, so that a rise reads the same for an ingredient and a risk.
export-trend-points = { $direction ->
    [up] cité plus souvent ({ $sign }{ $points ->
        [one] { $points } point
       *[other] { $points } points
    })
    [down] cité moins souvent ({ $sign }{ $points ->
        [one] { $points } point
       *[other] { $points } points
    })
   *[same] cité autant
}
export-trend-no-answer = —

## The closing reflection and the guide
export-reflection = Notre retour sur la séance
export-guide = Le guide en bref
export-guide-intro = L’essentiel du guide, pour y revenir et le montrer aux nouveaux membres.
export-reflection-of = Notre retour : { $step }
export-guide-of = Le guide en bref : { $step }
export-time-step = { $title } : { $planned } prévues, { $used } passées
export-time-step-fitted = { $title } : { $planned } prévues, ajustées à { $fitted }, { $used } passées
