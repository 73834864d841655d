"""A separate process that saves notes in a loop: used to test crashes and concurrent writers.

Usage: python writer_process.py ROOT USER BODY_FILE COUNT [GO_FILE]
Prints `saved <id>` after each save has returned (so is durable), flushed at once.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tui.annotations.store import AnnotationStore
from tui.library.article import Article, content_fingerprint


def main() -> None:
    root, user, body_file, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    go_file = Path(sys.argv[5]) if len(sys.argv) > 5 else None
    body = body_file.read_text(encoding="utf-8")
    fingerprint = content_fingerprint(body)
    article = Article(
        id=fingerprint, file=str(body_file), story=1, body=body, paragraphs=((0, len(body)),),
        fingerprint=fingerprint,
    )  # fmt: skip
    store = AnnotationStore(root=root, user=user)
    while go_file is not None and not go_file.exists():
        time.sleep(0.001)
    for i in range(count):
        start = (i * 7) % (len(body) - 10)
        annotation = store.add(article, start, start + 10, note=f"{user} note {i}\nsecond line")
        print(f"saved {annotation.id}", flush=True)


if __name__ == "__main__":
    main()
