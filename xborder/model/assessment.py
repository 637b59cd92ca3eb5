"""The assessment file (FORMAT.md, contract v1) as pydantic models.

Field order here is the key order on disk: the writer follows it. Checks that need
reference data (vocabularies, the rulebook's grounds) live in `xborder.model.checks`,
because a workspace may extend that data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
)

from xborder.model.countries import is_country_code
from xborder.model.text import Msg

SCHEMA_VERSION = 1
"""The newest schema_version this xborder reads and writes."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
_ID_RE = re.compile(ID_PATTERN)

Status = Literal["draft", "in_review", "approved", "rejected", "withdrawn"]
Kind = Literal["state_authority", "legal_entity", "individual"]
Role = Literal["controller", "processor"]


EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
"""Dates outside these bounds cannot be true of an assessment (FORMAT.md, amendments):
they are load errors, and nothing downstream meets a date it cannot add days to."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(value: object) -> object:
    """Accept a TOML local date, or a quoted ISO date string (FORMAT.md): exactly
    YYYY-MM-DD (not the week dates or basic forms date.fromisoformat also reads)."""
    if isinstance(value, dt.datetime):
        raise ValueError(Msg("error.datetime_not_date"))
    if isinstance(value, str):
        try:
            if not _ISO_DATE.fullmatch(value.strip()):
                raise ValueError(value)
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(Msg("error.invalid_date", value=value)) from None
    return value


def _date_in_range(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(
            Msg(
                "error.date_out_of_range",
                value=value.isoformat(), earliest=EARLIEST_DATE.isoformat(), latest=LATEST_DATE.isoformat(),
            )
        )
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(_date_in_range)]


def _text(value: object) -> object:
    if isinstance(value, str):
        return value.strip()
    return value


Text = Annotated[str, BeforeValidator(_text)]
NonEmpty = Annotated[str, BeforeValidator(_text), Field(min_length=1)]


def _country(value: object) -> object:
    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    if not is_country_code(code):
        raise ValueError(Msg("error.not_country_code", value=value))
    return code


Country = Annotated[str, BeforeValidator(_country)]




class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        use_attribute_docstrings=True,
        validate_assignment=False,
    )


class Operator(_Model):
    """The controller sending the data."""

    name: NonEmpty
    """Name of the operator (the controller sending the data)."""
    tin: Text | None = None
    """VÖEN / taxpayer identification number."""
    address: Text | None = None
    """Registered address."""
    contact: Text | None = None
    """Contact for data-protection matters (e-mail, phone)."""
    responsible: Text | None = None
    """Person responsible for organising the processing of personal data (xborder extension)."""
    signatory_name: Text | None = None
    """Who signs the operator's letters to the authority: its head or a person authorised
    to sign (xborder extension). Default: xborder.toml's [operator] when it names the same
    operator."""
    signatory_position: Text | None = None
    """The signatory's position, printed above the name (xborder extension)."""
    intent_notice_number: Text | None = None
    """Number of the operator's notice of intent to process personal data, from which the
    notice of cross-border transfers is separate (for "ru": its 152-FZ Art. 22
    notification, which the Art. 12 notice cites; xborder extension)."""
    intent_notice_date: Date | None = None
    """Date of the operator's notice of intent to process personal data (xborder extension)."""
    policy: Text | None = None
    """Id of the operator's policy profile (shipped or in xborder.toml [policies]): which
    clause of the operator's own policy each finding cites. Default: xborder.toml's
    [operator] policy."""


class Processing(_Model):
    """What is processed, about whom, and why (001 §4.4)."""

    purposes: list[NonEmpty] = Field(default_factory=list)
    """Purposes of processing, free text; at least one for a verdict (empty: missing)."""
    subjects: list[NonEmpty] = Field(default_factory=list)
    """Categories of data subjects, free text; at least one for a verdict (empty: missing)."""
    data: list[str] = Field(default_factory=list)
    """Keys of the data-category vocabulary; at least one for a verdict (empty: missing)."""
    special: list[str] = Field(default_factory=list)
    """Keys of the special-category vocabulary (000 §6.3, 001 §4.3)."""
    az_citizens: bool = True
    """Whether the data concern citizens of Azerbaijan."""
    primary_storage: Country | None = None
    """Country of the primary database (001 §5.9), ISO 3166-1 alpha-2."""


class Recipient(_Model):
    """The foreign recipient (000 §2.13: state authority, legal entity or individual)."""

    ref: str | None = None
    """Id of the recipient's entry in the workspace's catalogue (data/recipients/<id>.toml;
    xborder extension): the entry's values fill in what the transfer does not state."""
    name: NonEmpty
    """Name of the recipient."""
    kind: Kind
    """state_authority | legal_entity | individual."""
    role: Role | None = None
    """controller | processor."""
    address: Text | None = None
    """Address of the recipient."""
    contact: Text | None = None
    """Contact of the recipient."""
    agreement: Text | None = None
    """Reference of the processing contract with a processor (001 §6.1; xborder extension)."""
    phone: Text | None = None
    """Phone number(s) of the recipient (152-FZ Art. 12 part 5; xborder extension)."""
    email: Text | None = None
    """E-mail address of the recipient (152-FZ Art. 12 part 5; xborder extension)."""
    postal_address: Text | None = None
    """Postal address of the recipient (152-FZ Art. 12 part 5; xborder extension)."""

    @field_validator("ref")
    @classmethod
    def _check_ref(cls, value: str | None) -> str | None:
        if value is not None and not _ID_RE.fullmatch(value):
            raise ValueError(Msg("error.invalid_recipient_ref", value=value))
        return value


class Consent(_Model):
    """The data subject's consent to this cross-border transfer (§7.2)."""

    written: bool | None = None
    """The subject consented in writing to THIS cross-border transfer."""
    reference: Text | None = None
    """Where the consent is documented (form, version)."""


class Contract(_Model):
    """The contract the subject is party to (§7.2)."""

    subject_is_party: bool | None = None
    """The transfer is needed to perform a contract the subject is party to."""
    reference: Text | None = None
    """Which contract (document, section)."""


class RecipientInfo(_Model):
    """Information obtained from the recipient before notifying (000 §12.2)."""

    obtained: Date | None = None
    """Date the information was obtained; absent = not yet obtained."""
    measures: Text | None = None
    """The recipient's protection measures."""
    termination: Text | None = None
    """Conditions for ending the processing."""
    legal_regulation: Text | None = None
    """Information on the legal regulation of personal data in the recipient's state
    (152-FZ Art. 12 part 5, where the state is not adequate; xborder extension)."""
    evidence: list[Text] = Field(default_factory=list)
    """Paths of evidence files, relative to the workspace."""
    source: Text | None = None
    """Where the information came from (the recipient's reply to the information
    request, its DPA; xborder extension)."""


class Coverage(_Model):
    """What a notification was sent for (FORMAT.md amendments: "A notification covers
    what it was sent for"; xborder extension): the transfer as it stood when notified."""

    country: Country
    """The destination country named in the notice, ISO 3166-1 alpha-2."""
    recipient: NonEmpty
    """The recipient named in the notice."""
    data: list[str] = Field(default_factory=list)
    """The data-category keys the notice covered."""


class Notification(_Model):
    """Prior notice of intention to the authority (000 §12.1)."""

    sent: Date | None = None
    """Date the notice was sent; absent = not yet sent."""
    reference: Text | None = None
    """Outgoing or incoming number of the notice."""
    separate: bool | None = None
    """Sent separately from the notice of intent to process."""
    acknowledged: Date | None = None
    """Date the authority acknowledged the notice."""
    coverage: Coverage | None = None
    """What the notice covered: country, recipient, data categories (xborder extension;
    absent in files older than it: taken to cover the transfer as it stands)."""


class AuthorityDecision(_Model):
    """The authority's decision to prohibit or restrict the transfer (152-FZ Art. 12;
    xborder extension)."""

    date: Date
    """Date of the decision."""
    reference: Text | None = None
    """Number or reference of the decision."""
    kind: Literal["prohibit", "restrict"]
    """prohibit | restrict."""


class InformationRequest(_Model):
    """The authority's request for the information obtained from the recipient
    (152-FZ Art. 12 part 6; xborder extension)."""

    requested: Date
    """Date the request was received."""
    answered: Date | None = None
    """Date the answer was sent; absent = not yet answered."""


class AdequacyOverride(_Model):
    """Overrides the reference list's adequacy for this transfer."""

    adequate: bool
    """Whether the destination protects data subjects' rights adequately."""
    reason: NonEmpty
    """Why (e.g. the authority's letter)."""


class Transfer(_Model):
    """One destination country and recipient."""

    id: str
    """Unique within the file; same pattern as the assessment id."""
    country: Country
    """Destination, ISO 3166-1 alpha-2 (never AZ)."""
    start: Date | None = None
    """Planned (or actual) first day of the transfer."""
    data: list[str] | None = None
    """Subset of processing.data and processing.special; default: all of them."""
    ground: str | None = None
    """adequacy | consent | contract."""
    national_security_risk: bool = False
    """The transfer threatens the national security of Azerbaijan."""
    notes: Text = ""
    """Free text."""
    recipient: Recipient
    """The foreign recipient."""
    consent: Consent | None = None
    """Used when ground = "consent"."""
    contract: Contract | None = None
    """Used when ground = "contract"."""
    recipient_info: RecipientInfo | None = None
    """Clause 12.2: obtained from the recipient BEFORE notifying."""
    notification: Notification | None = None
    """Clause 12.1: prior notice of intention to the authority."""
    adequacy: AdequacyOverride | None = None
    """Optional override of the reference list for this transfer."""
    authority_decision: AuthorityDecision | None = None
    """The authority's decision prohibiting or restricting the transfer (xborder extension)."""
    information_request: InformationRequest | None = None
    """The authority's request for the recipient information (xborder extension)."""

    _inherited: dict[str, dict[str, object]] = PrivateAttr(default_factory=dict)
    """What the recipient catalogue filled in (table -> key -> value) because the file
    does not state it: never written back to the file (xborder.model.recipients)."""

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID_RE.fullmatch(value):
            raise ValueError(Msg("error.invalid_transfer_id", value=value))
        return value

    def data_keys(self, processing: Processing) -> list[str]:
        """The data that go to this recipient (default: everything processed)."""
        if self.data is None:
            return [*processing.data, *processing.special]
        return list(self.data)

    def coverage_now(self, processing: Processing) -> Coverage:
        """What a notice sent today for this transfer covers: its country, recipient and
        data categories as they stand."""
        return Coverage(country=self.country, recipient=self.recipient.name, data=self.data_keys(processing))

    def coverage_changes(self, processing: Processing) -> tuple[tuple[str, str, str], ...]:
        """How the transfer differs from what its notification covered, as (what, as
        notified, now) with what = "country" | "recipient" | "data" (data: the categories
        the notice did not name, comma-separated). Nothing when not notified, or when the
        notification records no coverage (older files)."""
        notification = self.notification
        if notification is None or notification.sent is None or notification.coverage is None:
            return ()
        covered = notification.coverage
        out: list[tuple[str, str, str]] = []
        if covered.country != self.country:
            out.append(("country", covered.country, self.country))
        if " ".join(covered.recipient.casefold().split()) != " ".join(self.recipient.name.casefold().split()):
            out.append(("recipient", covered.recipient, self.recipient.name))
        extra = [key for key in self.data_keys(processing) if key not in covered.data]
        if extra:
            out.append(("data", ",".join(covered.data), ",".join(extra)))
        return tuple(out)


class Approved(_Model):
    """What an approval approved: short digests of the content as it stood (xborder
    extension), so a later change is noticed and named (`content_digests`)."""

    general: Text | None = None
    """Title, jurisdiction, created, notes and the operator."""
    processing: Text | None = None
    """The [processing] table."""
    transfers: dict[str, str] = Field(default_factory=dict)
    """Transfer id -> digest of the transfer (its recipient information and notification,
    steps taken after approval, left out)."""


class PastDecision(_Model):
    """An earlier review decision, kept when the assessment is approved again."""

    reviewer: NonEmpty
    """Who decided."""
    date: Date
    """Date of the decision."""
    decision: Literal["approved", "rejected"] | None = None
    """approved | rejected."""
    reason: Text | None = None
    """The reason recorded with it."""


class Approval(_Model):
    """Who reviewed and approved the assessment (xborder extension, see FORMAT.md)."""

    reviewer: NonEmpty
    """Who reviewed and approved (or rejected) it."""
    date: Date
    """Date of the decision."""
    decision: Literal["approved", "rejected"] | None = None
    """approved | rejected: what the reviewer decided (records written before this key
    existed leave it out; the status then tells)."""
    reason: Text | None = None
    """Recorded reason, required when approving a verdict other than permitted."""
    adequacy_version: Text | None = None
    """Version of the adequacy list the assessment was judged with."""
    verdicts: dict[str, str] = Field(default_factory=dict)
    """Transfer id -> verdict at approval (to flag changes of the reference list)."""
    approved: Approved | None = None
    """What was approved (digests of the content), to flag a change after approval."""
    earlier: list[PastDecision] = Field(default_factory=list)
    """Earlier decisions, newest first, kept when the assessment is approved again."""


class AuthorityRequest(_Model):
    """A request for information from the authority (001 §6.2: answered within 30 days
    of the request; xborder extension)."""

    received: Date
    """Date of the request."""
    reference: Text | None = None
    """The request's number."""
    asked: Text = ""
    """What the authority asked for."""
    answered: Date | None = None
    """Date the answer was sent; absent = not yet answered."""


class Assessment(_Model):
    """One assessment file: data/assessments/<id>.toml."""

    schema_version: int = SCHEMA_VERSION
    """Version of this file format."""
    id: str
    """[a-z0-9][a-z0-9-]{0,63}, equal to the file stem."""
    title: NonEmpty
    """Short title."""
    status: Status = "draft"
    """draft | in_review | approved | rejected | withdrawn."""
    jurisdiction: str = "az"
    """Which rulebook applies."""
    created: Date
    """Date the assessment was created."""
    next_review: Date | None = None
    """Date of the next review."""
    assessor: Text | None = None
    """Who prepared the assessment (xborder extension)."""
    notes: Text = ""
    """Free text (comments in the file are not kept on save)."""
    operator: Operator
    """The controller sending the data."""
    processing: Processing
    """What is processed, about whom, why."""
    approval: Approval | None = None
    """Review decision (xborder extension)."""
    requests: list[AuthorityRequest] = Field(default_factory=list)
    """The authority's requests for information (xborder extension)."""
    transfers: list[Transfer] = Field(default_factory=list)
    """One per destination country and recipient."""

    @field_validator("schema_version")
    @classmethod
    def _check_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                Msg("error.schema_too_new", value=value, supported=SCHEMA_VERSION)
            )
        if value < 1:
            raise ValueError(Msg("error.schema_unsupported", value=value))
        return value

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID_RE.fullmatch(value):
            raise ValueError(Msg("error.invalid_id", value=value))
        return value

    def transfer(self, transfer_id: str) -> Transfer | None:
        for transfer in self.transfers:
            if transfer.id == transfer_id:
                return transfer
        return None


def _digest(value: object) -> str:
    import hashlib
    import json

    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def content_digests(assessment: Assessment) -> Approved:
    """Digests of what an approval approves: the general part, the processing and each
    transfer, leaving out review bookkeeping (status, next_review, assessor, approval,
    requests) and the steps taken after approval (recipient information, notification)."""
    # values left at their defaults are left out, so that a later xborder adding an
    # optional key does not make every approved file look changed
    general = assessment.model_dump(
        mode="json", include={"title", "jurisdiction", "created", "notes", "operator"}, exclude_defaults=True
    )
    return Approved(
        general=_digest(general),
        processing=_digest(assessment.processing.model_dump(mode="json", exclude_defaults=True)),
        transfers={
            t.id: _digest(
                t.model_dump(mode="json", exclude={"recipient_info", "notification"}, exclude_defaults=True)
            )
            for t in assessment.transfers
        },
    )


def changed_since_approval(assessment: Assessment) -> list[tuple[str, str]]:
    """What differs from what the approval approved: ("general" | "processing", ""),
    ("transfer" | "added" | "removed", transfer id). Empty when the assessment is not
    approved, or its approval records no digests (approved before they were recorded)."""
    approval = assessment.approval
    if assessment.status != "approved" or approval is None or approval.approved is None:
        return []
    was, now = approval.approved, content_digests(assessment)
    out: list[tuple[str, str]] = []
    if was.general is not None and was.general != now.general:
        out.append(("general", ""))
    if was.processing is not None and was.processing != now.processing:
        out.append(("processing", ""))
    for tid, digest in now.transfers.items():
        if tid not in was.transfers:
            out.append(("added", tid))
        elif was.transfers[tid] != digest:
            out.append(("transfer", tid))
    out.extend(("removed", tid) for tid in was.transfers if tid not in now.transfers)
    return out
