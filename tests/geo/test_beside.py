"""A step run in a forked process beside this one: it overlaps, and its failures come back."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gazetteer.exc import FrontlineError, InputError
from geo.beside import alongside

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)


def _wait_for(path: Path, limit: float = 30.0) -> bool:
    deadline = time.monotonic() + limit
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_the_job_runs_in_another_process_at_the_same_time_as_the_body(tmp_path):
    started, body_done, job_out = (tmp_path / n for n in ("started", "body", "job"))

    def job() -> None:
        started.write_text(str(os.getpid()))
        # the body's mark can only appear while this job is still running
        job_out.write_text("saw the body" if _wait_for(body_done) else "ran alone")

    with alongside(job, what="a test job"):
        assert _wait_for(started)
        body_done.write_text("done")
    assert job_out.read_text() == "saw the body"  # waited for on leaving the block
    assert int(started.read_text()) != os.getpid()
    assert not multiprocessing.active_children()


def test_the_jobs_error_is_raised_here_after_the_body(tmp_path):
    body = tmp_path / "body"

    def job() -> None:
        raise InputError("events.csv: the folder is read-only; choose another -o")

    with (
        pytest.raises(InputError, match="folder is read-only"),
        alongside(job, what="the event tables"),
    ):
        body.write_text("the body ran to its end")
    assert body.read_text() == "the body ran to its end"


def test_a_job_whose_process_dies_is_a_clear_error():
    def job() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with (
        pytest.raises(FrontlineError, match="writing the event tables in out/ stopped"),
        alongside(job, what="the event tables in out/"),
    ):
        pass
    assert not multiprocessing.active_children()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states in /proc")
def test_the_jobs_process_ends_when_its_parent_is_killed(tmp_path):
    # A build killed outright (SIGKILL) must not leave its forked worker behind.
    child_pid = tmp_path / "child"
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from geo.beside import alongside\n"
        "def job():\n"
        f"    Path({str(child_pid)!r}).write_text(str(os.getpid()))\n"
        "    time.sleep(120)\n"
        "with alongside(job, what='a test job'):\n"
        "    time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[2])
    try:
        assert _wait_for(child_pid)
        pid = int(child_pid.read_text())
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid)
    finally:
        parent.kill()


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, ended but not yet reaped, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
