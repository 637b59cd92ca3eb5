"""The rules engine and the rulebook interface: pure functions of (assessment,
reference data, as-of date).

    evaluate(assessment, reference, as_of) -> Evaluation

No I/O, no clock: "today" is always passed in. Each jurisdiction's rules live in a
rulebook package (`xborder.rulebooks.az`, or a firm's own), found through the entry-point
group ``xborder.rulebooks`` (`xborder.rules.registry`); each rule has an id, the sources it
rests on and its az/en/ru texts in the rulebook's reference data.
"""

from xborder.rules.engine import (
    SEVERITIES,
    VERDICTS,
    Evaluation,
    Finding,
    TransferResult,
    evaluate,
    worst_verdict,
)
from xborder.rules.registry import get_rulebook, load_reference, reference_for, rulebook_ids
from xborder.rules.rulebook import Deadline, FormProfile, NoticeRules, Rulebook

__all__ = [
    "SEVERITIES",
    "VERDICTS",
    "Deadline",
    "Evaluation",
    "Finding",
    "FormProfile",
    "NoticeRules",
    "Rulebook",
    "TransferResult",
    "evaluate",
    "get_rulebook",
    "load_reference",
    "reference_for",
    "rulebook_ids",
    "worst_verdict",
]
