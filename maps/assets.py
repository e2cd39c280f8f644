"""Browser assets (Leaflet) taken from npm, pinned and checksummed, cached for inlining.

The lock file ``maps/assets.lock.json`` names each package, its version, the npm
``integrity`` (sha512 of the tarball) and the files the maps use. ``fetch`` downloads
each tarball once (``npm pack``, or a plain HTTPS GET of the registry tarball when npm
is missing), checks the integrity and extracts the listed files into the cache
(``$FRONTLINE_CACHE/assets`` or ``~/.cache/frontline/assets``). Nothing third-party
is ever committed; rendering reads the cache and fails with a clear message when it
is empty.

Run ``python -m maps.assets fetch`` (``make assets``) once per machine.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from gazetteer.exc import DataError

__all__ = [
    "AssetPackage",
    "asset_bytes",
    "asset_text",
    "cache_dir",
    "cdn_url",
    "fetch",
    "inline_css",
    "load_lock",
    "main",
]

_REGISTRY = "https://registry.npmjs.org"
_CDN = "https://cdn.jsdelivr.net/npm"
_COMPLETE = ".complete"


@dataclass(frozen=True)
class AssetPackage:
    """One pinned npm package from the lock file.

    Attributes
    ----------
    package : str
        npm package name.
    version : str
        Exact version.
    integrity : str
        npm ``integrity`` string (``sha512-<base64>``) of the tarball.
    files : tuple of str
        Paths inside the package (without the ``package/`` prefix) that are used.
    license : str
        SPDX licence identifier, for the credits.
    """

    package: str
    version: str
    integrity: str
    files: tuple[str, ...]
    license: str = ""

    @property
    def tarball_url(self) -> str:
        """Registry URL of the tarball."""
        base = self.package.rsplit("/", 1)[-1]
        return f"{_REGISTRY}/{self.package}/-/{base}-{self.version}.tgz"

    @property
    def directory_name(self) -> str:
        """Name of the package's directory in the cache."""
        return f"{self.package.replace('/', '__')}-{self.version}"


def load_lock(path: Path | None = None) -> tuple[AssetPackage, ...]:
    """Read the asset lock file.

    Parameters
    ----------
    path : Path, optional
        Lock file; defaults to the ``assets.lock.json`` shipped with :mod:`maps`.

    Returns
    -------
    tuple of AssetPackage
    """
    if path is None:
        text = resources.files("maps").joinpath("assets.lock.json").read_text("utf-8")
        where = "maps/assets.lock.json"
    else:
        text = Path(path).read_text("utf-8")
        where = str(path)
    try:
        raw = json.loads(text)
        return tuple(
            AssetPackage(
                package=p["package"],
                version=p["version"],
                integrity=p["integrity"],
                files=tuple(p["files"]),
                license=p.get("license", ""),
            )
            for p in raw["packages"]
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{where}: malformed asset lock file ({exc})") from exc


def cache_dir() -> Path:
    """Directory holding the extracted assets.

    Returns
    -------
    Path
        ``$FRONTLINE_CACHE/assets`` when the variable is set, else
        ``~/.cache/frontline/assets``.
    """
    root = os.environ.get("FRONTLINE_CACHE")
    base = Path(root) if root else Path.home() / ".cache" / "frontline"
    return base / "assets"


def _integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _download_npm(pkg: AssetPackage, workdir: Path) -> bytes | None:
    npm = shutil.which("npm")
    if npm is None:
        return None
    proc = subprocess.run(
        [
            npm,
            "pack",
            f"{pkg.package}@{pkg.version}",
            "--pack-destination",
            str(workdir),
            "--silent",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0:
        return None
    tarballs = sorted(workdir.glob("*.tgz"))
    return tarballs[0].read_bytes() if tarballs else None


def _download_http(pkg: AssetPackage) -> bytes:
    try:
        with urllib.request.urlopen(pkg.tarball_url, timeout=120) as resp:
            return resp.read()
    except OSError as exc:
        raise DataError(
            f"cannot download {pkg.tarball_url} ({exc}); connect to the npm registry "
            "once and rerun `python -m maps.assets fetch`"
        ) from exc


def _is_complete(pkg: AssetPackage, root: Path) -> bool:
    target = root / pkg.directory_name
    marker = target / _COMPLETE
    if not marker.is_file() or marker.read_text("utf-8").strip() != pkg.integrity:
        return False
    return all((target / f).is_file() for f in pkg.files)


def _extract(pkg: AssetPackage, data: bytes, root: Path) -> None:
    target = root / pkg.directory_name
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            members = {m.name: m for m in tar.getmembers() if m.isfile()}
            for rel in pkg.files:
                member = members.get(f"package/{rel}")
                if member is None:
                    raise DataError(
                        f"{pkg.package}@{pkg.version}: file {rel!r} listed in "
                        "maps/assets.lock.json is not in the package"
                    )
                handle = tar.extractfile(member)
                if handle is None:  # pragma: no cover - regular files always extract
                    raise DataError(f"{pkg.package}@{pkg.version}: cannot read {rel!r}")
                dest = tmp / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(handle.read())
        (tmp / _COMPLETE).write_text(pkg.integrity + "\n", "utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def fetch(
    *,
    lock: tuple[AssetPackage, ...] | None = None,
    root: Path | None = None,
    use_npm: bool = True,
) -> list[Path]:
    """Download, verify and extract every locked package that is not cached yet.

    Idempotent: packages already extracted with the locked integrity are skipped.

    Parameters
    ----------
    lock : tuple of AssetPackage, optional
        Packages to fetch; defaults to :func:`load_lock`.
    root : Path, optional
        Cache directory; defaults to :func:`cache_dir`.
    use_npm : bool, default True
        Try ``npm pack`` first; ``False`` goes straight to the registry over HTTPS.

    Returns
    -------
    list of Path
        The package directories in the cache.

    Raises
    ------
    DataError
        A download failed or a tarball does not match its locked integrity.
    """
    packages = load_lock() if lock is None else lock
    base = cache_dir() if root is None else Path(root)
    base.mkdir(parents=True, exist_ok=True)
    out = []
    for pkg in packages:
        if not _is_complete(pkg, base):
            with tempfile.TemporaryDirectory(dir=base) as work:
                data = _download_npm(pkg, Path(work)) if use_npm else None
                if data is None:
                    data = _download_http(pkg)
            got = _integrity_of(data)
            if got != pkg.integrity:
                raise DataError(
                    f"{pkg.package}@{pkg.version}: integrity mismatch (locked "
                    f"{pkg.integrity}, downloaded {got}); the download is corrupt or the "
                    "lock file is wrong"
                )
            _extract(pkg, data, base)
        out.append(base / pkg.directory_name)
    return out


def _find(package: str) -> AssetPackage:
    for pkg in load_lock():
        if pkg.package == package:
            return pkg
    raise DataError(f"package {package!r} is not in maps/assets.lock.json")


def asset_bytes(package: str, file: str) -> bytes:
    """Content of one cached asset file.

    Parameters
    ----------
    package : str
        npm package name from the lock file.
    file : str
        Path inside the package, one of its locked ``files``.

    Returns
    -------
    bytes

    Raises
    ------
    DataError
        The asset cache is missing: run ``python -m maps.assets fetch``.
    """
    return _asset_bytes(package, file, str(cache_dir()))


@lru_cache(maxsize=64)
def _asset_bytes(package: str, file: str, root: str) -> bytes:
    pkg = _find(package)
    if file not in pkg.files:
        raise DataError(f"{file!r} is not a locked file of {package} in maps/assets.lock.json")
    if not _is_complete(pkg, Path(root)):
        raise DataError(
            f"browser assets missing from {root}: run `make assets` "
            "(python -m maps.assets fetch) once while online"
        )
    return (Path(root) / pkg.directory_name / file).read_bytes()


def asset_text(package: str, file: str) -> str:
    """Content of one cached text asset (UTF-8), see :func:`asset_bytes`."""
    return asset_bytes(package, file).decode("utf-8")


def cdn_url(package: str, file: str) -> str:
    """Pinned jsDelivr URL of a locked asset (used when not self-contained).

    Parameters
    ----------
    package : str
        npm package name.
    file : str
        Path inside the package.

    Returns
    -------
    str
    """
    pkg = _find(package)
    return f"{_CDN}/{pkg.package}@{pkg.version}/{file}"


_URL_RE = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")
_MIME = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".gif": "image/gif",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}


def inline_css(package: str, file: str) -> str:
    """Return a cached stylesheet with each relative ``url(...)`` replaced by a data URI.

    Parameters
    ----------
    package : str
        npm package name.
    file : str
        Stylesheet path inside the package.

    Returns
    -------
    str
        CSS that needs no further file or network request.
    """
    css = asset_text(package, file)
    folder = file.rsplit("/", 1)[0] if "/" in file else ""

    def _sub(match: re.Match[str]) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "#")) or "://" in ref:
            return match.group(0)
        rel = os.path.normpath(f"{folder}/{ref}" if folder else ref).replace(os.sep, "/")
        mime = _MIME.get(Path(rel).suffix.lower())
        if mime is None:
            raise DataError(f"{package}/{file}: cannot inline {ref!r} (unknown type)")
        data = base64.b64encode(asset_bytes(package, rel)).decode("ascii")
        return f'url("data:{mime};base64,{data}")'

    return _URL_RE.sub(_sub, css)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m maps.assets fetch [--no-npm]``.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (defaults to ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0 done, 1 a download or check failed, 2 usage error.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m maps.assets")
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fetch", help="download, verify and cache the pinned browser assets")
    f.add_argument("--no-npm", action="store_true", help="use HTTPS, not npm pack")
    args = parser.parse_args(argv)
    try:
        dirs = fetch(use_npm=not args.no_npm)
    except DataError as exc:
        print(f"maps.assets: {exc}", file=sys.stderr)
        return 1
    for d in dirs:
        print(f"assets ok: {d}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
