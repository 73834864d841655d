"""The story screen (`c`): one event across outlets, compared.

Reports (outlet, day, headline; enter reads one, `|` reads it side by side with the article the
screen was opened from), why they were grouped, who is quoted in which outlet, who some outlets
leave out, and the facts the reports disagree on, each value with the outlets that give it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.keys import STORY_SCOPE
from tui.app.printable import one_line
from tui.app.screens.note_dialog import scope_bindings
from tui.app.widgets.key_footer import KeyFooter
from tui.stories import Comparison, Story, StoryItem, outlet_of

PRESENCE_SHOWN = 15
TYPE_WORD = {"PERSON": "person", "ORG": "organisation", "PLACE": "place"}


def report_labels(items: Sequence[StoryItem]) -> dict[str, str]:
    """Each report's name on this screen: its outlet, numbered when the outlet has several reports."""
    outlets = Counter(outlet_of(it) for it in items)
    return {
        it.key: outlet_of(it) if outlets[outlet_of(it)] == 1 else f"{outlet_of(it)} [{n}]"
        for n, it in enumerate(items, 1)
    }


def story_text(story: Story, comparison: Comparison) -> dict[str, str]:
    """The screen's text sections (plain, one item per line), keyed by section; also what tests read."""
    labels = report_labels(story.items)
    days = sorted(c.published for c in comparison.coverage if c.published)
    span = ""
    if days:
        span = f" · {days[0].isoformat()}" + (f" to {days[-1].isoformat()}" if days[-1] != days[0] else "")
    outlets = len({outlet_of(it) for it in story.items})
    sections = {
        "summary": f"{len(story.items)} report{'s' if len(story.items) != 1 else ''} from "
        f"{outlets} outlet{'s' if outlets != 1 else ''}{span}",
        "why": "\n".join(
            f"{labels[j.first]} ~ {labels[j.second]}: {one_line(j.describe())}" for j in story.joins
        ),
        "presence": "\n".join(
            f"{one_line(p.name)} ({TYPE_WORD.get(p.type, p.type.lower())}): named by "
            f"{', '.join(labels[k] for k in p.named_by)}; "
            f"left out by {', '.join(labels[k] for k in p.left_out_by)}"
            for p in comparison.entities[:PRESENCE_SHOWN]
        ),
        "discrepancies": "\n".join(
            f"{one_line(d.what)}: "
            + " vs ".join(
                f"{one_line(v)} ({', '.join(labels.get(k, k) for k in keys)})" for v, keys in d.values
            )
            for d in comparison.discrepancies
        ),
    }
    if len(comparison.entities) > PRESENCE_SHOWN:
        sections["presence"] += f"\n… and {len(comparison.entities) - PRESENCE_SHOWN} more"
    return sections


class StoryScreen(Screen[object]):
    """Dismisses with an article id to read it, (left id, right id) to read two side by side, or None."""

    BINDINGS = [b for b in scope_bindings(STORY_SCOPE) if b.id in ("story_close", "story_split")]

    def __init__(self, story: Story, comparison: Comparison | None, *, current_id: str | None = None) -> None:
        super().__init__()
        self.story = story
        self.comparison = comparison or Comparison(story.id, (), {}, (), ())
        self.current_id = current_id
        self._id_of_key = {it.key: it.article.id for it in story.items}

    def compose(self) -> ComposeResult:
        text = story_text(self.story, self.comparison)
        with VerticalScroll(id="story-box"):
            yield Static(Content(one_line(self.story.title)), id="story-title")
            yield Static(Content(text["summary"]), id="story-summary", classes="story-muted")
            yield Static("Reports", classes="story-heading")
            yield OptionList(*self._report_options(), id="story-reports")
            if len(self.story.items) < 2:
                yield Static("No other outlet in the library reported this event.", classes="story-muted")
            yield Static("Discrepancies", classes="story-heading")
            yield Static(
                Content(text["discrepancies"] or "The reports agree on dates, numbers, places and roles."),
                id="story-discrepancies",
            )
            yield Static("Who is quoted where", classes="story-heading")
            if self.comparison.speakers:
                yield DataTable(id="story-speakers", cursor_type="none", zebra_stripes=True)
            else:
                yield Static("No direct quotes with a known speaker.", classes="story-muted")
            yield Static("Named by some reports only", classes="story-heading")
            yield Static(
                Content(text["presence"] or "Every report names the same people, organisations and places."),
                id="story-presence",
            )
            yield Static("Why these reports were grouped", classes="story-heading")
            yield Static(Content(text["why"] or "(a single report)"), id="story-why", classes="story-muted")
        yield Static(
            "enter: read the report · |: side by side with the article you came from · escape: back",
            id="story-hint",
        )
        yield KeyFooter()

    def _report_options(self) -> list[Option]:
        options = []
        for number, coverage in enumerate(self.comparison.coverage or (), 1):
            article_id = self._id_of_key.get(coverage.key)
            when = coverage.when_label
            here = "  ◀ reading" if article_id == self.current_id else ""
            outlet = f"{one_line(coverage.outlet)[:26]:<26}"
            label = f"[{number}] {when}  {outlet}  {one_line(coverage.title or '(no headline)')}{here}"
            options.append(Option(Content(label), id=article_id))
        return options

    def on_mount(self) -> None:
        self.query_one("#story-box").border_title = "Story"
        reports = self.query_one("#story-reports", OptionList)
        reports.focus()
        if self.current_id and self.current_id in {o.id for o in reports.options}:
            reports.highlighted = reports.get_option_index(self.current_id)
        if self.comparison.speakers:
            self._fill_speakers()

    def _fill_speakers(self) -> None:
        table = self.query_one("#story-speakers", DataTable)
        outlets = sorted({outlet_of(it) for it in self.story.items})
        speakers = {one_line(name)[:40]: counts for name, counts in self.comparison.speakers.items()}
        # explicit widths: the cells are short numbers, the outlet names are the headers
        table.add_column(Text("Speaker"), width=max(len("Speaker"), *(len(n) for n in speakers)))
        for outlet in outlets:
            label = one_line(outlet)[:24]
            table.add_column(Text(label), width=max(len(label), 3))
        for speaker, per_outlet in speakers.items():
            cells = [Text(str(per_outlet[o]) if per_outlet.get(o) else "·", justify="right") for o in outlets]
            table.add_row(Text(speaker), *cells)

    @on(OptionList.OptionSelected, "#story-reports")
    def _report_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss(event.option.id)

    def action_split(self) -> None:
        reports = self.query_one("#story-reports", OptionList)
        chosen = reports.highlighted_option.id if reports.highlighted_option else None
        left = self.current_id
        if chosen == left or left is None:
            others = [it.article.id for it in self.story.items if it.article.id != chosen]
            left, chosen = chosen, (others[0] if others else None)
        if left and chosen and left != chosen:
            self.dismiss((left, chosen))
        else:
            self.notify("This story has a single report")

    def action_close(self) -> None:
        self.dismiss(None)
