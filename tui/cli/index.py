"""`kabar index`: placeholder until its issue lands."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("index", help="(not yet built)")


def run(args: argparse.Namespace) -> int:
    print("kabar index: not yet built")
    return 2
