"""Hand-made articles with hand-made extractions: grouping and comparison tested on their own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from story_factory import make_item

from tui.stories.features import StoryItem

MakeItem = Callable[..., StoryItem]


@pytest.fixture
def item() -> MakeItem:
    return make_item
