"""WizardScreen: create or edit one assessment, step by step.

The screen edits a document (a plain dict shaped like the file, see `xborder.tui.form`).
Every change goes into the document, is autosaved as a draft, and (debounced) validated
by the core models and evaluated by the rules engine; only this assessment is evaluated.
The widgets only show the document; the steps are views of it, so moving between steps
loses nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from xborder.i18n import upper
from xborder.model.text import in_lang
from xborder.reference.loader import AdequacyInfo
from xborder.store import save_assessment
from xborder.store.assessments import ConflictError, file_digest
from xborder.store.drafts import Draft, discard_draft, save_draft
from xborder.tui import form
from xborder.tui.commands import Command, LocalizedFooter, apply_bindings
from xborder.tui.form import (
    GENERAL_FIELDS,
    PROCESSING_FIELDS,
    STEPS,
    TRANSFER_FIELDS,
    Check,
    FieldSpec,
    Loc,
    Step,
)
from xborder.tui.safe import markup, plain
from xborder.tui.screens.choice import ChoiceScreen
from xborder.tui.strings import t, tn
from xborder.tui.style import SEVERITY_STYLE, verdict_text
from xborder.tui.widgets.country import display as country_display
from xborder.tui.widgets.fields import FieldBox
from xborder.tui.widgets.footer import CoalescingFooter

if TYPE_CHECKING:
    from xborder.tui.app import XBorderApp

COMMANDS = (
    Command("ctrl+s", "save", "key.save", "cmd.save"),
    Command("escape", "close", "key.back"),
    Command("alt+right,ctrl+pagedown", "next_step", "key.next", key_display="Alt+→"),
    Command("alt+left,ctrl+pageup", "prev_step", "key.prev", show=False),
    Command("f3", "toggle_help", "key.help_panel", key_display="F3"),
    # in the list of transfers (in a text field these keys type, cut, ...)
    Command("a", "add_transfer", "key.add_transfer", show=False),
    Command("ctrl+d", "duplicate_transfer", "key.duplicate_transfer", show=False),
    Command("ctrl+x", "remove_transfer", "key.remove_transfer", show=False),
)
_TRANSFER_KEYS_FROM = ("transfer-list", "add-transfer", "dup-transfer", "remove-transfer")
"""Where a, Ctrl+D and Ctrl+X act on transfers (elsewhere they belong to the field)."""
_NARROW = 100
"""Below this width the clause text replaces the step list when shown."""

_AUTO_TRANSFER_ID = re.compile(r"^transfer-\d+$")
_SECTIONS_GENERAL = {"operator.name": "wizard.section.operator"}
_SECTIONS_TRANSFER = {
    "recipient.ref": "wizard.section.recipient",
    "ground": "wizard.section.ground",
    "adequacy.adequate": "wizard.section.override",
    "recipient_info.obtained": "wizard.section.info",
    "notification.sent": "wizard.section.notice",
    "national_security_risk": "wizard.section.security",
}


class WizardScreen(LocalizedFooter, Screen[None]):
    CSS_PATH = "wizard.tcss"
    AUTO_FOCUS = None
    """The first field is focused once the document is shown (_start)."""

    def __init__(
        self,
        document: dict[str, Any],
        *,
        path: Path | None,
        base_sha256: str,
        draft_key: str,
        dirty: bool = False,
    ) -> None:
        super().__init__()
        self.doc = document
        self.path = path
        """The file being edited; None while the assessment is new."""
        self.base_sha256 = base_sha256
        self.draft_key = draft_key
        self.dirty = dirty
        self.step: Step = "general"
        self.transfer_index: int | None = 0 if form.transfers_of(document) else None
        self.id_touched = path is not None or bool(document.get("id"))
        self.check: Check = Check(None)
        self._validate_timer: Timer | None = None
        self._draft_timer: Timer | None = None
        self._error_index: dict[tuple[str, int | None], str] = {}
        self._review_locs: dict[str, Loc] = {}
        self._help_visible: bool | None = None
        self.ready = False
        self._early_text = ""
        """Text typed before the wizard was ready (see on_key)."""
        self._transfer_labels: list[Text] = []
        self._step_labels: list[Text] = []
        self._bar: Text | None = None
        self._pages: set[Step] = {self.step}
        """Steps whose page is built: the first step's at once, the others the first time
        they are shown (a page of 27 fields for the transfers is not built to show the
        general step)."""
        self._building: dict[Step, Any] = {}
        self._wanted: Step = self.step
        """The step last asked for (shown once its page is built)."""

    # -- context ------------------------------------------------------------------
    @property
    def xapp(self) -> XBorderApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.xapp.lang

    @property
    def is_new(self) -> bool:
        return self.path is None

    @property
    def title_text(self) -> str:
        title = self.doc.get("title")
        return plain(title) if isinstance(title, str) and title else t("wizard.new", self.lang)

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static("", id="wiz-bar")
        with Horizontal(id="wiz-body"):
            yield OptionList(*[Option(t(f"step.{s}", lang), id=s) for s in STEPS], id="steps")
            with ContentSwitcher(initial=self.step, id="pages"):
                for step in STEPS:
                    page = VerticalScroll if step in ("general", "processing", "save") else Vertical
                    with page(id=step, classes="page"):
                        if step in self._pages:
                            yield from self._page(step)
            with VerticalScroll(id="help-panel"):
                yield Static("", id="help-text")
        yield CoalescingFooter()

    def _page(self, step: Step) -> list[Widget]:
        """The widgets of a step's page."""
        lang = self.lang
        if step == "general":
            return [
                Static(t("step.general.intro", lang), classes="intro"),
                Static(t("wizard.required", lang), classes="required-note"),
                *self._boxes(GENERAL_FIELDS, _SECTIONS_GENERAL),
            ]
        if step == "processing":
            return [Static(t("step.processing.intro", lang), classes="intro"), *self._boxes(PROCESSING_FIELDS, {})]
        if step == "destinations":
            buttons = Vertical(
                Button(t("wizard.add", lang), id="add-transfer", compact=True),
                Button(t("wizard.dup", lang), id="dup-transfer", compact=True),
                Button(t("wizard.remove", lang), id="remove-transfer", compact=True, variant="error"),
                id="transfer-buttons",
            )
            return [
                Static(t("step.destinations.intro", lang), classes="intro", id="destinations-intro"),
                Horizontal(OptionList(id="transfer-list"), buttons, id="transfer-bar"),
                Static(t("wizard.no_transfers", lang), id="no-transfers"),
                VerticalScroll(*self._transfer_boxes(), id="transfer-form"),
            ]
        if step == "review":
            return [
                Static(t("step.review.intro", lang), classes="intro"),
                Static("", id="review-verdict"),
                OptionList(id="review-list"),
            ]
        return [
            Static(t("step.save.intro", lang), classes="intro"),
            Static("", id="save-summary"),
            Button(t("wizard.save_write", lang), id="save-button", variant="primary"),
            Button(t("wizard.save_and_report", lang), id="save-report-button"),
            Static(t("wizard.report_hint", lang), classes="note"),
            Static(t("wizard.save_note", lang), classes="note"),
        ]

    def built(self, step: Step) -> bool:
        """Whether the page of `step` is built (and shows the document)."""
        return step in self._pages

    def _when_built(self, step: Step, then: Callable[[], object]) -> bool:
        """True if the page of `step` is built; else build it, call `then` once it is,
        and return False."""
        if step in self._pages:
            return True
        self._build_page(step, then)
        return False

    @work(group="pages")
    async def _build_page(self, step: Step, then: Callable[[], object]) -> None:
        if step not in self._building:
            self._building[step] = self.query_one(f"#{step}").mount_all(self._page(step))
        await self._building[step]
        if step not in self._pages:
            self._pages.add(step)
            self._show_page(step)
        then()

    def _show_page(self, step: Step) -> None:
        """Show the document on a page just built."""
        if step == "processing":
            for spec in PROCESSING_FIELDS:
                self.query_one(f"#{spec.widget_id}", FieldBox).set_value(form.get_in(self.doc, spec.path))
        if step == "destinations":
            self._transfer_labels = []
            self._refresh_transfer_list()
            self._show_transfer(self.transfer_index)
        self._show_errors()

    def _box(self, spec: FieldSpec, **kwargs: Any) -> FieldBox:
        app = self.xapp
        return FieldBox(spec, lang=self.lang, reference=self._book_reference(), today=app.today, **kwargs)

    def _book_reference(self) -> Any:
        """The workspace's reference data bound to the document's rulebook (its grounds,
        home country and adequacy list; the default while the jurisdiction is unknown)."""
        from xborder.rules.registry import DEFAULT, get_rulebook

        jurisdiction = self.doc.get("jurisdiction")
        try:
            book = get_rulebook(jurisdiction if isinstance(jurisdiction, str) else DEFAULT)
        except KeyError:
            book = get_rulebook(DEFAULT)
        return self.xapp.workspace.reference.for_book(book.data)

    def _apply_rulebook(self) -> None:
        """The transfer card follows the document's rulebook: its own fields shown, the
        others' hidden (unless they hold a value: nothing in the file is hidden), its
        grounds offered, its home country refused as a destination."""
        reference = self._book_reference()
        profile = form.form_profile(self.doc)
        transfer = self._transfer() or {}
        for box in self.query(FieldBox):
            box.reference = reference
        for key in form.rulebook_fields():
            shown = key in profile.transfer_fields or form.get_in(transfer, key.split(".")) is not None
            self.query_one("#t-" + key.replace(".", "-"), FieldBox).display = shown
        ground = self.query_one("#t-ground-control", Select)
        offered = [value for _, value in ground._options if value is not Select.NULL]
        if offered != list(reference.grounds):
            current = transfer.get("ground")
            ground.set_options([(reference.label("ground", g, self.lang), g) for g in reference.grounds])
            if isinstance(current, str) and current in reference.grounds:
                ground.value = current
        picker = self.query_one("#t-country-control")
        if hasattr(picker, "exclude"):
            picker.exclude = profile.home_country

    def _boxes(self, specs: tuple[FieldSpec, ...], sections: dict[str, str]) -> ComposeResult:
        for spec in specs:
            key = ".".join(spec.path)
            if key in sections:
                yield Static(t(sections[key], self.lang), classes="section")
            hint = ""
            if spec.path == ("id",):
                hint = t("wizard.id_hint" if self.is_new else "wizard.id_locked", self.lang)
            box = self._box(spec, hint=hint)
            if spec.path == ("id",) and not self.is_new:
                box.disabled = True
            yield box

    def _transfer_boxes(self) -> ComposeResult:
        # the rulebook's follow-up fields per ground; the per-transfer adequacy decision
        # ([transfers.adequacy], FORMAT.md) belongs to the adequacy ground in any rulebook
        groups = {table: f"grp-{table}" for table in form.follow_up_groups(form.form_profile(self.doc))}
        groups["adequacy"] = "grp-override"
        open_group: str | None = None
        container: Vertical | None = None
        for spec in TRANSFER_FIELDS:
            key = ".".join(spec.path)
            if key in _SECTIONS_TRANSFER:
                yield Static(t(_SECTIONS_TRANSFER[key], self.lang), classes="section", id=f"sec-{spec.path[0]}")
            group = groups.get(spec.path[0]) if len(spec.path) > 1 else None
            if group != open_group:
                if container is not None:
                    yield container
                container = Vertical(id=group, classes="group") if group else None
                open_group = group
            hint = t("wizard.data_default", self.lang) if spec.path == ("data",) else ""
            box = self._box(spec, hint=hint, options=[] if spec.kind == "checklist" else None)
            if container is not None:
                container.compose_add_child(box)
            else:
                yield box
            if spec.path == ("country",):
                yield Static("", id="adequacy")
            if spec.path == ("recipient", "agreement"):
                yield Button(t("wizard.recipient_save", self.lang), id="save-recipient", compact=True)
        if container is not None:
            yield container

    # -- lifecycle ----------------------------------------------------------------
    def on_mount(self) -> None:
        apply_bindings(self, COMMANDS, self.lang)
        # after the first refresh every control has mounted (a Select sets its initial
        # value on mount, which would otherwise overwrite the document's)
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self._populate()
        self._validate_now()
        self._show_step(self.step, focus=False)
        self._focus_first()
        self.ready = True
        early, self.xapp.early_text = self.xapp.early_text + self._early_text, ""
        self._early_text = ""
        if early and self.is_new:
            # typed while the wizard was opening (right after n): it was meant for the title
            title = self.query_one("#f-title-control", Input)
            title.focus()
            title.insert_text_at_cursor(early)

    def on_key(self, event: Key) -> None:
        self.take_early_key(event)

    def take_early_key(self, event: Key) -> None:
        """Text typed before the first field has the focus (right after n, while this
        screen opens; the list forwards what reached it) is kept for the title."""
        if not self.ready and event.is_printable and event.character:
            self._early_text += event.character
            event.stop()
            event.prevent_default()

    def on_resize(self) -> None:
        self._apply_help_visibility()
        self._bar = None
        self._refresh_bar()

    def _apply_help_visibility(self) -> None:
        """The clause text: as the user last toggled it (F3), else shown from 120 columns."""
        shown = self._help_visible if self._help_visible is not None else self.size.width >= 120
        self.query_one("#help-panel").display = shown
        self._layout_help()

    def _layout_help(self) -> None:
        """The clause text takes 40% of a wide screen; on a narrow one it replaces the
        step list while shown (Alt+← / Alt+→ still move between steps)."""
        panel = self.query_one("#help-panel")
        width = self.size.width
        panel.styles.width = max(36, min(72, width * 2 // 5))
        self.query_one("#steps").display = not (panel.display and width < _NARROW)

    def _focus_first(self) -> None:
        first = "#f-title-control" if self.is_new else "#steps"
        self.query_one(first).focus()

    async def relabel(self) -> None:
        """The language changed: rebuild the widgets in it; the document is unchanged."""
        focused = self.focused.id if self.focused else None
        await self.recompose()
        apply_bindings(self, COMMANDS, self.lang)
        self._transfer_labels, self._step_labels, self._bar = [], [], None

        def restore() -> None:
            self._apply_help_visibility()
            self._populate()
            self._validate_now()
            self._show_step(self.step, focus=False)
            if focused:
                for widget in self.query(f"#{focused}"):
                    widget.focus()

        self.call_after_refresh(restore)

    # -- showing the document -------------------------------------------------------
    def _populate(self) -> None:
        for spec in self._specs(GENERAL_FIELDS + PROCESSING_FIELDS):
            self.query_one(f"#{spec.widget_id}", FieldBox).set_value(form.get_in(self.doc, spec.path))
        self._refresh_transfer_list()
        self._show_transfer(self.transfer_index)

    def _specs(self, specs: tuple[FieldSpec, ...]) -> list[FieldSpec]:
        """The fields of `specs` on pages already built."""
        return [spec for spec in specs if form.step_of(spec.path) in self._pages]

    def _processed_options(self) -> list[tuple[str, str]]:
        reference = self.xapp.workspace.reference
        processing = self.doc.get("processing") or {}
        keys = [*(processing.get("data") or []), *(processing.get("special") or [])]
        return [(reference.data_label(k, self.lang), k) for k in dict.fromkeys(keys) if isinstance(k, str)]

    def _show_transfer(self, index: int | None) -> None:
        transfers = form.transfers_of(self.doc)
        if index is not None and not (0 <= index < len(transfers)):
            index = len(transfers) - 1 if transfers else None
        self.transfer_index = index
        if "destinations" not in self._pages:
            return
        has = index is not None
        self.query_one("#transfer-form").display = has
        self.query_one("#no-transfers").display = not has
        self.query_one("#dup-transfer", Button).disabled = not has
        self.query_one("#remove-transfer", Button).disabled = not has
        if index is None:
            return
        transfer = transfers[index]
        for spec in TRANSFER_FIELDS:
            box = self.query_one(f"#{spec.widget_id}", FieldBox)
            value = form.get_in(transfer, spec.path)
            if spec.kind == "checklist":
                options = self._processed_options()
                selected = value if isinstance(value, list) else [k for _, k in options]
                # data ticked here but since dropped from Processing stay visible, so
                # they can be unticked (the error says so)
                offered = {k for _, k in options}
                reference = self.xapp.workspace.reference
                options += [
                    (reference.data_label(k, self.lang), k) for k in selected if isinstance(k, str) and k not in offered
                ]
                box.set_checklist_options(options, selected)
            else:
                box.set_value(value)
        self._apply_rulebook()
        self._show_ground(transfer.get("ground"))
        self._show_adequacy()
        self._show_inherited(transfer)
        self._show_errors()
        transfer_list = self.query_one("#transfer-list", OptionList)
        if transfer_list.highlighted != index:
            transfer_list.highlighted = index

    def _show_inherited(self, transfer: dict[str, Any]) -> None:
        """What the recipient catalogue gives a transfer that refers to it, shown greyed
        in the fields the transfer leaves empty (typing there overrides it)."""
        from xborder.model.recipients import RecipientEntry

        recipient = transfer.get("recipient")
        ref = recipient.get("ref") if isinstance(recipient, dict) else None
        entry = None
        if isinstance(ref, str) and form.is_valid_id(ref):
            found = self.xapp.workspace.recipients(ref)
            entry = found if isinstance(found, RecipientEntry) else None
        for spec in TRANSFER_FIELDS:
            if spec.path[0] not in ("recipient", "recipient_info") or spec.kind not in ("text", "date"):
                continue
            control = self.query_one(f"#{spec.widget_id}-control", Input)
            value = entry.values(spec.path[0]).get(spec.path[1]) if entry is not None else None
            if isinstance(value, dt.date):
                value = value.isoformat()
            default = "YYYY-MM-DD" if spec.kind == "date" else ""
            control.placeholder = plain(f"{value} ← {ref}") if value else default

    def _show_ground(self, ground: str | None) -> None:
        """Only the chosen ground's follow-up fields; the per-transfer adequacy decision
        belongs to the adequacy ground (shown for another ground only if it holds a value,
        so nothing in the file is hidden)."""
        if "destinations" not in self._pages:
            return
        for table, owner in form.follow_up_groups(form.form_profile(self.doc)).items():
            self.query_one(f"#grp-{table}").display = ground == owner
        transfer = self._transfer() or {}
        override = ground == "adequacy" or bool(transfer.get("adequacy"))
        self.query_one("#grp-override").display = override
        self.query_one("#sec-adequacy").display = override

    def _show_adequacy(self) -> None:
        if "destinations" not in self._pages:
            return
        line = self.query_one("#adequacy", Static)
        transfer = self._transfer()
        reference = self._book_reference()
        code = transfer.get("country") if transfer else None
        from xborder.reference.loader import country_name
        from xborder.rules.registry import get_rulebook

        home = get_rulebook(reference.book.id).home_country if reference.book else ""
        if not isinstance(code, str) or country_name(code, "en") == code or code.upper() == home:
            line.update(t("wizard.adequacy.none", self.lang))
            line.set_classes("")
            return
        override = transfer.get("adequacy") if transfer else None
        if isinstance(override, dict) and isinstance(override.get("adequate"), bool):
            adequate = bool(override["adequate"])
            info = AdequacyInfo(code, adequate, str(override.get("reason") or "…"), True, overridden=True)
        else:
            info = reference.adequacy_of(code)
            adequate = info.adequate
        source = plain(reference.describe_adequacy(info, self.lang))
        text = Text()
        heading = t("wizard.adequacy.yes" if adequate else "wizard.adequacy.no", self.lang)
        meaning = reference.rulebook.meta.not_adequate  # what it means under this rulebook's law
        hint = meaning.get(self.lang) or meaning.get("en", "")
        if not adequate and hint:
            heading += f" ({hint})"
        text.append(heading, style="bold")
        text.append("\n" + t("wizard.adequacy.source", self.lang, source=source), style="italic")
        line.update(text)
        line.set_classes("-adequate" if adequate else "-not-adequate")

    def _transfer(self) -> dict[str, Any] | None:
        transfers = form.transfers_of(self.doc)
        if self.transfer_index is None or self.transfer_index >= len(transfers):
            return None
        return transfers[self.transfer_index]

    def _transfer_label(self, index: int, transfer: dict[str, Any]) -> Text:
        code = transfer.get("country")
        where = code if isinstance(code, str) and len(code) == 2 else "?"
        name = str(transfer.get("id") or "?")
        if len(name) > 22:  # the verdict and the problems must fit at 80 columns
            name = name[:21] + "…"
        text = Text(f"{index + 1}. {name} → {where}")
        evaluation = self.check.evaluation
        result = evaluation.transfer(str(transfer.get("id"))) if evaluation else None
        if result is not None:
            text.append("  ")
            text.append_text(verdict_text(result.verdict, self.xapp.workspace.reference, self.lang))
        problems = form.transfer_problems(self.check, index)
        if problems:
            text.append(f"  ● {problems}", style="bold red")
        return text

    def _refresh_transfer_list(self) -> None:
        if "destinations" not in self._pages:
            return
        transfer_list = self.query_one("#transfer-list", OptionList)
        transfers = form.transfers_of(self.doc)
        highlighted = self.transfer_index
        labels = [self._transfer_label(i, tr) for i, tr in enumerate(transfers)]
        if labels == self._transfer_labels:
            return
        self._transfer_labels = labels
        transfer_list.set_options(
            [Option(label, id=f"tr-{i}") for i, label in enumerate(labels)]
        )
        if highlighted is not None and highlighted < len(transfers):
            transfer_list.highlighted = highlighted

    # -- steps --------------------------------------------------------------------
    def _show_step(self, step: Step, *, focus: bool = True) -> None:
        self._wanted = step
        if not self._when_built(step, lambda: self._show_built(step, focus)):
            return  # shown once its page is built
        self.step = step
        self.query_one("#pages", ContentSwitcher).current = step
        steps = self.query_one("#steps", OptionList)
        index = STEPS.index(step)
        if steps.highlighted != index:
            steps.highlighted = index
        if step == "destinations":
            self._show_transfer(self.transfer_index)
        if step == "review":
            self._refresh_review()
        if step == "save":
            self._refresh_save()
        self._refresh_help()
        if focus:
            target = {
                "general": "#f-title-control",
                "processing": "#f-processing-purposes-control",
                "destinations": "#transfer-list" if self.transfer_index is not None else "#add-transfer",
                "review": "#review-list",
                "save": "#save-button",
            }[step]
            self.query_one(target).focus()

    def _show_built(self, step: Step, focus: bool) -> None:
        if self._wanted == step:  # not another step asked for while the page was built
            self._show_step(step, focus=focus)

    @on(OptionList.OptionHighlighted, "#steps")
    def _step_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        step = event.option.id
        if step in STEPS and step != self.step:
            self._show_step(step, focus=False)

    @on(OptionList.OptionSelected, "#steps")
    def _step_selected(self, event: OptionList.OptionSelected) -> None:
        step = event.option.id
        if step in STEPS:
            self._show_step(step)

    def action_next_step(self) -> None:
        index = STEPS.index(self.step)
        self._show_step(STEPS[min(index + 1, len(STEPS) - 1)])

    def action_prev_step(self) -> None:
        index = STEPS.index(self.step)
        self._show_step(STEPS[max(index - 1, 0)])

    def action_toggle_help(self) -> None:
        panel = self.query_one("#help-panel")
        panel.display = not panel.display
        self._help_visible = bool(panel.display)
        self._layout_help()

    def _refresh_help(self) -> None:
        """The clauses behind the step, each headed by whose clause it is: a clause
        number belongs to one company's policy, never presented as the operator's own
        unless its policy profile maps it."""
        reference = self._book_reference()
        operator = self.doc.get("operator")
        policy = operator.get("policy") if isinstance(operator, dict) else None
        profile = reference.profile(policy if isinstance(policy, str) else None)
        rulebook = reference.rulebook
        text = Text()
        text.append(t("wizard.help", self.lang) + "\n\n", style="bold")
        for number in rulebook.steps.get(self.step, []):
            clause = rulebook.clauses.get(number)
            if clause is None:
                continue
            title = clause.title.get(self.lang) or clause.title.get("en", "")
            body = (clause.text.get(self.lang) or clause.text.get("en", "")).strip()
            text.append(f"{title}\n", style="bold")
            for line in reference.clause_owners(number, profile, self.lang):
                text.append(line + "\n", style="italic")
            text.append(body + "\n", style="")
            text.append("\n")
        self.query_one("#help-text", Static).update(text)

    # -- editing ------------------------------------------------------------------
    @on(FieldBox.Changed)
    def _field_changed(self, event: FieldBox.Changed) -> None:
        event.stop()
        spec = event.spec
        value = event.value
        if spec.transfer:
            transfer = self._transfer()
            if transfer is None or self.transfer_index is None:
                return
            everything = [k for _, k in self._processed_options()]
            if spec.path == ("data",) and "data" not in transfer and value == everything:
                return  # all of them is the default: keep the key absent
            loc: Loc = ("transfers", self.transfer_index, *spec.path)
        else:
            loc = spec.path
        old = form.get_in(self.doc, loc)
        if old == value and not (value is None and old is not None):
            return
        form.set_in(self.doc, loc, value)
        self._after_edit(spec, value, old)

    def _after_edit(self, spec: FieldSpec, value: Any, old: Any = None) -> None:
        path = spec.path
        if not spec.transfer:
            if path == ("id",):
                self.id_touched = True
            elif path == ("jurisdiction",):
                # a ground the new rulebook does not have is cleared in every transfer, and said
                grounds = self._book_reference().grounds
                cleared = []
                for each in form.transfers_of(self.doc):
                    if isinstance(each.get("ground"), str) and each["ground"] not in grounds:
                        cleared.append(str(each.get("id", "")))
                        del each["ground"]
                if cleared:
                    self.notify(t("wizard.grounds_cleared", self.lang, transfers=", ".join(cleared)), markup=False)
                self._apply_rulebook()
                self._show_ground((self._transfer() or {}).get("ground"))
                self._show_adequacy()
            elif path == ("title",) and self.is_new and not self.id_touched:
                slug = form.slugify(value or "", self.xapp.taken_ids()) if value else ""
                form.set_in(self.doc, ("id",), slug)
                self.query_one("#f-id", FieldBox).set_value(slug)
        else:
            transfer = self._transfer()
            assert transfer is not None
            if path == ("ground",):
                self._show_ground(value)
                self._show_adequacy()
            elif path in (("country",), ("adequacy", "adequate"), ("adequacy", "reason")):
                self._show_adequacy()
            elif (
                path == ("recipient", "ref") and isinstance(value, str) and form.is_valid_id(value)
                and self.xapp.workspace.recipients.result(value) is not None
            ):
                self._show_inherited(transfer)
                # a recipient from the catalogue names the transfer, as a typed-in name does
                taken = {str(tr.get("id")) for tr in form.transfers_of(self.doc) if tr is not transfer}
                current = str(transfer.get("id", ""))
                if _AUTO_TRANSFER_ID.match(current) or (old and current == form.slugify(str(old), taken)):
                    new_id = form.slugify(value, taken)
                    transfer["id"] = new_id
                    self.query_one("#t-id", FieldBox).set_value(new_id)
            elif path == ("recipient", "name") and value:
                # the transfer's id follows the recipient's name until the user edits it
                taken = {str(tr.get("id")) for tr in form.transfers_of(self.doc) if tr is not transfer}
                current = str(transfer.get("id", ""))
                if _AUTO_TRANSFER_ID.match(current) or (old and current == form.slugify(str(old), taken)):
                    new_id = form.slugify(value, taken)
                    transfer["id"] = new_id
                    self.query_one("#t-id", FieldBox).set_value(new_id)
        self._changed()

    def _changed(self) -> None:
        self.dirty = True
        self._schedule_validation()
        self._schedule_draft()
        self._refresh_bar()

    def _schedule_validation(self) -> None:
        if self._validate_timer is not None:
            self._validate_timer.stop()
        if self.xapp.validate_delay <= 0:
            self._validate_now()
            return
        self._validate_timer = self.set_timer(self.xapp.validate_delay, self._validate_now)

    def _schedule_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(self.xapp.draft_delay, self.write_draft)

    def _validate_now(self) -> None:
        self._validate_timer = None
        app = self.xapp
        self.check = form.validate(
            self.doc,
            app.workspace.reference,
            app.as_of,
            taken_ids=app.taken_ids() if self.is_new else (),
            translate=lambda key, **params: t(key, self.lang, **params),
            recipients=app.workspace.recipients,
        )
        self._index_errors()
        self._show_errors()
        self._refresh_steps()
        self._refresh_bar()
        self._refresh_transfer_list()
        if self.step == "review":
            self._refresh_review()
        if self.step == "save":
            self._refresh_save()

    def _index_errors(self) -> None:
        index: dict[tuple[str, int | None], str] = {}
        for loc, message in self.check.errors.items():
            spec, transfer = form.spec_for(loc)
            if spec is None:
                continue
            index.setdefault((spec.widget_id, transfer), self._ui_message(spec, loc, message))
        self._error_index = index

    def _ui_message(self, spec: FieldSpec, loc: Loc, message: str) -> str:
        """The core's message (English) in the interface language, for the mistakes a
        user can make in the form; any other message is shown as the core words it."""
        lang = self.lang
        if spec.kind == "date" and "date" in message:
            return t("error.date", lang)
        if spec.kind == "country" and "country" in message and "Azerbaijan" not in message:
            return t("wizard.country_unknown", lang)
        if spec.path == ("id",) and "invalid id" in message:
            return t("error.id_invalid", lang)
        if spec.path == ("id",) and "two transfers have the id" in message:
            return t("error.transfer_id_twice", lang)
        if spec.kind == "checklist" and "is not among processing" in message:
            return t("error.data_not_processed", lang)
        if "listed twice" in message:
            return t("error.twice", lang)
        return in_lang(message, lang)

    def _show_errors(self) -> None:
        for spec in self._specs(GENERAL_FIELDS + PROCESSING_FIELDS):
            box = self.query_one(f"#{spec.widget_id}", FieldBox)
            self._set_box_error(box, self._error_index.get((spec.widget_id, None)))
        if self.transfer_index is not None and "destinations" in self._pages:
            for spec in TRANSFER_FIELDS:
                box = self.query_one(f"#{spec.widget_id}", FieldBox)
                self._set_box_error(box, self._error_index.get((spec.widget_id, self.transfer_index)))

    @staticmethod
    def _set_box_error(box: FieldBox, message: str | None) -> None:
        if box.spec.kind == "date" and box.value is not None and not isinstance(box.value, dt.date):
            return  # the box shows its own "not a date" while typing
        box.set_error(message)

    def _refresh_steps(self) -> None:
        counts = form.problem_counts(self.check)
        steps = self.query_one("#steps", OptionList)
        labels = []
        for index, step in enumerate(STEPS):
            label = Text(f"{index + 1} {t(f'step.{step}', self.lang)}")
            count = counts[step]
            if step in ("general", "processing", "destinations"):
                if count:
                    label.append(f" ●{count}", style="bold red")
                else:
                    label.append(" ✓", style="green")
            labels.append(label)
        if labels == self._step_labels:
            return
        self._step_labels = labels
        for index, label in enumerate(labels):
            steps.replace_option_prompt_at_index(index, label)

    def _refresh_bar(self) -> None:
        reference = self.xapp.workspace.reference
        text = Text()
        if self.check.evaluation is not None:
            text.append_text(verdict_text(self.check.verdict, reference, self.lang))
        else:
            text.append(t("wizard.no_verdict", self.lang), style="dim")
        problems = form.problem_counts(self.check)["review"]
        text.append("  ")
        if problems:
            text.append(t("wizard.problems", self.lang, n=problems), style="bold red")
        else:
            text.append(t("wizard.ok", self.lang), style="green")
        if self.dirty:
            text.append("  ● " + t("wizard.unsaved", self.lang), style="yellow")
        # the title gives way, so the verdict and the counts always show
        room = max(self.size.width - 2 - text.cell_len - 2, 8)
        title = self.title_text
        if len(title) > room:
            title = title[: room - 1] + "…"
        text = Text(title, style="bold") + Text("  ") + text
        if text != self._bar:
            self._bar = text
            self.query_one("#wiz-bar", Static).update(text, layout=False)  # one fixed line

    # -- review -------------------------------------------------------------------
    def _refresh_review(self) -> None:
        lang = self.lang
        reference = self.xapp.workspace.reference
        review = self.query_one("#review-list", OptionList)
        options: list[Option | None] = []
        self._review_locs = {}
        check = self.check
        head = self.query_one("#review-verdict", Static)
        if check.errors:
            head.update(Text(t("wizard.review.invalid", lang), style="bold"))
            options.append(Option(Text(t("wizard.review.form", lang), style="bold"), disabled=True))
            for n, (loc, message) in enumerate(check.errors.items()):
                spec, transfer = form.spec_for(loc)
                where = t(spec.label_key, lang) if spec else ".".join(str(p) for p in loc)
                if transfer is not None:
                    tr = form.transfers_of(self.doc)[transfer] if transfer < len(form.transfers_of(self.doc)) else {}
                    where = f"{tr.get('id') or transfer + 1}: {where}"
                if spec is not None:
                    message = self._error_index.get((spec.widget_id, transfer), message)
                line = Text(f"{where}: ", style="bold")
                line.append(in_lang(message, lang))
                self._review_locs[f"e{n}"] = loc
                options.append(Option(_hanging(Text("  ✗ ", style="bold red"), line), id=f"e{n}"))
        evaluation = check.evaluation
        if evaluation is not None:
            verdict = Text(t("wizard.verdict", lang) + ": ")
            verdict.append_text(verdict_text(evaluation.verdict, reference, lang))
            head.update(verdict)
            counter = 0
            if evaluation.findings:
                options.append(Option(Text(t("wizard.review.general", lang), style="bold"), disabled=True))
                for finding in evaluation.findings:
                    options.append(self._finding_option(finding, f"f{counter}"))
                    counter += 1
            for result in evaluation.transfers:
                options.append(None)
                header = Text(
                    t("wizard.review.transfer", lang, id=result.id, country=country_display(result.country, lang)),
                    style="bold",
                )
                header.append(": ")
                header.append_text(verdict_text(result.verdict, reference, lang))
                options.append(Option(header, disabled=True))
                if not result.findings:
                    options.append(Option(Text("  " + t("wizard.review.none", lang), style="dim"), disabled=True))
                for finding in result.findings:
                    options.append(self._finding_option(finding, f"f{counter}"))
                    counter += 1
        review.set_options([o for o in options if o is not None] if not options else _with_separators(options))

    def _finding_option(self, finding: Any, key: str) -> Option:
        lang = self.lang
        reference = self.xapp.workspace.reference
        style = SEVERITY_STYLE.get(finding.severity, "")
        line = Text(upper(reference.label("severity", finding.severity, lang), lang), style=style)
        citation = finding.citation(lang)
        line.append(f"  {plain(finding.message(lang))}")
        if citation:
            line.append(f"  ({citation})", style="italic dim")
        self._review_locs[key] = tuple(finding.field)
        return Option(_hanging(Text("  ● ", style=style), line), id=key)

    @on(OptionList.OptionSelected, "#review-list")
    def _review_selected(self, event: OptionList.OptionSelected) -> None:
        loc = self._review_locs.get(event.option.id or "")
        if loc is not None:
            self.jump_to(loc)

    def jump_to(self, loc: Loc) -> None:
        """Go to the step and the widget of the field at `loc`."""
        step = form.step_of(loc)
        if not self._when_built(step, lambda: self.jump_to(loc)):
            return
        spec, transfer = form.spec_for(loc)
        if step == "destinations" and transfer is not None:
            self.transfer_index = transfer
        self._show_step(step, focus=False)
        if step == "destinations" and transfer is not None:
            self._show_transfer(transfer)
        if spec is None:
            self._show_step(step)
            return
        if spec.transfer and spec.path[0] in ("consent", "contract"):
            current = self._transfer() or {}
            if current.get("ground") != spec.path[0]:
                spec = next(s for s in TRANSFER_FIELDS if s.path == ("ground",))
        box = self.query_one(f"#{spec.widget_id}", FieldBox)
        box.focus_control()
        self.call_after_refresh(box.scroll_visible, top=True)

    # -- destinations -------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#transfer-list")
    def _transfer_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if index != self.transfer_index:
            self._show_transfer(index)

    @on(OptionList.OptionSelected, "#transfer-list")
    def _transfer_selected(self, event: OptionList.OptionSelected) -> None:
        self._show_transfer(event.option_index)
        self.query_one("#t-country-control-input").focus()

    @on(Button.Pressed, "#save-recipient")
    def _save_recipient_pressed(self) -> None:
        """The recipient typed into this transfer becomes a catalogue entry
        (data/recipients/<id>.toml) and the transfer refers to it: same values, same verdict."""
        from pydantic import ValidationError

        from xborder.model.countries import is_country_code
        from xborder.model.recipients import RecipientEntry
        from xborder.store.recipients import save_entry
        from xborder.tui.widgets.recipient import RecipientPicker

        transfer = self._transfer()
        if transfer is None:
            return
        recipient = {k: v for k, v in dict(transfer.get("recipient") or {}).items() if v not in (None, "")}
        if recipient.get("ref") or not recipient.get("name"):
            self.notify(t("wizard.recipient_save_needs", self.lang), severity="warning")
            return
        catalogue = self.xapp.workspace.recipients
        entry_id = form.slugify(str(recipient["name"]), set(catalogue.ids()))
        code = str(transfer.get("country") or "").upper()
        try:
            entry = RecipientEntry.model_validate(
                {"schema_version": 1, "id": entry_id, "countries": [code] if is_country_code(code) else [],
                 "recipient": recipient}
            )
            save_entry(catalogue.path(entry_id), entry)
            catalogue.forget(entry_id)
        except (ValidationError, OSError, ValueError) as exc:
            self.notify(t("wizard.recipient_save_failed", self.lang, error=plain(str(exc).splitlines()[0])),
                        severity="error")
            return
        transfer["recipient"] = {"ref": entry_id}
        for picker in self.query(RecipientPicker):
            picker.entries = {**picker.entries, entry_id: entry.recipient.name}
        self._show_transfer(self.transfer_index)
        self.notify(t("wizard.recipient_saved", self.lang, id=entry_id))
        self._changed()

    @on(Button.Pressed, "#add-transfer")
    def _add_pressed(self) -> None:
        self.action_add_transfer()

    @on(Button.Pressed, "#dup-transfer")
    def _dup_pressed(self) -> None:
        self.action_duplicate_transfer()

    @on(Button.Pressed, "#remove-transfer")
    def _remove_pressed(self) -> None:
        self.action_remove_transfer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_transfer", "duplicate_transfer", "remove_transfer"):
            if self.step != "destinations":
                return False
            # in a text field "a" types a letter, Ctrl+D deletes and Ctrl+X cuts: the
            # keys act on transfers from the list and its buttons only
            focused = self.focused
            if focused is not None and focused.id not in _TRANSFER_KEYS_FROM:
                return False
            return action == "add_transfer" or self.transfer_index is not None
        return True

    def action_add_transfer(self) -> None:
        if not self._when_built("destinations", self.action_add_transfer):
            return
        if self.step != "destinations":
            self._show_step("destinations", focus=False)
        transfers = form.transfers_of(self.doc)
        transfers.append(form.new_transfer(self.doc))
        self._after_structure_change(len(transfers) - 1)
        self.query_one("#t-country-control-input").focus()

    def action_duplicate_transfer(self) -> None:
        if self.transfer_index is None:
            return
        if not self._when_built("destinations", self.action_duplicate_transfer):
            return
        if self.step != "destinations":
            self._show_step("destinations", focus=False)
        transfers = form.transfers_of(self.doc)
        transfers.insert(self.transfer_index + 1, form.duplicate_transfer(self.doc, self.transfer_index))
        self._after_structure_change(self.transfer_index + 1)

    @work(exclusive=True, group="remove-transfer")
    async def action_remove_transfer(self) -> None:
        transfer = self._transfer()
        if transfer is None or self.transfer_index is None:
            return
        index = self.transfer_index
        answer = await self.app.push_screen_wait(
            ChoiceScreen(
                t("wizard.remove", self.lang),
                t("wizard.confirm_remove", self.lang, id=transfer.get("id") or index + 1),
                [("remove", t("wizard.remove", self.lang), "error"), ("cancel", t("dialog.cancel", self.lang), "default")],
                tone="danger",
                focus="cancel",  # Enter alone never removes
            )
        )
        if answer != "remove":
            return
        del form.transfers_of(self.doc)[index]
        self._after_structure_change(max(0, index - 1))

    def _after_structure_change(self, select: int) -> None:
        self.transfer_index = select if form.transfers_of(self.doc) else None
        self._validate_now()
        self._show_transfer(self.transfer_index)
        self._changed()

    # -- saving -------------------------------------------------------------------
    @on(Button.Pressed, "#save-button")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save-report-button")
    def _save_report_pressed(self) -> None:
        self.save_and_report()

    @work(exclusive=True, group="save")
    async def save_and_report(self) -> None:
        if (not self.dirty and self.path is not None and self.path.exists()) or await self.save():
            assert self.check.assessment is not None
            self.xapp.generate_report([self.check.assessment.id])

    def _refresh_save(self) -> None:
        lang = self.lang
        reference = self.xapp.workspace.reference
        check = self.check
        text = Text()
        problems = len(check.errors)
        if problems:
            text.append(tn("wizard.save_blocked", problems, lang), style="bold red")
        else:
            text.append(t("wizard.save_ready", lang, verdict=reference.label("verdict", check.verdict, lang)))
        target = self._target_path()
        if target is not None:
            text.append("\n" + t("wizard.save_file", lang, file=plain(self.xapp.workspace.relative(target))), style="dim")
        self.query_one("#save-summary", Static).update(text)
        self.query_one("#save-button", Button).disabled = bool(problems)
        report = self.query_one("#save-report-button", Button)
        report.disabled = bool(problems)
        saved = not self.dirty and self.path is not None
        report.label = t("wizard.report_now" if saved else "wizard.save_and_report", lang)

    def _target_path(self) -> Path | None:
        if self.path is not None:
            return self.path
        assessment_id = self.doc.get("id")
        if isinstance(assessment_id, str) and form.is_valid_id(assessment_id):
            return self.xapp.workspace.assessment_path(assessment_id)
        return None

    @work(exclusive=True, group="save")
    async def action_save(self) -> None:
        await self.save()

    async def save(self, *, overwrite: bool = False) -> bool:
        """Save the document; True when the file now holds it."""
        self._validate_now()
        lang = self.lang
        check = self.check
        if check.assessment is None:
            self.notify(tn("wizard.cannot_save", len(check.errors), lang), severity="error")
            self._show_step("review")
            return False
        path = self._target_path()
        assert path is not None
        expected = (file_digest(path) or "") if overwrite else self.base_sha256
        relative = self.xapp.workspace.relative(path)
        before = self.xapp.workspace.load(path).assessment if path.exists() else None
        assessment = form.with_coverage(check.assessment, before)
        try:
            digest = save_assessment(path, assessment, expected_sha256=expected)
        except ConflictError:
            return await self._conflict(path, relative)
        except OSError as exc:
            self.notify(markup(f"{relative}: {exc.strerror or exc}"), severity="error")
            return False
        self.path = path
        self.base_sha256 = digest
        self.dirty = False
        self.id_touched = True
        discard_draft(self.xapp.workspace.root, self.draft_key)
        if self._draft_timer is not None:
            self._draft_timer.stop()
        id_box = self.query_one("#f-id", FieldBox)
        id_box.disabled = True
        id_box.query_one(".field-hint", Static).update(t("wizard.id_locked", lang))
        self._refresh_bar()
        if self.step == "save":
            self._refresh_save()
            self.query_one("#save-report-button", Button).focus()  # the offer: its report
        self.notify(t("wizard.saved", lang, file=markup(relative)), timeout=6)
        self.xapp.file_saved(path)
        return True

    async def _conflict(self, path: Path, relative: str) -> bool:
        lang = self.lang
        exists = path.exists()
        choices = [
            ("overwrite", t("wizard.conflict_overwrite", lang), "warning"),
            ("cancel", t("dialog.cancel", lang), "default"),
        ]
        if exists and not self.is_new:
            choices.insert(0, ("reload", t("wizard.conflict_reload", lang), "default"))
        answer = await self.app.push_screen_wait(
            ChoiceScreen(t("key.save", lang), t("wizard.conflict", lang, file=relative), choices, tone="warning")
        )
        if answer == "overwrite":
            return await self.save(overwrite=True)
        if answer == "reload":
            self.reload_from_disk()
        return False

    def reload_from_disk(self) -> None:
        assert self.path is not None
        result = self.xapp.workspace.load(self.path)
        if result.assessment is None:
            first = result.errors[0].located(self.xapp.workspace.relative(self.path), self.lang) if result.errors else "?"
            self.notify(t("wizard.reloaded_invalid", self.lang, error=markup(first)), severity="error", timeout=10)
            return
        self.doc = form.document_of(result.assessment)
        self.base_sha256 = result.sha256
        self.dirty = False
        discard_draft(self.xapp.workspace.root, self.draft_key)
        self._populate()
        self._validate_now()

    # -- drafts -------------------------------------------------------------------
    def write_draft(self) -> None:
        self._draft_timer = None
        if not self.dirty:
            return
        workspace = self.xapp.workspace
        draft = Draft(
            key=self.draft_key,
            document=copy.deepcopy(self.doc),
            target=workspace.relative(self.path) if self.path else "",
            base_sha256=self.base_sha256,
        )
        try:
            save_draft(workspace.root, draft)
        except OSError as exc:
            self.notify(markup(f"{exc}"), severity="error")

    # -- leaving ------------------------------------------------------------------
    @work(exclusive=True, group="close")
    async def action_close(self) -> None:
        if await self.confirm_leave():
            self.dismiss(None)

    async def confirm_leave(self) -> bool:
        """Ask what to do with unsaved changes; True when the wizard may close."""
        if not self.dirty:
            return True
        lang = self.lang
        answer = await self.app.push_screen_wait(
            ChoiceScreen(
                t("wizard.unsaved", lang).capitalize(),
                t("wizard.confirm_quit", lang, title=self.title_text),
                [
                    ("save", t("dialog.save", lang), "primary"),
                    ("discard", t("dialog.discard", lang), "error"),
                    ("cancel", t("dialog.cancel", lang), "default"),
                ],
                tone="warning",
            )
        )
        if answer == "save":
            return await self.save()
        if answer == "discard":
            self.dirty = False
            if self._draft_timer is not None:
                self._draft_timer.stop()
            discard_draft(self.xapp.workspace.root, self.draft_key)
            return True
        return False

    def on_unmount(self) -> None:
        # killed or quit without asking (e.g. the terminal closed): keep the work
        if self.dirty:
            self.write_draft()

    # -- palette ------------------------------------------------------------------
    def palette(self) -> list[tuple[str, str, Any]]:
        entries: list[tuple[str, str, Any]] = [
            (t("key.save", self.lang), t("cmd.save", self.lang), self.action_save),
        ]
        for step in STEPS:
            label = t(f"step.{step}", self.lang)
            entries.append(
                (t("cmd.step", self.lang, step=label), t(f"step.{step}.intro", self.lang),
                 lambda s=step: self._show_step(s))
            )
        entries.append((t("key.add_transfer", self.lang), t("cmd.add_transfer", self.lang), self.action_add_transfer))
        if self.transfer_index is not None:
            entries.append(
                (t("key.duplicate_transfer", self.lang), t("cmd.duplicate_transfer", self.lang), self.action_duplicate_transfer)
            )
            entries.append(
                (t("key.remove_transfer", self.lang), t("cmd.remove_transfer", self.lang), self.action_remove_transfer)
            )
        entries.append((t("key.help_panel", self.lang), t("cmd.help_panel", self.lang), self.action_toggle_help))
        return entries


def _hanging(bullet: Text, text: Text) -> Table:
    """`bullet` then `text`, whose wrapped lines start under the text, not the bullet."""
    grid = Table.grid()
    grid.add_column(width=bullet.cell_len, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(bullet, text)
    return grid


def _with_separators(options: list[Option | None]) -> list[Option | None]:
    # drop a leading separator
    while options and options[0] is None:
        options.pop(0)
    return options


__all__ = ["COMMANDS", "WizardScreen"]
