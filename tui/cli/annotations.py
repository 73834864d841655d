"""`kabar annotations`: placeholder until its issue lands."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("annotations", help="(not yet built)")


def run(args: argparse.Namespace) -> int:
    print("kabar annotations: not yet built")
    return 2
