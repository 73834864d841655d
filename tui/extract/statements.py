"""Reported (indirect) speech: who said what outside quote marks.

Indonesian news reports most of what people say without quote marks:
  - a finite speech verb after its speaker: `Wahyu menegaskan bahwa pelatihan ini ...`,
    `Ia berharap ASN mampu ...` (a pronoun: the person the text is about);
  - an opener: `Menurut Zudan, pertemuan langsung ...`;
  - an attribution after the clause: `Proyek itu selesai tahun depan, kata Wahyu.`
A statement is the clause that was said, up to the end of its sentence, with its speaker (always a
PERSON the article names) and the cue word. A speech verb that opens a direct quote
(`Wahyu mengatakan, "..."`) is the quote's, not a statement; nothing inside a quote counts.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter, methodcaller

from tui.extract.model import PERSON, Entity, Quote, Statement
from tui.extract.quote_marks import QUOTE_FAMILY
from tui.extract.quotes import TopicFinder
from tui.extract.speech import attribution_words, speech_lexicon

_WORDS = attribution_words()
_MIN_WORDS = 4
_MAX_CHARS = 600
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A clause ends at a full stop, question or exclamation mark followed by space, or a line break.
_CLAUSE_END = re.compile(r"[.!?](?=\s|$)|\n")


@dataclass(frozen=True, slots=True)
class _People:
    """Mentions of people outside quotes, in text order."""

    starts: list[int]
    ends: list[int]
    who: list[Entity]

    def _ending(self, pos: int) -> int | None:
        i = bisect.bisect_left(self.ends, pos)
        return i if i < len(self.ends) and self.ends[i] == pos else None

    def ending_at(self, pos: int) -> Entity | None:
        """The person whose mention ends exactly at `pos`."""
        i = self._ending(pos)
        return None if i is None else self.who[i]

    def apposition_ending_at(self, body: str, pos: int) -> Entity | None:
        """The person named between commas (`, Name,`) whose mention ends at `pos`."""
        i = self._ending(pos)
        if i is None:
            return None
        before = body[max(0, self.starts[i] - 120) : self.starts[i]].rstrip(" ")
        lead = before.rsplit(",", 1)[-1] if "," in before else None
        # `, Name,` or `, Kepala BKN Name,`: a comma opens the apposition, its words capitalised
        if lead is None or "\n" in lead or any(w[:1].islower() for w in lead.split()):
            return None
        return self.who[i]

    def starting_at(self, pos: int) -> tuple[Entity, int] | None:
        i = bisect.bisect_left(self.starts, pos)
        return (self.who[i], self.ends[i]) if i < len(self.starts) and self.starts[i] == pos else None


@lru_cache(maxsize=1)
def _speech_verb_patterns() -> tuple[re.Pattern[str], ...]:
    """The finite speech verbs (`mengatakan`, `berharap`) as whole words: one pattern per opening
    (`me`, `be`), each its literal opening and then the rest of its verbs as a trie of letters.
    The engine jumps between occurrences of the literal, then walks each word once, letter by
    letter, instead of trying every verb in turn; `(?<!\\w..)` asks that the opening starts a word."""
    by_opening: dict[str, set[str]] = {}
    for verb in speech_lexicon().affixed:
        by_opening.setdefault(verb[:2], set()).add(verb[2:])
    return tuple(
        re.compile(f"{re.escape(opening)}(?<!\\w{re.escape(opening)}){_trie(rests)}\\b")
        for opening, rests in sorted(by_opening.items())
    )


def _trie(words: set[str]) -> str:
    """A regex matching exactly `words`, built as a trie (no repetition, so linear to match)."""
    if words == {""}:
        return ""
    by_first: dict[str, set[str]] = {}
    optional = "" in words
    for w in words:
        if w:
            by_first.setdefault(w[0], set()).add(w[1:])
    alternatives = [re.escape(c) + _trie(rest) for c, rest in sorted(by_first.items())]
    if len(alternatives) == 1 and not optional:
        return alternatives[0]
    group = "(?:" + "|".join(alternatives) + ")"
    return group + "?" if optional else group


def _speech_verbs(body: str) -> list[re.Match[str]]:
    patterns = _speech_verb_patterns()
    if len(patterns) == 1:
        found: Iterable[re.Match[str]] = patterns[0].finditer(body)
    else:  # each match is a whole word, so the patterns' matches never overlap
        found = sorted((m for p in patterns for m in p.finditer(body)), key=_MATCH_START)
    # `me-ngatakan` split by a hyphen is not the verb
    return [m for m in found if body[m.start() - 1 : m.start()] != "-" and body[m.end() : m.end() + 1] != "-"]


@lru_cache(maxsize=1)
def _post_cue_pattern() -> re.Pattern[str]:
    """`, kata ` / `, ujar `: a root speech verb after a comma, its speaker after it."""
    roots = sorted(speech_lexicon().roots, key=len, reverse=True)
    return re.compile(r",\s+(" + "|".join(map(re.escape, roots)) + r")\s+")


# Found by its literal tail (a fast scan), the capital or small `m` checked after.
_OPENER = re.compile(r"enurut\s+")


def find_statements(body: str, people: Sequence[Entity], quotes: Sequence[Quote]) -> list[Statement]:
    """Reported speech in `body`, in text order; `people` are the article's PERSON entities and
    `quotes` its direct quotes (their spans and speakers). Never raises on any string."""
    quoted = _quoted_spans(body, quotes)
    index = _index_people(people, quoted)
    if not index.starts:
        return []
    found: list[Statement] = []
    found.extend(_after_subject(body, index, quoted, _LazyTopics(body, people, quotes)))
    found.extend(_after_opener(body, index, quoted))
    found.extend(_before_cue(body, index, quoted))
    found.sort(key=lambda s: (s.start, s.end))
    return _without_overlaps(found)


class _LazyTopics:
    """The TopicFinder of a body, built on the first pronoun subject: most verbs follow a name,
    and building it (paragraphs, a second index of the people) is not free."""

    def __init__(self, body: str, people: Sequence[Entity], quotes: Sequence[Quote]) -> None:
        self._args = (body, people, quotes)
        self._finder: TopicFinder | None = None

    def person_at(self, at: int) -> Entity | None:
        if self._finder is None:
            self._finder = TopicFinder(*self._args)
        return self._finder.person_at(at)


def _quoted_spans(body: str, quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """Each quote's span with its marks (one character either side where they are marks)."""
    spans = []
    for q in quotes:
        start = q.start - 1 if q.start > 0 and body[q.start - 1] in QUOTE_FAMILY else q.start
        end = q.end + 1 if q.end < len(body) and body[q.end] in QUOTE_FAMILY else q.end
        spans.append((start, end))
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _overlaps_quote(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (end, 0))
    return any(s < end and start < e for s, e in spans[max(0, i - 2) : i + 1])


def _index_people(people: Sequence[Entity], quoted: list[tuple[int, int]]) -> _People:
    rows = []
    for person in people:
        if person.type != PERSON:
            continue
        if quoted:
            rows.extend((m.start, m.end, person) for m in person.mentions if not _inside(quoted, m.start))
        else:
            rows.extend((m.start, m.end, person) for m in person.mentions)
    rows.sort()
    return _People(list(map(_FIRST, rows)), list(map(_SECOND, rows)), list(map(_THIRD, rows)))


_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
_MATCH_START = methodcaller("start")


def _after_subject(
    body: str, index: _People, quoted: list[tuple[int, int]], topics: _LazyTopics
) -> list[Statement]:
    out = []
    for m in _speech_verbs(body):
        if _inside(quoted, m.start()):
            continue
        speaker = _subject_before(body, m.start(), index, topics)
        if speaker is None:
            continue
        clause = _clause_after(body, m.end(), quoted)
        if clause is not None:
            out.append(_statement(body, clause, speaker, m.start(), m.end()))
    return out


def _subject_before(body: str, verb_start: int, index: _People, topics: _LazyTopics) -> Entity | None:
    """The person who is the verb's subject: named right before it (fillers allowed), or a
    subject pronoun standing for the person the text is about. The words allowed between them
    are the quote attributions' (`," Wahyu pun menambahkan`), and so are the pronouns, less
    the plural ones (`mereka`: no one person)."""
    fillers = _WORDS.adverbs
    pronouns = _one_person_pronouns()
    pos = verb_start
    for _ in range(3):
        before = body[max(0, pos - 40) : pos]
        stripped = before.rstrip()
        if not stripped or "\n" in before[len(stripped) :]:
            return None
        at = pos - (len(before) - len(stripped))
        person = index.ending_at(at)
        if person is None and stripped.endswith(","):
            # `Kepala BKN Zudan Arif Fakrulloh, menyampaikan bahwa ...`: an apposition closed
            # by a comma (`, Name,`); `dengan Kovacic, memastikan` is no apposition.
            person = index.apposition_ending_at(body, at - 1)
        if person is not None:
            return person
        word = _last_word(stripped)
        if word is None:
            return None
        folded = word.casefold()
        if folded in pronouns:
            return topics.person_at(at - len(word))
        if folded not in fillers:
            return None
        pos = at - len(word)
    return None


@lru_cache(maxsize=1)
def _one_person_pronouns() -> frozenset[str]:
    return speech_lexicon().pronouns - _WORDS.group_pronouns


def _last_word(text: str) -> str | None:
    k = len(text)
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "-'’,"):
        k -= 1
    word = text[k:].rstrip(",")
    return word or None


def _clause_after(body: str, pos: int, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The clause after a speech verb (after `bahwa`, a comma or a colon), to the end of its
    sentence; None when a direct quote follows or the clause is too short to be a statement."""
    k = pos
    while k < len(body) and body[k] in " ,:":
        k += 1
    k = _past_addressee(body, k)
    if body.startswith("bahwa", k) and not body[k + 5 : k + 6].isalnum():
        k += 5
        while k < len(body) and body[k] in " ,":
            k += 1
    if k >= len(body) or body[k] in QUOTE_FAMILY or _inside(quoted, k):
        return None
    return _clause_from(body, k, quoted)


# `mengatakan kepada wartawan, ...`, `menjelaskan kepada Antara bahwa ...`: who was told.
_ADDRESSEE = re.compile(r"(?:kepada|pada|di hadapan|di depan)\s[^,.;:\n“”\"]{1,60}?(?:,\s*|\s(?=bahwa\b))")


def _past_addressee(body: str, k: int) -> int:
    """Where the clause starts once the person or outlet spoken to is skipped."""
    m = _ADDRESSEE.match(body, k)
    return m.end() if m else k


def _clause_from(body: str, start: int, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    end_match = _CLAUSE_END.search(body, start, min(len(body), start + _MAX_CHARS))
    if end_match is None:
        return None
    end = end_match.start()
    if _overlaps_quote(quoted, start, end):
        return None  # a clause that runs into a direct quote is the quote's introduction
    if len(_WORD.findall(body, start, end)) < _MIN_WORDS:
        return None
    return start, end


def _after_opener(body: str, index: _People, quoted: list[tuple[int, int]]) -> list[Statement]:
    """`Menurut Zudan, pertemuan langsung ... .`"""
    out = []
    for m in _OPENER.finditer(body):
        cue_start = m.start() - 1
        if cue_start < 0 or body[cue_start] not in "Mm" or body[cue_start - 1 : cue_start].isalnum():
            continue
        if _inside(quoted, cue_start):
            continue
        hit = index.starting_at(m.end())
        if hit is None:
            continue
        speaker, name_end = hit
        comma = body.find(",", name_end, name_end + 80)
        if comma < 0 or "\n" in body[name_end:comma]:
            continue
        k = comma + 1
        while k < len(body) and body[k] == " ":
            k += 1
        if k >= len(body) or body[k] in QUOTE_FAMILY:
            continue
        clause = _clause_from(body, k, quoted)
        if clause is None:
            continue
        if body[max(0, cue_start - 3) : cue_start].rstrip().endswith(","):
            # `Pengakuan itu, menurut Luhut, menunjukkan ...`: what was said is the whole sentence.
            start = _sentence_start(body, cue_start)
            while start < cue_start and body[start].isspace():
                start += 1
            if _overlaps_quote(quoted, start, cue_start):
                continue
            clause = (start, clause[1])
        out.append(_statement(body, clause, speaker, cue_start, m.start() + len("enurut")))
    return out


def _before_cue(body: str, index: _People, quoted: list[tuple[int, int]]) -> list[Statement]:
    """`Proyek itu selesai tahun depan, kata Wahyu.`: the sentence before `, kata <person>`."""
    out = []
    for m in _post_cue_pattern().finditer(body):
        comma = m.start()
        if _inside(quoted, comma) or (comma > 0 and body[comma - 1] in QUOTE_FAMILY):
            continue
        hit = index.starting_at(m.end())
        if hit is None:
            continue
        speaker = hit[0]
        start = _sentence_start(body, comma)
        while start < comma and body[start] in " \t":
            start += 1
        if start >= comma or body[start] in QUOTE_FAMILY or _overlaps_quote(quoted, start, comma):
            continue
        if len(_WORD.findall(body, start, comma)) < _MIN_WORDS or comma - start > _MAX_CHARS:
            continue
        cue_start = m.start(1)
        out.append(_statement(body, (start, comma), speaker, cue_start, m.end(1)))
    return out


def _sentence_start(body: str, pos: int) -> int:
    lo = max(0, pos - _MAX_CHARS)
    best = lo
    for m in _CLAUSE_END.finditer(body, lo, pos):
        best = m.end()
    return best


def _statement(
    body: str, clause: tuple[int, int], speaker: Entity, cue_start: int, cue_end: int
) -> Statement:
    start, end = clause
    while end > start and body[end - 1] in " ,;":
        end -= 1
    return Statement(
        text=body[start:end],
        start=start,
        end=end,
        speaker=speaker.name,
        speaker_id=speaker.id,
        cue=body[cue_start:cue_end],
        cue_start=cue_start,
        cue_end=cue_end,
    )


def _without_overlaps(found: list[Statement]) -> list[Statement]:
    """One statement per stretch of text: the first found of any overlapping ones."""
    out: list[Statement] = []
    for s in found:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out
