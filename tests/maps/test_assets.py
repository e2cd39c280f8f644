from __future__ import annotations

import base64
import hashlib
import io
import shutil
import tarfile

import pytest

from gazetteer.exc import DataError
from maps import assets
from maps.assets import AssetPackage


def _tarball(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_lock_pins_version_integrity_and_files():
    (leaflet,) = [p for p in assets.load_lock() if p.package == "leaflet"]
    assert leaflet.version.count(".") == 2
    assert leaflet.integrity.startswith("sha512-")
    assert "dist/leaflet.js" in leaflet.files


def test_fetch_verifies_integrity_and_extracts(tmp_path, monkeypatch):
    data = _tarball({"dist/a.js": b"var a = 1;", "dist/other.txt": b"x"})
    good = AssetPackage("demo", "1.0.0", _integrity(data), ("dist/a.js",))
    monkeypatch.setattr(assets, "_download_npm", lambda pkg, work: data)
    (folder,) = assets.fetch(lock=(good,), root=tmp_path)
    assert (folder / "dist/a.js").read_bytes() == b"var a = 1;"
    assert not (folder / "dist/other.txt").exists()

    # Cached: a second fetch downloads nothing.
    def boom(*_a):
        raise AssertionError("downloaded again")

    monkeypatch.setattr(assets, "_download_npm", boom)
    monkeypatch.setattr(assets, "_download_http", boom)
    assert assets.fetch(lock=(good,), root=tmp_path) == [folder]


def test_fetch_rejects_a_tampered_tarball(tmp_path, monkeypatch):
    data = _tarball({"dist/a.js": b"var a = 1;"})
    bad = AssetPackage("demo", "1.0.0", _integrity(b"something else"), ("dist/a.js",))
    monkeypatch.setattr(assets, "_download_npm", lambda pkg, work: data)
    with pytest.raises(DataError, match="integrity mismatch"):
        assets.fetch(lock=(bad,), root=tmp_path)
    assert not (tmp_path / bad.directory_name).exists()


def test_fetch_falls_back_to_https_without_npm(tmp_path, monkeypatch):
    data = _tarball({"dist/a.js": b"1"})
    pkg = AssetPackage("demo", "1.0.0", _integrity(data), ("dist/a.js",))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    seen = []
    monkeypatch.setattr(assets, "_download_http", lambda p: seen.append(p.tarball_url) or data)
    assets.fetch(lock=(pkg,), root=tmp_path)
    assert seen == ["https://registry.npmjs.org/demo/-/demo-1.0.0.tgz"]


def test_inline_css_embeds_images():
    css = assets.inline_css("leaflet", "dist/leaflet.css")
    assert "url(images/" not in css
    assert 'url("data:image/png;base64,' in css
