"""Workspace settings: xborder.toml. Every key has a default."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from xborder.model.policy import PolicyProfile

ReportLanguage = Literal["az", "en"]
Language = Literal["az", "en", "ru"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, use_attribute_docstrings=True)


class OperatorDefaults(_Model):
    """The operator's details, used as defaults for new assessments."""

    name: str = ""
    """Name of the operator."""
    tin: str = ""
    """VÖEN / taxpayer identification number."""
    address: str = ""
    """Registered address."""
    contact: str = ""
    """Contact for data-protection matters."""
    responsible: str = ""
    """Person responsible for organising the processing (named in the notice)."""
    policy: str = ""
    """Id of the operator's policy profile, for assessments that name none (see [policies])."""
    signatory_name: str = ""
    """Who signs the letters to the authority: the operator's head or a person authorised
    to sign (used for assessments of the same operator that name none)."""
    signatory_position: str = ""
    """The signatory's position (e.g. "Direktor")."""
    intent_notice_number: str = ""
    """Number of the operator's notice of intent to process personal data."""
    intent_notice_date: dt.date | None = None
    """Date of the operator's notice of intent to process personal data."""


_REPORT_LANGS: tuple[ReportLanguage, ...] = ("az", "en")


class ReportSettings(_Model):
    languages: list[ReportLanguage] = Field(default_factory=lambda: list(_REPORT_LANGS), min_length=1)
    """Languages of generated reports."""


class UISettings(_Model):
    language: Literal["az", "en"] = "az"
    """Language of the wizard."""
    theme: str = ""
    """Textual theme name; empty = the default."""


class ReviewSettings(_Model):
    period_months: int = Field(default=12, ge=1, le=120)
    """Months between reviews; approving sets next_review this far ahead."""
    self_approval: bool = False
    """Whether the person who prepared an assessment (its assessor) may approve it too
    (default: no, four eyes)."""


class Authority(_Model):
    """The data-protection authority the notice is addressed to."""

    name: str = ""
    """Name of the authority; empty: the authority of the assessment's rulebook."""
    address: str = ""
    """Postal address of the authority; empty: the rulebook's."""
    dative: str = ""
    """The authority's name as a letter's addressee, in the dative case (az: "…
    Xidmətinə"); empty: the rulebook's when `name` is empty, else `name`."""
    salutation: str = ""
    """An optional salutation under the subject line (e.g. "Hörmətli cənab Rəis,")."""


class LetterSettings(_Model):
    """The register of outgoing letters (data/letters.toml) proposes the next number."""

    number_format: str = "{n}/{year}"
    """How an outgoing number is written: {n} the sequence number within the year, {year}."""


class Settings(_Model):
    """xborder.toml."""

    operator: OperatorDefaults = Field(default_factory=OperatorDefaults)
    reports: ReportSettings = Field(default_factory=ReportSettings)
    ui: UISettings = Field(default_factory=UISettings)
    review: ReviewSettings = Field(default_factory=ReviewSettings)
    authority: Authority = Field(default_factory=Authority)
    letters: LetterSettings = Field(default_factory=LetterSettings)
    policies: dict[str, PolicyProfile] = Field(default_factory=dict)
    """The workspace's own policy profiles, by id: [policies.ID] with title, date and a
    [policies.ID.clauses] table (commitment = "clause number")."""
