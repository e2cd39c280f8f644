"""The geoparsing field's metrics: Acc@161km, mean/median error, AUC, recognition P/R/F1.

Definitions follow ``shared/benchmarks/geoparse/README.md`` (Gritta et al.): for every gold
toponym with coordinates, e = great-circle distance (R = 6371.0088 km) between predicted and
gold point; a toponym not found, not resolved or abstained on gets e = 20039 km.
Reusable by the given-span and the end-to-end benchmarks.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "EARTH_RADIUS_KM",
    "LITERAL_TYPES",
    "MISS_KM",
    "ErrorMetrics",
    "RecognitionMetrics",
    "auc",
    "error_metrics",
    "great_circle_km",
    "load_jsonl",
    "recognition_metrics",
    "span_errors",
]

EARTH_RADIUS_KM = 6371.0088
MISS_KM = 20039.0
#: GeoWebNews toponym types scored as "a point on a map".
LITERAL_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"})


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc(errors: Sequence[float]) -> float:
    """Area under the error curve (Gritta et al. 2018); 0 is perfect."""
    if len(errors) < 2:
        return 0.0 if not errors else math.log1p(errors[0]) / math.log(MISS_KM)
    xs = sorted(math.log1p(min(e, MISS_KM)) / math.log(MISS_KM) for e in errors)
    area = sum((xs[i] + xs[i + 1]) / 2.0 for i in range(len(xs) - 1))
    return area / (len(xs) - 1)


@dataclass(frozen=True)
class ErrorMetrics:
    """Resolution metrics over gold toponyms with coordinates."""

    n: int
    acc161: float
    mean_km: float
    median_km: float
    auc: float
    abstained: int

    def as_dict(self) -> dict[str, Any]:
        """Plain dict, rounded for reports."""
        d = asdict(self)
        for k in ("acc161", "auc"):
            d[k] = round(d[k], 4)
        for k in ("mean_km", "median_km"):
            d[k] = round(d[k], 1)
        return d


def error_metrics(errors: Sequence[float], *, abstained: int = 0) -> ErrorMetrics:
    """Acc@161km, mean, median and AUC of a list of errors (km)."""
    if not errors:
        return ErrorMetrics(0, 0.0, 0.0, 0.0, 0.0, abstained)
    return ErrorMetrics(
        n=len(errors),
        acc161=sum(e < 161.0 for e in errors) / len(errors),
        mean_km=statistics.fmean(errors),
        median_km=statistics.median(errors),
        auc=auc(errors),
        abstained=abstained,
    )


def span_errors(
    gold: Iterable[Mapping[str, Any]], predicted: Mapping[tuple[int, int], Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], float]]:
    """Error (km) of every gold toponym with coordinates, matched by exact span.

    Parameters
    ----------
    gold : iterable of mapping
        Gold toponyms (``start``, ``end``, ``lat``, ``lon``, ...).
    predicted : mapping
        ``(start, end) -> mention`` with ``lat``/``lon`` (``None`` = abstained).

    Returns
    -------
    list of (gold toponym, error km)
    """
    out = []
    for g in gold:
        if g.get("lat") is None or g.get("lon") is None:
            continue
        m = predicted.get((g["start"], g["end"]))
        if m is None or m.get("lat") is None or m.get("lon") is None:
            out.append((g, MISS_KM))
        else:
            out.append((g, great_circle_km(g["lat"], g["lon"], m["lat"], m["lon"])))
    return out


@dataclass(frozen=True)
class RecognitionMetrics:
    """Strict-span recognition precision, recall and F1."""

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    def as_dict(self) -> dict[str, Any]:
        """Plain dict, rounded for reports."""
        d = asdict(self)
        for k in ("precision", "recall", "f1"):
            d[k] = round(d[k], 4)
        return d


def recognition_metrics(
    gold_spans: Iterable[tuple[int, int]], predicted_spans: Iterable[tuple[int, int]]
) -> RecognitionMetrics:
    """Strict span match (same start and end) against all gold spans of one or more docs.

    Spans must be made unique per document by the caller (e.g. ``(doc_id, start, end)``).
    """
    g, p = set(gold_spans), set(predicted_spans)
    tp = len(g & p)
    fp = len(p - g)
    fn = len(g - p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return RecognitionMetrics(prec, rec, f1, tp, fp, fn)


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL file (one object per line)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
