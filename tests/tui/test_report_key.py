"""The report key: PDF reports of the selected assessment, written in a worker."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from xborder.tui.screens.report import ReportScreen

from .helpers import wait_for, wait_home


async def test_p_writes_the_pdf_reports_of_the_selected_assessment(example_root: Path, make, monkeypatch) -> None:
    shown: list[str] = []
    real = ReportScreen._progress

    def recording(self, message, done=None, total=None):  # type: ignore[no-untyped-def]
        shown.append(message)
        real(self, message, done, total)

    monkeypatch.setattr(ReportScreen, "_progress", recording)
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), "the report screen")
        screen = app.screen
        await wait_for(pilot, lambda: bool(screen.result), "the report")
        status = str(screen.query_one("#report-status", Static).content)
        assert status.startswith("Report written: reports/alqoritmika-crm-telephony.az.pdf"), status
        await pilot.press("escape")
    assert shown[-1] == "2 of 2: reports/alqoritmika-crm-telephony.en.pdf", shown
    pdfs = sorted(p.name for p in (example_root / "reports").glob("*.pdf"))
    assert pdfs == ["alqoritmika-crm-telephony.az.pdf", "alqoritmika-crm-telephony.en.pdf"]
    assert (example_root / "reports" / pdfs[0]).read_bytes().startswith(b"%PDF")
