"""Two reports of one story side by side (`|`), each in the reader's own article pane.

tab moves between the two, j/k scroll the focused one, `r` puts the story's next report on the
right. The articles come with the story (grouping already read them), so nothing is loaded here.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from tui.app.keys import STORY_SCOPE, spec_by_id
from tui.app.screens.note_dialog import scope_bindings
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.key_footer import KeyFooter
from tui.stories import Story, StoryItem, outlet_of


def _scroll_binding(spec_id: str, step: int) -> Binding:
    spec = spec_by_id(spec_id)  # the reader's j/k, so a remapped key works here too
    return Binding(spec.keys, f"scroll_focused({step})", spec.description, show=False, id=spec.id)


class SplitScreen(Screen[None]):
    BINDINGS = [
        *(b for b in scope_bindings(STORY_SCOPE) if b.id in ("story_close", "split_next")),
        _scroll_binding("move_down", 1),
        _scroll_binding("move_up", -1),
    ]

    def __init__(self, story: Story, left_id: str, right_id: str) -> None:
        super().__init__()
        self.story = story
        by_id = {it.article.id: it for it in story.items}
        self.left: StoryItem = by_id[left_id]
        self.right: StoryItem = by_id[right_id]

    def compose(self) -> ComposeResult:
        with Horizontal(id="split-panes"):
            with Vertical(classes="article-frame"):
                yield ArticleView(id="split-left")
            with Vertical(classes="article-frame"):
                yield ArticleView(id="split-right")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self._paint)
        self.query_one("#split-left", ArticleView).focus()

    def _paint(self) -> None:
        for pane_id, item in (("#split-left", self.left), ("#split-right", self.right)):
            pane = self.query_one(pane_id, ArticleView)
            _frame(pane).border_title = outlet_of(item)
            pane.show(item.article, item.extraction)

    def action_next_report(self) -> None:
        """Put the story's next report (other than the left one) on the right."""
        others = [it for it in self.story.items if it is not self.left]
        if len(others) < 2:
            self.notify("This story has no other report")
            return
        at = next((n for n, it in enumerate(others) if it is self.right), -1)
        self.right = others[(at + 1) % len(others)]
        pane = self.query_one("#split-right", ArticleView)
        _frame(pane).border_title = outlet_of(self.right)
        pane.show(self.right.article, self.right.extraction)

    def action_scroll_focused(self, step: int) -> None:
        focused = self.focused if isinstance(self.focused, ArticleView) else self.query_one("#split-left")
        focused.scroll_down(animate=False) if step > 0 else focused.scroll_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


def _frame(pane: ArticleView) -> Widget:
    """The bordered frame around an article pane (it holds the pane's title)."""
    frame = pane.parent
    assert isinstance(frame, Widget)
    return frame
