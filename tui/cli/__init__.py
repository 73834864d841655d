"""The `kabar` command line: argument parsing that calls into the core; no logic of its own.

`kabar [PATH...]` opens the reader; `kabar COMMAND ...` runs one of the commands below.
Each command lives in its own module with `register(subparsers)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from tui import __version__

# command name -> module under tui.cli that implements it
COMMANDS = {
    "extract": "tui.cli.extract",
    "index": "tui.cli.index",
    "search": "tui.cli.search",
    "annotations": "tui.cli.annotations",
    "stories": "tui.cli.stories",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kabar",
        description="A terminal reader for news articles. With no command, opens the reader "
        "on PATH... (files and folders; the bundled sample articles when none is given).",
        epilog="Commands: " + ", ".join(COMMANDS) + ". Run `kabar COMMAND --help` for each.",
    )
    parser.add_argument("--version", action="version", version=f"kabar {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        importlib.import_module(module).register(sub)
    return parser


def build_open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kabar",
        description="Open the reader on PATH... (files and folders, recursively); with no PATH, "
        "the bundled sample articles. Commands: " + ", ".join(COMMANDS) + ".",
    )
    parser.add_argument("--version", action="version", version=f"kabar {__version__}")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument("--user", help="annotator name (default: KABAR_USER or the login name)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    if first in COMMANDS or (argv and argv[0] in ("-h", "--help")):
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return 0
        return int(importlib.import_module(COMMANDS[args.command]).run(args) or 0)
    args = build_open_parser().parse_args(argv)
    from tui.cli.open import run  # imports Textual only when the reader is opened

    return int(run(args) or 0)
