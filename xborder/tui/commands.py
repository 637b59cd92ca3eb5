"""Commands declared once: each yields its key binding, its footer entry and its
command-palette entry, in the interface language (Braindrop's way)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from xborder.tui.strings import t


@dataclass(frozen=True, slots=True)
class Command:
    key: str
    """Key(s), comma-separated, as Textual spells them."""
    action: str
    label: str
    """String key of the footer label."""
    help: str = ""
    """String key of the palette's description ("" = not in the palette)."""
    show: bool = True
    key_display: str | None = None
    priority: bool = False


def bindings(commands: Iterable[Command], lang: str) -> list[Binding]:
    return [
        Binding(
            c.key,
            c.action,
            t(c.label, lang),
            show=c.show,
            key_display=c.key_display,
            priority=c.priority,
        )
        for c in commands
    ]


def apply_bindings(node: DOMNode, commands: Sequence[Command], lang: str, extra: Sequence[Binding] = ()) -> None:
    """Give `node` its class's own bindings (Screen's Tab / Shift+Tab, ...) plus
    `commands` in `lang`; called again when the language changes."""
    base = type(node)._merged_bindings
    mine = BindingsMap([*extra, *bindings(commands, lang)])
    node._bindings = BindingsMap.merge([base, mine]) if base is not None else mine
    node.refresh_bindings()


def palette_entries(commands: Iterable[Command], lang: str) -> list[tuple[str, str, str]]:
    """(title, description, action) of the commands that belong in the palette."""
    return [(t(c.label, lang), t(c.help, lang), c.action) for c in commands if c.help]


_TEXTUAL_LABELS = {"Dismiss menu": "key.dismiss_menu"}
"""Footer labels of Textual's own widgets' bindings -> our string keys."""


class LocalizedFooter:
    """Screen mixin: the footer shows Textual's own bindings (an open Select's "Dismiss
    menu") in the interface language too."""

    @property
    def active_bindings(self) -> dict[str, Any]:
        bindings: dict[str, Any] = super().active_bindings  # type: ignore[misc]
        lang = getattr(self.app, "lang", "en")  # type: ignore[attr-defined]
        out = {}
        for key, active in bindings.items():
            label = _TEXTUAL_LABELS.get(active.binding.description)
            if label is not None:
                active = active._replace(binding=replace(active.binding, description=t(label, lang)))
            out[key] = active
        return out
