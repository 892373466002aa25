# Workshop content — adapted from the Transition Network guide « Comment établir des partenariats ? »

## Atelier

workshop-title = Comment établir des partenariats ?
workshop-purpose = Comprendre ce qui fait tenir un partenariat, et en préparer un avec un autre groupe actif près de chez nous.
workshop-credit = D’après le guide « Comment établir des partenariats ? » du Transition Network

## Étape : Accueil

step-welcome = Accueil
step-welcome-summary = But de la séance, participants et matériel
welcome-purpose = De bons partenariats aident la Transition à grandir dans la région, et créent des amitiés. Voyons ce qui les fait réussir ou échouer, puis préparons-en un.
welcome-who = Pour les membres du groupe chargés des partenariats, en 1 h 30.
welcome-material = Matériel : ce guide à l’écran, un lieu où se retrouver, un ordinateur et un projecteur.

## Étape : Partage en binômes

step-pairs = Partage en binômes
step-pairs-summary = Par deux, raconter nos expériences de partenariat
pairs-intro = Mettez-vous par deux. Chacun dispose de { $length } pour parler des partenariats auxquels il a déjà pris part, en s’aidant des questions ci-dessous.
pairs-prompt-why = Pour quelles raisons les personnes ont-elles choisi de travailler ensemble ?
pairs-prompt-together = Qu’ont-elles réussi à plusieurs qui aurait été hors de portée d’un groupe seul ?
pairs-prompt-competition = Avez-vous déjà vu des groupes se faire concurrence au lieu de coopérer ?
pairs-prompt-problems = Quand la coopération n’a pas pris, quelles difficultés en ont découlé ?
pairs-prompt-missed = Qu’est-ce qui aurait pu se faire, et ne s’est pas fait ?
pairs-prompt-relations = Qu’en était-il des relations entre les personnes, et avec les habitants ?

## Étape : Épinglage en groupe

step-board = Épinglage en groupe
step-board-summary = En grand groupe, épingler le positif et le difficile
board-intro = Revenez tous ensemble et épinglez ce qui a été positif et ce qui a été difficile dans les expériences partagées en binômes.
board-positives = Points positifs
board-positives-hint = Qu’est-ce qui a bien fonctionné, et pourquoi ?
board-difficulties = Difficultés
board-difficulties-hint = Qu’est-ce qui a coincé ou freiné la collaboration ?

## Étape : Lecture en binômes

step-reading = Lecture en binômes
step-reading-summary = Par deux, parcourir le guide des bons partenariats
reading-intro = Retrouvez votre binôme pour 15 minutes : parcourez ensemble le guide ci-dessous et notez ce qui rend un partenariat solide.

# Section : pourquoi les partenariats comptent

guide-why-title = Pourquoi les partenariats comptent
guide-why-intro = Les raisons de travailler en partenariat sont nombreuses ; voici les plus courantes.
guide-why-1 = On évite de refaire un travail déjà accompli
guide-why-2 = On peut s’appuyer sur un projet qui existe déjà
guide-why-3 = On touche bien plus de monde
guide-why-4 = Le travail en réseau est essentiel pour une communauté résiliente
guide-why-5 = Chaque groupe peut mettre en lumière un aspect différent de la Transition
guide-why-6 = Coopérer fait naître des idées qu’on n’aurait pas eues seul
guide-why-more = S’y ajoutent d’autres bénéfices : mieux faire connaître les enjeux de la Transition, impliquer davantage de personnes, trouver de nouveaux soutiens et financements…

# Section : les niveaux de partenariat (les level-* servent aussi à l’étape « Et nous ? »)

guide-levels-title = Les niveaux de partenariat
guide-levels-intro = La Transition repose sur la collaboration plutôt que sur la compétition, et chaque partenariat renforce cette culture à l’échelle locale. Il existe plusieurs façons de s’associer, de la plus informelle à la plus complète.
guide-levels-informal = Sur un mode informel, vous pouvez déjà :
level-share = Partager l’information
    .desc = Faire savoir ce que vous faites, et savoir ce que font les autres, ouvre des portes à chacun et révèle des pistes de collaboration. Cela évite aussi les événements en doublon et le travail refait, tout en créant un climat d’ouverture.
level-consult = Consulter les autres
    .desc = Demander l’avis d’autres groupes montre votre ouverture, améliore vos relations et renforce le soutien dont vous pouvez bénéficier. C’est aussi l’occasion de recevoir des retours et de tisser de nouveaux liens.
guide-levels-committed = Avec un engagement plus fort, vous pouvez :
level-decide = Décider ensemble
    .desc = Les choix se font à plusieurs, mais chaque groupe garde la conduite de ses propres projets. Cette forme poussée de consultation implique des personnes clés et fait naître un sentiment d’appartenance commun aux projets locaux.
level-support = Soutenir d’autres groupes
    .desc = Vous aidez d’autres groupes locaux à atteindre leurs objectifs, financièrement ou autrement ; bien des initiatives de Transition en font leur rôle principal. À l’inverse, vous pouvez aussi accepter le soutien d’autres groupes de la région.
level-projects = Mener des projets ensemble
    .desc = Vous soutenez d’autres groupes et travaillez avec eux pour porter un projet commun. Ce type de partenariat offre beaucoup d’avantages, mais aussi son lot de difficultés.
guide-levels-simple = Selon le projet, travailler en partenariat peut rester très simple : inutile de compliquer les choses. C’est au moment de mener le projet qu’il faut préciser comment vous allez travailler ensemble.

# Section : les ingrédients (les ingredient-* servent aussi à l’étape « Ingrédients »)

guide-ingredients-title = Les ingrédients de la réussite
guide-ingredients-intro = Au moment de lancer un partenariat, il vaut la peine de vérifier que ces ingrédients sont réunis.
ingredient-vision = Une vision partagée du but à atteindre ensemble
ingredient-trust = Respect et confiance mutuels
ingredient-leadership = Un travail reconnu de part et d’autre, et un leadership équitable
ingredient-goals = Des buts communs, fixés ensemble de façon claire et ouverte, que tous acceptent
ingredient-care = Du temps consacré à prendre soin du partenariat
ingredient-values = Des valeurs et des objectifs proches
ingredient-ways = Des règles claires pour travailler et décider ensemble
ingredients-promises = Et surtout, un partenariat ne fonctionne que si chacun des partenaires tient ce qu’il a promis.

# Section : les causes d’échec (les failure-* servent aussi à l’étape « Causes d’échec »)

guide-failures-title = Les causes d’échec
guide-failures-intro = Connaître les causes d’échec est aussi utile que connaître les ingrédients de la réussite. Autant que possible, évitez les écueils suivants.
failure-vision = Aucune vision commune construite ensemble
failure-power = Un pouvoir mal réparti entre partenaires
failure-aim = Un objectif flou
failure-roles = Des rôles et responsabilités mal compris
failure-values = Des valeurs et des façons de coopérer différentes
failure-time = Un manque de temps ou d’engagement
failure-hidden = Des objectifs cachés ou un esprit de compétition
failure-communication = Une communication qui ne passe pas
failure-evaluation = Aucune évaluation ni aucun suivi
failure-learning = Une incapacité à apprendre et à évoluer

# Section : mettre en place un partenariat

guide-setup-title = Mettre en place un partenariat
guide-setup-intro = Avant de vous lancer, voyez en quoi le partenariat aidera chacun à atteindre ses objectifs. Une première discussion informelle sur ce que vous espérez, votre façon de fonctionner et vos attentes vous montrera à quoi il pourrait ressembler, et s’il est vraiment une bonne idée.
guide-setup-decline = Important : renoncer est une issue tout à fait valable si vous sentez que l’association ne tiendra pas. Travailler ensemble doit rester un plaisir qui donne de l’élan, pas un poids pour le groupe.

# Section : une vision commune dès le départ

guide-vision-title = Partir d’une vision partagée
guide-vision-intro = S’engager dès le début pour un partenariat de qualité évite bien des obstacles par la suite. Pour poser des bases solides :
guide-vision-1 = Soyez clairs entre vous sur vos attentes, vos objectifs et ce que vous visez
guide-vision-2 = Vérifiez que chacun s’engage et voit le sens et l’intérêt du partenariat
guide-vision-3 = Connaissez les valeurs de l’autre ; l’idéal est d’en partager plusieurs
guide-vision-4 = Construisez une vision et des objectifs communs, approuvés par tous
guide-vision-5 = Comprenez comment l’autre fonctionne : une initiative de Transition n’est pas une structure classique

# Section : la bonne attitude

guide-attitude-title = Adopter la bonne attitude
guide-attitude-intro = Votre attitude envers un partenaire pèse beaucoup dans la réussite. Si vous décidez tous deux de vous lancer, un état d’esprit positif augmentera nettement vos chances.
guide-attitude-1 = Montrez un intérêt réel pour l’autre groupe et pour les gens qui l’entourent
guide-attitude-2 = Vous construisez un partenariat, vous ne recrutez pas pour « votre » groupe
guide-attitude-3 = Parlez un langage commun
guide-attitude-4 = Voyez-vous en voisin, en partenaire, en facilitateur, pas en chef
guide-attitude-5 = Accueillez les points de vue différents : inutile d’être toujours d’accord
guide-attitude-6 = Vivez-le comme une aventure, et ne manquez aucune occasion de rire ensemble

# Section : planifier le travail

guide-planning-title = Planifier le travail
guide-planning-intro = Il est utile de faire ensemble les choses suivantes.
guide-planning-1 = Fixer ensemble le calendrier, la durée et le but visé
guide-planning-2 = Clarifier les rôles, les responsabilités et la gouvernance
guide-planning-3 = Varier les façons d’impliquer les gens : ateliers, réunions formelles…
guide-planning-4 = Planifier avec les idées de chacun, pour que tous s’approprient le projet
guide-planning-honest = Surtout, soyez ouverts et honnêtes sur les objectifs exacts et sur votre capacité à les atteindre : c’est ainsi qu’on évite les malentendus.

# Section : prendre du plaisir et célébrer

guide-celebrate-title = Prendre du plaisir et célébrer
guide-celebrate-body = En partenariat, on peut vite se laisser déborder par le travail. Il est pourtant essentiel de s’arrêter en chemin pour célébrer et se faire plaisir : un partenariat est avant tout une affaire de relations, et rire ensemble est l’une des meilleures façons de les entretenir.
guide-celebrate-print = Imprimez cette fiche et classez-la avec les papiers du groupe : vous la retrouverez sans peine, et les nouveaux venus pourront la lire.

## Étape : Ingrédients

step-ingredients = Ingrédients
step-ingredients-summary = Repérer les ingrédients de réussite déjà présents
ingredients-question = Parmi ces ingrédients, lesquels avons-nous déjà ?

## Étape : Causes d’échec

step-failures = Causes d’échec
step-failures-summary = Repérer les risques d’échec qui nous guettent
failures-question = Parmi ces risques, lesquels voyons-nous pour notre groupe ?
failures-note = Connaître les causes d’échec d’un partenariat est aussi utile que savoir ce qui le fait réussir : évitons-les autant que possible.

## Étape : Et nous ?

step-plan = Et nous ?
step-plan-summary = Esquisser un partenariat avec un groupe de la région
plan-intro = Tout le groupe ensemble maintenant : comment pourrions-nous nouer un partenariat avec un autre groupe actif près de chez nous ?
plan-question-who = Avec quel groupe de la région serait-il judicieux de s’associer ?
plan-question-level = Quel niveau de partenariat envisager, du simple partage d’information au projet commun ?
plan-question-vision = Quelle vision pourrions-nous partager avec ce groupe ?
plan-question-decline = Et si ce n’est pas le bon moment ou le bon partenaire ? Décider de ne pas s’associer est tout à fait légitime.
plan-partners = Partenaires possibles
plan-partners-hint = Qui connaissons-nous ? Un nom et une ligne sur ce que fait chaque groupe.
plan-level = Niveau de partenariat
plan-level-hint = Partager, consulter, décider, soutenir ou mener un projet ensemble ?
plan-hopes = Ce que nous espérons ensemble
plan-hopes-hint = Que voulons-nous atteindre ensemble que nous ne pourrions pas faire seuls ?
plan-objectives = Objectifs
plan-objectives-hint = Quels objectifs communs, clairs et acceptés par tous ?
plan-roles = Rôles et gouvernance
plan-roles-hint = Qui fait quoi, et comment décidons-nous ensemble ?
plan-calendar = Calendrier
plan-calendar-hint = Quelles étapes, et sur quelle durée ?
plan-first-action = Première action commune
plan-first-action-hint = Quelle petite action commune pour tester notre façon de travailler ensemble ?
plan-contacts = Prise de contact
plan-contacts-hint = Qui contacte qui, et d’ici quand ?
plan-decision = Décision
plan-decision-hint = Allons-nous de l’avant avec ce partenariat ?
decision-go = On y va
decision-not-now = Pas maintenant
decision-no = Non

## Étape : Clôture

step-closing = Clôture
step-closing-summary = Retour sur la séance et célébration
closing-reflect = Prenons un moment pour revenir sur ce que nous avons appris aujourd’hui et sur ce que nous en retenons pour nos futurs partenariats.
closing-celebrate = Prenons aussi le temps de célébrer : un partenariat est avant tout une affaire de relations. Imprimez la fiche et gardez-la pour la montrer aux nouveaux membres.

## Ajouts : le plan dans la durée, le retour final, le guide

plan-partner-role = Type de partenaire et rôle attendu
plan-partner-role-hint = Association, commune, école, commerce… ? Quel rôle voulons-nous qu’il joue : relayer, accueillir, financer, coorganiser ?
plan-their-gain = Et pour eux, quel intérêt ?
plan-their-gain-hint = Un partenariat doit servir chaque partie : qu’y gagnerait l’autre groupe, au regard de ses propres buts ?
plan-their-ways = Leurs buts et leur façon de faire
plan-their-ways-hint = Que savons-nous de ce qu’ils visent et de leur manière de travailler ? Comment en apprendre davantage en les écoutant ?
plan-nurture = Faire vivre la relation
plan-nurture-hint = Cela prend du temps : comment entretenir le lien, et traverser ensemble les malentendus pour en apprendre quelque chose ?
plan-celebration = Fêter les étapes
plan-celebration-hint = Quand et comment célébrerons-nous ensemble les premiers résultats ?
plan-success = À quoi verrons-nous que ça marche ?
plan-success-hint = Quels signes nous diront, à la révision du plan, que le partenariat porte ses fruits ?
plan-review = Révision du plan
plan-review-hint = Quel jour referons-nous le point ? Une date : 2026-12-15 ou 15/12/2026.
plan-next-meeting = Prochaine rencontre
plan-next-meeting-hint = La date de notre prochaine réunion : 2026-12-15 ou 15/12/2026.
closing-learnt = Ce que nous avons appris aujourd’hui
closing-learnt-hint = (à remplir ensemble : Tab pour choisir la question, Entrée pour écrire)
closing-differently = Ce que nous ferons autrement
closing-differently-hint = (dans nos prochains partenariats, qu’allons-nous changer ?)
closing-guide = Le guide d’origine, « Comment établir des partenariats ? », est publié en français par le Transition Network (transitionnetwork.org).
guide-time-title = Dans la durée
guide-time-intro = Un partenariat se construit pas à pas, et chacun doit y trouver son compte.
guide-time-1 = Demandez-vous ce que l’autre groupe y gagne : sans intérêt pour lui, l’idée aura du mal à le convaincre
guide-time-2 = Écoutez ses buts et sa façon de travailler avant de proposer, et dites clairement les vôtres
guide-time-3 = Commencez par une petite action commune, testez-la, puis voyez plus grand si elle a bien marché
guide-time-4 = Prenez soin de la relation dans le temps ; les malentendus arrivent, traversez-les ensemble pour en tirer des leçons

# Advice for the facilitator, shown on their screen while a wall is open.
step-welcome-facilitator = Dites en une phrase pourquoi le groupe est là, vérifiez que chaque personne présente est dans la liste et annoncez l’heure de fin. Le programme reste à l’écran pendant que les gens s’installent.
step-pairs-facilitator = Chacun raconte pendant 5 minutes des partenariats qu’il a connus ; l’autre écoute sans couper. À la sonnerie, annoncez l’échange des rôles. Suggérez aussi de penser à des groupes qui se sont concurrencés au lieu de coopérer, et à ce que cela a coûté.
step-board-facilitator = Recueillez dans les récits des binômes ce qui a bien marché et ce qui a coincé. Notez les mots de la salle plutôt que les vôtres, puis épinglez ce qui revient souvent ou pèse le plus.
step-reading-facilitator = Les binômes parcourent le guide pour se faire une idée de ce qui rend un partenariat solide. Passez de binôme en binôme et prévenez la salle une minute avant la fin.
step-ingredients-facilitator = Chaque personne vient à son tour au clavier et coche les ingrédients qu’elle voit déjà dans le groupe. Le tour est privé : le mur cache ses coches jusqu’à la fin du tour, ce panneau les montre.
step-failures-facilitator = Même déroulé : chacun coche les risques qu’il voit pour le groupe. Un risque nommé tôt se prévient plus facilement : invitez à la franchise.
step-plan-facilitator = Partez des ingrédients les plus cochés et des risques les plus cités pour imaginer un partenariat avec un autre groupe de la région. Rappelez que renoncer à s’associer est une décision valable.
step-closing-facilitator = Relisez la fiche avec la salle, prenez le temps de célébrer le chemin parcouru et dites où les notes sont gardées. Proposez d’imprimer la fiche pour les nouveaux membres.
