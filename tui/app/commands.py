"""The command palette (ctrl+p) lists every action of the key table, with its key."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.app.keys import APP_SCOPE, KEYS, KeySpec


class KabarCommands(Provider):
    def _commands(self) -> list[tuple[str, KeySpec]]:
        keymap = getattr(self.app, "keymap_overrides", {})
        out = []
        for spec in KEYS:
            target = self.app if spec.scope == APP_SCOPE or spec.action.startswith("app.") else self.screen
            name = spec.action.removeprefix("app.")
            if getattr(target, f"action_{name}", None) is None:
                continue  # not available on this screen (the palette opened over help, say)
            keys = keymap.get(spec.id, spec.keys).split(",")[0]
            label = f"{spec.description}  ({self.app.get_key_display(Binding(keys, spec.action))})"
            out.append((label, spec))
        return out

    async def _run(self, spec: KeySpec) -> None:
        target = self.app if spec.scope == APP_SCOPE or spec.action.startswith("app.") else self.screen
        await target.run_action(spec.action.removeprefix("app."))

    async def discover(self) -> Hits:
        for label, spec in self._commands():
            yield DiscoveryHit(label, partial(self._run, spec), help=spec.group)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, spec in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._run, spec), help=spec.group)
