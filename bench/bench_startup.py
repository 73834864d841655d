"""Start-up, next-article latency and memory of the reader, against a bare Textual app.

    python bench/bench_startup.py [--runs 7] [--n 10000] [--skip-large] [--keep DIR]

Both apps are measured the same way in the same run: a fresh Python process runs the app headless
(`App.run(headless=True)`), and the time from just before the process is started to the first
refresh after the first article (or, for the bare app, one word) is painted is the start-up time.
Each figure is the median of several runs, printed with its ratio to the bare app:
  - bundled corpus, with the index cache warm (a user's second start) and cold (the first);
  - a 10,000-article library built from IndoSum (bench/corpus.py) and indexed by `kabar index`:
    once with no reader state (the first start), then the median of returning starts (the state
    file the previous run saved on exit, as `q` does, names the article to reopen);
  - next-article latency in that library: `n` pressed 200 times, time from the key's action to the
    refresh after the new article is on screen (p50, p95; target p95 < 50 ms);
  - memory: resident set size at first paint (target < 2.5x the bare app).
Targets: start-up ratio <= 1.5 on the bundled corpus, <= 2.0 on the 10,000-article library.

Both apps run with their bytecode cached, as installed software does (pip compiles it on install):
the children get PYTHONPYCACHEPREFIX in the run's temp folder (nothing is written into the
checkout) and PYTHONDONTWRITEBYTECODE unset, and one untimed run of each fills the cache. With
PYTHONDONTWRITEBYTECODE=1 (this checkout's shell sets it) every start would recompile Kabar's own
modules while Textual's come precompiled from site-packages: 60-100 ms of the developer's setup,
not of the reader. `--no-bytecode-cache` measures with the environment as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LATENCY_PRESSES = int(os.environ.get("KABAR_BENCH_PRESSES", "200"))
SIZE = (160, 48)


# -- what runs inside the measured process ---------------------------------------------------------


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _report(**figures: object) -> None:
    print(json.dumps({"painted": time.time(), "rss_kib": _rss_kib(), **figures}), flush=True)


def run_bare_child(latency: bool) -> None:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App):
        """One word; with --latency, the word is replaced as often as Kabar turns a page."""

        def compose(self) -> ComposeResult:
            yield Static("Kabar")

        def on_mount(self) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            if not latency:
                _report()
                self.exit()
            else:
                self.run_worker(self._replace_word())

        async def _replace_word(self) -> None:
            await asyncio.sleep(1.0)
            timings = []
            word = self.query_one(Static)
            for n in range(LATENCY_PRESSES):
                painted = asyncio.Event()
                started = time.perf_counter()
                word.update(f"Kabar {n}")
                self.call_after_refresh(painted.set)
                await painted.wait()
                timings.append(time.perf_counter() - started)
            _report(latency=timings)
            self.exit()

    Bare().run(headless=True, size=SIZE)


def run_kabar_child(paths: list[str], latency: bool) -> None:
    import asyncio

    from tui.app.app import KabarApp
    from tui.app.screens.reader import ReaderScreen

    class Measured(KabarApp):
        shown = 0
        _event: asyncio.Event | None = None

        def on_reader_screen_article_shown(self, message: ReaderScreen.ArticleShown) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            self.shown += 1
            if self.shown == 1:
                self.first_paint = time.time()
                self.first_rss = _rss_kib()
                if latency:
                    self.run_worker(self._press_n())
                else:
                    self._finish([])
            elif self._event is not None:
                self._event.set()

        async def _press_n(self) -> None:
            await asyncio.sleep(1.0)  # let the background sync finish its first pass
            screen = next(s for s in self.screen_stack if isinstance(s, ReaderScreen))
            timings = []
            for _ in range(LATENCY_PRESSES):
                self._event = asyncio.Event()
                started = time.perf_counter()
                if screen.sources.step_article(screen.current.article.id, 1) is None:
                    screen.open_article(screen.sources.order[0])  # wrap round at the end of the list
                else:
                    screen.action_next_article()
                await asyncio.wait_for(self._event.wait(), 10)
                timings.append(time.perf_counter() - started)
            self._finish(timings)

        def _finish(self, timings: list[float]) -> None:
            self.save_now()  # as quitting with q does: the next start is a returning user's
            print(
                json.dumps({"painted": self.first_paint, "rss_kib": self.first_rss, "latency": timings}),
                flush=True,
            )
            self.exit()

    Measured(paths=paths).run(headless=True, size=SIZE)


# -- the parent: spawn, time, compare ---------------------------------------------------------------


def measure(kind: str, env: dict[str, str], paths: list[str] = (), latency: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", kind, *(["--latency"] if latency else []), *paths]
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{kind} child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    figures = json.loads(lines[-1])
    figures["startup"] = figures["painted"] - started
    return figures


def median_of(kind: str, env: dict[str, str], runs: int, paths: list[str] = ()) -> tuple[float, float]:
    samples = [measure(kind, env, paths) for _ in range(runs)]
    return statistics.median(s["startup"] for s in samples), statistics.median(s["rss_kib"] for s in samples)


def show(label: str, figures: str) -> None:
    print(f"{label + ':':<36}{figures}", flush=True)


def percentiles(timings: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(timings)
    return ordered[len(ordered) // 2] * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


BYTECODE: dict[str, str] = {}  # the children's bytecode settings (main() fills it)


def fresh_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATA", "CACHE", "STATE", "CONFIG"):
        env[f"KABAR_{name}_DIR"] = str(home / name.lower())
    env["KABAR_USER"] = "bench"
    if BYTECODE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(BYTECODE)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--child", choices=("bare", "kabar"))
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the large library here")
    parser.add_argument(
        "--no-bytecode-cache", action="store_true", help="run the children with the environment as it is"
    )
    args = parser.parse_args()
    if args.child == "bare":
        run_bare_child(args.latency)
        return 0
    if args.child == "kabar":
        run_kabar_child(args.paths, args.latency)
        return 0

    with tempfile.TemporaryDirectory(prefix="kabar-bench-") as tmp:
        home = Path(tmp)
        if not args.no_bytecode_cache:
            BYTECODE["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
        env = fresh_env(home / "home")
        measure("bare", env)  # untimed: fills the bytecode cache (and the disk cache) for both apps
        measure("kabar", fresh_env(home / "warm-up"))
        show("bytecode", "cached, as installed" if BYTECODE else "as the environment says (not cached)")
        bare, bare_rss = median_of("bare", env, args.runs)
        show(
            "bare Textual app, one word", f"{bare * 1000:7.0f} ms   RSS {bare_rss / 1024:6.1f} MiB (baseline)"
        )

        cold = measure("kabar", fresh_env(home / "cold"))["startup"]
        show("kabar, bundled, cold cache", f"{cold * 1000:7.0f} ms   ratio {cold / bare:4.2f} (first start)")
        warm, warm_rss = median_of("kabar", fresh_env(home / "cold"), args.runs)
        show(
            "kabar, bundled, warm cache",
            f"{warm * 1000:7.0f} ms   ratio {warm / bare:4.2f} (target <= 1.5)"
            f"   RSS {warm_rss / 1024:6.1f} MiB ratio {warm_rss / bare_rss:4.2f}",
        )
        if args.skip_large:
            return 0

        library = args.keep or home / "library"
        # with --keep, the index lives beside the library too, so a second run re-indexes nothing
        large_env = fresh_env(library.parent / f"{library.name}-home" if args.keep else home / "large")
        if not (library.is_dir() and any(library.rglob("*.txt"))):
            from bench.corpus import build_indosum_library

            started = time.perf_counter()
            build_indosum_library(library, args.n)
            show(f"built {args.n:,} files", f"{time.perf_counter() - started:7.1f} s")
        started = time.perf_counter()
        command = [sys.executable, "-m", "tui", "index", str(library)]
        subprocess.run(
            command, env=large_env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        show(
            f"`kabar index` on {args.n:,} files",
            f"{time.perf_counter() - started:7.1f} s (not part of a ratio)",
        )
        state_file = Path(large_env["KABAR_STATE_DIR"]) / "state.json"
        state_file.unlink(missing_ok=True)
        first = measure("kabar", large_env, [str(library)])["startup"]
        show(
            f"kabar, {args.n:,}, no reader state",
            f"{first * 1000:7.0f} ms   ratio {first / bare:4.2f} (first start after `kabar index`)",
        )
        large, large_rss = median_of("kabar", large_env, args.runs, [str(library)])
        show(
            f"kabar, {args.n:,} indexed, returning",
            f"{large * 1000:7.0f} ms   ratio {large / bare:4.2f} (target <= 2.0)"
            f"   RSS {large_rss / 1024:6.1f} MiB ratio {large_rss / bare_rss:4.2f} (target < 2.5)",
        )
        base50, base95 = percentiles(measure("bare", env, latency=True)["latency"])
        p50, p95 = percentiles(measure("kabar", large_env, [str(library)], latency=True)["latency"])
        show(
            f"bare app, replace its word x{LATENCY_PRESSES}",
            f"p50 {base50:5.1f} ms   p95 {base95:5.1f} ms (baseline)",
        )
        show(
            f"next article (n) x{LATENCY_PRESSES}",
            f"p50 {p50:5.1f} ms   p95 {p95:5.1f} ms (target p95 < 50)   p95 ratio {p95 / base95:4.1f}",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
