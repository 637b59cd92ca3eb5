"""The built wheel works on its own: installed into a fresh virtual environment and run
from a folder far from the repository, it finds its reference data and its schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """Built once per session with `pip wheel` (about 2 s)."""
    out = tmp_path_factory.mktemp("wheel")
    proc = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                "--disable-pip-version-check", "-w", out, ROOT)
    assert proc.returncode == 0, proc.stderr
    (built,) = out.glob("xborder-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding only the wheel; the dependencies (pydantic, tomli, ...) are
    borrowed read-only from the test environment through a .pth file, so nothing is
    downloaded, while the repository itself stays off the path."""
    venv = tmp_path_factory.mktemp("venv") / "fresh"
    proc = _run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert proc.returncode == 0, proc.stderr
    python = venv / "bin" / "python"
    proc = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
                "--no-index", "--quiet", "--disable-pip-version-check", wheel)
    assert proc.returncode == 0, proc.stderr
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


def test_wheel_ships_the_reference_data_and_the_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    from xborder.reference.loader import SHARED_FILES
    from xborder.rulebooks.az import RULEBOOK

    assert "countries.toml" in SHARED_FILES
    for name in SHARED_FILES:
        assert f"xborder/reference/data/{name}" in names
    for name in RULEBOOK.data.files:  # each rulebook's own data ships in its package
        assert f"xborder/rulebooks/az/data/{name}" in names
    assert "xborder/schema/assessment.schema.json" in names
    for lang in ("az", "en", "ru"):  # the compiled message catalogues (xborder.i18n)
        assert f"xborder/i18n/locale/{lang}/LC_MESSAGES/xborder.mo" in names
    assert not any(name.startswith(("tests/", "data/assessments/")) for name in names)


def test_installed_wheel_checks_a_workspace_from_another_folder(installed, tmp_path):
    python = installed / "bin" / "python"
    where = _run(python, "-c", "import xborder; print(xborder.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr
    workspace = tmp_path / "team"
    (workspace / "data").mkdir(parents=True)
    shutil.copy(ROOT / "xborder.toml", workspace)
    shutil.copytree(ROOT / "data" / "assessments", workspace / "data" / "assessments")
    xborder = installed / "bin" / "xborder"
    proc = _run(xborder, "check", "--format", "json", "--as-of", "2026-11-22", cwd=workspace / "data")
    assert (proc.returncode, proc.stderr) == (1, "")
    assert json.loads(proc.stdout)["summary"] == {
        "permitted": 3, "pending": 2, "incomplete": 2, "blocked": 3, "invalid": 0,
    }
    # the shipped country names come along: Azerbaijani names, none in English
    text = _run(xborder, "check", "--lang", "az", "--as-of", "2026-11-22", cwd=workspace)
    assert "GB Birləşmiş Krallıq" in text.stdout and "United Kingdom" not in text.stdout


def test_installed_wheel_inits_and_prints_the_schema(installed, tmp_path):
    xborder = installed / "bin" / "xborder"
    assert _run(xborder, "init", "new", cwd=tmp_path).returncode == 0
    proc = _run(xborder, "check", cwd=tmp_path / "new")
    assert (proc.returncode, proc.stderr) == (0, "")
    schema = _run(xborder, "schema", cwd=tmp_path)
    assert schema.stdout == (ROOT / "xborder" / "schema" / "assessment.schema.json").read_text(encoding="utf-8")


def test_installed_wheel_speaks_from_its_catalogues(installed, tmp_path):
    python = installed / "bin" / "python"
    code = (
        "from xborder.i18n import gettext, ngettext, mo_path; "
        "print(mo_path('az').is_relative_to(__import__('sys').prefix)); "
        "print(gettext('az', 'tui.key.new')); print(ngettext('ru', 'tui.home.invalid', 5))"
    )
    proc = _run(python, "-c", code, cwd=tmp_path)
    assert proc.stdout.splitlines() == ["True", "Yeni", "5 файлов не удалось загрузить"], proc.stderr
