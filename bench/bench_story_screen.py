"""What the reader's story keys (c, r, |) wait for the first time: reading every indexed article
with its extraction and grouping them, as `StoriesActions._group_stories` does in its worker.

Builds an IndoSum library of N files (default 2,000) in a temp folder, indexes it (not timed),
then times the reader's path: index.article + index.extraction for each id, then group_stories.
Baseline, measured in the same run: reading the same articles and extractions alone, so the ratio
says what the grouping adds on top of the reads the worker cannot avoid.

    python bench/bench_story_screen.py [N]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as home:
        for name in ("DATA", "CACHE", "STATE", "CONFIG"):
            os.environ[f"KABAR_{name}_DIR"] = str(Path(home) / name.lower())
        from corpus import build_indosum_library

        from tui.library.index import LibraryIndex
        from tui.stories import StoryIndex, StoryItem, group_stories

        library = Path(home) / "library"
        build_indosum_library(library, count)
        index = LibraryIndex()
        started = time.perf_counter()
        index.sync([library])
        print(f"indexed {count:,} files in {time.perf_counter() - started:.1f} s (not part of the figure)")
        ids = sorted(s.id for s in index.summaries([library]))

        started = time.perf_counter()
        for article_id in ids:
            index.article(article_id)
            index.extraction(article_id)
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        items = [StoryItem(index.article(i), index.extraction(i)) for i in ids]
        stories = StoryIndex(group_stories(items))
        total = time.perf_counter() - started
        multi = len(stories.multi_outlet())
        print(f"reads alone (baseline): {baseline:.2f} s for {len(ids):,} articles")
        print(f"reads + grouping (what the first c/r/| waits for): {total:.2f} s")
        print(f"{multi:,} stories with more than one report")
        print(f"ratio to baseline: {total / baseline:.2f}")


if __name__ == "__main__":
    main()
