"""The help screen: every key, grouped, as the user's keymap has them."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.keys import BUILT_IN_KEYS, KEYS

KEY_COLUMN = 22


def help_rows(keymap: Mapping[str, str], display) -> list[tuple[str, str, str]]:
    """(group, keys as shown, description) for every key, in table order."""
    rows = []
    for spec in KEYS:
        keys = keymap.get(spec.id, spec.keys)
        shown = [display(Binding(key.strip(), spec.action)) for key in keys.split(",") if key.strip()]
        if spec.also:
            shown.append(spec.also)
        rows.append((spec.group, " / ".join(shown), spec.description))
    rows += [(group, key, description) for key, description, group in BUILT_IN_KEYS]
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help_close"),
        Binding("j", "scroll('down')", show=False, id="help_down"),
        Binding("k", "scroll('up')", show=False, id="help_up"),
    ]
    COMPONENT_CLASSES = {"help--group", "help--key"}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(id="help-text", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Kabar keys"
        box.border_subtitle = "escape: close"
        self.query_one("#help-text", Static).update(self._content())

    def _content(self) -> Content:
        group_style = self.get_visual_style("help--group", partial=True)
        key_style = self.get_visual_style("help--key", partial=True)
        rows = help_rows(getattr(self.app, "keymap_overrides", {}), self.app.get_key_display)
        text, spans, group = "", [], None
        for row_group, keys, description in sorted(rows, key=lambda r: _group_order(r[0])):
            if row_group != group:
                if group is not None:
                    text += "\n"
                spans.append(Span(len(text), len(text) + len(row_group), group_style))
                text += row_group + "\n"
                group = row_group
            spans.append(Span(len(text) + 2, len(text) + 2 + len(keys), key_style))
            text += f"  {keys.ljust(KEY_COLUMN)}{description}\n"
        return Content(text.rstrip("\n"), spans)

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_down() if direction == "down" else box.scroll_up()

    def action_close(self) -> None:
        self.dismiss(None)


def _group_order(group: str) -> int:
    groups = list(dict.fromkeys(spec.group for spec in KEYS))
    return groups.index(group) if group in groups else len(groups)
