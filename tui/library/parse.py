"""Raw scraped news text → clean articles: what a careful reader sees in the file.

`parse_text` recovers, per story: the headline, the dateline (place and outlet), bylines and editor
initials, the publication date when the text states one, and the body as paragraphs, with the page's
junk (comment forms, "Baca juga", share prompts, advertisements, captions) left out. A file may hold
several stories. `.md` files may open with YAML front matter, which wins over what is inferred.

Everything here runs on untrusted text: no regex with nested repetition, every scan linear, and no
input makes it raise.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tui.library.article import Article, content_fingerprint
from tui.library.sanitize import strip_controls

# Bump when a change to parsing changes what a file gives: the library index re-reads every file.
PARSER_VERSION = 1

_DATA = Path(__file__).resolve().parent


def _lexicon_lines(name: str) -> list[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


def _whole_line_pattern(name: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lexicon_lines(name)), re.IGNORECASE)


_JUNK_LINE = _whole_line_pattern("junk_lines.txt")
_PAGE_END_LINE = _whole_line_pattern("page_end_lines.txt")
_BYLINE_LABEL = "|".join(
    re.escape(s) for s in sorted(_lexicon_lines("byline_labels.txt"), key=len, reverse=True)
)

# ---------------------------------------------------------------------------------------------
# Lines

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_QUOTE_MARKER = re.compile(r"^(?:>[ \t]?)+")
_LINE_BREAK = re.compile(r"\r\n?")
# Page widgets glued into paragraphs; upper case only, so the words in a sentence are left alone.
_INLINE_JUNK = re.compile(r"\s*\b(?:SCROLL TO CONTINUE WITH CONTENT|ADVERTISEMENT)\b\s*")
_ALNUM = re.compile(r"\w")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+")
_MD_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\s]{1,2000}\)")
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\s]{1,2000}\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,500}?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,500}?)(?<=\S)\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]{1,500})`")
# HTML left in scraped text: the tags go (inline ones without a trace, block ones as a space), the
# entities are decoded. Only known tag names, so "a <b" or "<Nama>" in a sentence stays.
_HTML_TAG = re.compile(
    r"</?(?P<name>p|br|hr|div|span|strong|b|i|em|u|a|img|figure|figcaption|h[1-6]|ul|ol|li|blockquote|"
    r"table|tr|td|th|tbody|thead|sup|sub|small|font|center|section|article|header|footer|iframe)"
    r"(?:\s[^<>]{0,500})?/?>",
    re.IGNORECASE,
)
_INLINE_HTML_TAGS = frozenset("span strong b i em u a font sup sub small".split())
_BREADCRUMB = re.compile(r"[^.!?»›>|]{1,60}(?: [»›>|/] [^.!?»›>|]{1,60}){1,8}")
_LONE_BACA_JUGA = re.compile(r"baca juga\s*:?", re.IGNORECASE)

_MAX_LEADING_METADATA_LINES = 5
_LOOKAHEAD_PARAGRAPHS = 20  # bounds the look past a candidate headline: parsing stays linear
_TERMINAL = '.!?"”’»)]…'
_TERMINAL_CLASS = "[" + re.escape(_TERMINAL) + "]"
_HEADLINE_MIN_CHARS, _HEADLINE_MAX_CHARS, _HEADLINE_MAX_WORDS = 8, 200, 30

# ---------------------------------------------------------------------------------------------
# Datelines: "MALANG (Lentera) -", "KOTA MALANG, VOICEOFJATIM.COM –", "Liputan6.com, Jakarta -", ...

# Any dash (doubled by some sites, spaced out by some scrapers: "- -"), a semicolon or a colon.
_SEP = r"(?P<sep>-(?: ?-){0,2}|[–—]{1,2}|[:;])"
_TLD = r"(?i:com|co|id|net|org|news|tv|info|media|online|site|xyz|io|asia|today|biz|web|my|or|ac|go)"
_DOMAIN = rf"[A-Za-z0-9][A-Za-z0-9-]{{0,62}}(?:\.[A-Za-z0-9-]{{1,63}}){{0,2}}\.{_TLD}(?![\w.])"
_PLACE_WORD = r"[A-Z][A-Za-z'’.-]{0,30}"
_TITLE_WORD = r"[A-Z][a-z][a-z'’-]{0,30}"
_PLACE = rf"{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}}"
_CAPS_PLACE = r"[A-Z][A-Z'’.-]{3,30}(?: [A-Z][A-Z'’.-]{0,30}){0,3}"
# An outlet named after a comma: a domain, a camel-case brand (detikJatim), or capitals (ANTARA,
# CNN Indonesia).
_OUTLET_AFTER_COMMA = (
    rf"{_DOMAIN}|[a-z]{{2,20}}[A-Z][A-Za-z0-9]{{0,20}}|[A-Z]{{2,20}}(?: [A-Z][a-z]{{2,20}})?"
)

_DATELINE_FORMS = (
    # PLACE (OUTLET) SEP
    re.compile(rf"(?P<place>{_PLACE}) ?\((?P<outlet>[^()\n]{{2,40}})\) ?{_SEP}\s*"),
    # PLACE | OUTLET SEP, where scraping may leave an icon letter after the bar: "MALANG |i X.COM;"
    re.compile(rf"(?P<place>{_PLACE}) ?\| ?(?:[^\s|]{{1,2}} )?(?P<outlet>{_OUTLET_AFTER_COMMA}) ?{_SEP}\s*"),
    # PLACE, OUTLET SEP
    re.compile(rf"(?P<place>{_PLACE}), ?(?P<outlet>{_OUTLET_AFTER_COMMA}) ?{_SEP}\s*"),
    # DOMAIN, PLACE SEP
    re.compile(rf"(?P<outlet>{_DOMAIN}), ?(?P<place>{_PLACE}) ?{_SEP}\s*"),
    # DOMAIN SEP
    re.compile(rf"(?P<outlet>{_DOMAIN}) ?{_SEP}\s+"),
    # PLACE-IN-CAPITALS SEP (a dash with spaces: "JAKARTA - ")
    re.compile(rf"(?P<place>{_CAPS_PLACE}) (?:-{{1,2}}|[–—]) "),
)
# Weak: only trusted where a dateline is expected (the start of a story), never as a sign that a new
# story starts ("Ridwan - Uu unggul ..." is a pair of candidates, not a dateline).
_WEAK_DATELINE_FORMS = (
    # Title-case place of one or two words, spaced dash: "Jakarta - "
    re.compile(rf"(?P<place>{_TITLE_WORD}(?: {_TITLE_WORD})?) (?:-{{1,2}}|[–—]) (?=[A-Z\"“'‘])"),
)
_DOMAIN_ONLY = re.compile(_DOMAIN)
# A one-word "place" with one of these endings is an outlet's name ("Rimanews -", "Jawapos -").
_OUTLET_ENDINGS = ("news", "post", "pos", "times", "media", "online", "tv", "daily", "today", "pedia")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")

# ---------------------------------------------------------------------------------------------
# Dates, bylines and editor initials

_DAYS = tuple(
    "senin selasa rabu kamis jumat jum'at sabtu minggu ahad "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Indonesian and English month names with their usual abbreviations, January first.
_MONTH_NAMES = (
    "januari january jan",
    "februari pebruari february feb",
    "maret march mar",
    "april apr",
    "mei may",
    "juni june jun",
    "juli july jul",
    "agustus august agu agt ags aug",
    "september sep sept",
    "oktober october okt oct",
    "november nopember nov",
    "desember december des dec",
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
_DAY = "|".join(re.escape(d) for d in _DAYS)
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\.?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<d3>\d{1,2})[/.-](?P<m3>\d{1,2})[/.-](?P<y3>\d{4})"
    r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})"
)
_TIME = (
    r"(?:[,\s|-]+(?:pukul\s*)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*"
    r"(?:wib|wita|wit|utc|gmt|am|pm)?(?:\s*[+-]\d{1,4})?)?"
)
_DATE_LABEL = r"(?:diterbitkan|dipublikasikan|dipublish|terbit|published|posted|diposting|tanggal|date)"
_UPDATE_LABEL = r"(?:diperbarui|diupdate|updated|last updated)"
# The day and date in a lede: "Senin (18/11/2024)", "Kamis malam (15/5)", "Senin, 18 November 2024".
_LEDE_DATE = re.compile(
    rf"\b(?:{_DAY})(?: (?:pagi|siang|sore|malam|dini hari))? ?(?:\(\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\)"
    rf"|, ?\d{{1,2}} (?:{_MONTH}))",
    re.IGNORECASE,
)
# Words that continue a story and never open one: "Namun, hukuman tersebut ..." after a subheading.
_CONTINUATION = re.compile(
    r"(?:namun|tetapi|tapi|sementara|sedangkan|selain itu|oleh karena itu|karena itu|meski|meskipun|"
    r"adapun|kemudian|lalu|akan tetapi|hal ini|hal itu|ia|dia|mereka|beliau|menurutnya|menurut dia|"
    r"however|but|meanwhile|he|she|they|it)\b",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    rf"(?:(?P<label>{_DATE_LABEL}|{_UPDATE_LABEL})\s*(?:pada|on)?\s*:?\s*)?"
    rf"(?:(?:{_DAY}),?\s*)?(?:{_DATE}){_TIME}\s*",
    re.IGNORECASE,
)
# "Kompas.com - 19/05/2025, 10:00 WIB": the outlet and the date on one line under the headline.
_OUTLET_DATE_LINE = re.compile(
    rf"(?P<outlet>{_DOMAIN})\s*[-–—|,]\s*(?:(?:{_DAY}),?\s*)?(?:{_DATE}){_TIME}\s*", re.IGNORECASE
)
_BYLINE_SEGMENT = rf"(?:{_BYLINE_LABEL})\s*:\s*[^:/|;\n]{{1,80}}"
_BYLINE_LINE = re.compile(rf"{_BYLINE_SEGMENT}(?:\s*[/|;,]\s*{_BYLINE_SEGMENT}){{0,5}}", re.IGNORECASE)
_BYLINE_NO_COLON = re.compile(r"(?:oleh|by|penulis)\s+[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,4}", re.I)
# Editor initials: "[luc/beq]", "(dnu/dnu)", "(ant)". Whole line, or at the end of the last paragraph
# right after its final punctuation.
_INITIALS = r"[A-Za-z*]{1,12}(?:\s*[/.,-]\s*[A-Za-z*]{1,12}){0,4}"
_INITIALS_LINE = re.compile(rf"[\[(]\s*(?P<initials>{_INITIALS})\s*[\])]")
_INITIALS_AT_END = re.compile(rf"(?<={_TERMINAL_CLASS})\s+[\[(]\s*(?P<initials>{_INITIALS})\s*[\])]\s*$")
# Bare initials as the last word: "... di tingkat nasional. Ans"
_BARE_INITIALS = r"[A-Z][a-z]{1,3}|[a-z]{2,4}|[A-Z]{2,4}(?:/[A-Z]{2,4})?"
_BARE_INITIALS_LINE = re.compile(_BARE_INITIALS)
_BARE_INITIALS_AT_END = re.compile(rf"(?<={_TERMINAL_CLASS})\s+(?P<initials>{_BARE_INITIALS})\s*$")

# ---------------------------------------------------------------------------------------------
# Language: Indonesian unless the text is clearly English.

_WORD = re.compile(r"[a-z]+")
_ENGLISH_WORDS = frozenset(
    "the of and to in is that for it with was on as are be this by have from at which were has "
    "not but or an they their been would will".split()
)
_INDONESIAN_WORDS = frozenset(
    "yang dan di ke dari ini itu untuk dengan pada dalam tidak akan adalah juga ada oleh kami kita "
    "saya atau karena bisa sudah telah para bahwa dia mereka".split()
)
_LANGUAGE_SAMPLE_CHARS = 5_000

# ---------------------------------------------------------------------------------------------
# Front matter

_FRONT_MATTER_MAX_CHARS = 64 * 1024
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<yaml>(?:.*\n)*?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FIELD_MAX_CHARS = 1000
_FRONT_MATTER_FIELDS = ("title", "source", "url", "published", "author", "language")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The fields Kabar reads from a `.md` file's YAML front matter (all optional)."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    author: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None  # title-cased: "Kota Malang"
    outlet: str | None  # a domain in lower case, or the outlet's name as written: "Lentera"
    end: int  # where the body text starts in the paragraph


@dataclass(slots=True)
class _Story:
    """A story while it is being cleaned: paragraphs still to be joined into the body."""

    paragraphs: list[str]
    title: str | None = None
    place: str | None = None
    source: str | None = None
    published: date | None = None
    bylines: list[str] = field(default_factory=list)


# =============================================================================================
# Public API


def parse_text(text: str, *, file: str, plain: bool = False) -> list[Article]:
    """The stories in one file's text, in order, as clean Articles (possibly none).

    `file` is stored in each Article and its suffix decides the format (`.md`: front matter, headings
    and soft-wrapped paragraphs). With `plain`, the text is all body: no headline, dateline, byline or
    junk rules (front matter is still read from `.md`). Never raises; linear in len(text).
    """
    if "\r" in text:
        text = _LINE_BREAK.sub("\n", text)
    text = strip_controls(text)
    markdown = file.lower().endswith(".md")
    meta, warnings = FrontMatter(), []
    if markdown:
        meta, text, warnings = split_front_matter(text)
    blocks = _blocks(text, markdown=markdown, plain=plain)
    if plain:
        stories = [_Story([b.text for b in blocks])]
    else:
        # A Markdown file is one article: its headings are structure, not the starts of stories.
        stories = _read_stories(blocks, single_story=markdown, known_title=meta.title)
    return _articles(stories, meta, warnings, file=file)


def split_front_matter(text: str) -> tuple[FrontMatter, str, list[str]]:
    """YAML front matter at the top of `text` (`---` ... `---`): the fields, the rest, and warnings.

    Invalid YAML or fields of the wrong kind give a one-line warning each, never an exception; the
    block is removed from the text either way.
    """
    if not text.startswith("---"):
        return FrontMatter(), text, []
    found = _FRONT_MATTER.match(text[: _FRONT_MATTER_MAX_CHARS + 8])
    if found is None:
        if re.match(r"---[ \t]*\n", text):
            limit = _FRONT_MATTER_MAX_CHARS // 1024
            return FrontMatter(), text, [f"front matter has no closing '---' in its first {limit} KB"]
        return FrontMatter(), text, []
    rest = text[found.end() :]
    import yaml  # only .md files with front matter pay for it

    try:
        doc = yaml.safe_load(found.group("yaml"))
    except Exception as error:  # noqa: BLE001 - untrusted YAML may fail in many ways; report, never raise
        message = strip_controls(str(error)).strip()
        first_line = message.splitlines()[0] if message else type(error).__name__
        return FrontMatter(), rest, [f"front matter is not valid YAML ({first_line})"]
    if doc is None:
        return FrontMatter(), rest, []
    if not isinstance(doc, dict):
        return FrontMatter(), rest, ["front matter is not a mapping of fields; ignored"]
    warnings: list[str] = []
    values: dict[str, Any] = {}
    for name in _FRONT_MATTER_FIELDS:
        if name not in doc or doc[name] is None:
            continue
        value = _front_matter_value(name, doc[name])
        if value is None:
            warnings.append(f"front matter field {name!r} has an unusable value; ignored")
        else:
            values[name] = value
    return FrontMatter(**values), rest, warnings


def find_dateline(paragraph: str, *, at_story_start: bool = False) -> Dateline | None:
    """The dateline opening a paragraph ("MALANG (Lentera) - ..."), or None.

    `at_story_start` also accepts the weak form "Jakarta - ", which elsewhere is too often a name.
    """
    head = paragraph[:200]
    forms = _DATELINE_FORMS + _WEAK_DATELINE_FORMS if at_story_start else _DATELINE_FORMS
    for form in forms:
        found = form.match(head)
        if found is None:
            continue
        groups = found.groupdict()
        place, outlet = groups.get("place"), groups.get("outlet")
        if place is not None and not _plausible_place(place):
            continue
        if outlet is not None and not _plausible_outlet(outlet):
            continue
        if groups.get("sep") == ":" and not _colon_dateline(place, outlet):
            continue
        if outlet is None and place is not None and _named_like_outlet(place):
            place, outlet = None, place  # "Rimanews - ...": an outlet, not a place
        if found.end() >= len(paragraph.rstrip()):
            # "JAKARTA, KOMPAS.com -" alone on its line: still a dateline, the body follows.
            return Dateline(_place_name(place), _outlet_name(outlet), len(paragraph))
        return Dateline(_place_name(place), _outlet_name(outlet), found.end())
    return None


def parse_date(text: str) -> date | None:
    """A date written as `15 Mei 2025`, `May 15, 2025`, `15/5/2025` or `2025-05-15`, or None."""
    found = re.search(_DATE, text, re.IGNORECASE)
    return _date_from_match(found) if found else None


# =============================================================================================
# Text → blocks (one paragraph each)


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    heading: bool = False  # a Markdown heading ("# Title")


def _clean_line(line: str, *, markdown: bool, plain: bool) -> tuple[str, bool]:
    line = line.strip()
    if plain:
        return " ".join(line.split()), False
    if line.startswith(">"):
        line = _QUOTE_MARKER.sub("", line)
    heading = False
    if "<" in line:
        line = _HTML_TAG.sub(_replace_html_tag, line)
    if "&" in line:
        line = strip_controls(html.unescape(line))  # "&#27;" must not bring back an escape
    if markdown:
        line, heading = _clean_markdown(line)
    if "SCROLL" in line or "ADVERTISEMENT" in line:
        line = _INLINE_JUNK.sub(" ", line)
    return " ".join(line.split()), heading  # every run of white space (NBSP, tabs...) → one space


def _clean_markdown(line: str) -> tuple[str, bool]:
    """Markdown inline syntax removed, keeping the words: headings, images, links, emphasis, code."""
    heading = False
    if _MD_HEADING.match(line):
        line, heading = _MD_CLOSING_HASHES.sub("", _MD_HEADING.sub("", line)), True
    if "](" in line:
        line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))
    if "*" in line or "__" in line:
        line = _MD_EMPHASIS.sub(r"\1", _MD_STRONG.sub(r"\2", line))
    if "`" in line:
        line = _MD_CODE.sub(r"\1", line)
    return line, heading


def _replace_html_tag(found: re.Match[str]) -> str:
    return "" if found.group("name").lower() in _INLINE_HTML_TAGS else " "


def _blocks(text: str, *, markdown: bool, plain: bool = False) -> list[_Block]:
    """Paragraphs of the text: each line in a scraped file, each blank-line block in Markdown or in a
    hard-wrapped file."""
    groups: list[list[tuple[str, bool]]] = [[]]
    for raw in text.split("\n"):
        line, heading = _clean_line(raw, markdown=markdown, plain=plain)
        if not line:
            if groups[-1]:
                groups.append([])
            continue
        if heading and groups[-1]:
            groups.append([])
        groups[-1].append((line, heading))
        if heading:
            groups.append([])
    groups = [g for g in groups if g]
    if markdown or _looks_hard_wrapped(groups):
        return [_Block(" ".join(line for line, _ in g), heading=g[0][1]) for g in groups]
    return [_Block(line, heading) for g in groups for line, heading in g]


def _looks_hard_wrapped(groups: list[list[tuple[str, bool]]]) -> bool:
    """True for a text wrapped at a fixed width with blank lines between paragraphs: most lines
    inside a paragraph run close to the wrap width without ending a sentence, and no line is much
    longer than the width. A headline with its credit lines above the body is not that."""
    inner = [line for g in groups if len(g) > 1 for line, _ in g[:-1] if _ALNUM.search(line)]
    if len(groups) < 2 or len(inner) < 3:
        return False
    width = max(len(line) for g in groups for line, _ in g)
    if width > 100:
        return False
    wrapped = sum(1 for line in inner if len(line) >= 0.7 * width and line[-1] not in _TERMINAL)
    return wrapped >= 0.6 * len(inner)


# =============================================================================================
# Blocks → stories


def _read_stories(blocks: list[_Block], *, single_story: bool, known_title: str | None) -> list[_Story]:
    paragraphs, headings = _drop_page_junk(blocks)
    if not paragraphs:
        return []
    starts = [0] if single_story else _story_starts(paragraphs, headings)
    bounds = zip(starts, [*starts[1:], len(paragraphs)], strict=True)
    stories = [
        _read_story(paragraphs[a:b], headings[a:b], known_title if a == 0 else None) for a, b in bounds
    ]
    return [s for s in stories if s.paragraphs]


def _drop_page_junk(blocks: list[_Block]) -> tuple[list[str], list[bool]]:
    paragraphs: list[str] = []
    headings: list[bool] = []
    skip_linked_headline = False
    for block in blocks:
        text = block.text
        if not _ALNUM.search(text):
            continue
        if skip_linked_headline:
            skip_linked_headline = False
            if _is_headline_like(text):
                continue
        if len(text) <= 200 and _PAGE_END_LINE.fullmatch(text):
            break
        if len(text) <= 400 and _JUNK_LINE.fullmatch(text):
            # A lone "Baca juga" is followed by the headline it links to.
            skip_linked_headline = _LONE_BACA_JUGA.fullmatch(text) is not None
            continue
        paragraphs.append(text)
        headings.append(block.heading)
    return paragraphs, headings


def _story_starts(paragraphs: list[str], headings: list[bool]) -> list[int]:
    """Indexes where a story starts: 0, then every headline that follows a finished paragraph and
    opens a new body. In a file whose first story has no headline, a mid-file headline must be
    followed by a dateline: without one it is more likely a subheading."""
    starts = [0]
    file_has_headline = len(paragraphs) > 1 and (headings[0] or _is_headline_like(paragraphs[0]))
    first_has_dateline = any(find_dateline(p, at_story_start=True) is not None for p in paragraphs[:5])
    for i in range(1, len(paragraphs) - 1):
        body_so_far = i - starts[-1] - (1 if starts[-1] > 0 or file_has_headline else 0)
        if body_so_far >= 1 and _opens_new_story(
            paragraphs, i, body_so_far, file_has_headline, first_has_dateline
        ):
            starts.append(i)
    return starts


def _opens_new_story(
    paragraphs: list[str], i: int, body_so_far: int, file_has_headline: bool, first_has_dateline: bool
) -> bool:
    candidate, previous, following = paragraphs[i], paragraphs[i - 1], paragraphs[i + 1]
    if not _is_headline_like(candidate) or not _finishes(previous):
        return False
    if find_dateline(following) is not None:
        return True
    # Stories pasted from one page share its layout: when the first opened with a dateline, a
    # headline-like line followed by none is a subheading (a listicle's "Dune Bashing di Dubai").
    if first_has_dateline or not file_has_headline or body_so_far < 2:
        return False
    words = candidate.split()
    if len(words) < 5 or _title_case_share(words) < 0.6:
        return False
    # Without a dateline, the next paragraph must read like a news lede: it says when, "Senin
    # (18/11/2024)". A subheading inside an article is followed by more of the same story instead.
    if _LEDE_DATE.search(following[:500]) is None or _CONTINUATION.match(following):
        return False
    if len(following) < 80 or _is_headline_like(following):
        return False
    # At least two body paragraphs follow (stop counting at two: this runs for every candidate).
    window = itertools.islice(paragraphs, i + 1, i + 1 + _LOOKAHEAD_PARAGRAPHS)
    body_after = (p for p in window if not _is_trailer(p))
    return next(body_after, None) is not None and next(body_after, None) is not None


def _read_story(paragraphs: list[str], headings: list[bool], known_title: str | None) -> _Story:
    story = _Story(list(paragraphs))
    rest = story.paragraphs
    if known_title is not None:
        # The front matter names the title: drop the first line only when it repeats it.
        if headings[0] or rest[0].casefold() == known_title.casefold():
            story.title = rest.pop(0)
    else:
        # A section kicker ("NASIONAL") or breadcrumb ("Home » Berita") above the headline is page
        # furniture.
        while len(rest) > 2 and _is_kicker(rest[0]) and _is_headline_like(rest[1]):
            rest.pop(0)
        if len(rest) > 1 and (headings[0] or _is_headline_like(rest[0])):
            story.title = rest.pop(0)
    _take_leading_metadata(story)
    if rest:
        dateline = find_dateline(rest[0], at_story_start=True)
        if dateline is not None:
            story.place, story.source = dateline.place, dateline.outlet
            rest[0] = rest[0][dateline.end :].strip()
            if not rest[0]:
                rest.pop(0)
    _take_trailers(story)
    return story


def _take_leading_metadata(story: _Story) -> None:
    """Byline, outlet-and-date and date lines between the headline and the body (a few at most)."""
    rest = story.paragraphs
    for _ in range(_MAX_LEADING_METADATA_LINES):
        if len(rest) <= 1:
            return
        first = rest[0]
        if len(first) > 200:
            return
        if _BYLINE_LINE.fullmatch(first) or _BYLINE_NO_COLON.fullmatch(first):
            story.bylines.append(first)
        elif outlet_date := _OUTLET_DATE_LINE.fullmatch(first):
            story.source = story.source or outlet_date.group("outlet").lower()
            story.published = story.published or _date_from_match(outlet_date)
        elif date_line := _DATE_LINE.fullmatch(first):
            story.published = _better_published(story.published, date_line)
        elif not _credit_lines_before_dateline(rest):
            return
        else:
            story.bylines.append(first)
        rest.pop(0)


def _credit_lines_before_dateline(rest: list[str]) -> bool:
    """True when rest[0] is one of a few short lines ("Tim detikJatim - detikJatim") standing between
    the headline and the paragraph that opens with the dateline: page credits, not body."""
    for j in range(1, min(len(rest), _MAX_LEADING_METADATA_LINES)):
        if find_dateline(rest[j]) is not None:
            return all(len(p) <= 120 and p[-1] not in ".,;:" for p in rest[:j])
    return False


def _take_trailers(story: _Story) -> None:
    """Credits, editor initials and date lines at the end of the story, into the story's fields."""
    rest = story.paragraphs
    trailers: list[str] = []
    for _ in range(12):  # a handful of trailer lines at most; bounds the loop on odd input
        if not rest:
            break
        last = rest[-1]
        if len(rest) > 1 and len(last) <= 200 and (found := _whole_line_trailer(last)) is not None:
            trailers.insert(0, found)
            rest.pop()
        elif len(rest) > 1 and len(last) <= 200 and (date_line := _DATE_LINE.fullmatch(last)):
            story.published = _better_published(story.published, date_line)
            rest.pop()
        elif (inline := _INITIALS_AT_END.search(last) or _BARE_INITIALS_AT_END.search(last)) is not None:
            trailers.insert(0, inline.group("initials"))
            rest[-1] = last[: inline.start()].rstrip()
        else:
            break
    story.bylines.extend(trailers)


def _whole_line_trailer(line: str) -> str | None:
    if _BYLINE_LINE.fullmatch(line):
        return line
    if found := _INITIALS_LINE.fullmatch(line):
        return found.group("initials")
    if _BARE_INITIALS_LINE.fullmatch(line):
        return line
    return None


def _is_trailer(paragraph: str) -> bool:
    return len(paragraph) <= 200 and (
        _whole_line_trailer(paragraph) is not None or _DATE_LINE.fullmatch(paragraph) is not None
    )


# =============================================================================================
# Stories → Articles


def _articles(
    stories: Sequence[_Story], meta: FrontMatter, warnings: list[str], *, file: str
) -> list[Article]:
    articles: list[Article] = []
    seen_ids: set[str] = set()
    inherited_source: str | None = None
    inherited_published: date | None = None
    for story in stories:
        body, spans = _join_paragraphs(story.paragraphs)
        if not body:
            continue
        number = len(articles) + 1
        title = meta.title if (meta.title and number == 1) else story.title
        # The stories of one file come from one page: its outlet and date hold for all of them.
        source = meta.source or story.source or inherited_source
        published = meta.published or story.published or inherited_published
        inherited_source, inherited_published = source, published
        fingerprint = content_fingerprint(body)
        # The fingerprint folds white space, so without a title the id equals it: one hash, not two.
        article_id = content_fingerprint(f"{title}\n{body}") if title else fingerprint
        if article_id in seen_ids:  # the same story twice in one file
            article_id = f"{article_id}-{number}"
        seen_ids.add(article_id)
        extra: dict[str, Any] = {"warnings": list(warnings)} if warnings and number == 1 else {}
        articles.append(
            Article(
                id=article_id,
                file=file,
                story=number,
                body=body,
                paragraphs=spans,
                title=title,
                source=source,
                dateline=story.place,
                published=published,
                byline="; ".join(story.bylines) or None,
                language=meta.language or detect_language(body),
                url=meta.url,
                author=meta.author,
                fingerprint=fingerprint,
                extra=extra,
            )
        )
    return articles


def _join_paragraphs(paragraphs: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    spans: list[tuple[int, int]] = []
    kept: list[str] = []
    offset = 0
    for paragraph in paragraphs:
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if kept:
            offset += 2  # the "\n\n" between paragraphs
        kept.append(paragraph)
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph)
    return "\n\n".join(kept), tuple(spans)


def detect_language(body: str) -> str:
    """'en' when the text is clearly English by its common words, else 'id'."""
    words = _WORD.findall(body[:_LANGUAGE_SAMPLE_CHARS].lower())
    english = sum(map(_ENGLISH_WORDS.__contains__, words))
    indonesian = sum(map(_INDONESIAN_WORDS.__contains__, words))
    return "en" if english >= 5 and english > 2 * indonesian else "id"


# =============================================================================================
# Small judgements


def _is_headline_like(paragraph: str) -> bool:
    """A short line that does not end like a sentence and is not a dateline, byline or date."""
    if not (_HEADLINE_MIN_CHARS <= len(paragraph) <= _HEADLINE_MAX_CHARS):
        return False
    words = paragraph.split()
    if not (2 <= len(words) <= _HEADLINE_MAX_WORDS):
        return False
    last = paragraph[-1]
    if last in ".,;:" or (last in "\"”’'" and len(paragraph) > 1 and paragraph[-2] in ".,"):
        return False
    if not paragraph[0].isupper() and paragraph[0] not in "\"“'‘":
        return False
    return not (
        _is_trailer(paragraph)
        or _BYLINE_NO_COLON.fullmatch(paragraph)
        or _OUTLET_DATE_LINE.fullmatch(paragraph)
        or find_dateline(paragraph) is not None
    )


def _is_kicker(paragraph: str) -> bool:
    if _BREADCRUMB.fullmatch(paragraph):
        return True
    return len(paragraph) <= 40 and len(paragraph.split()) <= 3 and paragraph[-1] not in _TERMINAL


def _finishes(paragraph: str) -> bool:
    return paragraph[-1] in _TERMINAL or _is_trailer(paragraph)


def _title_case_share(words: list[str]) -> float:
    content = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper()) / len(content)


def _plausible_place(place: str) -> bool:
    """Not a day, a month, a domain, or an acronym without vowels ("DPRD - ...")."""
    first = place.split()[0].casefold()
    if first in _DAYS or first.rstrip(".") in _MONTHS or _DOMAIN_ONLY.search(place):
        return False
    return all(_VOWEL.search(word) for word in place.split())


def _plausible_outlet(outlet: str) -> bool:
    outlet = outlet.strip()
    if not _HAS_LETTER.search(outlet) or outlet.casefold() in _DAYS or outlet.casefold() in _MONTHS:
        return False
    return re.search(r"\d{1,2}/\d{1,2}", outlet) is None  # "(19/5)" is a date, not an outlet


def _colon_dateline(place: str | None, outlet: str | None) -> bool:
    """A colon also introduces speech ("Presiden Joko Widodo (Jokowi): ..."): trust it as a dateline
    separator only with a place in capitals or an outlet that is a domain or starts in capitals."""
    if place is not None and place.isupper():
        return True
    if outlet is None or not outlet.split():
        return False
    return outlet.split()[0].isupper() or _DOMAIN_ONLY.fullmatch(outlet) is not None


def _named_like_outlet(place: str) -> bool:
    return " " not in place and place.lower().endswith(_OUTLET_ENDINGS)


def _place_name(place: str | None) -> str | None:
    if not place:
        return None
    place = place.strip()
    if place.isupper():
        return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), place)
    return place


def _outlet_name(outlet: str | None) -> str | None:
    if not outlet:
        return None
    outlet = outlet.strip()
    domain = _DOMAIN_ONLY.fullmatch(outlet)
    return outlet.lower() if domain else outlet


def _date_from_match(found: re.Match[str]) -> date | None:
    groups = found.groupdict()
    try:
        if groups.get("d1"):
            return date(int(groups["y1"]), _MONTHS[groups["m1"].lower()], int(groups["d1"]))
        if groups.get("d2"):
            return date(int(groups["y2"]), _MONTHS[groups["m2"].lower()], int(groups["d2"]))
        if groups.get("d3"):
            return date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        if groups.get("d4"):
            return date(int(groups["y4"]), int(groups["m4"]), int(groups["d4"]))
    except (ValueError, KeyError):  # 31/2/2025 and the like
        return None
    return None


def _better_published(current: date | None, date_line: re.Match[str]) -> date | None:
    """The first stated date wins: pages give the publication date before any update date."""
    return current or _date_from_match(date_line)


def _front_matter_value(name: str, value: Any) -> Any:
    if name == "published":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_date(str(value)) if isinstance(value, str | int) else None
    if isinstance(value, list) and name == "author":
        value = ", ".join(str(v) for v in value if isinstance(v, str | int | float))
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    text = _SPACES.sub(" ", strip_controls(str(value).replace("\n", " "))).strip()[:_FIELD_MAX_CHARS]
    if not text:
        return None
    if name == "source" and _DOMAIN_ONLY.fullmatch(text):
        return text.lower()
    if name == "language":
        return text.lower()[:8]
    return text
