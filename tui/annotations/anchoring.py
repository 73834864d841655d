"""Finding an annotation again in the current article text, the way Hypothesis does.

1. Position check: the stored offsets still hold the stored quote → `exact`.
2. Exact search: the quote occurs elsewhere → the occurrence whose context (prefix/suffix) fits
   best, then the one nearest the old position → `moved`.
3. Fuzzy search: an approximate match of the quote (up to a quarter of its characters edited),
   looked for only in windows that some evidence points at (pieces of the quote, its prefix
   or suffix found verbatim, the old position), so it stays fast on very long articles →
   `fuzzy`.
4. Nothing close enough → `orphan`. Orphans are reported, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from tui.annotations.frozen import new_instance, slot_setters
from tui.annotations.model import Annotation, Target

# A fuzzy match may differ from the stored quote in at most this share of its characters.
MAX_ERROR_RATE = 0.25
# Quotes shorter than this must match exactly: a 3-letter fuzzy match is mostly chance.
MIN_FUZZY_CHARS = 8
# Pieces of the quote used to locate candidate windows, and how many hits of each to use.
MAX_PIECES = 16
MIN_PIECE_CHARS = 4
MAX_HITS_PER_PROBE = 200
# Windows the approximate matcher examines, best-supported first.
MAX_WINDOWS = 12
# Characters of prefix/suffix used to locate a passage by its context.
CONTEXT_PROBE_CHARS = 16


class AnchorStatus(StrEnum):
    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    ORPHAN = "orphan"


@dataclass(frozen=True, slots=True)
class Anchored:
    """Where an annotation sits in the current body; start/end are None for an orphan.

    `errors` counts the character edits between the stored quote and body[start:end].
    """

    status: AnchorStatus
    start: int | None = None
    end: int | None = None
    errors: int = 0

    @property
    def found(self) -> bool:
        return self.status is not AnchorStatus.ORPHAN


ORPHAN = Anchored(AnchorStatus.ORPHAN)
_SET_STATUS, _SET_START, _SET_END, _SET_ERRORS = slot_setters(Anchored, ("status", "start", "end", "errors"))


def _placed(status: AnchorStatus, start: int, end: int) -> Anchored:
    """Anchored(status, start, end), built without the frozen __init__: a library load makes
    one per note (see tui.annotations.frozen)."""
    placed = new_instance(Anchored)
    _SET_STATUS(placed, status)
    _SET_START(placed, start)
    _SET_END(placed, end)
    _SET_ERRORS(placed, 0)
    return placed


def anchor(annotation: Annotation | Target, body: str) -> Anchored:
    """Place `annotation` (or a bare target) in `body`. Never raises."""
    target = annotation.target if isinstance(annotation, Annotation) else annotation
    exact = target.quote.exact
    start, end = target.position.start, target.position.end
    if not exact:
        return ORPHAN
    if end - start == len(exact) and body.startswith(exact, start):
        return _placed(AnchorStatus.EXACT, start, end)
    found = _exact_search(target, body)
    if found is not None:
        return _placed(AnchorStatus.MOVED, found, found + len(exact))
    return _fuzzy_search(target, body)


def _occurrences(needle: str, body: str, limit: int) -> Iterator[int]:
    at = body.find(needle)
    count = 0
    while at >= 0 and count < limit:
        yield at
        count += 1
        at = body.find(needle, at + 1)


def _context_score(target: Target, body: str, start: int, end: int) -> int:
    """How many characters of the stored prefix and suffix agree with the body around start..end."""
    prefix, suffix = target.quote.prefix, target.quote.suffix
    before, after = body[max(0, start - len(prefix)) : start], body[end : end + len(suffix)]
    # Whole contexts that still fit are the common case: one comparison instead of a loop.
    score = len(prefix) if before == prefix else _common_length(reversed(prefix), reversed(before))
    return score + (len(suffix) if after == suffix else _common_length(suffix, after))


def _common_length(a: Iterable[str], b: Iterable[str]) -> int:
    """How many characters `a` and `b` have in common from their starts."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _exact_search(target: Target, body: str) -> int | None:
    exact, old = target.quote.exact, target.position.start
    first = body.find(exact)
    if first < 0 or body.find(exact, first + 1) < 0:
        return None if first < 0 else first  # the common case: nothing to choose between
    hits = list(_occurrences(exact, body, limit=10_000))
    return max(hits, key=lambda at: (_context_score(target, body, at, at + len(exact)), -abs(at - old)))


def _candidate_starts(target: Target, body: str, max_errors: int) -> list[tuple[int, int]]:
    """Likely start positions of the quote as (votes, start): each piece of the quote, the
    prefix tail and the suffix head found verbatim vote for where the quote would start."""
    exact, prefix, suffix = target.quote.exact, target.quote.prefix, target.quote.suffix
    m = len(exact)
    votes: dict[int, int] = {}

    def vote(start: int, weight: int = 1) -> None:
        # Bucket nearby starts together: insertions and deletions shift them a little.
        bucket = start // max(1, max_errors)
        votes[bucket] = votes.get(bucket, 0) + weight

    pieces = min(MAX_PIECES, max_errors + 1, max(1, m // MIN_PIECE_CHARS))
    size = m // pieces
    for i in range(pieces):
        offset = i * size
        piece = exact[offset : offset + size] if i < pieces - 1 else exact[offset:]
        for at in _occurrences(piece, body, MAX_HITS_PER_PROBE):
            vote(at - offset)
    if len(prefix) >= CONTEXT_PROBE_CHARS:
        for at in _occurrences(prefix[-CONTEXT_PROBE_CHARS:], body, MAX_HITS_PER_PROBE):
            vote(at + CONTEXT_PROBE_CHARS, 2)
    if len(suffix) >= CONTEXT_PROBE_CHARS:
        for at in _occurrences(suffix[:CONTEXT_PROBE_CHARS], body, MAX_HITS_PER_PROBE):
            vote(at - m, 2)
    if target.position.start < len(body):
        vote(target.position.start)
    step = max(1, max_errors)
    old = target.position.start
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], abs(kv[0] * step - old)))
    return [(count, bucket * step) for bucket, count in ranked[:MAX_WINDOWS]]


def _fuzzy_search(target: Target, body: str) -> Anchored:
    exact = target.quote.exact
    m = len(exact)
    if m < MIN_FUZZY_CHARS or not body:
        return ORPHAN
    max_errors = max(1, int(m * MAX_ERROR_RATE))
    best: tuple[int, int, int, int, int] | None = None  # errors, -context, distance, start, end
    for _, guess in _candidate_starts(target, body, max_errors):
        lo = max(0, guess - 2 * max_errors)
        hi = min(len(body), guess + m + 2 * max_errors)
        errors, end = _best_match_end(exact, body[lo:hi])
        if errors > max_errors:
            continue
        end += lo
        start = end - _best_match_length(exact, body[max(0, end - m - max_errors) : end])
        key = (errors, -_context_score(target, body, start, end), abs(start - target.position.start))
        if best is None or key < best[:3]:
            best = (*key, start, end)
    if best is None:
        return ORPHAN
    return Anchored(AnchorStatus.FUZZY, best[3], best[4], errors=best[0])


def _pattern_masks(pattern: str) -> dict[str, int]:
    masks: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    return masks


def _myers(pattern: str, text: str) -> Iterator[tuple[int, int]]:
    """(edit distance, end) for each end position in `text`: the fewest edits that turn
    `pattern` into some substring of `text` ending there (Myers' bit-parallel algorithm;
    Python integers hold patterns of any length)."""
    m = len(pattern)
    masks = _pattern_masks(pattern)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for j, ch in enumerate(text):
        eq = masks.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        yield score, j + 1


def _best_match_end(pattern: str, text: str) -> tuple[int, int]:
    """(fewest edits, end offset) of the best approximate occurrence of `pattern` in `text`."""
    best = (len(pattern) + 1, 0)
    for score, end in _myers(pattern, text):
        if score < best[0]:
            best = (score, end)
    return best


def _best_match_length(pattern: str, text_ending_at_match: str) -> int:
    """Length of the best match of `pattern` that ends where `text_ending_at_match` ends."""
    errors, length = _best_match_end(pattern[::-1], text_ending_at_match[::-1])
    return max(1, length)


_DOUBLE_QUOTES = '"“”„‟″«»'
_SINGLE_QUOTES = "'‘’‚‛`"
MAX_FIND_CHARS = 20_000


def _token_pattern(token: str) -> str:
    out = []
    for ch in token:
        if ch in _DOUBLE_QUOTES:
            out.append(f"[{re.escape(_DOUBLE_QUOTES)}]")
        elif ch in _SINGLE_QUOTES:
            out.append(f"[{re.escape(_SINGLE_QUOTES)}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def find_text(body: str, text: str) -> list[tuple[int, int]]:
    """Every place `text` (as a user typed it) occurs in `body`, in text order, as (start, end).

    Exact occurrences if there are any; otherwise white space may differ (a line break for a
    space), straight and curly quote marks match each other, and then case may differ too.
    """
    if not text.strip() or len(text) > MAX_FIND_CHARS:
        return []
    spans = [(at, at + len(text)) for at in _occurrences(text, body, limit=10_000)]
    if spans:
        return spans
    pattern = r"\s+".join(_token_pattern(token) for token in text.split())
    for flags in (0, re.IGNORECASE):
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, body, flags)]
        if spans:
            return spans
    return []
