"""FieldBox: one form field (label, control, hint, error) built from a FieldSpec.

One factory per field kind (Trogon's way): the wizard never reads a widget by hand; it
receives `FieldBox.Changed(spec, value)` with the value already in the document's shape
(str, list, date, bool or None) and calls `set_value` to show a value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea

from xborder.reference import Reference
from xborder.tui.form import FieldSpec, parse_date_text
from xborder.tui.safe import markup, plain
from xborder.tui.strings import t
from xborder.tui.widgets.country import CountryPicker
from xborder.tui.widgets.safe_inputs import SafeInput, SafeTextArea


class FieldBox(Vertical):
    """A labelled control for one field of the assessment."""

    DEFAULT_CSS = """
    FieldBox { height: auto; margin: 0 0 1 0; }
    FieldBox > .field-label { color: $text-muted; }
    FieldBox > .field-label.-required { color: $text; }
    FieldBox > .field-hint { color: $text-muted; text-style: italic; }
    FieldBox > .field-hint.-on-focus { display: none; }
    FieldBox.-focused > .field-hint.-on-focus { display: block; }
    FieldBox > .field-error { color: $error; display: none; }
    FieldBox.-error > .field-error { display: block; }
    FieldBox Input, FieldBox TextArea, FieldBox SelectionList { background: $boost; }
    FieldBox Input:focus, FieldBox TextArea:focus, FieldBox SelectionList:focus-within {
        background: $primary 20%;
    }
    FieldBox.-error Input, FieldBox.-error TextArea, FieldBox.-error SelectionList,
    FieldBox.-error Select > SelectCurrent { background: $error 20%; }
    FieldBox TextArea { height: 3; }
    FieldBox TextArea.-lines { height: 4; }
    FieldBox SelectionList { height: auto; max-height: 12; }
    FieldBox Checkbox { border: none; padding: 0; background: transparent; }
    FieldBox Checkbox:focus { background: $primary 20%; }
    """

    class Changed(Message):
        def __init__(self, box: FieldBox, value: Any) -> None:
            super().__init__()
            self.box = box
            self.value = value

        @property
        def spec(self) -> FieldSpec:
            return self.box.spec

        @property
        def control(self) -> FieldBox:
            return self.box

    def __init__(
        self,
        spec: FieldSpec,
        *,
        lang: str,
        reference: Reference,
        today: dt.date,
        hint: str = "",
        options: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(id=spec.widget_id)
        self.spec = spec
        self.lang = lang
        self.reference = reference
        self.today = today
        self.hint = hint
        self.options = options
        self._value: Any = None
        self._shown = False
        self._error = ""
        """False until the wizard first shows a value: controls' own start-up events
        (a Select announcing its initial value) are not the user's edits."""

    # -- building -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        spec = self.spec
        label = t(spec.label_key, self.lang) + (" *" if spec.required else "")
        if spec.kind != "bool":
            yield Static(label, classes="field-label" + (" -required" if spec.required else ""))
        yield self._control(label)
        hint = self.hint
        if spec.kind == "date" and not hint:
            hint = t("wizard.date_hint", self.lang)
        if spec.kind == "lines" and not hint:
            hint = t("wizard.lines_hint", self.lang)
        if spec.kind == "country" and not hint:
            hint = t("wizard.country_hint", self.lang)
        if spec.kind == "recipient" and not hint:
            hint = t("wizard.recipient_hint", self.lang)
        if hint:
            focus_only = spec.kind in ("date", "lines", "country", "recipient")
            yield Static(hint, classes="field-hint" + (" -on-focus" if focus_only else ""))
        yield Static("", classes="field-error")

    def _control(self, label: str) -> Widget:
        spec = self.spec
        lang = self.lang
        cid = f"{spec.widget_id}-control"
        if spec.kind in ("text", "date"):
            return SafeInput(id=cid, placeholder="YYYY-MM-DD" if spec.kind == "date" else "", compact=True)
        if spec.kind == "textarea":
            return SafeTextArea(id=cid, soft_wrap=True, show_line_numbers=False, compact=True)
        if spec.kind == "lines":
            return SafeTextArea(id=cid, soft_wrap=True, show_line_numbers=False, classes="-lines", compact=True)
        if spec.kind == "bool":
            return Checkbox(label, id=cid)
        if spec.kind == "tristate":
            return Select(
                [(t("tristate.yes", lang), True), (t("tristate.no", lang), False)],
                prompt=t("tristate.unset", lang),
                id=cid,
                compact=True,
            )
        if spec.kind == "select":
            values = self._select_values()
            return Select(
                [(_prompt(self._option_label(v)), v) for v in values],
                prompt=t("select.none", lang),
                allow_blank=not spec.required,
                id=cid,
                compact=True,
                value=values[0] if spec.required and values else Select.NULL,
            )
        if spec.kind == "checklist":
            return SelectionList[str](
                *[(_prompt(label), key) for label, key in self._checklist_options()], id=cid, compact=True
            )
        if spec.kind == "country":
            return CountryPicker(
                lang=lang,
                exclude=self._home_country() if spec.transfer else "",
                placeholder=t("wizard.country_placeholder", lang),
                id=cid,
            )
        if spec.kind == "recipient":
            from xborder.tui.widgets.recipient import RecipientPicker

            return RecipientPicker(
                lang=lang, entries=self._catalogue(), placeholder=t("wizard.recipient_placeholder", lang), id=cid
            )
        raise ValueError(f"unknown field kind {spec.kind}")  # pragma: no cover

    def _catalogue(self) -> dict[str, str]:
        """id -> name of the workspace's recipient catalogue (nothing outside a workspace)."""
        workspace = getattr(self.app, "workspace", None)
        if workspace is None:
            return {}
        return {entry_id: entry.recipient.name for entry_id, entry in workspace.recipients.entries().items()}

    def _home_country(self) -> str:
        """The rulebook's home country: never a destination of a cross-border transfer."""
        from xborder.rules.registry import get_rulebook

        book = self.reference.book
        return get_rulebook(book.id).home_country if book is not None else ""

    def _option_label(self, value: str) -> str:
        if self.spec.options == "policy":  # a policy profile: whose policy it is
            profile = self.reference.policies[value]
            return f"{self.reference.policy_document(profile, self.lang)} ({value})"
        if self.spec.options == "jurisdiction":  # a rulebook: the law it applies
            from xborder.rules.registry import get_rulebook

            law = self.reference.for_book(get_rulebook(value).data).rulebook.meta.law
            name = (law.short.get(self.lang) or law.short.get("en", "")) if law is not None else ""
            return f"{name} ({value})" if name else value
        return self.reference.label(self.spec.options, value, self.lang)

    def _select_values(self) -> list[str]:
        table = self.spec.options
        if table == "ground":
            return list(self.reference.grounds)
        if table == "policy":  # the shipped profiles and the workspace's own
            return sorted(self.reference.policies)
        if table == "jurisdiction":  # the rulebooks installed
            from xborder.rules.registry import rulebook_ids

            return list(rulebook_ids())
        return list(getattr(self.reference.vocabulary, table, {}))

    def _checklist_options(self) -> list[tuple[str, str]]:
        if self.options is not None:
            return self.options
        table = self.spec.options
        terms = getattr(self.reference.vocabulary, table, {})
        return [(self.reference.label(table, key, self.lang), key) for key in terms]

    @property
    def control(self) -> Widget:
        return self.query_one(f"#{self.spec.widget_id}-control")

    def focus_control(self) -> None:
        self.control.focus()

    # -- values -------------------------------------------------------------------
    @property
    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        """Show `value` without posting Changed."""
        self._value = value
        self._shown = True
        control = self.control
        kind = self.spec.kind
        with self.prevent(
            Input.Changed, TextArea.Changed, Select.Changed, Checkbox.Changed,
            SelectionList.SelectedChanged, CountryPicker.Changed,
        ):
            if kind == "text":
                assert isinstance(control, Input)
                control.value = "" if value is None else str(value)
            elif kind == "date":
                assert isinstance(control, Input)
                control.value = value.isoformat() if isinstance(value, dt.date) else str(value or "")
            elif kind == "textarea":
                assert isinstance(control, TextArea)
                control.load_text("" if value is None else str(value))
            elif kind == "lines":
                assert isinstance(control, TextArea)
                control.load_text("\n".join(str(v) for v in (value or [])))
            elif kind == "bool":
                assert isinstance(control, Checkbox)
                control.value = bool(value) if value is not None else self.spec.path[-1] == "az_citizens"
            elif kind in ("tristate", "select"):
                assert isinstance(control, Select)
                if value is None or (kind == "select" and value not in [v for _, v in control._options]):
                    if control._allow_blank:
                        control.clear()
                else:
                    control.value = value
            elif kind == "checklist":
                assert isinstance(control, SelectionList)
                control.deselect_all()
                for key in value or []:
                    control.select(key)
            elif kind in ("country", "recipient"):
                assert isinstance(control, CountryPicker)
                control.set_value(value)
        if kind == "date":
            self._date_feedback(value)

    def set_checklist_options(self, options: list[tuple[str, str]], selected: list[str]) -> None:
        """Replace the choices of a checklist (a transfer's data follow the Processing step)."""
        control = self.control
        assert isinstance(control, SelectionList)
        self.options = options
        with self.prevent(SelectionList.SelectedChanged):
            control.clear_options()
            control.add_options([(_prompt(label), key, key in selected) for label, key in options])
        self._value = list(selected)
        self._shown = True

    def set_error(self, message: str | None) -> None:
        message = message or ""
        if message == self._error:
            return  # unchanged: no relayout on every keystroke
        self._error = message
        self.set_class(bool(message), "-error")
        self.query_one(".field-error", Static).update(markup(message))

    @property
    def error(self) -> str:
        return self._error

    # -- events -------------------------------------------------------------------
    def on_descendant_focus(self) -> None:
        self.add_class("-focused")  # shows the focus-only hint (date shortcuts, ...)

    def on_descendant_blur(self) -> None:
        self.remove_class("-focused")

    def _emit(self, value: Any) -> None:
        if not self._shown:
            return
        if value == self._value and type(value) is type(self._value):
            return
        self._value = value
        self.post_message(self.Changed(self, value))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != event.input.value:
            return  # stale
        if self.spec.kind == "date":
            text = event.value
            parsed = parse_date_text(text, self.today)
            value: Any = parsed if parsed is not None else (text.strip() or None)
            self._date_feedback(value)
            self._emit(value)
        elif self.spec.kind == "text":
            self._emit(event.value.strip() or None)

    def _date_feedback(self, value: Any) -> None:
        bad = value is not None and not isinstance(value, dt.date)
        self.set_error(t("error.date", self.lang) if bad else None)

    @on(Input.Blurred)
    @on(Input.Submitted)
    def _input_done(self, event: Input.Blurred | Input.Submitted) -> None:
        # "today", "+30" and the like become the date they stand for when the user leaves
        if self.spec.kind == "date" and isinstance(self._value, dt.date):
            control = self.control
            assert isinstance(control, Input)
            iso = self._value.isoformat()
            if control.value != iso:
                with self.prevent(Input.Changed):
                    control.value = iso

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if self.spec.kind == "lines":
            self._emit([line.strip() for line in text.splitlines() if line.strip()])
        else:
            self._emit(text.strip() or None)

    @on(Checkbox.Changed)
    def _checked(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._emit(bool(event.value))

    @on(Select.Changed)
    def _selected(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != event.select.value:
            return  # stale: posted for a value replaced since (e.g. the initial one)
        value = None if event.value is Select.NULL else event.value
        self._emit(value)

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        selected = set(event.selection_list.selected)
        order = [key for _, key in (self.options or self._checklist_options())]
        self._emit([key for key in order if key in selected])

    @on(CountryPicker.Changed)
    def _country(self, event: CountryPicker.Changed) -> None:
        event.stop()
        self._emit(event.value)


def _prompt(label: str) -> Text:
    """An option's label as plain text: labels may come from a workspace's reference data
    or, for a key the vocabulary lacks, from the file itself (no markup, no controls)."""
    return Text(plain(label))
