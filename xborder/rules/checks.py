"""The load checks that need the assessment's rulebook (its grounds, its home country)
and the workspace's reference data: one entry point for storage and the wizard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder.model.checks import Loc, check_assessment
from xborder.model.text import Msg
from xborder.rules.registry import get_rulebook, rulebook_ids

if TYPE_CHECKING:
    from xborder.model.assessment import Assessment
    from xborder.reference import Reference


def load_problems(
    assessment: Assessment, reference: Reference, stem: str | None = None
) -> list[tuple[Loc, str]]:
    """(key path, message) of every load error FORMAT.md names that the models alone
    cannot see: vocabularies, grounds, jurisdiction, home country, policy profile."""
    try:
        book = get_rulebook(assessment.jurisdiction)
    except KeyError:
        bound, home, error = reference, None, ""
    else:
        bound = reference.for_book(book.data)
        home = book.home_country
        texts = bound.rulebook.meta.home_error
        error = Msg(texts.get("en", home), **{k: v for k, v in texts.items() if k != "en"})
    return check_assessment(
        assessment,
        data_keys=bound.data_keys,
        special_keys=bound.special_keys,
        grounds=bound.grounds,
        stem=stem,
        jurisdictions=rulebook_ids(),
        home_country=home,
        home_error=error,
        policies=bound.policies.keys(),
    )
