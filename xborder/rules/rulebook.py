"""The interface every rulebook implements, and what it owns.

A rulebook is one package (``xborder/rulebooks/<id>/`` for the shipped ones, or a
separate distribution) that registers an instance of a `Rulebook` subclass under the
entry-point group ``xborder.rulebooks``::

    [project.entry-points."xborder.rulebooks"]
    az = "xborder.rulebooks.az:RULEBOOK"

It owns everything that is specific to one law: its rules and their texts, its
adequacy list and the authority (its `BookData`), its home country, the deadlines of
its prior steps, what makes its notice ready, and the form profile the wizard follows.
Nothing outside a rulebook's package names its rule ids or its country.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.model.assessment import Assessment, Transfer
    from xborder.model.document import Document
    from xborder.model.workspace import Settings
    from xborder.reference import BookData, Reference
    from xborder.rules.engine import Evaluation
    from xborder.rules.readiness import Gap, Letter

StepKind = Literal["notification", "recipient_info", "authority_request"]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A prior step of one transfer and the last day to take it (see lifecycle.DueItem)."""

    kind: StepKind
    transfer: Transfer | None
    """The transfer it concerns; None for the assessment as a whole (the authority's request)."""
    date: dt.date
    rule: str
    """The rule that enforces the step (its commitment gives the operator's own clause)."""
    sent: dt.date | None = None
    """The notice's date when it went out without the step (recipient information); the
    request's date for the authority's request."""
    reference: str = ""
    """The authority's reference of its request."""


@dataclass(frozen=True, slots=True)
class FormProfile:
    """What the wizard shows for this rulebook."""

    home_country: str
    """The state the operator sends from: a transfer there is not cross-border."""
    grounds_fields: dict[str, tuple[str, ...]]
    """ground -> the follow-up fields (key paths under the transfer) the form shows for it."""
    steps_fields: tuple[str, ...] = ("recipient_info", "notification")
    """The transfer card's prior-step sections, in order."""
    transfer_fields: tuple[str, ...] = ()
    """Fields of the transfer card that only this rulebook asks for (key paths under the
    transfer, e.g. "recipient.phone"); the wizard hides them under other rulebooks."""
    recipient_asks: tuple[str, ...] = ()
    """What a foreign recipient must give before the notice: keys of a transfer's
    [recipient_info] (RecipientInfo). `xborder request` asks exactly these, and an
    imported reply must answer each."""


@dataclass(frozen=True, slots=True)
class NoticeRules:
    """How the rulebook's findings bear on its notice to the authority."""

    itself: frozenset[str]
    """Findings that only say the notice is not sent yet: what the notice is for."""
    about_notice: frozenset[str]
    """Findings about a notice already sent (not gaps of a new notice)."""
    renotify: frozenset[str] = frozenset()
    """Findings saying the transfer changed since it was notified: a new notice is
    needed for it (it amends the earlier one)."""


class Rulebook(ABC):
    """One jurisdiction's rules. Subclasses set the class attributes and implement
    `evaluate` and `deadlines`; everything else has a default."""

    id: str
    """The `jurisdiction` value of the file format, e.g. "az"."""
    data: BookData
    """Its rule texts and adequacy list (shipped, and the workspace files overriding them)."""
    form: FormProfile
    notice: NoticeRules
    notice_langs: tuple[str, ...] = ()
    """The languages its notice is written in, whatever is asked for (the authority's
    language); () = the languages asked for."""

    @property
    def home_country(self) -> str:
        return self.form.home_country

    @abstractmethod
    def evaluate(self, assessment: Assessment, reference: Reference, as_of: dt.date) -> Evaluation:
        """The verdict on `assessment` as of `as_of`; `reference` is bound to this book."""

    @abstractmethod
    def deadlines(
        self, assessment: Assessment, as_of: dt.date | None = None, reference: Reference | None = None
    ) -> Iterable[Deadline]:
        """The prior steps of each transfer still to take, with the last day for each;
        with `as_of`, a step recorded as taken on a later day is still to take. `reference`
        (bound to this rulebook: the workspace's overrides included) is the data the
        deadlines rest on, where they rest on any; None: the shipped data."""

    def notice_gaps(
        self,
        assessment: Assessment,
        evaluation: Evaluation,
        settings: Settings,
        chosen: Sequence[str] | None = None,
        lang: str = "en",
    ) -> list[Gap]:
        """Everything that stops the notice to the authority; empty when it is ready.
        The default (rules.readiness) reads the rulebook's NoticeRules; a rulebook whose
        notice must state more (another law's fields) adds its own gaps."""
        from xborder.rules.readiness import notice_gaps

        return notice_gaps(assessment, evaluation, settings, chosen, lang)

    @abstractmethod
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
        """The notice of intention to the authority for `transfers`, in `lang`: a
        document model the report layer renders (PDF, HTML, Markdown). With `gaps` it is
        a visibly marked draft listing them. `reference` is bound to this rulebook."""

    def __repr__(self) -> str:
        return f"<Rulebook {self.id}>"
