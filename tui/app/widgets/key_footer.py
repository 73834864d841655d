"""The footer: the keys that do something now, on one line.

Textual's `Footer` mounts one widget per key and recomposes them all whenever the bindings
change, which happens on every focus move and whenever an article with quotes follows one
without: tens of milliseconds each time, on the path of `n`. This footer is one widget that
paints one line of text; a click on a key runs its action, as with Textual's footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content, Span
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

PALETTE_LABEL = "palette"
GAP = "  "


@dataclass(frozen=True, slots=True)
class FooterKey:
    """One key shown, where it sits on the line, and what runs when it is clicked."""

    start: int
    end: int
    action: str
    node: DOMNode


class KeyFooter(Widget):
    DEFAULT_CSS = """
    KeyFooter {
        height: 1;
        dock: bottom;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyFooter > .key-footer--key { color: $footer-key-foreground; text-style: bold; }
    KeyFooter > .key-footer--disabled { color: $text-disabled; }
    """
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--disabled"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[FooterKey] = []
        self._shown: tuple[tuple[str, str, bool], ...] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            shown = tuple((b.key, b.description, enabled) for b, enabled, _node in self._footer_bindings())
            if shown != self._shown:  # a focus move often leaves the same keys: no repaint
                self._shown = shown
                self.refresh()

    def _footer_bindings(self) -> list[tuple[Binding, bool, DOMNode]]:
        """The bindings to show, one per action, in the order the screen gives them."""
        seen: set[str] = set()
        out = []
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                out.append((binding, enabled, node))
        return out

    def render(self) -> Content:
        key_style = self.get_visual_style("key-footer--key", partial=True)
        disabled_style = self.get_visual_style("key-footer--disabled", partial=True)
        width = self.size.width
        palette = self._palette_key()
        palette_label = f"{palette} {PALETTE_LABEL} " if palette is not None else ""
        room = width - len(palette_label) - 1  # keys that do not fit are left out whole, not cut
        text, spans, keys = " ", [], []
        for binding, enabled, node in self._footer_bindings():
            if binding.action == "app.command_palette":
                continue  # shown at the right end
            key = self.app.get_key_display(binding)
            entry = f"{key} {binding.description}"
            if len(text) + len(entry) > room:
                break
            start = len(text)
            text += entry
            spans.append(Span(start, start + len(key), key_style if enabled else disabled_style))
            if not enabled:
                spans.append(Span(start + len(key), len(text), disabled_style))
            keys.append(FooterKey(start, len(text), binding.action, node))
            text += GAP
        if palette is not None and len(palette_label) < width:
            start = width - len(palette_label)
            text = text[:start].ljust(start)
            spans.append(Span(start, start + len(palette), key_style))
            keys.append(FooterKey(start, width, "app.command_palette", self.app))
            text += palette_label
        self._keys = keys
        return Content(text, spans)

    def _palette_key(self) -> str | None:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return self.app.get_key_display(active.binding) if active is not None else None

    async def on_click(self, event: events.Click) -> None:
        for key in self._keys:
            if key.start <= event.x < key.end:
                event.stop()
                await self.app.run_action(key.action, key.node)
                return
