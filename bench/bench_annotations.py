"""Benchmark the annotation store: the save a keypress triggers, and loading a whole library.

    python bench/bench_annotations.py [--articles 100] [--notes 100] [--big 1000] [--repeat 7]

Articles are real IndoSum news (bench/corpus.py writes them into a temporary folder; nothing is
copied into the repo), with synthetic bodies as a fallback when the data is missing. Every
annotation file and its cache copy go to temporary data and cache folders. Figures are medians
of --repeat runs, each printed with its ratio to a baseline measured in the same run:

1. Saving one note on an article that already has --big notes (lock, re-read, merge, dump,
   atomic write with fsync), in a warm store (the reader's case: the file is cached) and a cold
   one (a fresh process, e.g. `kabar annotations add`: the file is parsed first).
   Baseline: `tui.atomic.write_atomic` of the same file's bytes (the durable write alone).
2. Loading --articles x --notes notes across a library and anchoring each in its article
   (AnnotationStore.all in a new store, as a new process or the reader's notes screen does):
   with the cache copies warm; then after every article was edited (a paragraph inserted at
   the top, so every note must be searched for: `moved`); then with the cache folder emptied
   before each run (as after a sync from another machine: every file parsed and validated as
   YAML, and its copy written). Also a second load in the same store (the reader asks twice).
   Baseline: a plain `yaml.load(..., CSafeLoader)` of the same files.
Targets: the warm save, and the library load with a warm cache, both well under a keypress
(~50-100 ms). The load without cache is bound by YAML parsing; it only happens once per change.
The load figures also show the best run and the median CPU time (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
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


def timed_ms(
    action: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> tuple[float, float, float]:
    """(median, best, median CPU time) of `repeat` runs of `action`, in milliseconds; `setup`
    runs before each, untimed. The CPU time is this process's: on a shared machine the wall
    time also counts the time spent waiting for a core."""
    times, cpu_times = [], []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start, cpu_start = time.perf_counter(), time.process_time()
        action()
        times.append((time.perf_counter() - start) * 1000)
        cpu_times.append((time.process_time() - cpu_start) * 1000)
    return statistics.median(times), min(times), statistics.median(cpu_times)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    return timed_ms(action, repeat)[0]


def figure(label: str, timing: tuple[float, float, float], baseline: float) -> str:
    median, best, cpu = timing
    ratio = median / baseline
    return f"   {label:<40} {median:8.1f} ms  ({ratio:.2f}x baseline; best {best:.1f}, CPU {cpu:.1f} ms)"


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
    cache_folder = writer._codec.cache_folder

    def plain() -> None:
        for path in files:
            yaml.load(path.read_bytes(), Loader=_Loader)

    def load_all(library: list[Article], store: AnnotationStore | None = None) -> int:
        store = store or AnnotationStore(root=root, user="bench-lib")
        return len(store.all(library, users=["bench-lib"]).entries)

    def empty_cache() -> None:  # as after a sync from another machine
        if cache_folder is not None:
            shutil.rmtree(cache_folder, ignore_errors=True)

    assert load_all(articles) == total
    edited = []
    for article in articles:
        body = "Paragraf baru disisipkan di awal artikel oleh redaksi.\n" + article.body
        fp = content_fingerprint(body)
        edited.append(replace(article, id=fp, body=body, fingerprint=fp))
    listing = AnnotationStore(root=root, user="bench-lib").all(edited, users=["bench-lib"])
    statuses = {e.anchor.status.value for e in listing.entries if e.anchor is not None}
    baseline = median_ms(plain, repeat)
    warm = timed_ms(lambda: load_all(articles), repeat)
    reader = AnnotationStore(root=root, user="bench-lib")
    load_all(articles, reader)
    again = timed_ms(lambda: load_all(articles, reader), repeat)
    moved = timed_ms(lambda: load_all(edited), repeat)
    uncached = timed_ms(lambda: load_all(articles), max(1, repeat // 3), setup=empty_cache)
    load_all(articles)  # leave the cache warm
    print(f"2. load and anchor {total:,} notes in {len(files)} files")
    print(f"   baseline plain CSafeLoader of the files: {baseline:8.1f} ms")
    print(figure("AnnotationStore.all, warm cache:", warm, baseline))
    print(figure("  the same store again:", again, baseline))
    print(figure(f"  every article edited ({'/'.join(sorted(statuses))}):", moved, baseline))
    print(figure("  cache emptied (after a sync):", uncached, baseline))


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
        os.environ["KABAR_CACHE_DIR"] = str(Path(tmp) / "cache")
        articles = real_articles(args.articles, Path(tmp) / "articles")
        root = Path(tmp) / "data" / "annotations"
        print(f"libyaml: {yaml.__with_libyaml__}; {len(articles)} articles")
        bench_save(max(articles, key=lambda a: len(a.body)), root, args.big, args.repeat)
        bench_library(articles, root, args.notes, args.repeat)


if __name__ == "__main__":
    main()
