"""Did it happen, and when: factual, hedged and non-factual action clauses (issue 12)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from geo.actions import find_actions
from geo.dates import date_for_sentence
from geo.events import extract_events
from geo.factuality import clause_span, factuality
from geo.model import Article, Mention, TimePrecision, Verification

PUBLISHED = dt.date(2022, 9, 14)  # a Wednesday
PLACES = ("Kupiansk", "Lyman", "Bakhmut", "Izium", "Kreminna", "Siversk", "Balakliia")


def events_of(gaz, text: str, published: dt.date | None = PUBLISHED):
    mentions = [
        Mention(m.start(), m.end(), name, (), gaz.resolve(name, country="UA"))
        for name in PLACES
        for m in re.finditer(name, text)
    ]
    article = Article("r.md", text, source="Courier", published=published)
    return extract_events(article, sorted(mentions, key=lambda m: m.start), gaz=gaz)


def reading(sentence: str, cue: str) -> str:
    start = sentence.index(cue)
    return factuality(sentence, start, start + len(cue)).reading


# ------------------------------------------------------------------ no event at all


@pytest.mark.parametrize(
    "text",
    [
        # negation far from the verb
        "There is no evidence that Russian troops captured Kupiansk on Monday.",
        "Russian forces made no gains near Bakhmut.",
        "Neither side made gains near Bakhmut.",
        # conditionals, including the main clause after them
        "If Ukrainian forces retake Lyman, Russian units further north will be exposed.",
        # futures
        "Russian units are set next week for a renewed push into Siversk.",
        # denials
        "Ukrainian officials denied that Russian forces had entered Kupiansk.",
        # questions
        "Did Russian troops really withdraw from Lyman?",
        # modality: an aim, a plan, a preparation
        "Russian forces aim at encircling Lyman from the north.",
        "Russian forces seek to encircle Lyman and advance on Kreminna.",
        "Russian troops are preparing for further advances near Bakhmut.",
        # the noun "advance" in an idiom
        "Russian commanders are massing units along the lines of advance toward Bakhmut.",
    ],
)
def test_non_factual_clauses_make_no_event(gaz, text) -> None:
    assert events_of(gaz, text) == []


def test_prevented_advances_are_not_advances(gaz) -> None:
    text = "Ukrainian units dug in, preventing Russian advances near Siversk."
    assert [e.action for e in events_of(gaz, text)] == ["hold"]


def test_a_denial_in_another_clause_keeps_the_fact(gaz) -> None:
    text = "Kyiv denied the report, but Russian troops entered Siversk on Monday."
    (event,) = events_of(gaz, text)
    assert (event.action, event.location) == ("advance", "Siversk")
    assert event.event_date == dt.date(2022, 9, 12)


def test_negation_does_not_reach_a_later_finite_verb(gaz) -> None:
    text = "Russian forces did not attack near Siversk and shelled Bakhmut on Tuesday."
    events = events_of(gaz, text)
    assert [(e.action, e.location) for e in events] == [("strike", "Bakhmut")]


# ------------------------------------------------------------------ hedges and claims


def test_hedged_fact_is_an_assessed_event(gaz) -> None:
    (event,) = events_of(gaz, "Ukrainian forces likely liberated Balakliia.")
    assert (event.action, event.location) == ("liberate", "Balakliya")
    assert event.verification is Verification.ASSESSED


def test_claim_stays_an_event_with_its_claimant(gaz) -> None:
    (event,) = events_of(gaz, "Russian sources claimed that Russian forces captured Siversk.")
    assert (event.action, event.location) == ("capture", "Siversk")
    assert event.verification is Verification.CLAIMED
    assert event.claimed_by == "Russian sources"
    assert (event.date_start, event.date_end) == (dt.date(2022, 9, 13), PUBLISHED)


# ------------------------------------------------------------------ dates


def test_undated_action_is_in_the_reports_two_days(gaz) -> None:
    (event,) = events_of(gaz, "Ukrainian forces liberated Izium.")
    assert (event.date_start, event.date_end) == (dt.date(2022, 9, 13), PUBLISHED)
    assert event.time_precision is TimePrecision.WEEK
    assert event.event_date == dt.date(2022, 9, 13)


def test_vaguely_earlier_action_keeps_an_open_start(gaz) -> None:
    (event,) = events_of(gaz, "Ukrainian forces had liberated Izium previously.")
    assert event.date_start is None and event.date_end == PUBLISHED
    assert event.time_precision is TimePrecision.BEFORE_PUBLICATION


def test_explicit_day_is_that_day(gaz) -> None:
    (event,) = events_of(gaz, "Ukrainian forces liberated Izium on September 11.")
    assert (event.date_start, event.date_end) == (dt.date(2022, 9, 11),) * 2
    assert event.time_precision is TimePrecision.DAY


def test_action_dated_after_publication_is_a_prospect(gaz) -> None:
    assert events_of(gaz, "Russian troops enter Siversk on September 20.") == []


def test_period_running_past_publication_is_clipped(gaz) -> None:
    (event,) = events_of(gaz, "Ukrainian forces advanced toward Kreminna this week.")
    assert event.date_end == PUBLISHED and event.date_start == dt.date(2022, 9, 12)


def test_no_publication_date_stays_undated(gaz) -> None:
    (event,) = events_of(gaz, "Ukrainian forces liberated Izium.", published=None)
    assert event.undated and event.date_start is None and event.date_end is None


def test_date_for_sentence_report_period() -> None:
    span = date_for_sentence("Troops entered the town.", PUBLISHED, report=True)
    assert (span.start, span.end, span.precision) == (
        dt.date(2022, 9, 13),
        PUBLISHED,
        TimePrecision.WEEK,
    )
    vague = date_for_sentence(
        "After weeks of fighting troops entered the town.", PUBLISHED, report=True
    )
    assert vague.start is None and vague.end == PUBLISHED
    assert date_for_sentence("Troops entered the town.", PUBLISHED).start is None


# ------------------------------------------------------------------ the reading itself


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("Troops did not capture the town.", "capture", "negated"),
        ("Troops failed once again to take the town.", "take", "negated"),
        ("Troops may soon enter the town.", "enter", "modal"),
        ("The objective of the push is to capture the port.", "capture", "modal"),
        ("They moved up in order to capture the bridge.", "capture", "modal"),
        ("The leader gave the order for his troops to capture the port.", "capture", "modal"),
        ("The general ordered the brigade to take the bridge.", "take", "modal"),
        ("The brigade took the bridge on orders from the staff.", "took", "fact"),
        ("The garrison was ordered to withdraw from the town.", "withdraw", "fact"),
        ("Unless the reserves arrive, the garrison leaves the town.", "leaves", "conditional"),
        ("Should the bridge fall, the garrison withdraws.", "withdraws", "conditional"),
        ("The brigade is expected to enter the town.", "enter", "future"),
        ("The ministry refuted claims that troops captured the town.", "captured", "denied"),
        ("Claims that troops captured the town are false.", "captured", "denied"),
        ("Have the troops captured the town?", "captured", "question"),
        ("Analysts judge that troops probably captured the town.", "captured", "hedged"),
        ("The ministry claimed that troops captured the town.", "captured", "fact"),
        ("Troops captured the town in May.", "captured", "fact"),
        ("Reporters could not verify that troops captured the town.", "captured", "fact"),
        ("Officials denied it; troops captured the town.", "captured", "fact"),
    ],
)
def test_factuality_reading(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected


def test_clause_span_stops_at_a_new_subject() -> None:
    s = "The garrison did not hold the bridge and the Marines retook the town."
    start = s.index("retook")
    lo, hi = clause_span(s, start, start + 6)
    assert s[lo:hi].strip() == "the Marines retook the town."


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # a list of names ends no clause: the negation before it reaches the last verb
        ("They failed to take Oakbury and Elmstead regions or hold Ashford.", "hold", "negated"),
        ("They failed to take Oakbury and Elmstead, or hold Ashford.", "hold", "negated"),
        ("They failed to take Oakbury, as well as Elmstead, or hold Ashford.", "hold", "negated"),
        ("The army failed to take towns such as Oakbury or hold Ashford.", "hold", "negated"),
        # a new subject after "and" does end it
        ("The army did not take Oakbury and Northern units held Ashford.", "held", "fact"),
        ("Shelling went on as Northern units held Ashford.", "held", "fact"),
        # "lie" as a verb denies nothing; "a lie" does
        ("Troops advanced near Oakbury, both of which lie along the road.", "advanced", "fact"),
        ("They said troops captured Oakbury, which is a lie.", "captured", "denied"),
    ],
)
def test_lists_of_names_and_the_verb_lie_in_a_clause(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Columns advance on the town.", ["advance"]),
        ("The lines of advance converge on the town.", []),
        ("Scouts went ahead in advance of the column.", []),
        ("The army is getting ready for further advances.", []),
        ("The enemy advance on the town stalled.", ["advance"]),
    ],
)
def test_noun_advance_needs_a_verb_context(sentence, expected) -> None:
    assert [a.action for a in find_actions(sentence)] == expected


def test_a_future_in_a_coordinated_predicate_keeps_the_past_fact(gaz) -> None:
    text = (
        "Ukrainian troops made major gains near Lyman on Tuesday and will push on "
        "in the coming days."
    )
    (event,) = events_of(gaz, text)
    assert (event.action, event.location, event.event_date) == (
        "advance",
        "Lyman",
        dt.date(2022, 9, 13),
    )


def test_a_claim_retold_from_an_earlier_report_is_a_recap() -> None:
    s = "Troops shelled areas that officials previously claimed that the army had captured."
    i = s.index("captured")
    assert factuality(s, i, i + 8).reading == "recap"
    assert not factuality(s, i, i + 8).is_event
    j = s.index("shelled")
    assert factuality(s, j, j + 7).is_event
    noun = "They tore down the previously reported pontoon bridge after strikes on it."
    k = noun.index("strikes")
    assert factuality(noun, k, k + 7).is_event


def test_a_contested_claim_is_denied() -> None:
    s = "A spokesperson contested the claim that the army had taken full control of the town."
    i = s.index("taken")
    assert factuality(s, i, i + 5).reading == "denied"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("His men never made good on promises of capturing Bakhmut.", "capturing"),
        ("Officials pledged to retake Lyman before winter.", "retake"),
        ("Forces continue operations to liberate Kreminna.", "liberate"),
        ("It is too early to discuss the capture of Kreminna.", "capture"),
        ("The capture of Bakhmut is of critical importance to the offensive.", "capture"),
    ],
)
def test_a_promise_a_purpose_or_a_goal_is_no_event(sentence, cue) -> None:
    start = sentence.index(cue)
    assert factuality(sentence, start, start + len(cue)).reading == "modal"


def test_a_goal_reached_stays_a_fact() -> None:
    sentence = "The capture of Bakhmut came after months of fighting."
    start = sentence.index("capture")
    assert factuality(sentence, start, start + len("capture")).reading == "fact"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The push resembles the Russian assault on Lysychansk earlier in the war.", "assault"),
        ("The brigade fought near Kyiv early in the war.", "fought"),
        ("Wagner forces have fought in Ukraine since the first days of the war.", "fought"),
        ("Paratroopers seized the airfield on the first day of the invasion.", "seized"),
        ("The port was captured in the first week of the war.", "captured"),
        ("Russian troops have held the plant since the start of the full-scale invasion.", "held"),
    ],
)
def test_a_happening_of_an_earlier_phase_without_its_date_is_a_recap(sentence, cue) -> None:
    start = sentence.index(cue)
    assert factuality(sentence, start, start + len(cue)).reading == "recap"


def test_a_previous_happening_stays_a_fact() -> None:
    # "previously" dates it before the report; it is no earlier phase of the war
    sentence = "After previously stopping Russian troops from taking Kyiv, troops moved east."
    start = sentence.index("stopping")
    assert factuality(sentence, start, start + len("stopping")).reading == "fact"


def test_an_earlier_phase_in_an_appositive_leaves_the_action_a_fact() -> None:
    sentence = "Troops entered Izium, a town shelled in the first days of the war."
    start = sentence.index("entered")
    assert factuality(sentence, start, start + len("entered")).reading == "fact"


def test_an_earlier_phase_in_a_relative_clause_leaves_the_action_a_fact() -> None:
    sentence = "Troops abandoned the island that they seized in the first days of the war."
    start = sentence.index("abandoned")
    assert factuality(sentence, start, start + len("abandoned")).reading == "fact"
    start = sentence.index("seized")
    assert factuality(sentence, start, start + len("seized")).reading == "recap"


def test_a_list_of_places_does_not_end_the_clause_before_its_time() -> None:
    from geo.factuality import factuality

    s = "The assault resembles the effort to take Ashford and Elmstead earlier in the war."
    assert factuality(s, s.index("take"), s.index("take") + 4).reading == "recap"
    s = "Troops took Ashford and Elmstead shelled the road earlier in the war."
    assert factuality(s, s.index("took"), s.index("took") + 4).reading == "fact"


def test_reports_said_to_be_false_after_a_list_are_denied() -> None:
    from geo.factuality import factuality

    s = "An official said that reports that troops retook Ashford, Elmstead, and Oakbury are false."
    assert factuality(s, s.index("retook"), s.index("retook") + 6).reading == "denied"
    s = "Officials confirmed reports that troops retook Ashford, Elmstead, and Oakbury on Monday."
    assert factuality(s, s.index("retook"), s.index("retook") + 6).reading == "fact"


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # a fact set against a party's claim: the claim is denied, the fact stands
        (
            "Drone footage shows the brigade in Oakbury despite repeated enemy claims that "
            "enemy troops have fully taken the village.",
            "taken",
            "denied",
        ),
        (
            "Footage shows them in Oakbury despite claims made by the enemy that it fell.",
            "fell",
            "denied",
        ),
        # the claim ends at its comma: the main clause after it is a fact
        (
            "Despite enemy claims that they took Oakbury, footage shows the village under fire.",
            "under fire",
            "fact",
        ),
        ("Despite reports of heavy losses, the brigade captured Oakbury.", "captured", "fact"),
        # a denial later in the sentence takes back what came before it
        (
            "Reports emerged that the brigade had reached Oakbury, but officials later refuted "
            "these claims.",
            "reached",
            "denied",
        ),
        (
            "A blogger claimed that scouts raided Oakbury, but this claim is unlikely.",
            "raided",
            "denied",
        ),
        # ... but not a source's reserve, nor an action after the denial
        (
            "Bloggers claimed that the brigade took Oakbury, and analysts cannot confirm or "
            "deny those reports.",
            "took",
            "fact",
        ),
        (
            "Bloggers claimed that the brigade took Oakbury, but its commander refuted this "
            "claim and said that fighting continues in Oakbury.",
            "fighting",
            "fact",
        ),
    ],
)
def test_claims_set_against_facts_and_denied_later_in_the_sentence(sentence, cue, expected) -> None:
    assert reading(sentence, cue) == expected
