"""Direct quotes and their speakers.

Three steps, each linear in the body's length:
1. a scan over quote-mark positions pairs opening and closing marks paragraph by paragraph
   (`quote_marks.py`: quotes over several paragraphs, quotes cut off at a paragraph's end);
2. each quoted stretch gets its attribution from the few words after the closing mark
   (`," ujar Wahyu`, `," katanya`, `," Wahyu menambahkan`) or before the opening mark
   (`Menurut Wahyu, "`, `Ia menegaskan: "`); a quote split around its attribution
   (`"A," kata Wahyu, "B."`) becomes one quote with two parts; quoted phrases that are
   neither attributed nor shaped like speech (slogans, titles, scare quotes) are dropped;
3. speakers named in the cue are matched to the article's people; pronouns (`-nya`, `dia`,
   `ia`, `beliau`) and quotes without a cue go to the person the text is about just before
   the quote: the last sentence subject, else the last person named outside quotes.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from tui.extract.dates import is_day_name
from tui.extract.lexicon import load_lexicon
from tui.extract.model import Entity, Mention, Quote
from tui.extract.quote_marks import (
    QUOTE_FAMILY,
    Stretch,
    has_quote_marks,
    paragraph_spans,
    scan_quote_marks,
)
from tui.extract.speech import (
    AFFIXED,
    ENGLISH,
    NYA,
    PASSIVE,
    ROOT,
    SpeechLexicon,
    attribution_words,
    speech_lexicon,
)

_WORD = re.compile(r"\w+(?:[-'\u2019.]\w+)*")

# How far an attribution may sit from its quote, in characters: bounds keep the work per quote
# constant whatever the paragraph's length.
_POST_WINDOW = 160
_PRE_WINDOW = 240
_TOPIC_WINDOW = 3000
_SPLIT_GAP = 100
_MAX_DESCRIPTOR_WORDS = 3
_POST_TOKENS = 12  # enough for `kata Kepala Dinas Pendidikan Kota Malang Budi Santoso`

# Fewest words for a quote that has no attribution to count as speech rather than a
# slogan, title or scare quote; a quote with an attribution needs only one word.
_MIN_WORDS_UNATTRIBUTED = 4
_MIN_WORDS_EMBEDDED = 8
_SENTENCE_PUNCT = ".,!?\u2026;:"
_WORDS = attribution_words()


@dataclass(frozen=True, slots=True)
class _Cue:
    word: str
    start: int
    end: int
    # Where the speaker's name is written, if the cue names one; None means "resolve from context".
    name_span: tuple[int, int] | None = None
    after: bool = True  # the cue follows the quote (False: it opens it)
    known_only: bool = False  # the name counts only if it is a known person's mention
    anonymous: bool = False  # the cue says the speaker is someone unnamed
    # The clause before a finite verb opening the quote: the first known person in it is the
    # subject when the name span holds none.
    subject_span: tuple[int, int] | None = None


class _Token(NamedTuple):
    """A word of an attribution. A named tuple, not a dataclass: a dozen are made per quote mark,
    and a tuple is made at a fraction of the cost."""

    text: str
    start: int
    end: int


def find_quotes(body: str, people: Sequence[Entity]) -> list[Quote]:
    """Every direct quote in `body`, in text order, each with its speaker resolved against `people`
    (PERSON entities with mentions). Never raises; linear in len(body)."""
    if not body or not has_quote_marks(body):
        return []
    lexicon = speech_lexicon()
    paragraphs = paragraph_spans(body)
    stretches = scan_quote_marks(body, paragraphs)
    if not stretches:
        return []
    para_starts = [p[0] for p in paragraphs]
    candidates: list[tuple[Stretch, ...]] = []
    cues: list[_Cue | None] = []
    i = 0
    while i < len(stretches):
        group = [stretches[i]]
        cue = _post_cue(body, group[-1], paragraphs, para_starts, lexicon)
        # `"A," kata Wahyu, "B."`: the second piece continues the first.
        while (
            cue is not None and i + 1 < len(stretches) and _continues(body, group[-1], cue, stretches[i + 1])
        ):
            i += 1
            group.append(stretches[i])
        if cue is None:
            cue = _pre_cue(body, group[0], paragraphs, para_starts, lexicon)
        if cue is None:
            cue = _following_cue(body, group[-1], paragraphs, para_starts)
        if _is_speech(body, group, cue, paragraphs, para_starts):
            candidates.append(tuple(group))
            cues.append(cue)
        i += 1
    if not candidates:
        return []
    return _attribute(body, candidates, cues, people, paragraphs, para_starts, lexicon)


# --- step 2: attributions and the speech filter ------------------------------------------


_new_tuple = tuple.__new__


def _tokens(body: str, start: int, end: int, limit: int = 64) -> list[_Token]:
    # Built by C-level maps (about half the cost of a comprehension calling _Token per word).
    found = list(itertools.islice(_WORD.finditer(body, start, end), limit))
    texts, starts, ends = map(re.Match.group, found), map(re.Match.start, found), map(re.Match.end, found)
    return list(map(_new_tuple, itertools.repeat(_Token), zip(texts, starts, ends, strict=True)))


def _paragraph_of(pos: int, paragraphs: list[tuple[int, int]], para_starts: list[int]) -> tuple[int, int]:
    i = bisect.bisect_right(para_starts, pos) - 1
    return paragraphs[max(i, 0)]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _name_run(tokens: list[_Token], i: int, body: str) -> int:
    """Index past the run of capitalised words starting at tokens[i], joined by spaces only
    (or the dot of an abbreviation such as `Pj.`)."""
    j = i
    while j < len(tokens) and _capitalised(tokens[j].text):
        if j > i:
            gap = body[tokens[j - 1].end : tokens[j].start]
            if gap.strip(" .()") or len(gap) > 3:
                break
        j += 1
    return j


def _post_cue(
    body: str,
    stretch: Stretch,
    paragraphs: list[tuple[int, int]],
    para_starts: list[int],
    lexicon: SpeechLexicon,
) -> _Cue | None:
    """The attribution right after the closing mark: `," ujar Wahyu`, `," katanya`,
    `," Wahyu menambahkan`, `," kata Kepala BKN Zudan`, `," he said`."""
    if stretch.close_mark is None:
        return None
    _, pe = _paragraph_of(stretch.close_mark, paragraphs, para_starts)
    pos = stretch.close_mark + 1
    limit = min(pe, pos + _POST_WINDOW)
    lead = pos
    while lead < limit and (body[lead].isspace() or body[lead] in ",\u2014\u2013-"):
        lead += 1
    if lead - pos > 4:
        return None
    head = _WORD.match(body, lead, limit)
    if head is None:
        return None
    word = head.group()
    if not (
        _capitalised(word)
        or word.casefold() in _WORDS.fillers
        or lexicon.kind(word) is not None
        or lexicon.is_pronoun(word)
    ):
        return None  # `" yang ...`: a plain word after the mark opens no attribution
    tokens = _tokens(body, lead, limit, _POST_TOKENS)
    if tokens[0].text.casefold() in _WORDS.fillers and len(tokens) > 1:
        tokens = tokens[1:]  # `," demikian kata Wahyu`
    first = tokens[0]
    kind = lexicon.kind(first.text)
    if kind == NYA:
        return _Cue(first.text, first.start, first.end)
    if kind in (ROOT, ENGLISH) and len(tokens) > 1:
        nxt = tokens[1]
        if body[first.end : nxt.start].strip():
            return _Cue(first.text, first.start, first.end)
        if lexicon.is_pronoun(nxt.text):
            # `," kata mereka`: a group speaks, no one person
            return _Cue(first.text, first.start, first.end, anonymous=_is_group(nxt.text))
        if _capitalised(nxt.text):
            return _Cue(first.text, first.start, first.end, _name_span(body, tokens, 1))
        if nxt.text.casefold() in _WORDS.indefinite or _unnamed_source(tokens, 1):
            # `kata seorang polisi yang namanya tak mau disebut`, `kata sumber`: someone unnamed.
            return _Cue(first.text, first.start, first.end, anonymous=True)
        # `kata anggota tim Effendi Gazali`: a descriptor, then perhaps a name; only a person the
        # people list knows counts there (`ujar pelatih asal China ini` names no one).
        for j in range(2, min(len(tokens), 2 + _MAX_DESCRIPTOR_WORDS)):
            if body[tokens[j - 1].end : tokens[j].start].strip():
                break
            if _capitalised(tokens[j].text):
                return _Cue(first.text, first.start, first.end, _name_span(body, tokens, j), known_only=True)
        # `kata sang Wali Kota`, `said the minister`: a role, resolved from context.
        return _Cue(first.text, first.start, first.end)
    if kind in (ROOT, ENGLISH):
        return _Cue(first.text, first.start, first.end)
    if kind == PASSIVE and len(tokens) > 2:
        # `," ditegaskan Wahyu` / `," dikatakan oleh Wahyu`; without a name after it the
        # word is no attribution (`"Kota Sehat" diharapkan mampu ...`).
        k = 2 if tokens[1].text.casefold() in _WORDS.agent_markers else 1
        gap = body[first.end : tokens[k].start]
        if _capitalised(tokens[k].text) and all(c.isalpha() or c.isspace() for c in gap):
            return _Cue(first.text, first.start, first.end, _name_span(body, tokens, k))
        return None
    # `," Wahyu menambahkan.` / `," ia menegaskan.` / `," John Smith said.`
    if stretch.end <= stretch.start or body[stretch.end - 1] == ".":
        return None
    if lexicon.is_pronoun(first.text):
        j = 1
    elif _capitalised(first.text):
        j = _name_run(tokens, 0, body)
    else:
        return None
    while j < len(tokens) and tokens[j].text.casefold() in _WORDS.adverbs:
        j += 1
    if j < len(tokens) and lexicon.kind(tokens[j].text) in (AFFIXED, ENGLISH):
        verb = tokens[j]
        if body[tokens[j - 1].end : verb.start].strip(" ,"):
            return None
        if lexicon.is_pronoun(first.text):
            return _Cue(verb.text, verb.start, verb.end, anonymous=_is_group(first.text))
        return _Cue(verb.text, verb.start, verb.end, (first.start, tokens[j - 1].end))
    return None


def _is_group(pronoun: str) -> bool:
    return pronoun.casefold() in _WORDS.group_pronouns


# Words that point back at someone already named (`kata warga itu`, `ujar Deputi itu`).
_POINTERS = frozenset({"itu", "ini", "tersebut", "tadi"})


def _unnamed_source(tokens: list[_Token], i: int) -> bool:
    """`," kata sumber`, `," ujar warga`: an unnamed source, unless a pointer follows it."""
    if tokens[i].text.casefold() not in _WORDS.unnamed_sources:
        return False
    return not (i + 1 < len(tokens) and tokens[i + 1].text.casefold() in _POINTERS)


def _name_span(body: str, tokens: list[_Token], i: int) -> tuple[int, int]:
    """The name written from tokens[i]: a capitalised run, or after an apposition the second
    run (`ujar Wali Kota Malang, Wahyu Hidayat`); the people list decides which part is a name."""
    j = _name_run(tokens, i, body)
    # `Kasubdit Pembinaan dan Penegakan Hukum ... Budiyanto`: a title joined by `dan` goes on.
    while (
        j + 1 < len(tokens)
        and tokens[j].text == "dan"
        and _capitalised(tokens[j + 1].text)
        and not body[tokens[j - 1].end : tokens[j + 1].start].replace("dan", "", 1).strip()
    ):
        j = _name_run(tokens, j + 1, body)
    start, end = tokens[i].start, tokens[j - 1].end
    if (
        j < len(tokens)
        and body[end : tokens[j].start].strip() == ","
        and _capitalised(tokens[j].text)
        and not is_day_name(tokens[j].text)
    ):
        k = _name_run(tokens, j, body)
        return start, tokens[k - 1].end
    return start, end


def _pre_cue(
    body: str,
    stretch: Stretch,
    paragraphs: list[tuple[int, int]],
    para_starts: list[int],
    lexicon: SpeechLexicon,
) -> _Cue | None:
    """The attribution that opens the quote: `Menurut Wahyu, "`, `Wahyu mengatakan, "`,
    `Ia menegaskan: "`, `Kata Zudan, "`; also a paragraph ending with a colon before a
    paragraph that opens with the quote (`Wahyu berpesan:` then `"..."`)."""
    ps, _ = _paragraph_of(stretch.open_mark, paragraphs, para_starts)
    end = stretch.open_mark
    while end > ps and (body[end - 1].isspace() or body[end - 1] == ">"):
        end -= 1
    if end <= ps:
        i = bisect.bisect_right(para_starts, ps) - 2
        if i < 0 or not body[paragraphs[i][0] : paragraphs[i][1]].rstrip().endswith(":"):
            return None
        ps, end = paragraphs[i][0], paragraphs[i][0] + len(body[paragraphs[i][0] : paragraphs[i][1]].rstrip())
    if body[end - 1] not in ",:":
        # `Wahyu mengatakan "Kami siap."`: a finite speech verb right before the mark.
        words = list(_WORD.finditer(body, max(ps, end - 40), end))
        last = words[-1] if words else None
        if last is None or last.end() != end or lexicon.kind(last.group()) not in (AFFIXED, ENGLISH):
            return None
    lo = max(ps, end - _PRE_WINDOW)
    clause_start = lo
    for k in range(end - 2, lo - 1, -1):
        ch = body[k]
        if ch in "!?" or ch in QUOTE_FAMILY or (ch == "." and k + 1 < end and body[k + 1].isspace()):
            clause_start = k + 1
            break
    tokens = _tokens(body, clause_start, end)
    if not tokens:
        return None
    words = [t.text.casefold() for t in tokens]
    for opener in lexicon.openers:
        n = len(opener)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) != opener:
                continue
            if (
                opener[0] in lexicon.roots
                and i > 0
                and not body[tokens[i - 1].end : tokens[i].start].strip(",")
            ):
                continue  # `kata` inside a clause, not opening it
            cue_tok_start, cue_tok_end = tokens[i].start, tokens[i + n - 1].end
            word = body[cue_tok_start:cue_tok_end]
            # `Menurut Wahyu,` / `Menurut pengamat ekonomi Faisal Basri,` / `According to John,`
            for rest in range(i + n, min(len(tokens), i + n + 1 + _MAX_DESCRIPTOR_WORDS)):
                text = tokens[rest].text
                if lexicon.is_pronoun(text) or body[tokens[rest - 1].end : tokens[rest].start].strip():
                    break
                if _capitalised(text):
                    return _Cue(word, cue_tok_start, cue_tok_end, _name_span(body, tokens, rest), after=False)
            return _Cue(word, cue_tok_start, cue_tok_end, after=False)
    for i in range(len(tokens) - 1, -1, -1):
        kind = lexicon.kind(tokens[i].text)
        if kind is None:
            continue
        verb = tokens[i]
        if kind == NYA:
            return _Cue(verb.text, verb.start, verb.end, after=False)
        if kind in (AFFIXED, ENGLISH):
            if tokens[0].text.casefold() in _WORDS.indefinite:
                # `Seorang musisi misalnya menulis: "..."`: someone new and unnamed.
                return _Cue(verb.text, verb.start, verb.end, after=False, anonymous=True)
            # The subject is named somewhere before the verb: `Anita Abdulkadir kepada
            # DailySocial menjelaskan:` (a known person there wins over the word before the verb).
            subject = (tokens[0].start, verb.start) if i > 0 else None
            j = i - 1
            while j >= 0 and tokens[j].text.casefold() in _WORDS.adverbs:
                j -= 1
            if j >= 0 and _capitalised(tokens[j].text) and not lexicon.is_pronoun(tokens[j].text):
                k = j
                while (
                    k > 0
                    and _capitalised(tokens[k - 1].text)
                    and not body[tokens[k - 1].end : tokens[k].start].strip(" .()")
                ):
                    k -= 1
                if k > 0 and tokens[k - 1].text.casefold() in _WORDS.object_markers:
                    # `Anita kepada DailySocial menjelaskan:`: the run is an object.
                    return _Cue(verb.text, verb.start, verb.end, after=False, subject_span=subject)
                name = (tokens[k].start, tokens[j].end)
                return _Cue(verb.text, verb.start, verb.end, name, after=False, subject_span=subject)
            if j >= 0 and lexicon.is_pronoun(tokens[j].text):
                return _Cue(verb.text, verb.start, verb.end, after=False)
            return _Cue(verb.text, verb.start, verb.end, after=False, subject_span=subject)
        return None
    return None


def _following_cue(
    body: str, stretch: Stretch, paragraphs: list[tuple[int, int]], para_starts: list[int]
) -> _Cue | None:
    """An attribution in the sentence after the quote, passive: `"..." Hal itu disampaikan
    Wahyu saat ...`, `Demikian dikatakan oleh Kepala Dinas Budi Santoso.` (also in the next
    paragraph)."""
    if stretch.close_mark is None or _word_count(body, stretch.start, stretch.end) < _MIN_WORDS_UNATTRIBUTED:
        return None
    if _title_like(body, stretch.start, stretch.end):
        return None  # `program "Kota Hijau Berkelas". Hal itu disampaikan ...` quotes a name
    pos = stretch.close_mark + 1
    limit = min(len(body), pos + _POST_WINDOW)
    tokens = _tokens(body, pos, limit, _POST_TOKENS)
    if len(tokens) < 3 or body[pos : tokens[0].start].strip(" .,\n"):
        return None
    if tokens[0].text.casefold() not in _WORDS.following_openers:
        return None
    for j in range(1, min(4, len(tokens) - 1)):
        word = tokens[j].text
        if word[:2].casefold() == "di" and len(word) > 4 and word.islower():
            k = j + 1
            if tokens[k].text.casefold() in _WORDS.agent_markers and k + 1 < len(tokens):
                k += 1
            if _capitalised(tokens[k].text) and not body[tokens[j].end : tokens[k].start].strip():
                return _Cue(word, tokens[j].start, tokens[j].end, _name_span(body, tokens, k))
            return None
    return None


def _continues(body: str, first: Stretch, cue: _Cue, second: Stretch) -> bool:
    """`"A," kata Wahyu, "B."`: the attribution sits inside one sentence of speech."""
    if first.close_mark is None or not cue.after or first.end <= first.start:
        return False
    if body[first.end - 1] not in ",\u2014\u2013-" and body[first.end - 1].isalnum() is False:
        return False
    if body[first.end - 1] in ".!?":
        return False
    gap = body[cue.end : second.open_mark]
    if len(gap) > _SPLIT_GAP or "\n" in gap or any(c in gap for c in ".!?"):
        return False
    return gap.rstrip().endswith((",", ":"))


def _word_count(body: str, start: int, end: int, cap: int = _MIN_WORDS_EMBEDDED) -> int:
    """Words in body[start:end], counted up to `cap` (the largest threshold that matters)."""
    return len(list(itertools.islice(_WORD.finditer(body, start, end), cap)))


def _title_like(body: str, start: int, end: int) -> bool:
    """Most words capitalised: `Malang Mbois Berkelas`, `Jaga Jakarta Bersih dan Aman`."""
    words = _WORD.findall(body, start, min(end, start + 400))
    if not words:
        return True
    caps = sum(1 for w in words if _capitalised(w) or w.isdigit())
    return caps * 10 >= len(words) * 7


def _is_speech(
    body: str,
    group: list[Stretch],
    cue: _Cue | None,
    paragraphs: list[tuple[int, int]],
    para_starts: list[int],
) -> bool:
    """Whether a quoted stretch is speech: anything attributed; otherwise a few words at least,
    not title-cased, shaped as a sentence (its own sentence with punctuation inside, or a long
    one ending as a sentence ends)."""
    start, end = group[0].start, group[-1].end
    if end <= start:
        return False
    words = _word_count(body, start, end)
    if words == 0:
        return False
    if cue is not None:
        return True
    if words < _MIN_WORDS_UNATTRIBUTED or _title_like(body, start, end):
        return False
    if len(group) > 1 or len(group[0].pieces) > 1:
        return True
    inner_punct = body[end - 1] in _SENTENCE_PUNCT or ". " in body[start:end]
    ps, _ = _paragraph_of(group[0].open_mark, paragraphs, para_starts)
    k = group[0].open_mark - 1
    while k >= ps and k > group[0].open_mark - 200 and body[k].isspace():
        k -= 1
    # Speech stands as its own sentence: it opens the paragraph or follows a full stop or a colon.
    stands_alone = k < ps or body[k] in ".!?:>"
    if group[0].close_mark is None:
        return stands_alone and words >= _MIN_WORDS_UNATTRIBUTED
    if stands_alone:
        # A long stretch opening its own sentence is speech even when its last mark was lost.
        return inner_punct or words >= _MIN_WORDS_EMBEDDED
    # Mid-sentence (`memanggilnya "seorang pegawai yang cakap, ... Amerika."`): a full
    # sentence of speech, not a phrase, when it is long and ends as a sentence does.
    return words >= _MIN_WORDS_EMBEDDED and body[end - 1] in ".!?\u2026"


# --- step 3: speakers ----------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True, slots=True)
class _PersonIndex:
    """Mentions of people outside quotes, in text order, for looking back from a quote."""

    starts: list[int]
    ends: list[int]
    who: list[int]  # index into people


def _index_people(people: Sequence[Entity], quote_ranges: list[tuple[int, int]]) -> _PersonIndex:
    rows = []
    q_starts = [s for s, _ in quote_ranges]
    for k, person in enumerate(people):
        if not q_starts:
            rows.extend([(m.start, m.end, k) for m in person.mentions])
            continue
        for m in person.mentions:
            i = bisect.bisect_right(q_starts, m.start) - 1
            if i >= 0 and quote_ranges[i][0] <= m.start < quote_ranges[i][1]:
                continue  # a person named inside someone's quote is not the topic
            rows.append((m.start, m.end, k))
    rows.sort()
    return _PersonIndex(list(map(_FIRST, rows)), list(map(_SECOND, rows)), list(map(_THIRD, rows)))


_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


# What a person mention is in its sentence, for choosing the topic of the text.
_OBJECT, _NEUTRAL, _SUBJECT = 0, 1, 2


# What ends the clause before a name: punctuation inside a sentence, a full stop before a space,
# or a quote mark (the end bound of the search keeps the space inside the span looked at).
_CLAUSE_MARK = re.compile("[,;:!?" + re.escape("".join(QUOTE_FAMILY)) + "]|\\.(?= )")


def _clause_start(body: str, lo: int, start: int) -> int:
    """Where the clause holding offset `start` begins, looking back no further than `lo`: just
    after the last clause mark in body[lo:start], else at `lo`."""
    k = lo - 1
    for mark in _CLAUSE_MARK.finditer(body, lo, start):
        k = mark.start()
    return k + 1


def _mention_role(
    body: str, start: int, end: int, para_start: int, first_in_sentence: bool, lexicon: SpeechLexicon
) -> int:
    """_SUBJECT for a person named as the subject of a sentence or clause: at its start after
    role words (`Wali Kota Malang Wahyu Hidayat menyampaikan`), after `Menurut` or `oleh`, after
    a passive verb (`disampaikan Andi`), or, when nobody is named before it in its sentence,
    right before a verb (`Ke depannya Iwan berharap`; not Zudan in `Wahyu menyebut Zudan akan
    hadir`). _OBJECT after a verb or a preposition (`mengajak Andi`, `dengan Andi`). Else _NEUTRAL."""
    before = _WORD.findall(body, _clause_start(body, max(para_start, start - 200), start), start)
    if all(_capitalised(w) for w in before):
        return _SUBJECT
    last = before[-1].casefold()
    if last in _WORDS.agent_markers or last in lexicon.opener_words:
        return _SUBJECT
    if not _capitalised(before[-1]):
        if last in _WORDS.object_markers or (len(last) > 4 and last.startswith(("me", "ber"))):
            return _OBJECT
        if len(last) > 4 and last.startswith("di"):
            return _SUBJECT  # the agent of a passive verb
    if not first_in_sentence:
        return _NEUTRAL
    after = _WORD.search(body, end, min(len(body), end + 80))
    if after is None:
        return _NEUTRAL
    gap = body[end : after.start()]
    if gap.strip(" ,") or "\n" in gap:
        return _NEUTRAL
    word = after.group()
    folded = word.casefold()
    verb_follows = not _capitalised(word) and (
        folded in _WORDS.subject_followers
        or lexicon.kind(word) in (AFFIXED, ENGLISH)
        or folded.startswith(("me", "ber"))
    )
    return _SUBJECT if verb_follows else _NEUTRAL


def _sentence_break(body: str, a: int, b: int) -> bool:
    """Whether a sentence ends between offsets a and b (far apart counts as yes)."""
    if b - a > 300:
        return True
    gap = body[a:b]
    return "\n" in gap or "! " in gap or "? " in gap or ". " in gap


# What _topic returns when the voice of the previous quote simply goes on.
_PREVIOUS = -1


def _topic(
    body: str,
    at: int,
    floor: int,
    index: _PersonIndex,
    paragraphs: list[tuple[int, int]],
    para_starts: list[int],
    lexicon: SpeechLexicon,
    previous_known: bool = False,
) -> int | None:
    """The person the text is about just before `at`: the last subject named between `floor`
    (the end of the previous quote's attribution) and `at`; else, when the previous quote has a
    speaker and nobody new is named in a sentence of its own since (or a pronoun is the subject
    there), _PREVIOUS (`," tulis X sembari mengunggah foto dirinya dan Y.` then `," tambahnya`
    is still X); else the last person named there, objects (`dengan Y`) last."""
    lo = max(floor, at - _TOPIC_WINDOW)
    first = bisect.bisect_left(index.starts, lo)
    last = bisect.bisect_left(index.starts, at)
    neutral: int | None = None
    object_: int | None = None
    for i in range(last - 1, first - 1, -1):
        if index.ends[i] > at:
            continue
        ps, _ = _paragraph_of(index.starts[i], paragraphs, para_starts)
        first_in_sentence = i == 0 or _sentence_break(body, index.ends[i - 1], index.starts[i])
        role = _mention_role(body, index.starts[i], index.ends[i], ps, first_in_sentence, lexicon)
        if role == _SUBJECT:
            return index.who[i]
        if role == _NEUTRAL and neutral is None:
            neutral = i
        if role == _OBJECT and object_ is None:
            object_ = i
    if neutral is None and object_ is None:
        return None
    if previous_known and (
        neutral is None
        or not _sentence_break(body, floor, index.starts[neutral])
        or _pronoun_subject_in(body, lo, at, lexicon)
    ):
        # `Saat itu dia menyatakan ... mengajak Swift berdamai.`: the pronoun carries the
        # previous speaker on; the person named is only an object.
        return _PREVIOUS
    return index.who[neutral if neutral is not None else object_]


def _pronoun_subject_in(body: str, lo: int, hi: int, lexicon: SpeechLexicon) -> bool:
    """Whether a pronoun stands as a subject between lo and hi (`Dia menyatakan`, `ia pun`)."""
    previous: str | None = None
    for m in _WORD.finditer(body, lo, hi):
        word = m.group()
        if previous is not None and lexicon.is_pronoun(previous) and not _capitalised(word):
            folded = word.casefold()
            if folded in _WORDS.subject_followers or folded.startswith(("me", "ber")):
                return True
        previous = word
    return False


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Words of role titles and honorifics (the people lexicons), folded."""
    words: set[str] = set()
    for name in ("roles", "honorifics"):
        for entry in load_lexicon(name):
            words.update(w.casefold().strip(".") for w in entry.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _complement_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_lexicon("role_complement_words"))


def _is_title_word(word: str, titles: frozenset[str]) -> bool:
    return word.casefold().strip(".") in titles or (len(word) > 1 and word.isupper())


_MAX_WRITTEN_NAME_WORDS = 3


def written_name(text: str) -> str | None:
    """The person's name in an attribution the people list did not resolve, without the role:
    `Kepala BKN Zudan` → `Zudan`, `Wali Kota Malang, Wahyu Hidayat` → `Wahyu Hidayat`,
    `Hendra Wijaya, penasihat lomba` → `Hendra Wijaya`. None when only a role is written."""
    titles = _title_words()
    # `kata Wali Kota, Kamis (15/5)`: a day name after the comma is when, not who.
    runs = [r.split() for r in text.split(",") if r.strip() and not is_day_name(r.split()[0])]
    if not runs:
        return None
    run = runs[0]
    if _is_title_word(run[0], titles) and len(runs) > 1 and not _is_title_word(runs[1][0], titles):
        run = runs[1]
    if not _is_title_word(run[0], titles):
        return " ".join(run)
    complements = _complement_words()
    kept: list[str] = []
    for word in reversed(run):
        if _is_title_word(word, titles) or len(kept) == _MAX_WRITTEN_NAME_WORDS:
            break
        # `Menteri Dalam Negeri Tito Karnavian`: a portfolio word ends the name once it has two
        # words (a last name may be such a word itself: `Andi Pratama`).
        if len(kept) >= 2 and word.casefold() in complements:
            break
        kept.append(word)
    kept.reverse()
    # `ujar Bupati Sleman`: what follows the title is the place it governs, not a name.
    if kept and _is_place(kept):
        return None
    return " ".join(kept) or None


def _is_place(words: list[str]) -> bool:
    """Whether the words are exactly a major place name, by the places gazetteer. The gazetteer
    is only a helper here: without it (or if its interface moves) every tail counts as a name."""
    try:
        from tui.extract.places import lookup_place

        hit = lookup_place(words, allow_minor=False)
        return hit is not None and hit[0] == len(words)
    except (ImportError, AttributeError, TypeError, ValueError, IndexError):
        return False


def _match_written(written: str, people: Sequence[Entity], recent: list[int]) -> int | None:
    """The person a written name stands for: an exact name or alias, else the one whose name
    holds all of its words (role words written before the name are dropped one by one)."""
    folded = _fold(written)
    if not folded:
        return None
    for k, person in enumerate(people):
        if folded == _fold(person.name) or any(folded == _fold(a) for a in person.aliases):
            return k
    words = folded.split()
    for cut in range(len(words)):
        tail = set(words[cut:])
        hits = [k for k, p in enumerate(people) if tail <= set(_fold(p.name).split())]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            for k in reversed(recent):
                if k in hits:
                    return k
            return hits[0]
    for k, person in enumerate(people):
        if person.role and _fold(person.role).endswith(folded) and len(folded) > 3:
            return k
    return _match_role(words, people, recent)


def _match_role(words: list[str], people: Sequence[Entity], recent: list[int]) -> int | None:
    """The person an attribution names by role alone (`ujar Jaksa`, `kata Kapolres itu`): the
    one person whose role holds every written word; of several, the one named most recently."""
    wanted = set(words) - _POINTERS
    if not wanted or words[0].strip(".") not in _title_words():
        return None  # `kata KPK`: an institution speaks, not one of its officers
    hits = [k for k, p in enumerate(people) if p.role and wanted <= set(_fold(p.role).split())]
    if len(hits) == 1:
        return hits[0]
    for k in reversed(recent):
        if k in hits:
            return k
    return None


def _first_mention_in(start: int, end: int, index: _PersonIndex) -> int | None:
    i = bisect.bisect_left(index.starts, start)
    return index.who[i] if i < len(index.starts) and index.starts[i] < end else None


def _mentioned_in(body: str, ns: int, ne: int, index: _PersonIndex) -> int | None:
    """The person named in an attribution's name span; in an apposition naming someone on
    both sides (`Pelatih Elektrik, Tien Mei`) the one after the comma."""
    i = bisect.bisect_left(index.starts, ns)
    hits = []
    while i < len(index.starts) and index.starts[i] < ne:
        hits.append(i)
        i += 1
    if not hits:
        return None
    comma = body.find(",", ns, ne)
    if len(hits) > 1 and comma >= 0:
        # Both sides of the comma name someone: the title-and-body side (`Pelatih Elektrik`)
        # comes first in news style and is misread as a name far more often than the name is.
        after = [h for h in hits if index.starts[h] > comma]
        if after:
            return index.who[after[0]]
    return index.who[hits[0]]


def _attribute(
    body: str,
    candidates: list[tuple[Stretch, ...]],
    cues: list[_Cue | None],
    people: Sequence[Entity],
    paragraphs: list[tuple[int, int]],
    para_starts: list[int],
    lexicon: SpeechLexicon,
) -> list[Quote]:
    ranges = [(g[0].start, g[-1].end) for g in candidates]
    index = _index_people(people, ranges)
    quotes: list[Quote] = []
    prev_speaker: tuple[str | None, str | None] = (None, None)
    prev_anonymous = False
    floor = 0
    for group, cue in zip(candidates, cues, strict=True):
        start, end = group[0].start, group[-1].end
        who: int | None = None
        written: str | None = None
        named = cue is not None and cue.name_span is not None
        if cue is not None and cue.name_span is not None:
            who = _mentioned_in(body, *cue.name_span, index)
        if who is None and cue is not None and cue.subject_span is not None:
            who = _first_mention_in(*cue.subject_span, index)
        if who is None and cue is not None and cue.name_span is not None:
            ns, ne = cue.name_span
            if cue.known_only:
                named = False
            elif who is None:
                upto = bisect.bisect_left(index.starts, start)
                who = _match_written(body[ns:ne], people, index.who[max(0, upto - 20) : upto])
                if who is None:
                    written = written_name(body[ns:ne])
                    # Only a role is written (`ujar Deputi itu`): the person the text is about.
                    named = written is not None
        if cue is not None and cue.anonymous:
            named = True  # nobody to look for: the speaker stays unnamed
        if who is None and not named:
            at = group[0].open_mark if cue is None or cue.after else cue.start
            who = _topic(
                body, at, floor, index, paragraphs, para_starts, lexicon, prev_speaker[0] is not None
            )
            if who is None and prev_speaker[0] is None and not prev_anonymous:
                who = _topic(body, at, 0, index, paragraphs, para_starts, lexicon)
        if cue is not None and cue.anonymous:
            speaker, speaker_id = None, None
        elif who == _PREVIOUS:
            speaker, speaker_id = prev_speaker
        elif who is not None:
            speaker, speaker_id = people[who].name, people[who].id
        elif written is not None:
            speaker, speaker_id = written, None
        else:
            # Nobody named since the last quote: the same voice goes on.
            speaker, speaker_id = prev_speaker
        parts: tuple[Mention, ...] = ()
        pieces = [p for s in group for p in s.pieces]
        if len(pieces) > 1:
            parts = tuple(Mention(s, e, body[s:e]) for s, e in pieces)
        quotes.append(
            Quote(
                text=body[start:end],
                start=start,
                end=end,
                speaker=speaker,
                speaker_id=speaker_id,
                cue=cue.word if cue else None,
                cue_start=cue.start if cue else None,
                cue_end=cue.end if cue else None,
                parts=parts,
            )
        )
        prev_speaker = (speaker, speaker_id)
        prev_anonymous = cue is not None and cue.anonymous
        floor = max(end, cue.end if cue is not None and cue.after else end)
    return quotes


class TopicFinder:
    """Who a pronoun (`Ia menegaskan ...`, `dia mengaku`) stands for, by the rules that attribute
    `ujarnya` to a quote: the last person named as a subject before it, or the voice of the
    quote before it going on. Built once per body; `people` as given to `find_quotes`."""

    def __init__(self, body: str, people: Sequence[Entity], quotes: Sequence[Quote]) -> None:
        self.body = body
        self.people = list(people)
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.paragraphs = paragraph_spans(body)
        self.para_starts = [p[0] for p in self.paragraphs]
        self.index = _index_people(self.people, [(q.start, q.end) for q in self.quotes])
        self.lexicon = speech_lexicon()
        self.quote_ends = [max(q.end, q.cue_end or 0) for q in self.quotes]

    def person_at(self, at: int) -> Entity | None:
        """The person the text is about just before offset `at`, or None."""
        k = bisect.bisect_right(self.quote_ends, at) - 1
        previous = self.quotes[k] if k >= 0 and self.quotes[k].speaker_id else None
        floor = self.quote_ends[k] if k >= 0 else 0
        args = (self.index, self.paragraphs, self.para_starts, self.lexicon)
        who = _topic(self.body, at, floor, *args, previous is not None)
        if who == _PREVIOUS or (who is None and previous is not None):
            assert previous is not None
            return next((p for p in self.people if p.id == previous.speaker_id), None)
        if who is None:
            who = _topic(self.body, at, 0, *args)
        return self.people[who] if who is not None and who >= 0 else None
