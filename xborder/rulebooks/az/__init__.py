"""The "az" rulebook: Azerbaijan's Law No. 998-IIIQ "On Personal Data" as the operators'
policies commit to it (FORMAT.md, "The rules of the "az" rulebook").

    rules.py        the rules, one function each (FORMAT.md rules 1-10 + advice)
    data/           rulebook_az.toml (rule texts, sources, clause texts), adequacy.toml
    notice.py       the notice to the authority (document model), citing the operator's own
                    clause or the Law
    deadlines       the prior steps (notice, recipient information) and their last days
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


class AzRulebook(Rulebook):
    id = "az"
    data = BookData(
        id="az",
        shipped_dir=Path(__file__).parent / "data",
        rulebook_file="rulebook_az.toml",
        adequacy_file="adequacy.toml",
    )
    form = FormProfile(
        home_country="AZ",
        grounds_fields={
            "adequacy": (),
            "consent": ("consent.written", "consent.reference"),
            "contract": ("contract.subject_is_party", "contract.reference"),
        },
        recipient_asks=("measures", "termination"),  # clause 12.2 of the seed policy 000
    )
    notice = NoticeRules(
        itself=frozenset({"AZ-NOTIFY-1", "AZ-NOTIFY-6"}),
        about_notice=frozenset(
            {"AZ-NOTIFY-1", "AZ-NOTIFY-2", "AZ-NOTIFY-3", "AZ-NOTIFY-4", "AZ-NOTIFY-5"}
        ),
        renotify=frozenset({"AZ-NOTIFY-6", "AZ-NOTIFY-7"}),
    )

    def evaluate(self, assessment: Assessment, reference: Reference, as_of: dt.date) -> Evaluation:
        from xborder.rulebooks.az.rules import evaluate

        return evaluate(assessment, reference, as_of)

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
        from xborder.rulebooks.az.notice import build_notice

        return build_notice(assessment, evaluation, settings, reference, sha256, lang, transfers, gaps, letter)

    def deadlines(
        self, assessment: Assessment, as_of: dt.date | None = None, reference: Reference | None = None
    ) -> Iterator[Deadline]:
        """Clause 12.2's information is due with the notice; clause 12.1's notice the day
        before the transfer starts (strictly before, rule 8). A notice sent without the
        information leaves the information due on the day it was sent. A transfer that
        changed since it was notified needs a new notice (and the information for it)
        before it starts. The authority's request for information is answered within 30
        days of the request (001 §6.2). With `as_of`, a date after it is not yet a fact
        (a notice, information or an answer recorded for a later day)."""
        from xborder.rulebooks.az.rules import coverage_changes, request_due

        def fact(day: dt.date | None) -> dt.date | None:
            return None if day is None or (as_of is not None and day > as_of) else day

        for request in assessment.requests:
            if as_of is not None and request.received > as_of:
                continue
            if fact(request.answered) is None:
                yield Deadline(
                    "authority_request",
                    None,
                    request_due(request.received),
                    "AZ-REQUEST-1",
                    sent=request.received,
                    reference=request.reference or "",
                )
        for transfer in assessment.transfers:
            sent = fact(transfer.notification.sent if transfer.notification else None)
            obtained = fact(transfer.recipient_info.obtained if transfer.recipient_info else None)
            if sent is not None and coverage_changes(transfer, assessment):
                if transfer.start is not None:
                    yield Deadline("notification", transfer, transfer.start - dt.timedelta(days=1), "AZ-NOTIFY-6")
                continue
            if sent is not None:
                if obtained is None:
                    yield Deadline("recipient_info", transfer, sent, "AZ-INFO-2", sent=sent)
                continue
            if transfer.start is None:
                continue  # no deadline yet: `check` reports the missing date (rule 6)
            last = transfer.start - dt.timedelta(days=1)
            if obtained is None:
                yield Deadline("recipient_info", transfer, last, "AZ-INFO-3")
            yield Deadline("notification", transfer, last, "AZ-NOTIFY-1")


RULEBOOK = AzRulebook()
