"""Policy profiles: which clause of an operator's own personal-data policy carries each
commitment a rule enforces (FORMAT.md, "Every finding names its sources truthfully").

Shipped profiles are reference data (xborder/reference/data/policies.toml); a workspace
adds its own in xborder.toml under [policies.ID]."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Commitment = Literal[
    "definition",
    "adequacy",
    "grounds",
    "notify_authority",
    "recipient_information",
    "special_categories",
    "localisation",
    "processor_contract",
    "subject_information",
    "authority_request",
]
COMMITMENTS: tuple[str, ...] = get_args(Commitment)
"""What an operator's policy commits to, in FORMAT.md's words."""

POLICY_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
"""A profile id: the assessment id's pattern (matched in full)."""


class PolicyProfile(BaseModel):
    """An operator's personal-data policy: which of its clauses carries each commitment."""

    model_config = ConfigDict(extra="forbid", strict=True, use_attribute_docstrings=True)

    title: str
    """The policy's name as the operator gives it."""
    company: str = ""
    """The operator whose policy it is (how a citation names the document; default: the title)."""
    date: dt.date | None = None
    """The date the policy bears, where it bears one."""
    clauses: dict[Commitment, str] = Field(default_factory=dict)
    """commitment -> the policy's own clause number; only the clauses it really has."""
    source: str = ""
    """Where its text was read."""
