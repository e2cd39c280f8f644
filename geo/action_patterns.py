"""The action phrases of English war reporting, as regular expressions.

Each entry is ``(action, pattern, agent position, strength, weak)``; see
:mod:`geo.actions` for what the agent positions mean and how matches are qualified.
Order matters only for documentation: overlapping matches are resolved by length.
"""

from __future__ import annotations

__all__ = ["PATTERNS"]

_W = r"[\w'’-]+"
#: What is abandoned that is no ground: plans and efforts, people, equipment, homes.
_NOT_GROUND = (
    r"(?:plans?|efforts?|attempts?|attacks?|assaults?|offensives?|operations?|hopes?|ideas?|"
    r"goals?|objectives?|intentions?|tactics?|servicem(?:e|a)n|servicemembers?|soldiers?|"
    r"personnel|conscripts?|comrades?|wounded|dead|bodies|prisoners?|civilians?|residents?|"
    r"equipment|vehicles?|tanks?|weapons?|ammunition|materiel|homes?|houses?|buildings?|"
    r"apartments?|property|posts?\s+in\s+government)"
)
#: What is held that is no ground: "held advertising events", "holding classes", "hold
#: them accountable" (a gathering or a duty, not a military holding of a place).
_NOT_HELD_GROUND = (
    r"(?!\s+(?:an?\s+|the\s+|their\s+|its\s+|them\s+|him\s+|her\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:events?|classes|lessons|meetings?|sessions?|celebrations?|concerts?|festivals?|"
    r"campaigns?|competitions?|contests?|fairs?|seminars?|workshops?|interviews?|protests?|"
    r"demonstrations?|rallies|courses|screenings?|exhibitions?|accountable|responsible|"
    r"liable|"
    # ground around a place, not the place: "control the approaches to X"
    r"approaches|roads?|routes?|highways?|GLOCs?|outskirts|airspace|skies)\b)"
)

#: "Control" heading a compound noun is a thing, not a holding: "targeted control points
#: in X", "a UAV control centre", "command and control elements".
_CONTROL_NOUN = (
    r"(?!\s+(?:points?|posts?|cent(?:er|re)s?|elements?|rooms?|systems?|towers?|nodes?|hubs?|"
    r"stations?|facilit(?:y|ies)|panels?|measures?|zones?|groups?)\b)"
)

#: "Occupied" qualifying areas, not naming a place: "searches in other occupied
#: territories", "occupied villages in the region" say nothing of the place named nearby.
_OCCUPIED_AREAS = (
    r"(?!\s+(?:\w+\s+)?(?:territor(?:y|ies)|areas|regions|lands|parts|portions|"
    r"settlements|towns|villages|cities|communities|oblasts)\b)"
)

#: Who is held that is no ground: "holding Ukrainian POWs in X", "hold about 200 civilians
#: in a basement": people kept captive somewhere say nothing of who holds the place (and
#: the side named beside them is the captives', not the holder's).
_NOT_HELD_PEOPLE = (
    r"(?!\s+(?:(?:an?|the|their|its|his|her|some|many|several|dozens|hundreds|thousands|of|"
    r"more|less|fewer|than|about|around|over|nearly|almost|up|to|at|least|\d[\d,.]*|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|dozen|"
    r"[A-Z][\w'’-]*|\w+ed|local|civilian|young|wounded|captive)\s+){0,6}?"
    # plural nouns only: a singular one is mostly an adjective ("occupy civilian buildings")
    r"(?:POWs|prisoners|hostages|captives|detainees|internees|civilians|children|kids|minors|"
    r"teenagers|orphans|deportees|evacuees|refugees|residents|citizens|people|persons|men|"
    r"women|families|journalists|officials|activists|volunteers|servicemen|soldiers|"
    r"personnel(?!\s+carriers)|conscripts|recruits|inmates|workers|employees|patients|"
    r"bodies)(?![\w'’-]))"
)

# (action, pattern, agent position, strength, weak?)
PATTERNS: tuple[tuple[str, str, str, float, bool], ...] = (
    # -- hold, agent inside the phrase ---------------------------------------------------
    ("hold", r"\b[A-Z][\w-]*-(?:held|occupied|controlled)\b", "inside", 0.8, False),
    (
        "hold",
        rf"\bunder\s+(?:the\s+)?(?:full\s+)?[A-Z]{_W}\s+(?:military\s+)?(?:control|occupation)\b",
        "inside",
        0.8,
        False,
    ),
    (
        "hold",
        rf"\b(?:remain(?:s|ed)?|is|are|was|were|still|stays?|stayed)\s+(?:firmly\s+|still\s+)?"
        rf"in\s+[A-Z]{_W}\s+hands\b",
        "inside",
        0.8,
        False,
    ),
    ("capture", r"\bcame\s+under\s+(?:the\s+)?(?:full\s+)?control\s+of\b", "after", 0.9, False),
    (
        "capture",
        rf"\b(?:c(?:ame|omes|oming)|f(?:ell|alls|allen))\s+under\s+(?:the\s+)?(?:full\s+)?[A-Z]{_W}\s+"
        r"(?:military\s+)?(?:control|occupation)\b",
        "inside",
        0.9,
        False,
    ),
    (
        "hold",
        r"\b(?:remain(?:s|ed)?|is|are|was|were|stays?|stayed)\s+(?:firmly\s+|still\s+)?"
        r"in\s+(?:full\s+|firm\s+|complete\s+)?control\s+of\b"
        # not a situation, nor a part ("in control of 75% of X" says X is contested)
        r"(?!\s+(?:the\s+)?(?:\d|(?:situation|skies|airspace|events|information|narrative|"
        r"more|less|about|almost|nearly|half|part|parts|most|much|some|a\s+third)\b))",
        "before",
        0.8,
        False,
    ),
    # "X remains occupied", "X has been occupied since March": the occupier is the side
    # opposed to the place's country
    (
        "hold",
        r"\b(?:remain(?:s|ed)?|stays?|stayed|(?:has|have|had)\s+been|is\s+still|are\s+still|"
        r"was\s+still|were\s+still)\s+(?:\w+ly\s+)?occupied\b(?!\s+by\b)" + _OCCUPIED_AREAS,
        "place",
        0.8,
        False,
    ),
    # "defenders continue to hold out in X": still holding it under attack
    (
        "hold",
        r"\bh(?:old|olds|olding|eld)\s+out\s+(?:in|at|inside)\b",
        "before",
        0.8,
        False,
    ),
    # dug in: a stative, not a passive ("Russian troops are entrenched in X")
    (
        "hold",
        r"\b(?:is|are|was|were|remain(?:s|ed)?)\s+(?:well\s+|firmly\s+|heavily\s+|still\s+)?"
        r"(?:entrenched|dug\s+in)\b",
        "before",
        0.7,
        False,
    ),
    (
        "hold",
        r"\b(?:remain(?:s|ed)?|is|are|was|were)\s+(?:still\s+)?under\s+(?:the\s+)?control\s+of\b",
        "after",
        0.8,
        False,
    ),
    # -- holding against an attack: "stopped X from taking Y" -----------------------------
    (
        "hold",
        rf"\b(?:stop(?:s|ped|ping)?|prevent(?:s|ed|ing)?|block(?:s|ed|ing)?|kept|keep(?:s|ing)?)"
        rf"(?:\s+{_W}){{1,4}}?\s+from\s+(?:taking|capturing|seizing|entering|reaching|occupying|"
        rf"attacking|advancing|assaulting|storming|crossing)\b",
        "before",
        0.8,
        False,
    ),
    (
        "hold",
        r"\b(?:repel(?:s|led|ling)?|repuls(?:e|es|ed|ing)|fended\s+off|fought\s+off|beat\s+back|"
        r"thwart(?:s|ed|ing)?|(?:stop(?:s|ped|ping)?|halt(?:s|ed|ing)?)(?=\s+(?:[\w'’-]+\s+){0,3}?"
        r"(?:advances|attacks|assaults|counterattacks|offensives)\b)|"
        r"(?:push(?:es|ed|ing)?|drove|driv(?:e|es|ing))\s+back"
        r"(?!\s+(?:to|from|into|across|toward|towards|beyond)\b))\b",
        "before",
        0.8,
        False,
    ),
    # -- clash: attempted or conducted assaults (the defender still holds) -----------------
    (
        "clash",
        r"\b(?:(?:unsuccessful(?:ly)?|fail(?:ed|ing)?)\s+)?(?:attempt(?:s|ed|ing)?|tr(?:y|ies|ied|ying)|"
        r"efforts?|fail(?:s|ed)?)\s+to\s+(?:\w+ly\s+)?(?:advance|attack|assault|storm|break\s+through|"
        r"push|capture|seize|take|encircle|cross|enter|regain|recapture|retake|reach|"
        r"break\s+into|dislodge|improve\s+(?:their|its)\s+(?:tactical\s+)?positions?)\b",
        "before",
        0.8,
        False,
    ),
    (
        "clash",
        r"\b(?:conduct(?:s|ed|ing)?|continu(?:e|es|ed|ing)|resum(?:e|es|ed|ing)|carr(?:y|ies|ied|ying)"
        r"\s+out|attempt(?:s|ed|ing)?|mount(?:s|ed|ing)?|launch(?:es|ed|ing)?|engag(?:e|es|ed|ing)\s+in|"
        r"(?:is|are|was|were)\s+engaged\s+in)\s+"
        r"(?:(?:an?|the|two|three|four|several|multiple|numerous|\w+ly|limited|locali[sz]ed|small|"
        r"large|failed|unsuccessful|ground|infantry|mechani[sz]ed|offensive|counter-?offensive|"
        r"positional|renewed|heavy|further|new|its|their|close|and|or|successful|frontal|tactical|"
        r"local|probing|[\w]+-(?:level|scale|sized))\s+){0,5}"
        r"(?:attacks?|assaults?|(?:offensive\s+|counter-?offensive\s+|assault\s+)?operations|"
        r"offensives?|battles|fighting|raids?|counter-?attacks?|attempts?|"
        r"reconnaissance(?:[\s-]in[\s-]force)?(?:\s+(?:attempts?|operations?|missions?))?|"
        r"attempts\s+to\s+advance)\b",
        "before",
        0.8,
        False,
    ),
    (
        "clash",
        r"\b(?:destroy(?:s|ed|ing)?|eliminat(?:e|es|ed|ing)|neutrali[sz](?:e|es|ed|ing))\s+"
        r"(?:(?:[A-Z][\w'’-]*|an?|the|two|three|several|enemy|sabotage|reconnaissance|and|assault)\s+)"
        r"{0,5}(?:groups?|units?|detachments?|squads?|personnel|troops|soldiers)\b",
        "before",
        0.75,
        False,
    ),
    # -- capture ---------------------------------------------------------------------------
    ("capture", r"\bfell\s+(?:in)?to\s+(?:the\s+hands\s+of\s+)?", "after", 0.9, False),
    (
        "capture",
        r"\b(?:fell|falls|fallen)\b(?!\s+(?:back|to|into|onto|upon|in\b|apart|silent|short|ill|asleep|by|"
        r"from|on\s+(?![A-Z][a-z]+day\b|\d)|off|down|under|behind|sharply|over|through|victim|quiet|below|out|prey|"
        r"sharply|steeply|\d))|\b(?<!free\s)fall\s+of(?=\s+(?:the\s+)?[A-Z])",
        "place",
        0.75,
        False,
    ),
    (
        "capture",
        r"\b(?:captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|overr(?:an|un|uns|unning)|"
        r"conquer(?:s|ed|ing)?|dominat(?:e|es|ed|ing)|annex(?:es|ed|ing)?)\b",
        "before",
        0.85,
        False,
    ),
    (
        "capture",
        r"\b(?:took|take[sn]?|taking|gain(?:s|ed|ing)?|seized|assum(?:e|es|ed|ing)|"
        r"establish(?:es|ed|ing)?)\s+(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)\b",
        "before",
        0.9,
        False,
    ),
    (
        "capture",
        r"\b(?:took|take[sn]?|taking)(?=\s+(?:the\s+(?:\w+\s+)?(?:city|town|village|"
        r"settlement|capital|port|region|airport|bridge|base|hill|heights)\b|[A-Z]))|"
        # "the city was taken by Russian forces" (not "footage taken by residents")
        r"(?:(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bbeen\s))taken(?=\s+by\b)",
        "before",
        0.7,
        False,
    ),
    # -- capture: the enemy driven out of a named place ("expelled Russian forces from X",
    # "forced Ukrainian troops to withdraw from X"); "from positions near X" is an advance
    # (below): only a name right after "from" is the place taken.
    (
        "capture",
        r"\b(?:(?:push(?:es|ed|ing)?|drove|driv(?:e|es|en|ing)|threw|thrown|"
        r"dislodg(?:e|es|ed|ing)|oust(?:s|ed|ing)?|expel(?:s|led|ling)?|kick(?:s|ed|ing)?|"
        r"clear(?:s|ed|ing)?)\s+|forc(?:e|es|ed|ing)\s+(?=(?:\S+\s+){1,3}?to\s+))"
        r"(?:the\s+)?(?:(?:[A-Z][\w'’-]*|enemy)\s+)?"
        r"(?:forces|troops|units|soldiers|defenders|enemy|them|occupiers|invaders)\s+"
        r"(?:to\s+(?:retreat|withdraw|pull\s+out|flee)\s+)?(?:out\s+of|from)"
        r"(?=\s+(?:(?:the\s+)?(?:city|town|village|settlement)\s+of\s+)?[A-Z])",
        "before",
        0.85,
        False,
    ),
    # -- liberate -------------------------------------------------------------------------
    (
        "liberate",
        r"\b(?:complet(?:e|es|ed|ing)|finish(?:es|ed|ing)?)\s+the\s+liberation\s+of\b",
        "before",
        0.85,
        False,
    ),
    (
        "liberate",
        r"\b(?:liberat(?:e|es|ed|ing)|recaptur(?:e|es|ed|ing)|ret(?:ook|ake|akes|aken|aking)|"
        r"regain(?:s|ed|ing)?(?:\s+(?:full\s+)?control(?:\s+of|\s+over)?)?|reclaim(?:s|ed|ing)?|"
        r"(?:won|win|wins|winning|took|take|takes|taken|taking)\s+back|de-?occupied|freed)\b"
        r"(?!\s+up\b)",
        "before",
        0.9,
        False,
    ),
    (
        "liberate",
        r"\b(?:(?:fully|completely|entirely|now)\s+)?(?:cleared|free|freed|rid|liberated)\s+"
        r"(?:of|from)(?=\s+(?:the\s+)?(?:[A-Z]|invaders|occupiers|enemy))",
        "against",
        0.85,
        False,
    ),
    # -- withdraw -------------------------------------------------------------------------
    (
        "withdraw",
        r"\b(?:(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?"
        r"(?:driven|pushed|forced|beaten|thrown|knocked)\s+(?:\w+\s+)?(?:back|out|away|to|from))\b",
        "before",
        0.85,
        False,
    ),
    (
        "withdraw",
        r"\b(?:withdr(?:ew|aw|aws|awn|awing)|withdrawal|retreat(?:s|ed|ing)?|"
        r"pull(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:out|back)|pull-?out|fled|flee(?:s|ing)?|"
        # Abandoning ground or positions, not plans, people, equipment or homes ("abandoned
        # their plans", "abandoned homes", "houses abandoned after the evacuation").
        r"(?<!homes\s)(?<!houses\s)(?<!buildings\s)abandon(?:s|ed|ing)?"
        rf"(?!\s+(?:{_W}\s+){{0,2}}?{_NOT_GROUND}\b)|"
        r"evacuat(?:e|es|ed|ing)\s+(?:their|its)\s+(?:troops|forces|positions)|fall(?:s|ing)?\s+back|"
        r"fell\s+back)\b",
        "before",
        0.85,
        False,
    ),
    (
        "withdraw",
        # "Leaving much of the city without water": a state the place is left in.
        r"(?<![(-])\b(?:left|leave|leaves|leaving)\b(?!\s+(?:[\w'’-]+\s+){0,5}?without\b"
        r"(?!\s+(?:a\s+)?(?:fight|fighting|battle|resistance|shot|shots|firing)\b))"
        r"(?![)-]|\s+(?:behind|mines?|\d|a|an|many|some|"
        r"them|him|her|banks?|flanks?|wing|side|hand|"
        r"the\s+(?!city|town|village|region|area|island|port|plant|capital)|for|to\b|alone|"
        r"wounded|dead|without|(?:over|more\s+than|up\s+to|about|around|nearly|almost)\s+\d|"
        r"dozens|hundreds|thousands|scores))",
        "before",
        0.7,
        False,
    ),
    # -- advance --------------------------------------------------------------------------
    (
        "advance",
        rf"\b(?:push(?:es|ed|ing)?|drive|drives|drove|driven|driving|forc(?:ed|ing)|"
        rf"beat|throw|threw)(?:\s+(?!(?:is|are|was|were|be|been|being|has|have|had)\b){_W}){{1,3}}?"
        r"\s+(?:back|out|away|within|toward|towards)\b",
        "before",
        0.85,
        False,
    ),
    (
        "advance",
        r"\b(?:advanc(?:e|es|ed|ing)|(?:made|make|makes|making)\s+(?:\w+\s+){0,2}?"
        r"(?:progress|gains|headway|advances)|gain(?:s|ed|ing)?\s+ground|clos(?:e|es|ed|ing)\s+in|"
        r"mov(?:e|es|ed|ing)\s+(?:closer|toward|towards|into)|push(?:es|ed|ing)?\s+(?:on|forward|"
        r"deeper|into|toward|towards|from|(?:further\s+)?(?:north|south|east|west)(?:wards?)?)|break(?:s|ing)?\s+(?:through|into)|broke\s+(?:through|into)|"
        r"broken\s+(?:through|into)|follow(?:s|ed|ing)?\s+(?:[\w-]+\s+){1,3}?into|press(?:es|ed|ing)?\s+(?:on|in|ahead|forward|from|toward|towards|"
        r"into)|ent(?:er|ers|ered|ering)(?=\s+(?:the\s+)?(?:[A-Z]|city|town|village|settlement|"
        r"capital|port|outskirts)|\s+on\s+[A-Z][a-z]+day|\s*[.,;])|mov(?:e|es|ed|ing)\s+(?:back\s+)?into(?=\s+(?:the\s+)?[A-Z])|"
        r"launch(?:es|ed|ing)?\s+(?:a|an|the|their|its)\s+(?:\w+\s+)?(?:counter-?)?offensive(?!\s+operations)|"
        r"improv(?:e|es|ed|ing)\s+(?:their|its|the)\s+(?:tactical\s+)?positions?)\b",
        "before",
        0.8,
        False,
    ),
    # a foothold in a place: ground gained in it, the place not taken
    (
        "advance",
        r"\b(?:gain(?:s|ed|ing)?|establish(?:es|ed|ing)?|secur(?:e|es|ed|ing)|won|obtain(?:s|ed|ing)?)"
        r"\s+(?:a\s+|their\s+|its\s+)?(?:\w+\s+)?foothold(?:s)?\s+(?:in|on|near|at|inside)\b",
        "before",
        0.8,
        False,
    ),
    # -- advance: the enemy driven from ground ("dislodged Russian troops from X") --------
    (
        "advance",
        r"\b(?:push(?:es|ed|ing)?|drove|driv(?:e|es|en|ing)|threw|thrown|dislodg(?:e|es|ed|ing)|"
        r"oust(?:s|ed|ing)?|expel(?:s|led|ling)?)\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]*|enemy)\s+)?"
        r"(?:forces|troops|units|soldiers|enemy|them|occupiers|invaders)\s+(?:out\s+)?from\b",
        "before",
        0.8,
        False,
    ),
    (
        "advance",
        r"\b(?:counter-?offensive|offensive|advances?)\b(?!\s+operations)",
        "before",
        0.5,
        True,
    ),
    # -- hold: a line kept ("stabilized the front around X", "maintain positions on X") ----
    (
        "hold",
        r"\b(?:stabili[sz](?:e|es|ed|ing)|maintain(?:s|ed|ing)?\s+(?:their\s+|its\s+)?positions|"
        r"consolidat(?:e|es|ed|ing)\s+(?:their\s+|its\s+)?(?:positions|control|gains)|"
        r"retain(?:s|ed|ing)?\s+(?:control|positions))\b",
        "before",
        0.75,
        False,
    ),
    # -- advance: ground seen taken or widened ---------------------------------------------
    (
        "advance",
        r"\bexpand(?:s|ed|ing)?\s+(?:their|its|the)\s+(?:(?:zones?|areas?)\s+of\s+control|"
        r"successes|gains|bridgeheads?|foothold)\b",
        "before",
        0.75,
        False,
    ),
    (
        "advance",
        r"\b(?:show(?:s|ed|ing)?|depict(?:s|ed|ing)?)(?=\s+(?:[A-Z][\w'’-]*\s+)?(?:troops|forces|"
        r"soldiers|servicemen|units|fighters)\s+(?:in|on|inside|entering|at)\b)",
        "after",
        0.7,
        False,
    ),
    # -- control newly stated or partial: "now control X", "control over 80 percent of X"
    (
        "capture",
        r"\bnow\s+(?:\w+ly\s+)?(?:control|controls|hold|holds|occupy|occupies)\b",
        "before",
        0.75,
        False,
    ),
    (
        "advance",
        r"\b(?:(?:(?:have|has|had|having|established|establish(?:es|ing)?|gained|gain(?:s|ing)?|"
        r"took|tak(?:e|es|en|ing))\s+)control|(?<!ian\s)(?<!ese\s)(?<!ish\s)control|controls|"
        r"hold|holds|occupy|occupies)\s+(?:over\s+)?(?:(?:more|less)\s+than\s+|about\s+|almost\s+|nearly\s+)?"
        r"(?:\d+\s*(?:percent|per\s+cent|%)|half|part|parts|most|much|some|a\s+third|two\s+thirds)"
        r"\s+of\b",
        "before",
        0.75,
        False,
    ),
    # -- hold (stative) ------------------------------------------------------------------
    (
        "hold",
        # "fire control over X" is fire on X, "fighting for control of X" a fight for it
        r"(?<!-)\b(?:occup(?:y|ies|ying)|occupied" + _OCCUPIED_AREAS + "|hold(?:s|ing)?|held|"
        r"(?<!command\sand\s)(?<!fire\s)(?<!for\s)control(?:s|led|ling)?" + _CONTROL_NOUN + "|"
        r"defend(?:s|ed|ing)?|dig(?:s|ging)?\s+in|dug\s+in|entrench(?:ed)?)\b"
        + _NOT_HELD_GROUND
        + _NOT_HELD_PEOPLE,
        "before",
        0.7,
        False,
    ),
    # -- strike ---------------------------------------------------------------------------
    (
        "strike",
        r"\b(?:air\s*-?strikes?|airstrikes?|air\s+raids?|drone\s+(?:strikes?|attacks?)|"
        r"bomb(?:s|ed|ing)|bombard(?:s|ed|ing|ment)?)\b",
        "before",
        0.85,
        False,
    ),
    (
        "strike",
        r"\b(?:shell(?:s|ed|ing)?(?=\s+(?:with|the|[A-Z]|settlements?|positions?|villages?|towns?))|"
        r"shell(?:s|ed|ing)|pound(?:s|ed|ing)|strik(?:e|es|ing)|struck|artillery\s+duels?|"
        r"(?:artillery|rocket|missile)\s+pressure|interdiction\s+campaign|(?:routine|artillery|rocket|tank|mortar|MLRS)\s+fire|"
        r"target(?:s|ed|ing)?(?=\s+(?:[\w'’-]+\s+){0,3}?(?:infrastructure|positions?|strongholds?|"
        r"depots?|logistics|ground\s+lines|GLOCs?|concentrations?|command|headquarters|equipment|"
        r"rear|facilit\w+|settlements?|troops|assets|warehouses?|bases?|airfields?)\b)|"
        r"(?:destroy(?:s|ed|ing)?|hit)\s+(?:(?:an?|the|two|three|several|[A-Z][\w'’-]*|\w+)\s+){0,3}?"
        r"(?i:supply\s+points?|depots?|warehouses?|ammunition|headquarters|command\s+posts?|"
        r"strongholds?|bridges?|fuel)|"
        r"missile\s+(?:strikes?|attacks?)|rocket\s+(?:fire|attacks?|strikes?)|"
        r"artillery\s+(?:fire|strikes?|barrages?)|fir(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:missiles?|rockets?|"
        r"shells?)\s+(?:at|on|into|from)|dropp(?:ed|ing)\s+(?:\w+\s+){0,2}?(?:munitions|bombs|"
        r"shells|mines)\s+on|launch(?:es|ed|ing)?\s+(?:\w+\s+){0,2}(?:missiles?|rockets?|drones?)"
        r"\s+(?:at|on|against|into)|(?:open(?:s|ed|ing)?\s+)?fir(?:e|es|ed|ing)\s+(?:up)?on|"
        r"fir(?:e|es|ed|ing)\s+at(?=\s+(?:the\s+)?(?:[A-Z]|settlements?|positions?|villages?|towns?)))\b",
        "before",
        0.85,
        False,
    ),
    (
        "clash",
        r"\b(?i:fighting|clashes|battles?|combat|hostilities)(?:\s+between\s+[\w\s]{3,60}?)?"
        r"\s+(?:\w+ly\s+)?(?:continued|continues|are\s+ongoing|is\s+ongoing|persisted|persists|"
        r"(?:is|are)\s+intensifying|"
        r"raged|rages|erupted|erupts|broke\s+out|intensified|resumed|flared)\b",
        "none",  # "fighting continued": the fighting is the subject, no side is named
        0.75,
        False,
    ),
    (
        "strike",
        r"\b(?i:shelling|bombardment|strikes|attacks)\s+(?:of\s+(?:the\s+)?[\w'’-]+\s+)?(?:\w+ly\s+)?"
        r"(?:continued|continues|intensified|resumed|rages|raged)\b",
        "before",
        0.75,
        False,
    ),
    (
        "strike",
        r"(?:(?<=missiles\s)|(?<=missile\s)|(?<=rockets\s)|(?<=rocket\s)|(?<=shells\s)|"
        r"(?<=drones\s)|(?<=bombs\s))"
        r"(?:hit|hits|slammed\s+into|struck|destroyed|damaged)\b",
        "before",
        0.85,
        False,
    ),
    (
        "clash",
        r"\b(?:cut\s+off|surround(?:s|ed|ing)?|encircl(?:e|es|ed|ing))\b"
        r"(?!\s+(?:settlements|villages|towns|areas|territor\w*|region|countryside|communities|cities))",
        "before",
        0.75,
        False,
    ),
    # -- clash ----------------------------------------------------------------------------
    (
        "clash",
        r"\b(?:clash(?:ed|ing)|fought|prob(?:e|es|ed|ing)(?=\s+(?:[\w'’-]+\s+){0,2}?(?:positions|"
        r"defen[cs]es|lines))|fight(?:s|ing)?(?=\s+(?:in|near|around|for|on|at|along|"
        r"south|north|east|west|outside|with))|battl(?:ed|ing)|skirmish(?:ed|ing)|"
        r"attack(?:ed|ing)|assault(?:ed|ing)|storm(?:s|ed|ing)|besieg(?:e|es|ed|ing)|"
        r"defeat(?:s|ed|ing)?(?=\s+(?:the\s+)?[A-Z][\w'’-]*\s+(?:forces|troops|units))|"
        r"encircl(?:e|es|ed|ing))\b",
        "before",
        0.75,
        False,
    ),
    (
        "clash",
        r"\b(?:fighting|firefights?|siege|encirclement|combat|hostilities|clash(?:es)?|"
        r"(?:counter-?)?offensive\s+operations|"
        r"battles?|skirmish(?:es)?|attacks?|assaults?)\b",
        "before",
        0.5,
        True,
    ),
    # -- reach ----------------------------------------------------------------------------
    (
        "reach",
        r"\b(?:reach(?:es|ed|ing)?|arriv(?:e|es|ed|ing)\s+(?:at|in|on)|"
        r"(?:standing|stood|stand|stands)\s+(?:at|on|across)|got\s+to|gets\s+to)\b",
        "before",
        0.8,
        False,
    ),
    # -- explosions reported at a place: remote violence, the striker unnamed ------------
    (
        "strike",
        r"(?<!\bno\s)(?<!\bany\s)\b(?i:explosions?|detonations?|blasts)\b"
        r"(?=\s+(?:\w+\s+){0,6}?(?:in|near|at|around|over|of|on)\b)",
        "none",
        0.7,
        False,
    ),
    # -- a shot-down missile or drone was a strike by its owner ---------------------------
    (
        "strike",
        r"\b(?:shot\s+down|shoot(?:s|ing)?\s+down|struck\s+down|strik(?:e|es|ing)\s+down|downed|"
        r"intercept(?:s|ed|ing)?)(?=\s+(?:[\w'’-]+\s+){0,5}?(?:missiles?|drones?|UAVs?|rockets?|"
        r"Shaheds?|projectiles))",
        "equipment",
        0.85,
        False,
    ),
    # -- loss (equipment) -----------------------------------------------------------------
    (
        "loss",
        r"\b(?:destroy(?:s|ed|ing)?|shot\s+down|shoot(?:s|ing)?\s+down|struck\s+down|downed|sank|sunk|"
        r"wreckage\s+of|remains\s+of|lost)\b",
        "equipment",
        0.8,
        False,
    ),
    # -- strategic (context, not the front line) ------------------------------------------
    (
        "strategic",
        r"\b(?:NATO|sanctions?|ceasefire|cease-fire|truce|armistice|peace\s+talks|"
        r"negotiations|membership|accession|mobili[sz](?:ation|es|ed|e))\b"
        r"(?!\s+(?:reserves?|personnel|units?|troops|soldiers|servicemen|recruits|men))",
        "before",
        0.6,
        False,
    ),
)
