"""`kabar [PATH...]` opens the reader only on a terminal."""

from __future__ import annotations

import io
import subprocess
import sys

from tui.cli import main


def test_the_reader_without_a_terminal_says_so_and_stops(capsys) -> None:
    # pytest captures standard output, so it is not a terminal here: exactly the case checked
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "the reader needs a terminal" in err
    assert "kabar extract" in err


def test_a_closed_stream_counts_as_no_terminal() -> None:
    from tui.cli.open import _is_terminal

    closed = io.StringIO()
    closed.close()
    assert _is_terminal(closed) is False
    assert _is_terminal(io.StringIO()) is False


def test_kabar_with_its_output_redirected_exits_at_once_instead_of_spinning(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={"KABAR_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
