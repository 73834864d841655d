"""The reader's stories (issue 6): the story screen (`c`), the next report in another outlet
(`r`/`R`) and two reports side by side (`|`).

`StoriesActions` is mixed into ReaderScreen. Grouping needs every article's extraction, so it
runs in a worker the first time a story key is pressed, with progress in the status line, and
the result is kept for the session (until the library's list of articles changes).
`tui.stories` is imported in the worker, not at start-up: the first article need not wait for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from tui.app.printable import one_line

if TYPE_CHECKING:
    from tui.stories import StoryIndex

PROGRESS_EVERY = 0.2  # seconds


class StoriesActions:
    """Mixed into ReaderScreen (which provides sources, status, current, open_article, app)."""

    _stories: StoryIndex | None = None
    _stories_of: tuple[str, ...] | None = None  # the article ids they were grouped from
    _stories_waiting: list[Callable[[StoryIndex], None]] | None = None

    def with_stories(self, then: Callable[[StoryIndex], None]) -> None:
        """Call `then(index)` now if the stories of the listed articles are known, else once grouped."""
        ids = tuple(sorted(self.sources.order))  # sorted: re-sorting the list must not regroup
        if self._stories is not None and self._stories_of == ids:
            then(self._stories)
            return
        if self._stories_waiting is None or self._stories_of != ids:
            self._stories_waiting = []
            self._stories_of = ids
            self._stories = None
            self.status.say(f"Grouping {len(ids):,} articles into stories…")
            self._group_stories(ids)
        self._stories_waiting.append(then)

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _group_stories(self, ids: tuple[str, ...]) -> None:
        from tui.stories import StoryIndex, StoryItem, group_stories

        index = self.app.library()
        items: list[StoryItem] = []
        last = time.monotonic()
        worker = get_current_worker()
        for done, article_id in enumerate(ids, 1):
            if worker.is_cancelled:
                return
            try:
                items.append(StoryItem(index.article(article_id), index.extraction(article_id)))
            except Exception:  # an article gone from the index meanwhile stays out of the stories
                continue
            if time.monotonic() - last >= PROGRESS_EVERY:
                last = time.monotonic()
                self.app.call_from_thread(
                    self.status.say, f"Grouping stories: read {done:,}/{len(ids):,} articles…"
                )
        self.app.call_from_thread(self.status.say, f"Grouping {len(items):,} articles into stories…")
        stories = StoryIndex(group_stories(items))
        self.app.call_from_thread(self._stories_grouped, ids, stories)

    def _stories_grouped(self, ids: tuple[str, ...], stories: StoryIndex) -> None:
        if ids != self._stories_of:
            return  # the library changed meanwhile; the newer request is running
        self._stories = stories
        waiting, self._stories_waiting = self._stories_waiting or [], None
        multi = len(stories.multi_outlet())
        self.status.say(f"{multi:,} stor{'y' if multi == 1 else 'ies'} with more than one report")
        for then in waiting:
            then(stories)

    # -- actions ----------------------------------------------------------------------------------

    def action_story(self) -> None:
        if self.current is None:
            return
        article_id = self.current.article.id

        def show(stories: StoryIndex) -> None:
            from tui.app.screens.story import StoryScreen

            story = stories.story_of(article_id)
            if story is None:
                self.notify("This article is not in the grouped library yet; try again after indexing")
                return
            comparison = stories.comparison(story.id)

            def closed(result: Any) -> None:
                if isinstance(result, str):
                    self.open_article(result)
                elif isinstance(result, tuple):
                    self._open_split(stories, *result)

            self.app.push_screen(StoryScreen(story, comparison, current_id=article_id), closed)

        self.with_stories(show)

    def action_next_report(self) -> None:
        self._step_report(1)

    def action_previous_report(self) -> None:
        self._step_report(-1)

    def _step_report(self, step: int) -> None:
        if self.current is None:
            return
        article_id = self.current.article.id

        def jump(stories: StoryIndex) -> None:
            from tui.stories import outlet_of

            item = stories.next_report(article_id, step=step)
            if item is None:
                self.notify("No other outlet reported this story in the library")
                return
            story = stories.story_of(article_id)
            total = len(story.items) if story else 0
            number = next((n for n, it in enumerate(story.items, 1) if it is item), 0) if story else 0
            self.open_article(item.article.id)
            self.status.say(
                f"Same story in {one_line(outlet_of(item))} · report {number}/{total} · c compares them"
            )

        self.with_stories(jump)

    def action_split_view(self) -> None:
        if self.current is None:
            return
        article_id = self.current.article.id

        def split(stories: StoryIndex) -> None:
            item = stories.next_report(article_id)
            if item is None:
                self.notify("No other report of this story to read side by side")
                return
            self._open_split(stories, article_id, item.article.id)

        self.with_stories(split)

    def _open_split(self, stories: StoryIndex, left_id: str, right_id: str) -> None:
        from tui.app.screens.split import SplitScreen

        story = stories.story_of(left_id)
        if story is None:
            return
        self.app.push_screen(SplitScreen(story, left_id, right_id))
