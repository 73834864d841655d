"""A library of real news articles for benchmarks, built at run time from IndoSum.

IndoSum (/work/shared/data/indosum, or the folder in KABAR_INDOSUM; CC BY-SA 4.0) holds about 2,100
distinct tokenised Indonesian news articles. They are never copied into the repository: each benchmark
writes them as scraped-looking `.txt` files into a temporary folder.

Each file is laid out the way the parser meets real pages:
    headline (made from the article URL's slug: IndoSum has no title field, and the slug is the
    outlet's own headline in lower case)
    a date line ("Selasa, 28 Maret 2017 11:15 WIB", from the Unix time in the IndoSum id)
    the paragraphs, one a line (detokenised: punctuation re-attached, quotes paired)
When more files are asked for than IndoSum holds, articles repeat; each repeat gets a closing sentence
naming its copy number, so every file has its own bytes (and its own article id).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.library.dates_written import long_date

INDOSUM = Path(os.environ.get("KABAR_INDOSUM", "/work/shared/data/indosum"))
FILES_PER_FOLDER = 500

_NO_SPACE_BEFORE = frozenset(",.;:!?%)]}”’") | {"'s", "’s", "..."}
_NO_SPACE_AFTER = frozenset("([{“‘$")
_LOWER_IN_HEADLINES = frozenset(
    "di ke dan dari yang untuk dengan pada ini itu atau oleh dalam the of and".split()
)
_WIB = timedelta(hours=7)


def detokenise(tokens: list[str]) -> str:
    """Readable text from IndoSum tokens: punctuation re-attached, straight double quotes paired."""
    out: list[str] = []
    quote_open = False
    glue_next = True
    for raw in tokens:
        token = " ".join(raw.split())  # tokens may hold NBSP or line breaks
        if not token:
            continue
        if token == '"':
            if quote_open:
                out.append('"')
                glue_next = False
            else:
                out.append('"' if glue_next else ' "')
                glue_next = True
            quote_open = not quote_open
            continue
        if token == "/" and out and out[-1][-1:].isdigit():  # "27 / 3" → "27/3"
            out.append(token)
            glue_next = True
            continue
        if not glue_next and token not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(token)
        glue_next = token in _NO_SPACE_AFTER
    return "".join(out).strip()


def headline_from_url(url: str) -> str:
    """'.../ketua-mpr-mustahil-bersaing-bebas' → 'Ketua Mpr Mustahil Bersaing Bebas'."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    segments = [s for s in path.rstrip("/").split("/") if re.search(r"[a-z]{3}", s)]
    slug = segments[-1] if segments else ""
    slug = re.sub(r"\.(?:html?|php)$", "", slug)
    words = [w for w in re.split(r"[-_.]+", slug) if w and not w.isdigit()]
    if len(words) < 3:
        return ""  # no readable slug (some outlets use random ids): the file starts with the body
    titled = [w if (w in _LOWER_IN_HEADLINES and i) else w.capitalize() for i, w in enumerate(words)]
    return " ".join(titled)


def date_line(indosum_id: str) -> str | None:
    """The publication time in the IndoSum id (Unix seconds), written as an Indonesian page does."""
    stamp = indosum_id.split("-", 1)[0]
    if not stamp.isdigit():
        return None
    when = datetime.fromtimestamp(int(stamp), tz=UTC) + _WIB
    return f"{long_date(when.date())} {when:%H:%M} WIB"


def indosum_texts(folder: Path = INDOSUM) -> Iterator[tuple[str, str]]:
    """(slug, file text) for every distinct IndoSum article in `folder`, in file order."""
    seen: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["id"] in seen:
                    continue
                seen.add(record["id"])
                # Quotes run across sentences: detokenise each paragraph's tokens as one sequence.
                paragraphs = [
                    detokenise([token for sentence in paragraph for token in sentence])
                    for paragraph in record["paragraphs"]
                ]
                headline = headline_from_url(record.get("source_url") or record["id"])
                lines = [headline, date_line(record["id"]), *paragraphs]
                slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")[:60] or "artikel"
                yield slug, "\n".join(x for x in lines if x) + "\n"


def build_indosum_library(dest: Path, n: int, folder: Path = INDOSUM) -> list[Path]:
    """Write `n` article files under `dest` (sub-folders of 500) and return their paths in order.

    Raises FileNotFoundError when `folder` holds no IndoSum files.
    """
    source = list(indosum_texts(folder))
    if not source:
        raise FileNotFoundError(f"no IndoSum .jsonl files in {folder}")
    files: list[Path] = []
    for number in range(n):
        slug, text = source[number % len(source)]
        copy = number // len(source)
        if copy:
            text += f"Artikel ini dimuat ulang untuk ke-{copy + 1} kalinya (nomor {number}).\n"
        path = Path(dest) / f"part{number // FILES_PER_FOLDER:03d}" / f"{number:05d}-{slug}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files
