"""`kabar stories [--json] [--all] [PATH...]`: the same event across outlets, compared.

Reads the articles (the bundled samples when no PATH is given), groups them into stories and
prints, for each story with more than one report (every article with --all): its reports, why
they were grouped, who is quoted in which outlet, and where the reports disagree.

JSON: {"stories": [{"id", "title", "articles": [{"file", "story", "source", "title", "published"}],
"why": [{"articles", "score", "entities", "words", "day_gap", "text"}],
"speakers": {speaker: {outlet: quotes}}, "discrepancies": [{"what", "values": {value: [file]}}]}]}.
An article is named by its file, with `#n` after it for the n-th story of a file holding several.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date

from tui.extract import extract
from tui.library.loader import Skipped, load_library
from tui.paths import bundled_articles
from tui.stories.compare import Comparison, compare, outlet_of
from tui.stories.features import StoryItem
from tui.stories.grouping import Story, group_stories


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "stories",
        help="group articles reporting the same event and compare them",
        description="Group the articles under PATH... (the bundled samples when none is given) into "
        "stories, the same event across outlets, and compare each story's reports: outlets and dates, "
        "who is quoted where, and the facts they disagree on.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a report")
    parser.add_argument("--all", action="store_true", help="also list articles no other report joins")


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [bundled_articles()]

    def report_skip(skipped: Skipped) -> None:
        print(str(skipped), file=sys.stderr)

    articles = load_library(paths, on_skip=report_skip)
    if not articles:
        print("kabar stories: no articles found in " + " ".join(map(str, paths)), file=sys.stderr)
        return 1
    items = [StoryItem(a, extract(a.body, published=a.published, language=a.language)) for a in articles]
    stories = group_stories(items)
    shown = [s for s in stories if args.all or len(s.items) > 1]
    comparisons = [compare(s) for s in shown]
    if args.json:
        data = {"stories": [story_to_dict(s, c) for s, c in zip(shown, comparisons, strict=True)]}
        text = json.dumps(data, ensure_ascii=False, indent=2)
    else:
        text = render_report(shown, comparisons, len(stories), len(articles))
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `kabar stories | head`: the reader stopped reading, which is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def story_to_dict(story: Story, comparison: Comparison) -> dict[str, object]:
    """The JSON form of one story and its comparison."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": [
            {
                "file": it.article.file,
                "story": it.article.story,
                "source": it.article.source,
                "title": it.article.title,
                "published": it.article.published.isoformat() if it.article.published else None,
            }
            for it in story.items
        ],
        "why": [link.to_dict() for link in story.joins],
        "speakers": comparison.speakers,
        "discrepancies": [d.to_dict() for d in comparison.discrepancies],
    }


PRESENCE_SHOWN = 12  # names left out by some reports, in the text report (most widely named first)


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def _labels(items: Sequence[StoryItem]) -> dict[str, str]:
    """How the report names each article: its outlet when no other report of the story has it,
    otherwise the outlet and the article's number in the story's list (`CNN Indonesia [3]`)."""
    outlets = Counter(it.article.source for it in items)
    labels = {}
    for number, it in enumerate(items, 1):
        source = it.article.source
        labels[it.key] = source if source and outlets[source] == 1 else f"{source or ''} [{number}]".lstrip()
    return labels


def render_report(
    stories: Sequence[Story], comparisons: Sequence[Comparison], total: int, articles: int
) -> str:
    """The readable report: one block per story."""
    lines: list[str] = []
    multi = sum(1 for s in stories if len(s.items) > 1)
    for number, (story, comparison) in enumerate(zip(stories, comparisons, strict=True), 1):
        labels = _labels(story.items)
        outlets = len({outlet_of(it) for it in story.items})
        lines.append(f"Story {number}: {story.title}")
        reports = _plural(len(story.items), "report")
        lines.append(f"  {reports}, {_plural(outlets, 'outlet')}  [{story.id}]")
        by_day = sorted(comparison.coverage, key=lambda c: (c.when is None, c.when or date.min))
        for number, cov in enumerate(by_day, 1):
            when = cov.when_label
            outlet = cov.outlet if len(cov.outlet) <= 22 else cov.outlet[:21] + "…"
            lines.append(f"    [{number}] {when}  {outlet:<22} {cov.title or '(no title)'}")
            lines.append(f"                     {cov.key}")
        if story.joins:
            lines.append("  Why grouped:")
            for link in story.joins:
                lines.append(f"    {labels[link.first]} ~ {labels[link.second]}: {link.describe()}")
        if comparison.speakers:
            lines.append("  Quoted:")
            for speaker, per_outlet in comparison.speakers.items():
                counts = ", ".join(f"{outlet} {n}" for outlet, n in per_outlet.items())
                lines.append(f"    {speaker}: {counts}")
        if comparison.entities:
            lines.append("  Named by some reports only:")
            for p in comparison.entities[:PRESENCE_SHOWN]:
                named = ", ".join(labels[k] for k in p.named_by)
                lines.append(f"    {p.name} ({p.type.lower()}): {named}")
            if len(comparison.entities) > PRESENCE_SHOWN:
                lines.append(f"    … and {len(comparison.entities) - PRESENCE_SHOWN} more")
        if comparison.discrepancies:
            lines.append("  Discrepancies:")
            for d in comparison.discrepancies:
                values = " vs ".join(f"{v} ({', '.join(labels[k] for k in keys)})" for v, keys in d.values)
                lines.append(f"    {d.what}: {values}")
        lines.append("")
    alone = total - multi
    summary = (
        f"{_plural(multi, 'story', 'stories')} with more than one report, from {_plural(articles, 'article')}"
    )
    if alone and not any(len(s.items) == 1 for s in stories):
        summary += f"; {alone} articles stand alone (--all lists them)"
    lines.append(summary + ".")
    return "\n".join(lines)
