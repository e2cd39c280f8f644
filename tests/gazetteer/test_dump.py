"""Import of a full GeoNames dump: a small zip in the 19-column format, made here."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gazetteer import InputError, PlaceKind
from gazetteer.dump import import_dump, read_dump
from gazetteer.index import input_files
from gazetteer.index_build import build_index
from gazetteer.index_rows import rows_from_extract
from gazetteer.resolver import Gazetteer


def _line(gid, name, ascii_name, alts, lat, lon, fcl, fcode, cc, adm1, pop) -> str:
    cols = [str(gid), name, ascii_name, ",".join(alts), str(lat), str(lon), fcl, fcode, cc, "",
            adm1, "", "", "", str(pop), "", "150", "Europe/Kyiv", "2024-01-01"]  # fmt: skip
    assert len(cols) == 19
    return "\t".join(cols)


ROWS = [
    _line(90000001, "Sosnivka Druha", "Sosnivka Druha", ["Сосновка Вторая", "Sosnovka Vtoraya"],
          49.71, 36.92, "P", "PPL", "UA", "07", 140),
    _line(90000002, "Kozacha Balka", "Kozacha Balka", ["Казача Балка"],
          48.91, 37.45, "H", "STM", "UA", "05", 0),
    _line(90000003, "Kharkiv Oblast", "Kharkiv Oblast", [], 49.5, 36.5, "A", "ADM1", "UA", "07",
          2600000),
]  # fmt: skip


@pytest.fixture
def dump_zip(tmp_path: Path) -> Path:
    path = tmp_path / "UA.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not the data\n")
        zf.writestr("UA.txt", "\n".join(ROWS) + "\n")
    return path


def test_read_dump_parses_the_19_column_format(dump_zip: Path) -> None:
    rows = list(read_dump(dump_zip))
    assert [r["geonameid"] for r in rows] == [90000001, 90000002, 90000003]
    assert rows[0]["kind"] == PlaceKind.SETTLEMENT.value and rows[0]["population"] == 140
    assert "Сосновка Вторая" in rows[0]["names"]
    assert rows[1]["kind"] == PlaceKind.FEATURE.value


def test_import_then_resolve_a_village_below_500(dump_zip: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    report = import_dump(dump_zip, root=root)
    assert report.added == 2 and report.skipped == 1  # the ADM1 row is covered by geometry
    assert report.extract in input_files(root)  # the next full build folds it in
    import pickle

    with open(report.extract, "rb") as fh:
        extract = pickle.load(fh)
    path = build_index(root, rows=rows_from_extract(extract))
    gaz = Gazetteer.load(path)
    village = gaz.resolve("Sosnovka Vtoraya")
    assert village is not None and village.geonameid == 90000001
    assert gaz.resolve("Сосновка Вторая").geonameid == 90000001
    stream = gaz.resolve("Kozacha Balka", cues=["river"])
    assert stream is not None and stream.kind is PlaceKind.FEATURE


def test_bad_dump_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_text(ROWS[0] + "\n" + "1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.txt: line 2 has 3 columns"):
        list(read_dump(bad))
    with pytest.raises(InputError, match="no such file"):
        list(read_dump(tmp_path / "missing.zip"))
    notzip = tmp_path / "XX.zip"
    notzip.write_bytes(b"plain text")
    with pytest.raises(InputError, match="not a zip"):
        list(read_dump(notzip))
