"""The "ru" rulebook: Russian Federal Law No. 152-FZ of 27.07.2006 "On Personal Data",
Art. 12 (cross-border transfer), in the version in force from 1 March 2023.

    rules.py        the rules (parts 3-6, the 10-working-day review period, RKN decisions)
    workdays.py     working days on the Russian production calendar (`holidays.RU` +
                    a workspace's data/calendar_ru.toml)
    notice.py       the notice to Roskomnadzor (part 4), in Russian
    data/           rulebook_ru.toml, adequacy_ru.toml (Convention 108 parties + RKN's
                    list as far as sourced), rulebook_ru_examples.toml

Facts and their confidence: research/legal.md §2; every rule says whether the wording of
its part was read (`verified`) or known only from paraphrases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from xborder.reference import BookData
from xborder.rules.rulebook import Deadline, FormProfile, NoticeRules, Rulebook

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.model.assessment import Assessment, Transfer
    from xborder.model.document import Document
    from xborder.model.workspace import Settings
    from xborder.reference import Reference
    from xborder.rules.engine import Evaluation
    from xborder.rules.readiness import Gap, Letter


class RuRulebook(Rulebook):
    id = "ru"
    data = BookData(
        id="ru",
        shipped_dir=Path(__file__).parent / "data",
        rulebook_file="rulebook_ru.toml",
        adequacy_file="adequacy_ru.toml",
    )
    form = FormProfile(
        home_country="RU",
        grounds_fields={
            "consent": ("consent.written", "consent.reference"),
            "contract": ("contract.subject_is_party", "contract.reference"),
            "vital_interests": (),
        },
        transfer_fields=(
            "recipient.phone",
            "recipient.email",
            "recipient.postal_address",
            "recipient_info.legal_regulation",
        ),
    )
    notice_langs = ("ru",)
    notice = NoticeRules(
        itself=frozenset({"RU-NOTIFY-1"}),
        about_notice=frozenset({"RU-NOTIFY-1", "RU-NOTIFY-2", "RU-NOTIFY-3", "RU-NOTIFY-4", "RU-WAIT-1", "RU-WAIT-2"}),
    )

    def evaluate(self, assessment: Assessment, reference: Reference, as_of: dt.date) -> Evaluation:
        from xborder.rulebooks.ru.rules import evaluate

        return evaluate(assessment, reference, as_of)

    def notice_gaps(
        self,
        assessment: Assessment,
        evaluation: Evaluation,
        settings: Settings,
        chosen: Sequence[str] | None = None,
        lang: str = "en",
    ) -> list[Gap]:
        """The common gaps plus what part 4 makes the notice state: the operator's Art. 22
        notification (number and date) and each recipient's details."""
        from xborder.rulebooks.ru.notice import part4_gaps
        from xborder.rules.readiness import notice_gaps

        return [*notice_gaps(assessment, evaluation, settings, chosen, lang), *part4_gaps(assessment, chosen)]

    def notice_document(
        self,
        assessment: Assessment,
        evaluation: Evaluation,
        settings: Settings,
        reference: Reference,
        sha256: str,
        lang: str,
        transfers: Sequence[Transfer],
        gaps: Sequence[Gap] = (),
        letter: Letter | None = None,
    ) -> Document:
        """The notice to Roskomnadzor is written in Russian whatever `lang` asks for (as a
        form with the fields of part 4: `letter`, the Azerbaijani letter's outgoing number
        and date, is not printed on it)."""
        from xborder.rulebooks.ru.notice import build_notice

        return build_notice(assessment, evaluation, settings, reference, sha256, transfers, gaps)

    def deadlines(
        self, assessment: Assessment, as_of: dt.date | None = None, reference: Reference | None = None
    ) -> Iterator[Deadline]:
        """The information is due with the notice; the notice the day before the start,
        or, for a state that is not adequate (and no vital interest), the last day from
        which 10 working days end before the start. With `as_of`, a date after it is not
        yet a fact (a notice or information recorded for a later day)."""

        def fact(day: dt.date | None) -> dt.date | None:
            return None if day is None or (as_of is not None and day > as_of) else day

        from xborder.rulebooks.ru.rules import REVIEW_DAYS, VITAL
        from xborder.rulebooks.ru.workdays import latest_start, load_calendar
        from xborder.rules.registry import load_reference

        calendar = None
        for transfer in assessment.transfers:
            sent = fact(transfer.notification.sent if transfer.notification else None)
            obtained = fact(transfer.recipient_info.obtained if transfer.recipient_info else None)
            if sent is not None:
                if obtained is None:
                    yield Deadline("recipient_info", transfer, sent, "RU-INFO-2", sent=sent)
                continue
            if transfer.start is None:
                continue
            last = transfer.start - dt.timedelta(days=1)
            if transfer.ground != VITAL:
                if reference is None:
                    reference = load_reference(None, "ru")  # the shipped list, when none is given
                adequate = (
                    transfer.adequacy.adequate
                    if transfer.adequacy is not None
                    else reference.adequacy_of(transfer.country).adequate
                )
                if not adequate:
                    if calendar is None:  # the workspace's corrections of the calendar too
                        calendar = load_calendar(reference.workspace_data)
                    last = latest_start(transfer.start, REVIEW_DAYS, calendar)
            if obtained is None:
                yield Deadline("recipient_info", transfer, last, "RU-INFO-3")
            yield Deadline("notification", transfer, last, "RU-NOTIFY-1")


RULEBOOK = RuRulebook()
