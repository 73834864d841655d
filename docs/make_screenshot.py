"""Make docs/screenshot.svg (the README's picture): the reader at 160x48 on the bundled articles.

    python docs/make_screenshot.py [--out docs/screenshot.svg]

Deterministic: a fresh temp folder for the index, state, notes and config (no user's state or
keymap leaks in), the bundled corpus, the default theme, a fixed size, and the same keys pressed
each time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (160, 48)
WAIT_STEPS = 600  # x 0.05 s: a first sync parses and extracts the bundled articles


def _isolate(home: Path) -> None:
    for name in ("DATA", "CACHE", "STATE", "CONFIG"):
        os.environ[f"KABAR_{name}_DIR"] = str(home / name.lower())
    os.environ["KABAR_USER"] = "kabar"


async def _shoot(out: Path) -> None:
    sys.path.insert(0, str(REPO))
    from tui.app.app import KabarApp
    from tui.app.screens.reader import ReaderScreen

    app = KabarApp()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(WAIT_STEPS):
            await pilot.pause(0.05)
            screen = app.screen
            if (
                isinstance(screen, ReaderScreen)
                and screen.current is not None
                and not app.workers._workers
                and not screen.panel.fill_pending
            ):
                break
        else:
            raise SystemExit("the reader did not show an article in time")
        # the second outlet's article (the first has no headline), a quote under the cursor,
        # and its speaker's mentions highlighted
        await pilot.press("right_square_bracket")
        await pilot.pause(0.3)
        await pilot.press("full_stop", "e")
        await pilot.pause(0.3)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.svg")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kabar-screenshot-") as home:
        _isolate(Path(home))
        asyncio.run(_shoot(args.out.resolve()))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
