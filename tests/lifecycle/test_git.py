"""Assessments in git (issue 5, item 3): history, semantic diff, changes since the
authority was last notified; tolerant of no git and of folders that are not repositories."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from xborder.cli.main import main
from xborder.store import git, open_workspace

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FILE = "data/assessments/alqoritmika-licensees.toml"


def commit(repo: Path, message: str, author: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": f"{author.split()[0].lower()}@example.az",
        "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "ci@example.az",
        "GIT_AUTHOR_DATE": f"{date}T10:00:00+04:00", "GIT_COMMITTER_DATE": f"{date}T10:00:00+04:00",
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(example_workspace: Path) -> Path:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=example_workspace, check=True)
    commit(example_workspace, "Add the example assessments", "Leyla Məmmədova", "2026-10-06")
    edit(example_workspace, 'title = "', 'title = "Revised: ')
    commit(example_workspace, "Licensees: notice 2026/1501 sent for Georgia", "Leyla Məmmədova", "2026-11-10")
    edit(example_workspace, "[[transfers]]\nid = \"licensee-uz\"", "[[transfers]]\nid = \"licensee-uzb\"")
    edit(example_workspace, 'country = "KZ"', 'country = "KG"')
    commit(example_workspace, "Licensees: Kyrgyzstan instead of Kazakhstan; rename the Uzbek transfer", "Anar Əliyev", "2026-11-20")
    return example_workspace


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_history_lists_commits_with_authors_and_verdicts(repo: Path, capsys):
    status, out, err = run(capsys, "history", "alqoritmika-licensees", "--format", "json", "-w", str(repo))
    assert status == 0, err
    rows = json.loads(out)["history"]
    assert [(r["date"][:10], r["author"], r["verdict"], r["status"]) for r in rows] == [
        ("2026-11-20", "Anar Əliyev", "pending", "in_review"),
        ("2026-11-10", "Leyla Məmmədova", "pending", "in_review"),
        ("2026-10-06", "Leyla Məmmədova", "pending", "in_review"),
    ]
    assert rows[0]["message"].startswith("Licensees: Kyrgyzstan")
    status, out, _ = run(capsys, "history", "alqoritmika-licensees", "-w", str(repo))
    assert out.splitlines()[0].startswith("2026-11-20  ") and "Anar Əliyev: Licensees: Kyrgyzstan" in out


def test_history_shows_uncommitted_changes_first(repo: Path, capsys):
    edit(repo, 'status = "in_review"', 'status = "draft"')
    status, out, _ = run(capsys, "history", "alqoritmika-licensees", "--format", "json", "-w", str(repo))
    first = json.loads(out)["history"][0]
    assert (first["commit"], first["message"], first["status"]) == (None, "(uncommitted changes)", "draft")


def test_history_follows_renames(repo: Path, capsys):
    old = repo / FILE
    text = old.read_text(encoding="utf-8").replace('id = "alqoritmika-licensees"', 'id = "licensees"', 1)
    old.unlink()
    (repo / "data/assessments/licensees.toml").write_text(text, encoding="utf-8")
    commit(repo, "Rename", "Anar Əliyev", "2026-11-21")
    status, out, err = run(capsys, "history", "licensees", "--format", "json", "-w", str(repo))
    rows = json.loads(out)["history"]
    assert len(rows) == 4 and rows[-1]["path"] == FILE
    assert {r["verdict"] for r in rows} == {"pending"}  # old versions judged under their old name


def test_diff_between_commits_reads_like_a_lawyer_would(repo: Path, capsys):
    status, out, err = run(capsys, "diff", "alqoritmika-licensees", "HEAD~1", "HEAD", "--lang", "en", "--as-of", "2026-11-22", "-w", str(repo))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("alqoritmika-licensees: HEAD~1 (") and "→ HEAD (" in lines[0]
    body = [line.strip() for line in lines[1:]]
    assert "transfer licensee-kz: country: “KZ” → “KG”" in body
    assert "transfer added: licensee-uzb (UZ, IT Kids Tashkent MChJ)" in body
    assert "transfer removed: licensee-uz (UZ, IT Kids Tashkent MChJ)" in body
    assert not any(line.startswith("title") for line in body)  # unchanged between these two


def test_diff_default_compares_the_previous_version_or_uncommitted_changes(repo: Path, capsys):
    status, out, _ = run(capsys, "diff", "alqoritmika-licensees", "--lang", "en", "--as-of", "2026-11-22", "-w", str(repo))
    assert "→ the file now" in out and "transfer added: licensee-uzb" in out
    edit(repo, "sent = 2026-11-10", "sent = 2026-11-11")
    status, out, _ = run(capsys, "diff", "alqoritmika-licensees", "--lang", "en", "--as-of", "2026-11-22", "-w", str(repo))
    assert [line.strip() for line in out.splitlines()[1:]] == ["transfer licensee-ge: notification.sent: 2026-11-10 → 2026-11-11"]


def test_diff_shows_verdict_changes(repo: Path, capsys):
    edit(repo, "separate = true", "separate = false")  # not sent separately: blocked
    status, out, _ = run(capsys, "diff", "alqoritmika-licensees", "--lang", "en", "--as-of", "2026-11-22", "--format", "json", "-w", str(repo))
    doc = json.loads(out)
    assert "transfer licensee-ge: verdict permitted → blocked" in doc["verdicts"]
    assert "verdict: pending → blocked" in doc["verdicts"]


def test_diff_in_azerbaijani(repo: Path, capsys):
    status, out, _ = run(capsys, "diff", "alqoritmika-licensees", "HEAD~1", "HEAD", "--lang", "az", "-w", str(repo))
    assert "ötürmə əlavə edilib: licensee-uzb" in out and "ötürmə silinib: licensee-uz " in out


def test_diff_of_an_unknown_revision_is_one_line(repo: Path, capsys):
    status, out, err = run(capsys, "diff", "alqoritmika-licensees", "no-such-branch", "-w", str(repo))
    assert status == 2 and err.strip() == "xborder: 'no-such-branch': no such commit, tag or branch"


def test_changes_since_notified(repo: Path):
    """The latest notice went out on 2026-11-10; the version committed that day is the
    baseline; later edits (not review bookkeeping) are listed."""
    ws = open_workspace(repo, search=False)
    path = repo / FILE
    assert git.changes_since_notified(ws, path, "en") == [
        "transfer licensee-kz: country: “KZ” → “KG”",
        "transfer added: licensee-uzb (UZ, IT Kids Tashkent MChJ)",
        "transfer removed: licensee-uz (UZ, IT Kids Tashkent MChJ)",
    ]
    edit(repo, 'status = "in_review"', 'status = "approved"')
    assert len(git.changes_since_notified(ws, path, "en")) == 3  # the status is bookkeeping


def test_changes_since_notified_is_empty_when_nothing_changed(repo: Path):
    subprocess.run(["git", "checkout", "-q", "HEAD~1", "--", FILE], cwd=repo, check=True)
    ws = open_workspace(repo, search=False)
    assert git.changes_since_notified(ws, repo / FILE) == []


def test_changes_since_notified_is_none_without_a_baseline(repo: Path):
    ws = open_workspace(repo, search=False)
    # never notified
    never = repo / "data/assessments/probpm-crm.toml"
    text = never.read_text(encoding="utf-8")
    import re

    never.write_text(re.sub(r"\[transfers\.notification\]\n(?:[a-z_]+ = .*\n)+", "", text), encoding="utf-8")
    assert git.changes_since_notified(ws, never) is None
    # notified before the first commit of the file: nothing to compare with
    assert git.changes_since_notified(ws, repo / "data/assessments/ims-support-chats.toml") is None


def test_outside_git_everything_is_none(example_workspace: Path, capsys, monkeypatch):
    ws = open_workspace(example_workspace, search=False)
    path = example_workspace / FILE
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(example_workspace.parent))
    assert git.repo_root(path) is None and git.file_log(path) is None
    assert git.changes_since_notified(ws, path) is None
    status, _, err = run(capsys, "history", "alqoritmika-licensees", "-w", str(example_workspace))
    assert status == 2 and "not in a git repository (or git is not installed)" in err
    assert len(err.strip().splitlines()) == 1


def test_without_git_installed(example_workspace: Path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(example_workspace))  # no git on the PATH
    ws = open_workspace(example_workspace, search=False)
    assert git.changes_since_notified(ws, example_workspace / FILE) is None
    status, _, err = run(capsys, "diff", "alqoritmika-licensees", "-w", str(example_workspace))
    assert status == 2 and "git is not installed" in err


def test_diff_since_notified_on_the_command_line(repo: Path, capsys):
    """`xborder diff ID --since-notified`: the same comparison as changes_since_notified,
    with the verdicts, headed by the day of the notice and the baseline commit."""
    status, out, err = run(capsys, "diff", "alqoritmika-licensees", "--since-notified", "--lang", "en",
                           "--as-of", "2026-11-22", "-w", str(repo))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "changes since the authority was last notified (2026-11-10): the version committed on 2026-11-10 "
        "by Leyla Məmmədova → the file now (review status and approval left out)"
    )
    body = [line.strip() for line in lines[2:]]
    ws = open_workspace(repo, search=False)
    assert body[:3] == git.changes_since_notified(ws, repo / FILE, "en")
    edit(repo, 'status = "in_review"', 'status = "approved"')  # bookkeeping: not listed
    status, out2, _ = run(capsys, "diff", "alqoritmika-licensees", "--since-notified", "--lang", "en",
                          "--as-of", "2026-11-22", "-w", str(repo))
    assert out2 == out
    status, out, _ = run(capsys, "diff", "alqoritmika-licensees", "--since-notified", "--lang", "az",
                         "--as-of", "2026-11-22", "-w", str(repo))
    assert out.startswith("səlahiyyətli orqana son bildirişdən (2026-11-10) bəri dəyişikliklər")
    assert "ötürmə əlavə edilib: licensee-uzb" in out
    status, _, err = run(capsys, "diff", "alqoritmika-licensees", "HEAD~1", "--since-notified", "-w", str(repo))
    assert status == 2 and "give no REV" in err


def test_diff_since_notified_without_a_notice(repo: Path, capsys):
    import re

    never = repo / "data/assessments/probpm-crm.toml"
    never.write_text(re.sub(r"\[transfers\.notification\]\n(?:[a-z_]+ = .*\n)+", "", never.read_text(encoding="utf-8")),
                     encoding="utf-8")
    status, out, err = run(capsys, "diff", "probpm-crm", "--since-notified", "--lang", "en", "-w", str(repo))
    assert status == 2 and out == ""
    assert err.strip().startswith("xborder: data/assessments/probpm-crm.toml: nothing to compare with")
    assert len(err.strip().splitlines()) == 1


def test_diff_names_verdicts_for_people_and_structures_them_in_json(repo: Path, capsys):
    edit(repo, "separate = true", "separate = false")  # not sent separately: blocked
    args = ("diff", "alqoritmika-licensees", "--as-of", "2026-11-22", "-w", str(repo))
    status, out, _ = run(capsys, *args, "--lang", "az")
    assert "ötürmə licensee-ge: nəticə Yol verilir → Yol verilmir" in out
    status, out, _ = run(capsys, *args, "--lang", "en")
    assert "transfer licensee-ge: verdict Permitted → Blocked" in out
    status, out, _ = run(capsys, *args, "--lang", "en", "--format", "json")
    doc = json.loads(out)
    assert {"transfer": "licensee-ge", "before": "permitted", "after": "blocked"} in doc["verdict_changes"]
    assert {"transfer": None, "before": "pending", "after": "blocked"} in doc["verdict_changes"]


def test_diff_shows_the_verdict_of_added_and_removed_transfers(repo: Path, capsys):
    status, out, _ = run(capsys, "diff", "alqoritmika-licensees", "HEAD~1", "HEAD", "--lang", "en",
                         "--as-of", "2026-11-22", "--format", "json", "-w", str(repo))
    changes = json.loads(out)["verdict_changes"]
    assert {"transfer": "licensee-uzb", "before": None, "after": "pending"} in changes
    assert {"transfer": "licensee-uz", "before": "pending", "after": None} in changes


def test_history_text_names_verdicts_and_statuses_in_the_workspace_language(repo: Path, capsys):
    edit(repo, 'status = "in_review"', 'status = "draft"')
    status, out, _ = run(capsys, "history", "alqoritmika-licensees", "-w", str(repo))  # the workspace speaks az
    lines = out.splitlines()
    assert "Gözləmədədir" in lines[0] and "Layihə" in lines[0] and lines[0].endswith("(commit edilməmiş dəyişikliklər)")
    assert "Baxılmaqdadır" in lines[1] and "Anar Əliyev: Licensees: Kyrgyzstan" in lines[1]
    assert lines[-1].startswith("nəticələr hər commit-in tarixinə")
    status, out, _ = run(capsys, "history", "alqoritmika-licensees", "--lang", "en", "-w", str(repo))
    assert "Pending" in out.splitlines()[1] and "In review" in out.splitlines()[1]


# -- issue 15: what a notice covered, filled in from git by `xborder migrate` -------------------
def _old_file(workspace: Path, make_doc, make_transfer, write, country: str) -> Path:
    transfer = make_transfer(
        country=country,
        start=dt.date(2026, 3, 1),
        recipient_info={"obtained": dt.date(2026, 2, 1)},
        notification={"sent": dt.date(2026, 2, 20), "separate": True, "coverage": None},
    )
    return write(workspace, make_doc(transfer))


def test_migrate_fills_coverage_from_the_version_committed_by_the_notice(workspace, make_doc, make_transfer, write, capsys):
    subprocess.run(["git", "init", "-q"], cwd=workspace, check=True)
    path = _old_file(workspace, make_doc, make_transfer, write, "DE")
    commit(workspace, "notified for Germany", "Leyla Məmmədova", "2026-02-20")
    _old_file(workspace, make_doc, make_transfer, write, "FR")  # moved afterwards, no coverage
    commit(workspace, "moved to France", "Leyla Məmmədova", "2026-05-01")
    ws = str(workspace)
    status, out, _ = run(capsys, "check", "--as-of", "2026-11-22", "--format", "json", "-w", ws)
    transfer = json.loads(out)["assessments"][0]["transfers"][0]
    assert (status, transfer["verdict"]) == (0, "permitted")  # taken to cover it as it stands
    assert [f["rule"] for f in transfer["findings"]] == ["AZ-ADV-COVERAGE"]
    status, out, _ = run(capsys, "migrate", "--all", "-w", ws)
    assert status == 0 and "recorded what the notice covered, from git history, for: t1" in out
    assert 'country = "DE"' in path.read_text(encoding="utf-8").split("[transfers.notification.coverage]")[1]
    status, out, _ = run(capsys, "check", "--as-of", "2026-11-22", "--format", "json", "-w", ws)
    transfer = json.loads(out)["assessments"][0]["transfers"][0]
    assert (status, transfer["verdict"]) == (1, "blocked")
    assert [f["rule"] for f in transfer["findings"]] == ["AZ-NOTIFY-7"]
    # nothing more to do the second time
    status, out, _ = run(capsys, "migrate", "--all", "-w", ws)
    assert "up to date" in out


def test_migrate_leaves_coverage_out_without_a_version_of_the_notice_day(workspace, make_doc, make_transfer, write, capsys):
    subprocess.run(["git", "init", "-q"], cwd=workspace, check=True)
    path = _old_file(workspace, make_doc, make_transfer, write, "DE")
    commit(workspace, "first commit after the notice", "Leyla Məmmədova", "2026-04-01")
    before = path.read_bytes()
    status, out, _ = run(capsys, "migrate", "--all", "-w", str(workspace))
    assert status == 0 and "up to date" in out
    assert path.read_bytes() == before


def test_since_notified_without_a_commit_of_the_notice_day_compares_with_the_coverage(workspace, make_doc, make_transfer, write, capsys):
    subprocess.run(["git", "init", "-q"], cwd=workspace, check=True)
    notice = {
        "sent": dt.date(2026, 2, 20), "reference": "2026/0412", "separate": True,
        "coverage": {"country": "IE", "recipient": "WhatsApp Ireland Limited", "data": ["identity"]},
    }
    transfer = make_transfer(
        id="whatsapp", country="CN", recipient={"name": "WhatsApp Ireland Limited", "kind": "legal_entity"},
        notification=notice,
    )
    write(workspace, make_doc(transfer))
    commit(workspace, "first commit, after the notice", "Leyla Məmmədova", "2026-11-01")
    status, out, err = run(capsys, "diff", "x", "--since-notified", "--lang", "en", "-w", str(workspace))
    assert status == 0, err
    assert "transfer whatsapp: country (notice of 2026-02-20): “IE” → “CN”" in out
    assert "transfer whatsapp: data not covered by the notice of 2026-02-20: " in out
    status, out, _ = run(capsys, "diff", "x", "--since-notified", "--format", "json", "-w", str(workspace))
    assert json.loads(out)["since_notified"] is True
