"""The footer, rebuilt once per frame however often the bindings change in it.

Textual's Footer rebuilds all its keys after every `bindings_updated` signal; opening the
home screen sends several in one frame (the screen mounts, the table takes the focus,
the rows arrive, keys are dimmed), and each rebuild restyles every key. This footer
coalesces them into one rebuild after the next refresh.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class CoalescingFooter(Footer):
    _rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
