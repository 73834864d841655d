"""Benchmark reading a library: decode + parse of real articles against a plain read of the same files.

    python bench/bench_parse.py [--n 2000] [--keep DIR]

Builds N article files from IndoSum (bench/corpus.py) in a temporary folder, then prints, each
against a baseline measured in the same run:
  - plain read: open, read and UTF-8-decode every file (the baseline);
  - load_library: discover + read + decode + parse every file (articles/s, MB/s, ratio to plain);
  - linearity: parse of one single-paragraph text of 0.5, 1 and 2 MB (time ratio against 0.5 MB:
    about 2x and 4x when parsing is linear), and of a 2 MB text of short junk-like lines;
  - `kabar extract --json` on 400 files (what the NER scorer runs per batch), in one process and with
    two worker processes (--jobs 2), against the start-up of a bare `python -c pass`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import build_indosum_library  # noqa: E402
from tui.library.loader import load_library  # noqa: E402
from tui.library.parse import parse_text  # noqa: E402


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def plain_read(files: list[Path]) -> int:
    total = 0
    for path in files:
        total += len(path.read_bytes().decode("utf-8"))
    return total


def bench_library(files: list[Path], folder: Path) -> None:
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    plain_read(files)  # warm the page cache so both runs read from memory
    plain_seconds, _ = timed(lambda: plain_read(files))
    load_seconds, articles = timed(lambda: load_library([folder]))
    n = len(files)
    print(f"library: {n} files, {size_mb:.1f} MB, {len(articles)} stories")
    print(
        f"  plain read    {plain_seconds:7.3f} s  {n / plain_seconds:9.0f} files/s  "
        f"{size_mb / plain_seconds:7.1f} MB/s"
    )
    print(
        f"  load_library  {load_seconds:7.3f} s  {len(articles) / load_seconds:9.0f} articles/s  "
        f"{size_mb / load_seconds:7.1f} MB/s  (x{load_seconds / plain_seconds:.1f} the plain read)"
    )


def bench_linearity() -> None:
    sentence = "Pemerintah Kota Malang menggelar retret bagi ASN pada Senin (5/5/2025), kata Wahyu. "
    timings = {}
    for megabytes in (0.5, 1, 2):
        text = sentence * int(megabytes * 1e6 / len(sentence))
        seconds, articles = timed(lambda text=text: parse_text(text, file="besar.txt"))
        assert len(articles) == 1
        timings[megabytes] = seconds
    base = timings[0.5]
    print("linearity: one single-paragraph text")
    for megabytes, seconds in timings.items():
        print(
            f"  {megabytes:3} MB  {seconds:7.3f} s  "
            f"(x{seconds / base:.2f} the 0.5 MB time; linear = x{megabytes / 0.5:.0f})"
        )
    lines = "Baca juga: Judul\n(ant)\nJAKARTA - x\n[a/b]\n> > >\nADVERTISEMENT\nReporter: X/Editor: Y\n"
    text = lines * int(2e6 / len(lines))
    seconds, _ = timed(lambda: parse_text(text, file="junk.txt"))
    print(
        f"  2 MB of short junk-like lines  {seconds:7.3f} s  (x{seconds / timings[2]:.2f} the 2 MB paragraph)"
    )


def bench_cli(files: list[Path]) -> None:
    batch = [str(p) for p in files[:400]]
    baseline, _ = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    command = [sys.executable, "-m", "tui", "extract", "--json"]
    print(f"kabar extract --json on {len(batch)} files (includes extraction by tui.extract)")
    print(f"  python -c pass        {baseline:7.3f} s  (baseline: interpreter start-up)")
    for label, extra in (("one process", ["--jobs", "1"]), ("two workers", ["--jobs", "2"])):
        seconds, result = timed(
            lambda extra=extra: subprocess.run([*command, *extra, *batch], capture_output=True, check=True)
        )
        lines = result.stdout.count(b"\n")
        print(
            f"  {label:20}  {seconds:7.3f} s  {lines / seconds:7.0f} articles/s  "
            f"(x{seconds / baseline:.1f} the start-up)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles in the library (2000)")
    parser.add_argument("--keep", type=Path, default=None, help="build the library here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kabar-bench-parse-") as tmp:
        folder = args.keep or Path(tmp) / "library"
        seconds, files = timed(lambda: build_indosum_library(folder, args.n))
        print(f"built {len(files)} files from IndoSum in {seconds:.1f} s")
        bench_library(files, folder)
        bench_linearity()
        bench_cli(files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
