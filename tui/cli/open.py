"""`kabar [PATH...]`: open the reader."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

NO_TERMINAL = (
    "kabar: the reader needs a terminal (standard input and output are not one here).\n"
    "For scripts use the commands: kabar extract, kabar search, kabar annotations, kabar stories."
)


def run(args: argparse.Namespace) -> int:
    # Without a terminal Textual's input thread reads end-of-file forever and spins a core, with
    # nothing on screen: say so and stop instead (`kabar > log`, cron, a pipe).
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        print(NO_TERMINAL, file=sys.stderr)
        return 2
    from tui.app.app import KabarApp

    KabarApp(paths=args.paths, user=args.user).run()
    return 0


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed or detached
        return False
