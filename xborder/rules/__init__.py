"""The rules engine: a pure function of (assessment, reference data, as-of date).

    evaluate(assessment, reference, as_of) -> Evaluation

No I/O, no clock: "today" is always passed in. Each rulebook (only "az" so far) lives in
its own module; each rule has an id, the clause it rests on and its az/en/ru texts in the
reference data (rulebook_az.toml).
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

__all__ = [
    "SEVERITIES",
    "VERDICTS",
    "Evaluation",
    "Finding",
    "TransferResult",
    "evaluate",
    "worst_verdict",
]
