"""Stories: the same event reported by several outlets, grouped and compared. Plain Python.

`group_stories([StoryItem(article, extraction), ...])` puts every article in exactly one story
(biggest first); `compare(story)` lays its reports side by side (outlets, speakers x outlets,
entities left out, discrepancies); `StoryIndex(stories)` answers `story_of(article_id)` and
`next_report(article_id)` for the reader's jump key.
"""

from tui.stories.compare import Comparison, Coverage, Discrepancy, EntityPresence, compare, outlet_of
from tui.stories.features import StoryItem
from tui.stories.grouping import Grouping, GroupingSettings, Link, Story, build_grouping, group_stories
from tui.stories.navigation import StoryIndex

__all__ = [
    "Comparison",
    "Coverage",
    "Discrepancy",
    "EntityPresence",
    "Grouping",
    "GroupingSettings",
    "Link",
    "Story",
    "StoryIndex",
    "StoryItem",
    "build_grouping",
    "compare",
    "group_stories",
    "outlet_of",
]
