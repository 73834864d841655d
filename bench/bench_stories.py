"""Benchmark: grouping a library of 10,000 real articles into stories.

Builds the library at run time from IndoSum (../shared/data/indosum, never copied into the repo):
its ~2,200 real articles, then re-dated copies of them (each copy moved by whole years, with a
few sentences dropped) until there are N articles, so the library has the size and the word
statistics of a real one while its real stories stay where they are in time.

Prints: the time to tokenise the same texts (the baseline), extraction time, signature and
grouping time with their ratios to the baseline, the pairs compared against n^2/2, and the
stories found. `--show K` prints K multi-article stories of the real (uncopied) articles for
reading by hand.

    python bench/bench_stories.py [--n 10000] [--show 20] [--repeat 3] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.extract import EXTRACTOR_VERSION, extract
from tui.library.article import Article, content_fingerprint
from tui.stories.features import StoryItem, content_words
from tui.stories.grouping import build_grouping

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indosum"
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}])")
_NO_SPACE_AFTER = re.compile(r"([(\[{]) ")
_HOST = re.compile(r"https?://(?:www\.)?([^/]+)")


def detokenise(tokens: list[str]) -> str:
    """IndoSum sentences are token lists: join them and re-attach punctuation."""
    text = " ".join(tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def load_indosum(folder: Path) -> list[Article]:
    """The distinct IndoSum articles as clean Articles (published from the id's Unix time)."""
    seen: set[str] = set()
    out: list[Article] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] in seen:
                continue
            seen.add(record["id"])
            paragraphs = [" ".join(detokenise(s) for s in para) for para in record["paragraphs"]]
            body = "\n".join(paragraphs)
            stamp = record["id"].split("-", 1)[0]
            published = datetime.fromtimestamp(int(stamp), UTC).date() if stamp.isdigit() else None
            host = _HOST.match(record.get("source_url") or "")
            source = host.group(1) if host else record.get("source")
            fp = content_fingerprint(body)
            out.append(
                Article(
                    id=fp,
                    file=f"indosum/{record['id']}.txt",
                    story=1,
                    body=body,
                    paragraphs=((0, len(body)),),
                    title=None,
                    source=source,
                    published=published,
                    url=record.get("source_url"),
                    fingerprint=fp,
                )
            )
    return out


def redated_copy(article: Article, copy: int, rng: random.Random) -> Article:
    """The article moved `copy` years later (so it cannot join its original) with ~15% of its
    sentences dropped (so it is not an exact duplicate)."""
    sentences = re.split(r"(?<=[.!?])\s+", article.body)
    kept = [s for s in sentences if rng.random() > 0.15] or sentences[:1]
    body = " ".join(kept)
    published = article.published + timedelta(days=366 * copy) if article.published else None
    fp = content_fingerprint(f"{copy}:{body}")
    return Article(
        id=fp,
        file=f"copy{copy}/{Path(article.file).name}",
        story=1,
        body=body,
        paragraphs=((0, len(body)),),
        source=article.source,
        published=published,
        fingerprint=fp,
    )


def build_library(folder: Path, n: int) -> tuple[list[Article], int]:
    real = load_indosum(folder)
    rng = random.Random(6)
    library = list(real)
    copy = 1
    while len(library) < n:
        library.extend(redated_copy(a, copy, rng) for a in real[: n - len(library)])
        copy += 1
    return library[:n], len(real)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--show", type=int, default=0, help="print this many real multi-article stories")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (best is shown)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"bench_stories: no IndoSum folder at {args.data}", file=sys.stderr)
        return 2

    articles, real_count = build_library(args.data, args.n)
    n = len(articles)
    print(f"library: {n} articles ({real_count} real IndoSum articles, the rest re-dated copies)")

    # Baseline: tokenising the same bodies once, the least any word-based grouping must do.
    # Timings are the best of --repeat runs: the machine is shared, and the best run is the one
    # least disturbed by other work.
    baseline = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        token_count = sum(len(content_words(a.body)) for a in articles)
        baseline = min(baseline, time.perf_counter() - t0)
    print(f"baseline  tokenise bodies: {baseline:7.2f} s  ({token_count} content words)")

    t0 = time.perf_counter()
    items = [StoryItem(a, extract(a.body, published=a.published)) for a in articles]
    extraction = time.perf_counter() - t0
    note = " (EXTRACTOR_VERSION 0: the stub, words-only grouping)" if EXTRACTOR_VERSION == 0 else ""
    print(f"extract (real extract):     {extraction:7.2f} s  ratio {extraction / baseline:6.2f}x{note}")

    grouping_time = grouping_cpu = float("inf")
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        grouping = build_grouping(items)
        grouping_time = min(grouping_time, time.perf_counter() - t0)
        grouping_cpu = min(grouping_cpu, time.process_time() - c0)
    print(
        f"group_stories:              {grouping_time:7.2f} s  ratio {grouping_time / baseline:6.2f}x "
        f"(target < 10 s; CPU {grouping_cpu:.2f} s)"
    )
    all_pairs = n * (n - 1) // 2
    print(
        f"pairs compared: {grouping.candidate_pairs} of n^2/2 = {all_pairs} "
        f"({100 * grouping.candidate_pairs / all_pairs:.3f}%); links: {grouping.links}"
    )
    multi = [s for s in grouping.stories if len(s) > 1]
    sizes = sorted((len(s) for s in multi), reverse=True)
    print(f"stories with 2+ articles: {len(multi)}; articles in them: {sum(sizes)}; largest: {sizes[:10]}")

    if args.show:
        real_stories = [s for s in multi if all(not it.article.file.startswith("copy") for it in s.items)]
        rng = random.Random(1)
        sample = rng.sample(real_stories, min(args.show, len(real_stories)))
        for story in sample:
            print(f"\n== {story.id} ({len(story)} articles) {story.title[:100]}")
            for it in story.items:
                a = it.article
                print(f"   {a.published} {a.source:<22} {a.body[:110]!r}")
            for link in story.joins:
                print(f"   why: {link.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
