"""Benchmark the annotation store: the save a keypress triggers, and loading a whole library.

    python bench/bench_annotations.py [--articles 100] [--notes 100] [--big 1000] [--repeat 7]

Articles are real IndoSum news (bench/corpus.py writes them into a temporary folder; nothing is
copied into the repo), with synthetic bodies as a fallback when the data is missing. Every
annotation file goes to a temporary data folder. Figures are medians of --repeat runs, each
printed with its ratio to a baseline measured in the same run:

1. Saving one note on an article that already has --big notes (lock, re-read, merge, dump,
   atomic write with fsync), in a warm store (the reader's case: the file is cached) and a cold
   one (a fresh process, e.g. `kabar annotations add`: the file is parsed first).
   Baseline: `tui.atomic.write_atomic` of the same file's bytes (the durable write alone).
2. Loading --articles x --notes notes across a library and anchoring each in its article
   (AnnotationStore.all, cold), then the same after every article was edited (a paragraph
   inserted at the top, so every note must be searched for: `moved`), then without the JSON
   copies in the cache (as after a sync from another machine: every file parsed as YAML).
   Baseline: a plain `yaml.load(..., CSafeLoader)` of the same files.
Target: the warm save well under a keypress (~50 ms); the library load under a second.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from tui.annotations.model import new_annotation  # noqa: E402
from tui.annotations.store import AnnotationStore  # noqa: E402
from tui.atomic import write_atomic  # noqa: E402
from tui.library.article import Article, content_fingerprint  # noqa: E402

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def real_articles(n: int, folder: Path) -> list[Article]:
    try:
        from corpus import build_indosum_library

        from tui.library.loader import load_library

        paths = build_indosum_library(folder, n)
        articles = [a for a in load_library(paths) if len(a.body) > 400][:n]
        if len(articles) == n:
            return articles
    except Exception as e:  # the data set is optional: fall back to synthetic text
        print(f"(IndoSum not usable: {e}; using synthetic articles)")
    rng = random.Random(1)
    words = "harga pasar warga kota pemerintah kata dinas jalan banjir rapat program desa".split()
    out = []
    for i in range(n):
        body = "\n".join(" ".join(rng.choice(words) for _ in range(60)) + "." for _ in range(12))
        fp = content_fingerprint(body)
        out.append(Article(fp, f"/synthetic/{i}.txt", 1, body, ((0, len(body)),), fingerprint=fp))
    return out


def random_notes(store: AnnotationStore, article: Article, count: int, rng: random.Random) -> list:
    notes = []
    body = article.body
    for i in range(count):
        start = rng.randrange(0, len(body) - 60)
        end = start + rng.randint(10, 60)
        note = f"Catatan {i}: periksa lagi angka ini.\nBandingkan dengan sumber lain." if i % 3 else ""
        notes.append(new_annotation(body, start, end, user=store.user, note=note, tags=["cek", f"t{i % 7}"]))
    return notes


def bench_save(article: Article, root: Path, big: int, repeat: int) -> None:
    rng = random.Random(2)
    store = AnnotationStore(root=root, user="bench-save")
    store.put_many(article, random_notes(store, article, big, rng))
    path = store.path_for(article)
    size = path.stat().st_size
    store.load(article)

    def add_warm() -> None:
        start = rng.randrange(0, len(article.body) - 40)
        store.add(article, start, start + 30, note="baru", tags=["x"])

    def add_cold() -> None:
        fresh = AnnotationStore(root=root, user="bench-save")
        start = rng.randrange(0, len(article.body) - 40)
        fresh.add(article, start, start + 30, note="baru", tags=["x"])

    data = path.read_bytes()
    baseline_file = root / "baseline" / "same-bytes.yaml"
    baseline = median_ms(lambda: write_atomic(baseline_file, data), repeat)
    parse = median_ms(lambda: yaml.load(path.read_bytes(), Loader=_Loader), repeat)
    warm = median_ms(add_warm, repeat)
    cold = median_ms(add_cold, repeat)
    print(f"1. save one note, article with {big:,} notes ({size / 1024:.0f} KiB file)")
    print(f"   baseline write_atomic of the same bytes: {baseline:8.1f} ms")
    print(f"   plain CSafeLoader parse of the file:     {parse:8.1f} ms")
    print(f"   save, warm store (reader):               {warm:8.1f} ms  ({warm / baseline:.1f}x baseline)")
    print(f"   save, cold store (CLI):                  {cold:8.1f} ms  ({cold / baseline:.1f}x baseline)")


def bench_library(articles: list[Article], root: Path, per_article: int, repeat: int) -> None:
    rng = random.Random(3)
    writer = AnnotationStore(root=root, user="bench-lib")
    for article in articles:
        writer.put_many(article, random_notes(writer, article, per_article, rng))
    files = writer.files()
    total = len(articles) * per_article

    def plain() -> None:
        for path in files:
            yaml.load(path.read_bytes(), Loader=_Loader)

    def load_all(library: list[Article], *, json_copies: bool = True) -> int:
        store = AnnotationStore(root=root, user="bench-lib")
        if not json_copies:  # as after a sync from another machine: every file parsed as YAML
            store._codec.cache_folder = None
        return len(store.all(library, users=["bench-lib"]).entries)

    assert load_all(articles) == total
    edited = []
    for article in articles:
        body = "Paragraf baru disisipkan di awal artikel oleh redaksi.\n" + article.body
        fp = content_fingerprint(body)
        edited.append(replace(article, id=fp, body=body, fingerprint=fp))
    baseline = median_ms(plain, repeat)
    cold = median_ms(lambda: load_all(articles), repeat)
    moved = median_ms(lambda: load_all(edited), repeat)
    uncached = median_ms(lambda: load_all(articles, json_copies=False), max(1, repeat // 3))
    print(f"2. load and anchor {total:,} notes in {len(files)} files")
    print(f"   baseline plain CSafeLoader of the files: {baseline:8.1f} ms")
    print(f"   AnnotationStore.all, text unchanged:     {cold:8.1f} ms  ({cold / baseline:.1f}x baseline)")
    print(f"   AnnotationStore.all, articles edited:    {moved:8.1f} ms  ({moved / baseline:.1f}x baseline)")
    ratio = uncached / baseline
    print(f"   AnnotationStore.all, no JSON copies:     {uncached:8.1f} ms  ({ratio:.1f}x baseline)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--notes", type=int, default=100)
    parser.add_argument("--big", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kabar-bench-") as tmp:
        os.environ["KABAR_DATA_DIR"] = str(Path(tmp) / "data")
        articles = real_articles(args.articles, Path(tmp) / "articles")
        root = Path(tmp) / "data" / "annotations"
        print(f"libyaml: {yaml.__with_libyaml__}; {len(articles)} articles")
        bench_save(max(articles, key=lambda a: len(a.body)), root, args.big, args.repeat)
        bench_library(articles, root, args.notes, args.repeat)


if __name__ == "__main__":
    main()
