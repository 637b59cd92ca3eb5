"""Input and TextArea that never send a control character of their value to the
terminal. The wizard edits the file's own text, so the value stays exactly what the file
holds (saving writes it back unchanged); only its rendering shows each control, DEL, C1
or bidi character as a visible symbol of the same length (␛ for ESC, U+FFFD for C1 and
bidi), so cursor positions stay as they are."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, TextArea

_SHOWN = {code: chr(0x2400 + code) for code in range(0x20) if code != 0x09}
_SHOWN[0x7F] = "\u2421"
_SHOWN.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_SHOWN.update({ord(c): "\ufffd" for c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"})


def shown(text: Text) -> Text:
    """`text` with its unsafe characters replaced one for one (styles kept)."""
    plain = text.plain
    safe = plain.translate(_SHOWN)
    if safe != plain:
        text = text.copy()
        text.plain = safe
    return text


class SafeInput(Input):
    @property
    def _value(self) -> Text:
        return shown(super()._value)


class SafeTextArea(TextArea):
    def get_line(self, line_index: int) -> Text:
        return shown(super().get_line(line_index))
