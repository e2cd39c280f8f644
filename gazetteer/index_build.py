"""Building the place index: keys, prominence and the arrays written into the cache.

The places come from :func:`gazetteer.index_rows.gather_rows` (or are given); each gets its
keys for every matching stage and a prior importance; the columns, key tables, names,
vocabulary and geometries are written into a new index folder that
:class:`gazetteer.index.Index` reads.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from gazetteer import names as nm
from gazetteer.exc import DataError
from gazetteer.index import FORMAT_VERSION, KIND_CODE, STAGES, cache_dir, index_path, key_hash
from gazetteer.index_rows import Row, gather_rows
from gazetteer.index_sources import load_demonyms
from gazetteer.model import PlaceKind

__all__ = ["build_index", "prominence"]

_KIND_WEIGHT = {
    PlaceKind.COUNTRY: 1.0,
    PlaceKind.CONTINENT: 0.9,
    PlaceKind.ADMIN1: 0.85,
    PlaceKind.REGION: 0.85,
    PlaceKind.ADMIN2: 0.6,
    PlaceKind.BORDER: 0.5,
}


def prominence(kind: PlaceKind, population: int, n_names: int) -> float:
    """Prior importance of a place in 0..1 from its kind, population and number of names."""
    base = _KIND_WEIGHT.get(kind)
    if base is not None:
        return base
    pop = min(1.0, math.log10(population + 1) / 7.0)
    names = min(1.0, math.log10(n_names + 1) / 2.0)
    value = 0.75 * pop + 0.25 * names
    return value * (0.5 if kind is PlaceKind.FEATURE else 1.0)


# --------------------------------------------------------------------------- build


def _keys_of(names: Iterable[str], loose: Iterable[str]) -> list[set[str]]:
    exact: set[str] = set()
    norm: set[str] = set()
    trans: set[str] = set()
    skel: set[str] = set()
    for i, group in enumerate((names, loose)):
        for n in group:
            if not n:
                continue
            if i == 0:
                exact.add(nm.exact_key(n))
            nn = nm.normalise(n)
            if not nn:
                continue
            norm.add(nn)
            trans.update(nm.translit_keys(nn))
            for form in nm.latin_forms(nn):
                s = nm.skeleton(form)
                if s:
                    skel.add(s)
    return [exact, norm, trans, skel]


def build_index(
    root: Path | None = None,
    *,
    rows: Iterable[Row] | None = None,
    admin1_names: dict[str, str] | None = None,
    demonyms: dict[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Build the index for the current inputs into the cache and return its folder.

    Parameters
    ----------
    root : Path, optional
        Cache folder; :func:`~gazetteer.index.cache_dir` when omitted.
    rows : iterable of Row, optional
        Build a small index from these places instead of the registry data (tests,
        special-purpose gazetteers); places without a GeoNames id must come first.
    admin1_names, demonyms : dict, optional
        With ``rows``: admin-1 names by ``CC.code`` and demonyms (lower case) to ISO2.
    progress : callable, optional
        Receives one line per step.

    Returns
    -------
    Path
        The index folder (already complete when it existed).
    """
    root = root or cache_dir()
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    if rows is not None:
        rows = list(rows)
        digest = hashlib.blake2b(
            pickle.dumps((FORMAT_VERSION, rows, admin1_names, demonyms), protocol=5),
            digest_size=8,
        ).hexdigest()
        target = root / f"gazetteer-v{FORMAT_VERSION}-rows-{digest}"
    else:
        target = index_path(root)
    if (target / "meta.pkl").exists():
        return target
    root.mkdir(parents=True, exist_ok=True)
    if rows is None:
        rows, admin1_names = gather_rows(root, say)
        demonyms = load_demonyms()
    # stable order: special places first, then GeoNames rows by id
    n = len(rows)
    say(f"{n} places gathered ({time.perf_counter() - t0:.1f} s)")
    kinds = np.array([KIND_CODE[r.kind] for r in rows], dtype=np.uint8)
    prom = np.array(
        [prominence(r.kind, r.population, len(r.names)) for r in rows], dtype=np.float32
    )
    countries = sorted({r.country for r in rows} | {""})
    cc_index = {c: i for i, c in enumerate(countries)}
    a1_keys = sorted({r.admin1 for r in rows} | {""})
    a1_index = {k: i for i, k in enumerate(a1_keys)}
    cols = {
        "lat": np.array([r.lat for r in rows], dtype=np.float64),
        "lon": np.array([r.lon for r in rows], dtype=np.float64),
        "pop": np.array([r.population for r in rows], dtype=np.int64),
        "gid": np.array([r.geonameid for r in rows], dtype=np.int64),
        "kind": kinds,
        "prom": prom,
        "nalt": np.array([len(r.names) for r in rows], dtype=np.int32),
        "cc": np.array([cc_index[r.country] for r in rows], dtype=np.uint16),
        "a1": np.array([a1_index[r.admin1] for r in rows], dtype=np.int32),
    }
    for col, texts in (
        ("names", (r.name for r in rows)),
        ("mkeys", (nm.translit_keys(nm.normalise(r.name))[0] for r in rows)),
    ):
        blob = io.BytesIO()
        offsets = [0]
        for text in texts:
            blob.write(text.encode("utf-8"))
            offsets.append(blob.tell())
        cols[col] = np.frombuffer(blob.getvalue(), dtype=np.uint8)
        cols[f"{col}_off"] = np.array(offsets, dtype=np.int64)

    stage_pairs: list[list[tuple[int, int]]] = [[] for _ in STAGES]
    vocab: dict[str, None] = {}
    max_tokens = 1
    for i, r in enumerate(rows):
        keysets = _keys_of(r.names, r.loose_names)
        for k in keysets[0]:
            max_tokens = max(max_tokens, k.count(" ") + 1)
        for s, keys in enumerate(keysets):
            for k in keys:
                stage_pairs[s].append((key_hash(k), i))
        if r.kind is not PlaceKind.BORDER:
            for k in keysets[2]:
                vocab[k] = None
    say(f"keys computed ({time.perf_counter() - t0:.1f} s)")
    order_prom = -prom.astype(np.float64)
    # units share one prominence: among equals the more populous comes first ("Florida":
    # the US state before a municipality of that name)
    order_pop = -np.array([r.population for r in rows], dtype=np.float64)
    for s, pairs in enumerate(stage_pairs):
        arr = np.array(pairs, dtype=np.uint64).reshape(-1, 2)
        h = arr[:, 0]
        p = arr[:, 1].astype(np.int32)
        order = np.lexsort((p, order_pop[p], order_prom[p], h))
        h, p = h[order], p[order]
        # drop duplicate (hash, row) pairs
        keep = np.ones(len(h), dtype=bool)
        keep[1:] = (h[1:] != h[:-1]) | (p[1:] != p[:-1])
        cols[f"h{s}"] = h[keep]
        cols[f"p{s}"] = p[keep]

    words = sorted(vocab, key=lambda k: (k[:1], len(k), k))
    starts: dict[tuple[str, int], int] = {}
    for i, w in enumerate(words):
        starts.setdefault((w[:1], len(w)), i)
    special_ids = [r.id for r in rows if not r.id.startswith("gn:")]
    n_special = len(special_ids)
    if any(not r.id.startswith("gn:") for r in rows[n_special:]):
        raise DataError("index build: places without a GeoNames id must come first")
    meta = {
        "version": FORMAT_VERSION,
        "n": n,
        "special_ids": "\n".join(special_ids),  # one string: fast to unpickle
        "countries": countries,
        "admin1_keys": a1_keys,
        "admin1_names": admin1_names or {},
        "demonyms": demonyms or {},
        "feature_codes": {i: r.feature_code for i, r in enumerate(rows) if r.feature_code},
        "max_tokens": max_tokens,
    }
    geoms = {i: r.geometry_wkb for i, r in enumerate(rows) if r.geometry_wkb is not None}

    tmp = Path(tempfile.mkdtemp(prefix=".gazetteer-build-", dir=root))
    try:
        for name, arr in cols.items():
            np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
        with open(tmp / "fuzzy.pkl", "wb") as fh:
            pickle.dump({"words": words, "starts": starts}, fh, protocol=5)
        with open(tmp / "geoms.pkl", "wb") as fh:
            pickle.dump(geoms, fh, protocol=5)
        with open(tmp / "meta.pkl", "wb") as fh:
            pickle.dump(meta, fh, protocol=5)
        try:
            os.replace(tmp, target)
        except OSError:
            if not (target / "meta.pkl").exists():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if "-rows-" not in target.name:
        for old in root.glob("gazetteer-v*"):
            if old.is_dir() and old != target and "-rows-" not in old.name:
                shutil.rmtree(old, ignore_errors=True)
    say(f"index written to {target} ({time.perf_counter() - t0:.1f} s)")
    return target
