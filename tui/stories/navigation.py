"""Moving between the reports of a story: what the reader's story screen and jump key ask.

`StoryIndex(stories)` answers "which story is this article in" and "what is the next report of
it, preferably from another outlet", and keeps each story's comparison once computed.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.stories.compare import Comparison, compare, outlet_of
from tui.stories.features import StoryItem
from tui.stories.grouping import Story


class StoryIndex:
    """Stories looked up by article id (Article.id) or story id."""

    def __init__(self, stories: Sequence[Story]) -> None:
        self.stories: tuple[Story, ...] = tuple(stories)
        self._by_story = {s.id: s for s in self.stories}
        self._by_article: dict[str, tuple[Story, int]] = {}
        for story in self.stories:
            for position, item in enumerate(story.items):
                self._by_article.setdefault(item.article.id, (story, position))
        self._comparisons: dict[str, Comparison] = {}

    def story(self, story_id: str) -> Story | None:
        return self._by_story.get(story_id)

    def story_of(self, article_id: str) -> Story | None:
        """The story the article belongs to (a one-article story if nobody else reported it)."""
        found = self._by_article.get(article_id)
        return found[0] if found else None

    def next_report(self, article_id: str, *, step: int = 1, other_outlet: bool = True) -> StoryItem | None:
        """The next report of the article's story in publication order (`step=-1`: the previous),
        wrapping around. With `other_outlet`, the first one from a different outlet is preferred;
        when every report is from the same outlet, the next one is returned. None when the article
        is unknown or alone in its story."""
        found = self._by_article.get(article_id)
        if not found or len(found[0].items) < 2 or step == 0:
            return None
        story, position = found
        count = len(story.items)
        order = [story.items[(position + step * k) % count] for k in range(1, count)]
        if other_outlet:
            here = outlet_of(story.items[position])
            for item in order:
                if outlet_of(item) != here:
                    return item
        return order[0]

    def comparison(self, story_id: str) -> Comparison | None:
        """The story's comparison, computed on first request."""
        story = self._by_story.get(story_id)
        if story is None:
            return None
        if story_id not in self._comparisons:
            self._comparisons[story_id] = compare(story)
        return self._comparisons[story_id]

    def multi_outlet(self) -> tuple[Story, ...]:
        """The stories with more than one report, biggest first (the story screen's list)."""
        return tuple(s for s in self.stories if len(s.items) > 1)
