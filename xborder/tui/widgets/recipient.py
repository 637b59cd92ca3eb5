"""RecipientPicker: type-ahead over the workspace's recipient catalogue, by name or id;
the file only ever gets the id (`recipient.ref`)."""

from __future__ import annotations

from xborder.tui.widgets.country import CountryPicker


def search(entries: dict[str, str], text: str, limit: int = 8) -> list[str]:
    """Ids of `entries` (id -> name) matching `text`: the exact id first, then ids and
    names starting with it, then names containing it."""
    needle = text.strip().casefold()
    if not needle:
        return []
    exact = [i for i in entries if i == needle]
    prefix = [i for i in entries if i not in exact and (i.startswith(needle) or entries[i].casefold().startswith(needle)
                                                        or f" {needle}" in entries[i].casefold())]
    inside = [i for i in entries if i not in exact and i not in prefix and len(needle) >= 2
              and (needle in entries[i].casefold() or needle in i)]
    key = lambda i: entries[i].casefold()  # noqa: E731
    return (exact + sorted(prefix, key=key) + sorted(inside, key=key))[:limit]


class RecipientPicker(CountryPicker):
    """An input with the matching catalogue entries under it."""

    DEFAULT_CSS = """
    RecipientPicker { height: auto; }
    RecipientPicker > Input { background: $boost; }
    RecipientPicker > Input:focus { background: $primary 20%; }
    RecipientPicker > OptionList { max-height: 8; display: none; border: none; padding: 0; }
    RecipientPicker.-open > OptionList { display: block; }
    """

    def __init__(self, *, lang: str, entries: dict[str, str], placeholder: str = "", id: str | None = None) -> None:
        super().__init__(lang=lang, placeholder=placeholder, id=id)
        self.entries = entries
        """id -> name of every readable catalogue entry."""

    def _resolve(self, text: str) -> str | None:
        value = text.strip()
        if value.endswith(")") and "(" in value:
            value = value[value.rindex("(") + 1 : -1].strip()
        if value in self.entries:
            return value
        folded = text.strip().casefold()
        named = [i for i, name in self.entries.items() if name.casefold() == folded]
        return named[0] if len(named) == 1 else None

    def _search(self, text: str) -> list[str]:
        return search(self.entries, text)

    def _display(self, value: str) -> str:
        return f"{self.entries[value]} ({value})" if value in self.entries else value
