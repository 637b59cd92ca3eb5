"""ISO 3166-1 alpha-2 codes, from pycountry, loaded once."""

from __future__ import annotations

from functools import cache


@cache
def country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


def is_country_code(code: str) -> bool:
    return code in country_codes()
