"""`kabar [PATH...]`: open the reader."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from tui.app.app import KabarApp

    KabarApp(paths=args.paths, user=args.user).run()
    return 0
