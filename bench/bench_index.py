"""Benchmark the library index on a library of real articles built at run time.

    python bench/bench_index.py [--n 10000] [--workers N] [--keep DIR]

Builds N article files with bench/corpus.py (IndoSum, laid out like scraped pages; repeats get a
numbered closing sentence, so every file has its own bytes) in a temporary folder, then prints,
each against a baseline measured in the same run:
  - plain read: read and decode every file (the baseline, articles/s);
  - cold index: parse + extract + write every file into a new index (articles/s, ratio to plain);
  - cold index with extraction switched off: what the index itself costs (articles/s);
  - warm re-open: a new LibraryIndex on the unchanged library, sync + summaries (s, ratio to plain);
  - touched files: 1% of the files re-saved with new bytes, then sync (s);
  - search: median latency of a few queries (ms) against a linear scan of the bodies in memory.
Targets on a 2-core machine: cold >= 200 articles/s with extraction; warm well under 1 s at 10,000.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.library.index import LibraryIndex, SyncReport  # noqa: E402

QUERIES = ("presiden", "wali kota", "pemerintah daerah", "sepak bola", "korupsi", "jakarta")


def build_library(dest: Path, n: int) -> list[Path]:
    """n real article files under dest (bench/corpus.py: IndoSum laid out like scraped pages)."""
    from bench.corpus import build_indosum_library

    return list(build_indosum_library(dest, n))


def plain_read(files: list[Path]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    texts = [path.read_text(encoding="utf-8") for path in files]
    return time.perf_counter() - started, texts


@contextlib.contextmanager
def _extraction_off() -> Iterator[None]:
    """Replace the extractor with one that finds nothing (worker processes fork from here, so they
    see it too; under spawn they would not, and the figure would include extraction)."""
    from tui.extract.model import Extraction
    from tui.library import index_rows

    real = index_rows.extract
    index_rows.extract = lambda body, **kwargs: Extraction()
    try:
        yield
    finally:
        index_rows.extract = real


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the index's worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cold_index(db: Path, library: Path, workers: int | None) -> tuple[SyncReport, float]:
    """Index the library into a new database: the report and the cpu seconds it took."""
    before = cpu_seconds()
    with LibraryIndex(db) as index:
        report = index.sync([library], workers=workers)
    return report, cpu_seconds() - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the library (10000)")
    parser.add_argument("--workers", type=int, default=None, help="processes for the cold index (CPUs)")
    parser.add_argument("--keep", type=Path, default=None, help="build the library here and keep it")
    parser.add_argument("--serial", action="store_true", help="also time a cold index in one process")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kabar-bench-") as tmp:
        library = args.keep or Path(tmp) / "library"
        started = time.perf_counter()
        files = build_library(library, args.n)
        print(f"library: {len(files)} files in {library} (built in {time.perf_counter() - started:.1f} s)")
        os.sync()
        load = os.getloadavg()[0]
        cores = os.cpu_count() or 1
        print(f"machine: {cores} cores, load average {load:.1f}", end="")
        print(" (busy: wall-clock figures are pessimistic; see the cpu lines)" if load > cores / 2 else "")

        plain_seconds, texts = plain_read(files)
        plain_rate = len(files) / plain_seconds
        print(f"plain read:   {plain_seconds:7.3f} s  {plain_rate:9.0f} articles/s  (baseline)")

        db = Path(tmp) / "index.sqlite"
        report, cpu = cold_index(db, library, args.workers)
        cold_rate = report.total / report.seconds
        print(
            f"cold index:   {report.seconds:7.3f} s  {cold_rate:9.0f} articles/s  "
            f"(x{plain_rate / cold_rate:.1f} slower than plain read; target >= 200 articles/s; "
            f"{report.total} stories, {len(report.skipped)} skipped)"
        )
        print(
            f"  cpu:        {cpu:7.3f} s  {report.total / cpu:9.0f} articles per cpu-second "
            f"(all processes; x{cpu / report.seconds:.2f} cpu per wall second)"
        )
        with _extraction_off():
            parse_only, parse_cpu = cold_index(Path(tmp) / "no-extract.sqlite", library, args.workers)
        print(
            f"cold, no extraction: {parse_only.seconds:7.3f} s  {parse_only.total / parse_only.seconds:9.0f} "
            f"articles/s  (extraction is {1 - parse_cpu / cpu:.0%} of the cold cpu time)"
        )
        if args.serial:
            one, one_cpu = cold_index(Path(tmp) / "serial.sqlite", library, 1)
            print(
                f"cold, 1 proc: {one.seconds:7.3f} s  {one.total / one.seconds:9.0f} articles/s  "
                f"(pool speed-up x{one.seconds / report.seconds:.2f}; cpu {one_cpu:.1f} s)"
            )

        started, started_cpu = time.perf_counter(), cpu_seconds()
        with LibraryIndex(db) as index:
            warm = index.sync([library])
            rows = index.summaries([library])
        warm_seconds, warm_cpu = time.perf_counter() - started, cpu_seconds() - started_cpu
        print(
            f"warm re-open: {warm_seconds:7.3f} s  ({warm_seconds / plain_seconds:.2f} x plain read; "
            f"cpu {warm_cpu:.3f} s; {warm.unchanged} unchanged, {warm.parsed} parsed, "
            f"{len(rows)} summaries; target < 1 s)"
        )

        touched = files[::100]  # 1% of the files
        for path in touched:
            path.write_text(path.read_text(encoding="utf-8") + "\nPembaruan.\n", encoding="utf-8")
        with LibraryIndex(db) as index:
            changed = index.sync([library])
            print(
                f"1% changed:   {changed.seconds:7.3f} s  ({changed.changed} changed, "
                f"{changed.parsed} parsed, {changed.seconds / warm_seconds:.1f} x warm re-open)"
            )

            latencies, scans = [], []
            for query in QUERIES:
                started = time.perf_counter()
                hits = index.search(query, 20)
                latencies.append(time.perf_counter() - started)
                started = time.perf_counter()
                needle = query.casefold()
                scanned = [text for text in texts if needle in text.casefold()][:20]
                scans.append(time.perf_counter() - started)
                assert hits or not scanned, f"search found nothing for {query!r} but a scan did"
            search_ms = statistics.median(latencies) * 1000
            scan_ms = statistics.median(scans) * 1000
            print(
                f"search:       {search_ms:7.2f} ms median over {len(QUERIES)} queries "
                f"(linear scan of bodies in memory {scan_ms:.1f} ms: x{scan_ms / search_ms:.0f} faster)"
            )
            bench_entities(index, warm_seconds)
    return 0


def bench_entities(index: LibraryIndex, warm_seconds: float) -> None:
    """The library-wide entity queries the reader runs: the counts after a sync (in a worker),
    and the articles naming one entity (the `o` key), for the most named entities."""
    started = time.perf_counter()
    counts = index.entity_counts()
    counts_seconds = time.perf_counter() - started
    print(
        f"entity counts: {counts_seconds:6.3f} s for {len(counts)} entities "
        f"({counts_seconds / warm_seconds:.1f} x warm re-open)"
    )
    latencies, joined = [], 0
    for count in counts[:50]:
        started = time.perf_counter()
        index.articles_with_entity(count.entity_id)
        latencies.append(time.perf_counter() - started)
        # one query per entity: asked of the most named only, not of every entity of the library
        joined += len(index.linked_entity_ids(count.entity_id)) > 1
    if latencies:
        print(
            f"articles with one entity: {statistics.median(latencies) * 1000:6.2f} ms median, "
            f"{max(latencies) * 1000:6.2f} ms max over the {len(latencies)} most named "
            f"({joined} of them joined to another name)"
        )


if __name__ == "__main__":
    raise SystemExit(main())
