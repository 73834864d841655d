"""The side panel (right): people, organisations, places, dates, quotes, reported speech and notes
of the article.

Choosing an entry (enter or click) posts a message; the screen scrolls the article to it.
The Notes section is filled through `show_notes` by the annotations feature.

Filling the panel (building and painting ~40 two-line options) costs about as much as painting
the article, so on a new article it is emptied at once and filled FILL_DELAY later: a single `n`
shows the article a frame sooner, and holding `n` down does not fill the panel for every article
flown past. FILL_DELAY is well above both the key repeat interval and a slow turn of the page:
when it was shorter than a turn (50 ms on a busy machine), the fill landed in the middle of the
next `n`, made that one slow too, and so on for a whole burst.
Code that reads the options of the current article calls `ensure_filled` first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events, on
from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.style import Style
from textual.timer import Timer
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.printable import one_line
from tui.extract.model import DATE, ORG, PERSON, PLACE, Entity, Extraction, Quote, Statement

SECTIONS = (
    ("people", "People"),
    ("orgs", "Organisations"),
    ("places", "Places"),
    ("dates", "Dates"),
    ("quotes", "Quotes"),
    ("reported", "Reported speech"),
    ("notes", "Notes"),
)
SECTION_OF_TYPE = {PERSON: "people", ORG: "orgs", PLACE: "places", DATE: "dates"}
QUOTE_WORDS = 8
NAME_LIMIT = 120
FILL_DELAY = 0.1  # seconds after the last new article before the panel is filled


@dataclass(frozen=True, slots=True)
class PanelNote:
    """One row of the Notes section: the annotation's id and a one-line label."""

    id: str
    label: str


def quote_count(entity: Entity, quotes: Sequence[Quote]) -> int:
    return sum(
        1 for q in quotes if q.speaker_id == entity.id or (q.speaker_id is None and q.speaker == entity.name)
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class EntityPanel(OptionList):
    COMPONENT_CLASSES = {"entity-panel--section", "entity-panel--name", "entity-panel--detail"}
    # The panel's size never depends on its options, so a new list needs no screen layout (which
    # would repaint every pane); OptionList updates the scroll range itself after setting this.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    class EntityChosen(Message):
        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class QuoteChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index  # into the article view's quotes, sorted by position

    class SpanChosen(Message):
        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start, self.end = start, end

    class NoteChosen(Message):
        def __init__(self, note_id: str) -> None:
            super().__init__()
            self.note_id = note_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._extraction = Extraction()
        self._quotes: list[Quote] = []
        self._elsewhere: Mapping[str, int] = {}
        self._notes: list[PanelNote] = []
        self._fill_timer: Timer | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._rebuild())

    def show_extraction(
        self,
        extraction: Extraction,
        quotes: Sequence[Quote],
        elsewhere: Mapping[str, int],
        notes: Sequence[PanelNote] | None = None,
        *,
        later: bool = False,
    ) -> None:
        """Fill the panel. `quotes` in the article view's order; `elsewhere` maps an entity id to
        the number of other articles that name it; `notes` replaces the Notes section.

        With `notes=None` the notes are kept: a refill of the entities alone (entity counts
        arriving after a sync) must not wipe them. A new article passes `notes=()`, so the panel
        is rebuilt once, not once for the entities and again for the emptied notes.
        `later=True` (a new article) empties the panel now and fills it FILL_DELAY later."""
        self._extraction, self._quotes, self._elsewhere = extraction, list(quotes), elsewhere
        if notes is not None:
            self._notes = list(notes)
        if not later or not self.is_mounted:
            self._cancel_fill()
            self._rebuild()
            return
        if self._fill_timer is None:
            self.clear_options()
        else:
            self._fill_timer.stop()
        self._fill_timer = self.set_timer(FILL_DELAY, self.ensure_filled)

    def _cancel_fill(self) -> None:
        if self._fill_timer is not None:
            self._fill_timer.stop()
            self._fill_timer = None

    @property
    def fill_pending(self) -> bool:
        return self._fill_timer is not None

    def ensure_filled(self) -> None:
        """Fill the panel now if a fill is waiting."""
        if self._fill_timer is not None:
            self._cancel_fill()
            self._rebuild()

    def on_focus(self, event: events.Focus) -> None:
        self.ensure_filled()  # the keys act on the options: they must be there

    def show_notes(self, notes: Sequence[PanelNote]) -> None:
        """Replace the Notes section (the annotations feature calls this). The panel is rebuilt
        only when they changed: most articles have none, and a rebuild repaints the whole panel."""
        if list(notes) == self._notes:
            return
        self._notes = list(notes)
        if self._fill_timer is None:  # else the waiting fill shows them
            self._rebuild()

    def highlight_entity(self, entity_id: str) -> None:
        self.ensure_filled()
        option_id = f"entity:{entity_id}"
        if option_id in self._option_ids():
            self.highlighted = self.get_option_index(option_id)

    def _option_ids(self) -> set[str]:
        return {o.id for o in self.options if o.id}

    def _style(self, name: str) -> Style:
        return self.get_visual_style(name, partial=True)

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        kept = self.highlighted_option.id if self.highlighted_option else None
        rows: dict[str, list[Option]] = {key: [] for key, _ in SECTIONS}
        ordered = sorted(self._extraction.entities, key=lambda e: (-len(e.mentions), e.name.casefold()))
        covered_dates: set[int] = set()
        for entity in ordered:
            section = SECTION_OF_TYPE.get(entity.type)
            if section is None:
                continue
            rows[section].append(Option(self._entity_prompt(entity), id=f"entity:{entity.id}"))
            if entity.type == DATE:
                covered_dates.update(m.start for m in entity.mentions)
        seen_spans: set[tuple[int, int]] = set()
        for span in sorted(self._extraction.dates, key=lambda d: d.start):
            if span.start in covered_dates or (span.start, span.end) in seen_spans:
                continue
            seen_spans.add((span.start, span.end))
            value = span.value + (f" – {span.value_end}" if span.value_end else "")
            rows["dates"].append(
                Option(self._two_lines(span.text, value), id=f"span:{span.start}:{span.end}")
            )
        for index, quote in enumerate(self._quotes):
            rows["quotes"].append(Option(self._quote_prompt(quote), id=f"quote:{index}"))
        for said in self._extraction.statements:
            rows["reported"].append(Option(self._statement_prompt(said), id=f"span:{said.start}:{said.end}"))
        for note in self._notes:
            rows["notes"].append(Option(Content(one_line(note.label)[:NAME_LIMIT]), id=f"note:{note.id}"))
        options: list[Option] = []
        for key, title in SECTIONS:
            heading = f"{title}  {len(rows[key])}" if rows[key] else title
            options.append(
                Option(
                    Content(heading, [Span(0, len(heading), self._style("entity-panel--section"))]),
                    id=f"section:{key}",
                    disabled=True,
                )
            )
            options.extend(
                rows[key]
                or [
                    Option(
                        self._detail("  none" if key != "notes" else "  no notes yet"),
                        id=f"empty:{key}",
                        disabled=True,
                    )
                ]
            )
        self.set_options(options)
        if kept and kept in self._option_ids():
            self.highlighted = self.get_option_index(kept)

    def _detail(self, text: str) -> Content:
        return Content(text, [Span(0, len(text), self._style("entity-panel--detail"))])

    def _two_lines(self, name: str, detail: str) -> Content:
        name = one_line(name)[:NAME_LIMIT]
        detail = "\n  ".join(one_line(line) for line in detail.split("\n"))
        text = f"{name}\n  {detail}" if detail else name
        spans = [Span(0, len(name), self._style("entity-panel--name"))]
        if detail:
            spans.append(Span(len(name) + 1, len(text), self._style("entity-panel--detail")))
        return Content(text, spans, strip_control_codes=False)

    def _entity_prompt(self, entity: Entity) -> Content:
        facts = []
        if entity.type == DATE and entity.value and entity.value != entity.name:
            facts.append(entity.value)
        facts.append(f"{len(entity.mentions)}×")
        if entity.type == PERSON:
            facts.append(_plural(quote_count(entity, self._quotes), "quote"))
            reported = sum(1 for s in self._extraction.statements if s.speaker_id == entity.id)
            if reported:
                facts.append(f"{reported} reported")
        elsewhere = self._elsewhere.get(entity.id, 0)
        if elsewhere:
            facts.append(f"{_plural(elsewhere, 'other article')}")
        detail = " · ".join(facts)
        if entity.role:
            detail = f"{one_line(entity.role)}\n  {detail}"
        return self._two_lines(entity.name, detail)

    def _quote_prompt(self, quote: Quote) -> Content:
        words = quote.text.split()
        opening = " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")
        return self._two_lines(quote.speaker or "speaker unknown", f"“{opening}”")

    def _statement_prompt(self, said: Statement) -> Content:
        words = said.text.split()
        opening = " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")
        return self._two_lines(said.speaker, f"{said.cue}: {opening}")

    @on(OptionList.OptionSelected)
    def _choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, rest = (event.option.id or "").partition(":")
        if kind == "entity":
            self.post_message(self.EntityChosen(rest))
        elif kind == "quote":
            self.post_message(self.QuoteChosen(int(rest)))
        elif kind == "span":
            start, end = rest.split(":")
            self.post_message(self.SpanChosen(int(start), int(end)))
        elif kind == "note":
            self.post_message(self.NoteChosen(rest))
