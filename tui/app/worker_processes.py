"""Let the index start worker processes while the reader runs.

Textual replaces `sys.stderr` with an object whose `fileno()` is -1. When the index reads a big new
library it starts a process pool, and multiprocessing's resource tracker (started on first use)
hands `sys.stderr.fileno()` to its child: with -1 the start fails with "bad value(s) in
fds_to_keep" and the library is never indexed. Starting the tracker ourselves, with stderr pointed
at the null device for that moment, avoids it; the tracker's own warnings then cannot be painted
over the screen either.
"""

from __future__ import annotations

import contextlib
import os
import sys


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr (a no-op once it runs).

    Never raises: if the tracker cannot start, the index falls back to reading in-process.
    """
    if sys.platform == "win32":
        return  # no resource tracker there
    with contextlib.suppress(Exception):
        from multiprocessing import resource_tracker

        with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
            resource_tracker.ensure_running()
