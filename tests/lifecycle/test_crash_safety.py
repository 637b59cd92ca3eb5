"""Crash safety (issue 5, item 6): a writer killed at random moments never leaves a
partial or corrupt file, drafts recover, and two processes saving the same file never
silently lose one's work.

The writers are forked children of the test process (no interpreter start-up per kill),
killed with SIGKILL: no Python cleanup, no `finally`, as in a power cut of the process.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import assessment_doc
from xborder.model import Assessment
from xborder.store.assessments import (
    ConflictError,
    dump_assessment,
    load_assessment,
    save_assessment,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")

KILLS = 300
PAD = "Large notes so that one write takes a while. " * 1000  # ~45 kB: a save takes ~4 ms


def versions() -> tuple[Assessment, Assessment]:
    a = Assessment.model_validate(assessment_doc(title="Version A", notes="A " + PAD))
    b = Assessment.model_validate(assessment_doc(title="Version B", notes="B " + PAD))
    return a, b


def naive_write(path: Path, data: bytes) -> None:
    """What a careless tool does: truncate, then write in pieces (for the control test)."""
    with open(path, "wb") as handle:
        for start in range(0, len(data), 4096):
            handle.write(data[start : start + 4096])
            handle.flush()


def kill_writer_repeatedly(
    path: Path, write: Callable[[int], None], kills: int, seed: int, first: Callable[[bytes], int]
) -> list[bytes]:
    """Fork a child that writes forever, alternating versions, starting with the one
    not on disk (`first(current bytes)` is its turn); SIGKILL it after a random pause;
    return the file's bytes after each kill."""
    rng = random.Random(seed)
    seen = []
    for _ in range(kills):
        start = first(path.read_bytes())
        pid = os.fork()
        if pid == 0:  # the writer
            try:
                turn = start
                while True:
                    write(turn)
                    turn += 1
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.012))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        seen.append(path.read_bytes())
    return seen


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "assessments"
    folder.mkdir(parents=True)
    return folder / "x.toml"


def test_killed_saves_never_leave_a_partial_file(target: Path, reference) -> None:
    a, b = versions()
    texts = (dump_assessment(a).encode(), dump_assessment(b).encode())
    save_assessment(target, a)
    seen = kill_writer_repeatedly(
        target, lambda turn: save_assessment(target, (a, b)[turn % 2]), KILLS, seed=5,
        first=lambda data: 1 if data == texts[0] else 0,
    )
    assert set(seen) <= set(texts), "a kill left a file that is neither the old nor the new version"
    assert len(set(seen)) == 2, "the writer never got to write: the test proved nothing"
    result = load_assessment(target, reference)
    assert result.ok and result.assessment.title in ("Version A", "Version B")
    # killed writes leave their hidden temporary files; they are never taken for assessments
    from xborder.store.workspace import Workspace

    leftovers = [p.name for p in target.parent.iterdir() if p.name != "x.toml"]
    assert all(name.startswith(".x.toml.") and name.endswith(".tmp") for name in leftovers)
    workspace = Workspace(target.parents[2], None, reference)  # type: ignore[arg-type]
    assert workspace.assessment_files() == [target]


def test_the_harness_catches_a_non_atomic_writer(target: Path) -> None:
    """Control: the same kills against a truncate-and-write writer do find torn files,
    so the test above would fail if saving were not atomic."""
    a, b = versions()
    texts = (dump_assessment(a).encode(), dump_assessment(b).encode())
    naive_write(target, texts[0])
    seen = kill_writer_repeatedly(
        target, lambda turn: naive_write(target, texts[turn % 2]), 60, seed=7,
        first=lambda data: 1 if data == texts[0] else 0,
    )
    assert any(data not in texts for data in seen)


def test_killed_draft_saves_recover(tmp_path: Path) -> None:
    """Autosaved drafts: after any kill, every draft file reads back whole."""
    from xborder.store.drafts import Draft, list_drafts, save_draft

    root = tmp_path
    docs = [assessment_doc(title=f"Draft {n}", notes=f"{n} " + PAD) for n in range(2)]

    def write(turn: int) -> None:
        save_draft(root, Draft(key="edit-x", document=docs[turn % 2], target="data/assessments/x.toml"))

    write(0)
    seen = kill_writer_repeatedly(
        root / ".xborder-drafts" / "edit-x.toml", write, 100, seed=11,
        first=lambda data: 1 if b"Draft 0" in data else 0,
    )
    assert len(set(seen)) >= 2
    drafts, errors = list_drafts(root)
    assert errors == []
    (draft,) = drafts
    assert draft.title in ("Draft 0", "Draft 1")


# -- two processes, one file ----------------------------------------------------------------
def test_the_later_save_is_refused_and_nothing_is_lost(target: Path, reference) -> None:
    """Two people open the same file; the first saves; the second is told, and the
    first one's work is still on disk."""
    a, b = versions()
    save_assessment(target, a)
    first = load_assessment(target, reference)
    second = load_assessment(target, reference)
    mine = first.assessment.model_copy(update={"title": "First editor"})
    save_assessment(target, mine, expected_sha256=first.sha256)
    theirs = second.assessment.model_copy(update={"title": "Second editor"})
    with pytest.raises(ConflictError, match="changed on disk since it was opened"):
        save_assessment(target, theirs, expected_sha256=second.sha256)
    assert load_assessment(target, reference).assessment.title == "First editor"


def test_simultaneous_saves_exactly_one_wins(target: Path, reference) -> None:
    """Processes that read the same version and save at the same instant: exactly one
    succeeds, every other one gets ConflictError, the file holds the winner's text."""
    a, _ = versions()
    save_assessment(target, a)
    base = load_assessment(target, reference)
    writers = 6
    for round_ in range(15):
        base = load_assessment(target, reference)
        go = target.parent / f".go-{round_}"
        pids = []
        for n in range(writers):
            pid = os.fork()
            if pid == 0:
                code = 3
                try:
                    while not go.exists():
                        time.sleep(0.0005)
                    edit = base.assessment.model_copy(update={"title": f"Writer {round_}-{n}"})
                    try:
                        save_assessment(target, edit, expected_sha256=base.sha256)
                        code = 0
                    except ConflictError:
                        code = 1
                finally:
                    os._exit(code)
            pids.append(pid)
        go.touch()
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
        go.unlink()
        assert sorted(codes) == [0] + [1] * (writers - 1), codes
        winner = codes.index(0)
        assert load_assessment(target, reference).assessment.title == f"Writer {round_}-{winner}"


def test_cli_refuses_to_overwrite_a_file_changed_meanwhile(example_workspace: Path, monkeypatch, capsys) -> None:
    """`xborder approve` reads, judges, then saves: if the file changed in between (a git
    pull, a colleague), the save is refused with a one-line message, exit 2."""
    from xborder.cli import cmd_approve
    from xborder.cli.main import main
    from xborder.lifecycle import approve as real_approve

    path = example_workspace / "data" / "assessments" / "alqoritmika-licensees.toml"

    def approve_while_someone_edits(*args, **kwargs):
        path.write_text(path.read_text(encoding="utf-8").replace("2027-10-06", "2027-10-07"), encoding="utf-8")
        return real_approve(*args, **kwargs)

    monkeypatch.setattr("xborder.lifecycle.approve", approve_while_someone_edits)
    assert cmd_approve.NAME == "approve"
    status = main(["approve", "alqoritmika-licensees", "--by", "Reviewer", "--reason", "test",
                   "--date", "2026-11-22", "--workspace", str(example_workspace)])
    err = capsys.readouterr().err
    assert status == 2
    assert "changed on disk since it was opened" in err and len(err.strip().splitlines()) == 1
    assert "2027-10-07" in path.read_text(encoding="utf-8")  # the colleague's edit survives
    assert "[approval]" not in path.read_text(encoding="utf-8")
