from __future__ import annotations

import struct
import zlib

import pytest

from gazetteer.exc import DataError
from maps.screenshot import early_date, optimise_png
from maps.table import load_events, map_events


def _png(width: int, height: int, level: int = 0) -> bytes:
    raw = b"".join(
        b"\x00" + bytes((x * 7 + y) % 256 for x in range(width * 3)) for y in range(height)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(raw, level)
    half = len(data) // 2
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", head)
        + chunk(b"tEXt", b"k\x00v")
        + chunk(b"IDAT", data[:half])
        + chunk(b"IDAT", data[half:])
        + chunk(b"IEND", b"")
    )


def _pixels(png: bytes) -> bytes:
    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        if kind == b"IDAT":
            idat += png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return zlib.decompress(idat)


def test_optimise_png_is_lossless_and_smaller():
    png = _png(64, 48)
    small = optimise_png(png)
    assert len(small) < len(png)
    assert _pixels(small) == _pixels(png)
    assert small[12:29] == png[12:29]  # same header chunk
    assert optimise_png(small) == small


def test_optimise_png_rejects_other_bytes():
    with pytest.raises(DataError, match="not a PNG"):
        optimise_png(b"GIF89a....")


def test_early_date_skips_stray_years(events):
    evs = map_events(load_events(events))
    days = sorted({e.day for e in evs if e.day})
    early = early_date(evs)
    assert days[0] <= early < days[len(days) // 2]
    # A report dated years before the rest does not drag the early date back.
    import dataclasses

    stray = dataclasses.replace(
        evs[0], event=dataclasses.replace(evs[0].event, event_id="old"), day="2014-07-02"
    )
    assert early_date([*evs, stray]) == early
    assert early_date(evs[:1]) is None
