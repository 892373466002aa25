# Workshop content — adapted from the Transition Network guide « Comment établir des partenariats ? »

## Workshop

workshop-title = How to build partnerships
workshop-purpose = Understand what makes a partnership hold, and prepare one with another group active near us.
workshop-credit = Adapted from « Comment établir des partenariats ? », a guide by the Transition Network, in French (“How to build partnerships” is our translation of its title)

## Step: Welcome

step-welcome = Welcome
step-welcome-summary = Purpose of the session, who it’s for, materials
welcome-purpose = Good partnerships help Transition grow in the area, and make friendships. Let’s see what makes them succeed or fail, then prepare one.
welcome-who = For the members of the group in charge of partnerships, in an hour and a half.
welcome-material = You need: this guide on screen, a place to meet, a laptop and a projector.

## Step: Sharing in pairs

step-pairs = Sharing in pairs
step-pairs-summary = In pairs, share our experiences of partnership
pairs-intro = Get into pairs. Each of you has { $length } to talk about partnerships you have been part of, using the questions below as a guide.
pairs-prompt-why = Why did the people involved choose to work together?
pairs-prompt-together = What did they manage together that would have been out of reach for one group alone?
pairs-prompt-competition = Have you ever seen groups compete with each other instead of cooperating?
pairs-prompt-problems = When cooperation didn’t take, what difficulties followed?
pairs-prompt-missed = What could have happened, and didn’t?
pairs-prompt-relations = How were the relationships between people, and with the local community?

## Step: Pinning as a group

step-board = Pinning as a group
step-board-summary = As a whole group, pin what went well and what was hard
board-intro = Come back together as a whole group and pin up what was positive and what was difficult in the experiences you shared in pairs.
board-positives = Positives
board-positives-hint = What worked well, and why?
board-difficulties = Difficulties
board-difficulties-hint = What got stuck or held the collaboration back?

## Step: Reading in pairs

step-reading = Reading in pairs
step-reading-summary = In pairs, browse the guide to good partnerships
reading-intro = Get back with your partner for 15 minutes: browse the guide below together and note what makes a partnership strong.

# Section: why partnerships matter

guide-why-title = Why partnerships matter
guide-why-intro = There are plenty of reasons to work in partnership; here are the most common ones.
guide-why-1 = You don’t redo work that has already been done
guide-why-2 = You can build on a project that already exists
guide-why-3 = You reach far more people
guide-why-4 = Networking is essential to building a resilient community
guide-why-5 = Each group can highlight a different side of Transition
guide-why-6 = Working together sparks ideas you wouldn’t have had alone
guide-why-more = There are other benefits too: raising awareness of Transition issues, getting more people involved, finding new sources of support and funding, and so on.

# Section: levels of partnership (the level-* messages are also used in the “What about us?” step)

guide-levels-title = Levels of partnership
guide-levels-intro = Transition is about collaboration rather than competition, and every partnership strengthens that culture locally. There are several ways to join forces, from the most informal to the most complete.
guide-levels-informal = Informally, you can already:
level-share = Share information
    .desc = Letting others know what you do, and knowing what they do, opens doors for everyone and reveals chances to collaborate. It also avoids clashing events and duplicated work, and builds a sense of openness.
level-consult = Consult others
    .desc = Asking other groups for their views shows you are open, improves your relationships and strengthens the support you can count on. It is also a chance to get feedback and make new connections.
guide-levels-committed = With a deeper commitment, you can:
level-decide = Decide together
    .desc = Choices are made together, but each group keeps running its own projects. This deeper form of consultation involves key people and builds a shared sense of ownership of local projects.
level-support = Support other groups
    .desc = You help other local groups reach their goals, with money or in other ways; many Transition initiatives see this as their main role. It works the other way too: you can accept support from other groups in your area.
level-projects = Run projects together
    .desc = You support other groups and work with them to deliver a joint project. This kind of partnership has many benefits, but its share of difficulties too.
guide-levels-simple = Depending on the project, working in partnership can stay very simple: don’t make it more complicated than it needs to be. It’s when you run the project that you need to work out in detail how you will work together.

# Section: ingredients (the ingredient-* messages are also used in the “Ingredients” step)

guide-ingredients-title = The ingredients of success
guide-ingredients-intro = When you start a partnership, it is worth checking that these ingredients are there.
ingredient-vision = A shared view of the aim to reach together
ingredient-trust = Mutual respect and trust
ingredient-leadership = Each side’s work recognised, and fair leadership
ingredient-goals = Shared goals, set together clearly and openly, that everyone accepts
ingredient-care = Time set aside to look after the partnership
ingredient-values = Similar values and aims
ingredient-ways = Clear ways of working and deciding together
ingredients-promises = Above all, a partnership only works if both partners keep their promises.

# Section: why partnerships fail (the failure-* messages are also used in the “Reasons partnerships fail” step)

guide-failures-title = Reasons partnerships fail
guide-failures-intro = Understanding the reasons partnerships fail is just as useful as knowing what makes them succeed. Wherever you can, steer clear of the following.
failure-vision = No shared vision built together
failure-power = Power unevenly shared between partners
failure-aim = A vague aim
failure-roles = Roles and responsibilities poorly understood
failure-values = Different values and ways of working together
failure-time = Not enough time or commitment
failure-hidden = Hidden agendas or a competitive spirit
failure-communication = Communication that doesn’t get through
failure-evaluation = No evaluation or monitoring
failure-learning = An inability to learn and grow

# Section: setting up a partnership

guide-setup-title = Setting up a partnership
guide-setup-intro = Before you start, look at how the partnership will help each of you reach your goals. A first informal chat about what you hope for, how you work and what you expect will show you what it could look like, and whether it really is a good idea.
guide-setup-decline = Important: deciding not to go ahead is a perfectly valid outcome if you feel the partnership will not hold. Working together should stay a pleasure that gives energy, not a weight on the group.

# Section: a shared vision from the start

guide-vision-title = Start from a shared vision
guide-vision-intro = Committing to a good partnership from the very beginning saves you many obstacles later on. To lay solid foundations:
guide-vision-1 = Be clear with each other about your expectations, goals and aims
guide-vision-2 = Make sure both partners are committed and see why the partnership is worthwhile
guide-vision-3 = Get to know each other’s values; ideally you share several
guide-vision-4 = Build a shared vision and set of goals that everyone agrees on
guide-vision-5 = Understand how the other works: a Transition initiative is not a traditional organisation

# Section: the right attitude

guide-attitude-title = The right attitude
guide-attitude-intro = Your attitude towards a partner counts for a lot in making it work. If you both decide to go ahead, a positive mindset will greatly improve your chances.
guide-attitude-1 = Take a real interest in the other group and the people around it
guide-attitude-2 = You are building a partnership, not recruiting for “your” group
guide-attitude-3 = Speak a common language
guide-attitude-4 = See yourself as a neighbour, a partner, a facilitator, not a leader
guide-attitude-5 = Welcome different views: you don’t always have to agree
guide-attitude-6 = Treat it as an adventure, and never miss a chance to laugh together

# Section: planning the work

guide-planning-title = Planning the work
guide-planning-intro = It helps to do the following things together.
guide-planning-1 = Set the schedule, the timescale and the aim together
guide-planning-2 = Clarify roles, responsibilities and governance
guide-planning-3 = Use a range of ways to involve people: workshops, formal meetings…
guide-planning-4 = Plan with everyone’s ideas so that all partners own the project
guide-planning-honest = Above all, be open and honest about exactly what the goals are and whether you can reach them: that is how misunderstandings are avoided.

# Section: have fun and celebrate

guide-celebrate-title = Have fun and celebrate
guide-celebrate-body = When working in partnership, it’s easy to get swamped by the work. Yet it is vital to stop along the way to celebrate and enjoy yourselves: partnership is above all about relationships, and laughing together is one of the best ways to nurture them.
guide-celebrate-print = Print this sheet and file it with the group’s papers: you will find it easily, and newcomers can read it.

## Step: Ingredients

step-ingredients = Ingredients
step-ingredients-summary = Spot the ingredients for success we already have
ingredients-question = Which of these ingredients do we already have?

## Step: Reasons partnerships fail

step-failures = Reasons partnerships fail
step-failures-summary = Spot the reasons partnerships fail that could catch us out
failures-question = Which of these risks do we see for our group?
failures-note = Knowing the reasons partnerships fail is as useful as knowing what makes them work: let’s avoid them wherever we can.

## Step: What about us?

step-plan = What about us?
step-plan-summary = Sketch a partnership with a group in our area
plan-intro = The whole group together now: how could we build a partnership with another group active near us?
plan-question-who = Which group in our area would it make sense to team up with?
plan-question-level = What level of partnership should we aim for, from simply sharing information to a joint project?
plan-question-vision = What vision could we share with this group?
plan-question-decline = What if it’s not the right time or the right partner? Deciding not to partner is perfectly fine.
plan-partners = Possible partners
plan-partners-hint = Who do we know? A name and one line on what each group does.
plan-level = Level of partnership
plan-level-hint = Share, consult, decide, support or run a project together?
plan-hopes = What we hope for together
plan-hopes-hint = What do we want to achieve together that we couldn’t do alone?
plan-objectives = Objectives
plan-objectives-hint = Which shared goals, clear and agreed by everyone?
plan-roles = Roles and governance
plan-roles-hint = Who does what, and how do we make decisions together?
plan-calendar = Schedule
plan-calendar-hint = Which milestones, and over what timescale?
plan-first-action = First joint action
plan-first-action-hint = What small joint action could test how well we work together?
plan-contacts = Getting in touch
plan-contacts-hint = Who contacts whom, and by when?
plan-decision = Decision
plan-decision-hint = Are we going ahead with this partnership?
decision-go = Let’s go
decision-not-now = Not now
decision-no = No

## Step: Closing

step-closing = Closing
step-closing-summary = Look back on the session and celebrate
closing-reflect = Let’s take a moment to reflect on what we learnt today and what we want to keep in mind for future partnerships.
closing-celebrate = Let’s also take time to celebrate: partnership is above all about relationships. Print the sheet and keep it to show new members.

## Additions: the plan over time, the closing reflection, the guide

plan-partner-role = Kind of partner and the role we want
plan-partner-role-hint = An association, the council, a school, a shop…? What role do we want them to play: spread the word, host, fund, co-organise?
plan-their-gain = What’s in it for them?
plan-their-gain-hint = A partnership has to work for every side: what would the other group gain, given its own aims?
plan-their-ways = Their aims and ways of working
plan-their-ways-hint = What do we know of what they aim for and how they work? How can we learn more by listening to them?
plan-nurture = Keeping the relationship alive
plan-nurture-hint = It takes time: how will we look after the link, and work through misunderstandings together so we learn from them?
plan-celebration = Celebrating the milestones
plan-celebration-hint = When and how will we celebrate the first results together?
plan-success = How we will know it works
plan-success-hint = What signs will tell us, when we review the plan, that the partnership is bearing fruit?
plan-review = Plan review
plan-review-hint = On what day will we take stock? A date: 2026-12-15 or 15/12/2026.
plan-next-meeting = Next meeting
plan-next-meeting-hint = The date of our next meeting: 2026-12-15 or 15/12/2026.
closing-learnt = What we learnt today
closing-learnt-hint = (to fill in together: Tab chooses the question, Enter writes)
closing-differently = What we will do differently
closing-differently-hint = (in our next partnerships, what will we change?)
closing-guide = The original guide, « Comment établir des partenariats ? », is published in French by the Transition Network (transitionnetwork.org).
guide-time-title = Over time
guide-time-intro = A partnership is built step by step, and every side has to get something out of it.
guide-time-1 = Ask what the other group gains: if nothing is in it for them, the idea will be hard to sell
guide-time-2 = Listen to their aims and ways of working before proposing, and be clear about your own
guide-time-3 = Start with a small joint action, test it, then think bigger if it went well
guide-time-4 = Look after the relationship over time; misunderstandings happen, so work through them together and learn from them
# Advice for the facilitator, shown on their screen while a wall is open.
step-welcome-facilitator = Say in one sentence why the group is here, check that everyone present is on the roster and announce when the session ends. Leave the agenda up while people settle in.
step-pairs-facilitator = Each person talks for 5 minutes about partnerships they have known while the other listens without interrupting. At the bell, announce the swap. Suggest thinking also of groups that competed instead of working together, and what that cost.
step-board-facilitator = Gather from the pairs’ stories what went well and what got stuck. Type the room’s words rather than yours, then pin what comes up often or matters most.
step-reading-facilitator = The pairs look through the guide to get a feel for what makes a partnership strong. Go from pair to pair and warn the room a minute before the end.
step-ingredients-facilitator = Each person comes to the keyboard in turn and ticks the ingredients they already see in the group. The turn is private: the wall hides the ticks until the turn ends; this panel shows them.
step-failures-facilitator = Same again: each person ticks the risks they see for the group. A risk named early is easier to prevent: invite frankness.
step-plan-facilitator = Start from the most ticked ingredients and the most cited risks to picture a partnership with another group of the region. Remind the room that deciding not to partner is a valid outcome.
step-closing-facilitator = Read the sheet back with the room, take time to celebrate the way travelled and say where the notes are kept. Offer to print the sheet for new members.
