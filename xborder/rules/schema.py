"""The JSON Schema of the assessment file for the rulebooks installed: what the
repository keeps (xborder/schema/), `xborder init` writes and `xborder schema` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder.model.schema import assessment_schema, render_schema
from xborder.rules.registry import DEFAULT, get_rulebook, load_reference, rulebook_ids

if TYPE_CHECKING:
    from xborder.reference import Reference


def schema_text(reference: Reference) -> str:
    """The schema for `reference`'s vocabularies and each installed rulebook's home
    country and grounds."""
    return render_schema(
        assessment_schema(
            list(reference.vocabulary.data),
            list(reference.vocabulary.special),
            list(reference.grounds),
            home_country=get_rulebook(DEFAULT).home_country,
            jurisdictions=list(rulebook_ids()),
            rulebooks={
                book: (get_rulebook(book).home_country, list(reference.for_book(get_rulebook(book).data).grounds))
                for book in rulebook_ids()
            },
            default=DEFAULT,
        )
    )


def shipped_schema_text() -> str:
    """The schema for the shipped vocabularies (what the repo keeps)."""
    return schema_text(load_reference(None))
