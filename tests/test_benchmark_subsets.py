"""The parts of the development set that the control benchmarks also measure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from benchmarks.control_subsets import subsets
from benchmarks.control_truth import Week, covered_weeks


def _reports(days: list[str]) -> list[Path]:
    return [Path(f"{day}_report.md") for day in days]


def test_the_halves_split_the_reports_at_the_middle_date_and_the_sparse_feed_skips_every_other():
    days = ["2022-07-01", "2022-07-02", "2022-07-04", "2022-07-05", "2022-07-07"]
    parts = subsets(list(reversed(_reports(days))))
    assert [p.name[:10] for p in parts["all"]] == days
    assert [p.name[:10] for p in parts["first half"]] == days[:2]
    assert [p.name[:10] for p in parts["second half, cold start"]] == days[2:]
    assert [p.name[:10] for p in parts["every other report"]] == days[::2]


def test_a_corpus_is_judged_from_the_week_of_its_first_report_on():
    weeks = [Week(day, [], []) for day in ("2022-07-04", "2022-10-10", "2022-10-17")]
    table = pd.DataFrame({"published_at": ["2022-10-14", "2022-10-12", None]})
    assert [w.day for w in covered_weeks(weeks, table)] == ["2022-10-17"]
    on_the_day = pd.DataFrame({"published_at": ["2022-10-10"]})
    assert [w.day for w in covered_weeks(weeks, on_the_day)] == ["2022-10-10", "2022-10-17"]
    early = pd.DataFrame({"published_at": ["2022-07-01"]})
    assert [w.day for w in covered_weeks(weeks, early)] == [w.day for w in weeks]


def test_the_readme_table_counts_the_dates_the_seeded_map_beats_persistence():
    from benchmarks.report import _above

    assert _above({"above": 16}) == "16 of 16"
    assert _above({"above": 27, "equal": 1}) == "27 of 28 (1 equal)"
    assert _above({"above": 14, "below": 2}) == "14 of 16 (2 below)"
