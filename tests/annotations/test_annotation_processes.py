"""Real processes: a writer killed with SIGKILL mid-save, and two writers on one article at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from annotation_samples import BODY, make_article

from tui.annotations.files import parse_annotation_file
from tui.annotations.store import AnnotationStore

WRITER = Path(__file__).with_name("writer_process.py")
REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _writer(
    root: Path, user: str, body_file: Path, count: int, go: Path | None = None
) -> subprocess.Popen[str]:
    args = [sys.executable, str(WRITER), str(root), user, str(body_file), str(count)]
    if go is not None:
        args.append(str(go))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _stored_ids(root: Path, user: str, body_file: Path) -> set[str]:
    article = make_article(body_file.read_text(encoding="utf-8"), file=str(body_file))
    path = AnnotationStore(root=root, user=user).path_for(article)
    parsed = parse_annotation_file(path.read_bytes())  # raises if the file does not parse
    return {a.id for a in parsed.annotations}


def test_every_save_that_returned_survives_kill_9_of_the_writer(tmp_path: Path) -> None:
    body_file = tmp_path / "article.txt"
    body_file.write_text(BODY, encoding="utf-8")
    root = tmp_path / "annotations"
    reported: set[str] = set()
    for round_number in range(4):
        writer = _writer(root, "tester", body_file, count=10_000)
        assert writer.stdout is not None
        # Let it save a different number of notes each round, then kill it mid-write.
        wanted = 3 + 4 * round_number
        for line in writer.stdout:
            reported.add(line.split()[1])
            wanted -= 1
            if wanted == 0:
                break
        time.sleep(0.002 * round_number)
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        reported.update(line.split()[1] for line in rest.splitlines() if line.startswith("saved "))
        assert writer.returncode == -signal.SIGKILL
        assert reported <= _stored_ids(root, "tester", body_file)
    for path in (root / "tester").iterdir():
        if path.suffix == ".yaml":
            parse_annotation_file(path.read_bytes())
    # The next save clears any temp file a killed writer left behind.
    article = make_article(body_file.read_text(encoding="utf-8"), file=str(body_file))
    AnnotationStore(root=root, user="tester").add(article, 0, 5)
    assert not list((root / "tester").glob("*.tmp"))


def test_two_processes_writing_one_article_keep_both_sets_of_notes(tmp_path: Path) -> None:
    body_file = tmp_path / "article.txt"
    body_file.write_text(BODY, encoding="utf-8")
    root = tmp_path / "annotations"
    go = tmp_path / "go"
    writers = [_writer(root, "tester", body_file, 25, go) for _ in range(2)]
    time.sleep(0.3)  # both started and waiting
    go.touch()
    outputs = [w.communicate(timeout=60) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outputs]
    saved = {line.split()[1] for out, _ in outputs for line in out.splitlines()}
    assert len(saved) == 50
    assert _stored_ids(root, "tester", body_file) == saved
