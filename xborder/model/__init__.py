"""The domain models: pure pydantic, no I/O, no Textual."""

from xborder.model.assessment import (
    ID_PATTERN,
    SCHEMA_VERSION,
    AdequacyOverride,
    Approval,
    Assessment,
    Consent,
    Contract,
    Notification,
    Operator,
    Processing,
    Recipient,
    RecipientInfo,
    Transfer,
)
from xborder.model.workspace import Authority, Settings

__all__ = [
    "ID_PATTERN",
    "SCHEMA_VERSION",
    "AdequacyOverride",
    "Approval",
    "Assessment",
    "Authority",
    "Consent",
    "Contract",
    "Notification",
    "Operator",
    "Processing",
    "Recipient",
    "RecipientInfo",
    "Settings",
    "Transfer",
]
