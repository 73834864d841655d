"""One left-to-right pass over the tokens of a body that finds typed mentions: people (with the
role written before or after them), organisations and places.

Every capitalised run is read from its left: honorifics, then a role title with what it governs
(`Wali Kota Malang`, `Kepala Badan Kepegawaian Negara (BKN)`) and the name after it, else an
organisation, else a place, else a name whose type the words around it decide (`kata Zudan`,
`di Samarinda`, `kebijakan Jokowi`, `Smith, seorang ...`, `Wiryanto sudah tiba`, `Hidayat dan
Airlangga mundur`). Names with no cue are left UNKNOWN for coref to settle against the rest of
the article; on a line in Title Case (a headline) capitals say nothing, so none is guessed there.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache, reduce
from itertools import compress
from operator import and_, itemgetter, or_

from tui.extract.lexicon import load_casefolded, load_lexicon, load_mapping
from tui.extract.model import ORG, PERSON, PLACE
from tui.extract.orgs import (
    expand_org_words,
    is_generic_org,
    is_known_org_acronym,
    is_non_entity_acronym,
    match_org_prefix,
    org_prefix_first_words,
)
from tui.extract.people import (
    NAME_PARTICLES,
    is_affixed_verb,
    is_common_word,
    is_complement_word,
    is_degree,
    is_function_word,
    is_honorific,
    is_role_abbreviation,
    is_title_cue,
    looks_derived,
    looks_like_verb,
    lower_role_last_words,
    match_lower_role_before,
    match_role,
    person_cues,
    role_first_words,
    verb_cues,
)
from tui.extract.places import gazetteer, lookup_place
from tui.extract.tokens import is_acronym, is_initials, tokenize
from tui.extract.vocabulary import is_dictionary_word
from tui.gc_pause import cyclic_collector_paused

UNKNOWN = "UNKNOWN"
ROLE = "ROLE"  # a role title written without a name (`Sekda`, `Wali Kota`)

# Tokens after which the next word is capitalised by rule, so capitals there say nothing.
_OPENERS = frozenset({".", "!", "?", ":", ";", "“", '"', "”", "‘", "'", "(", "—", "–", ">", "|", "…"})
# Words between a name and the speech verb that still make the verb point at the name.
_FILLERS = frozenset({"pun", "juga", "sendiri", "pula", "lantas", "kemudian", "lalu"})
_OPEN_QUOTES = frozenset({"“", '"', "‘", "«", "'"})
_CLOSE_QUOTES = frozenset({"”", '"', "’", "»", "'"})
_DIRECTIONS = frozenset(
    {"utara", "selatan", "barat", "timur", "tengah", "tenggara", "barat-laut", "barat-daya"}
)
# Lower-case words between a role title and its holder's name.
_ROLE_MODIFIERS = frozenset({"terpilih", "baru", "lama", "sementara", "nonaktif", "definitif", "petahana"})
# Words between `yang` and a role title that still give the role to the name before them.
_ROLE_LINKS = frozenset(
    {"juga", "kini", "saat", "ini", "merupakan", "adalah", "menjabat", "sebagai", "pernah"}
)
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
# Words after which a country is where someone comes from, so a place (`pemain asal Inggris`).
_ORIGIN_WORDS = frozenset({"asal", "berasal", "kelahiran"})
# English words that join the words of a title (`Return on Equity`); not `and`, which also joins
# two people (`Lawrence Holley and Ella Drake`).
_ENGLISH_CONNECTIVES = frozenset({"of", "for", "on", "the", "in", "at", "to"})
_ARABIC_ARTICLES = frozenset({"al-", "el-", "ad-", "ar-", "as-", "an-", "at-", "az-"})
_PAREN_ABBREVIATION = re.compile(r"\s*\([^()\n]{0,30}\)")
_SPACE = re.compile(r"\s+")
_LINE = re.compile(r"[^\n]+")
_WORD_INITIAL = re.compile(r"\b[^\W\d_]")
# A line this short with this share of capitalised words is a headline or a caption in Title Case.
_TITLE_MAX_CHARS = 200
_TITLE_MIN_WORDS = 4
_TITLE_CAPS_SHARE = 0.7
# Roles that govern a village or a district, after which a kelurahan/kecamatan name is trusted.
# Offices held by one person, after which an unknown acronym is that person (`Presiden SBY`).
_HEAD_OF_STATE = frozenset({"Presiden", "Wakil Presiden", "Wapres", "Mantan Presiden"})
# Nouns after which a country names a nationality or a language, not a place.
_PEOPLE_OF = frozenset(
    {"warga", "masyarakat", "penduduk", "rakyat", "bangsa", "bahasa", "berbahasa", "orang", "suku"}
)
_LOCAL_ROLES = frozenset({"Lurah", "Camat", "Kepala Desa", "Kades", "Kapolsek", "Danramil"})
_MAX_NAME_WORDS = 6
# Words that join a person to a partner after them (`Hidayat dan Airlangga`, `Prabowo - Hatta`).
_COORDINATORS = frozenset({"dan", "atau", ",", "serta", "-", "–"})
# What `_after_person` reads after a name starts with one of these (`, S.H.`, `(Jokowi)`, `, Ketua`).
_AFTER_NAME_MARKS = frozenset({",", "("})
# Words that join a person to an untyped partner before them (`Hidayat dan Airlangga`).
_PARTNER_JOINS = frozenset({"dan", "serta", "atau", "-", "–"})
# How far past either end of the tokens a rule may look (`tx[end + 3]`, `tx[k - 2]`).
_PAD = 16
# How many times `_written_lower` scans the tokens before it builds a set of the lower-case words.
_LOWER_SCANS = 4
_TEXTS_PAD = [""] * _PAD
_CAPS_PAD = [False] * _PAD
_MAX_PLACE_WORDS = 5


@dataclass(frozen=True, slots=True)
class Found:
    """A mention before coref: its type, where it is, and the canonical name it proposes."""

    type: str  # PERSON, ORG, PLACE, UNKNOWN (a capitalised name no cue has typed yet) or ROLE
    start: int
    end: int
    name: str
    role: str | None = None
    acronym: str | None = None  # an acronym defined for this organisation in the text
    sentence_initial: bool = False


def find_mentions(body: str) -> list[Found]:
    """Typed mentions in text order. Never raises on any string."""
    # The pass makes tens of thousands of small acyclic objects per long article; the cycle
    # collections their allocations trigger would find nothing (about a tenth of the pass).
    with cyclic_collector_paused():
        return _Scanner(body).scan()


@dataclass(frozen=True, slots=True)
class _Lexicons:
    """The lexicons the scanner reads, gathered once per process rather than once per article."""

    cues: frozenset[str]
    verb_cues: frozenset[str]
    place_context: frozenset[str]
    place_prefixes: frozenset[str]
    admin_prefixes: frozenset[str]
    function_words: frozenset[str]
    place_prefix_heads: frozenset[str]
    owned_nouns: frozenset[str]
    apposition_heads: frozenset[str]
    subunit_heads: frozenset[str]
    org_suffixes: frozenset[str]
    company_forms: frozenset[str]
    english_role_heads: frozenset[str]
    online_services: frozenset[str]
    world_places: frozenset[str]
    subject_adverbs: frozenset[str]
    common_capitalised: frozenset[str]
    non_name_words: frozenset[str]
    place_suffixes: frozenset[str]
    person_companions: frozenset[str]
    person_prepositions: frozenset[str]


@cache
def _lexicons() -> _Lexicons:
    place_prefixes = load_lexicon("place_prefixes")
    return _Lexicons(
        cues=person_cues(),
        verb_cues=verb_cues(),
        place_context=load_lexicon("place_context"),
        place_prefixes=place_prefixes,
        admin_prefixes=load_lexicon("admin_place_prefixes"),
        function_words=load_casefolded("function_words"),
        place_prefix_heads=frozenset(p.split()[0] for p in place_prefixes),
        owned_nouns=load_casefolded("person_owned_nouns"),
        apposition_heads=load_casefolded("apposition_heads"),
        subunit_heads=load_lexicon("org_subunit_heads"),
        org_suffixes=load_lexicon("org_suffixes"),
        company_forms=load_lexicon("company_forms"),
        english_role_heads=load_lexicon("english_role_heads"),
        online_services=load_lexicon("online_services"),
        world_places=load_lexicon("world_places"),
        subject_adverbs=load_lexicon("subject_adverbs"),
        common_capitalised=load_lexicon("common_capitalised_words"),
        non_name_words=load_lexicon("non_name_words"),
        place_suffixes=load_lexicon("place_suffixes"),
        person_companions=load_casefolded("person_companions"),
        person_prepositions=load_casefolded("person_prepositions"),
    )


class _Scanner:
    def __init__(self, body: str) -> None:
        self.body = body
        tokens = tokenize(body)
        self.texts, self.starts, self.ends = tokens.texts, tokens.starts, tokens.ends
        self.n = len(self.texts)
        # Capitalised tokens start every mention; the pass visits only these.
        # Padded at the end (a rule reads only indices below n from it, but may look past the end).
        self.caps = list(map(str.isupper, map(itemgetter(0), self.texts)))
        self.caps += _CAPS_PAD
        # The token texts padded at the end, so that a rule may look a few tokens past either end
        # (index -1 is a pad too) without a bounds test: `tx[k]` is "" and `capx[k]` False there.
        self.tx = self.texts + _TEXTS_PAD
        self.capx = self.caps
        # Indices of the tokens that open a line: a name never runs over a line break.
        self.line_openers = _line_openers(body, self.starts)
        self.found: list[Found] = []
        self.lex = lex = _lexicons()
        self.cues = lex.cues
        self.verb_cues = lex.verb_cues
        self.place_context = lex.place_context
        self.place_prefixes = lex.place_prefixes
        self.admin_prefixes = lex.admin_prefixes
        self.function_words = lex.function_words
        self.place_prefix_heads = lex.place_prefix_heads
        self.owned_nouns = lex.owned_nouns
        self.apposition_heads = lex.apposition_heads
        self.subunit_heads = lex.subunit_heads
        self.org_suffixes = lex.org_suffixes
        self.company_forms = lex.company_forms
        self.english_role_heads = lex.english_role_heads
        self.online_services = lex.online_services
        self.non_entity: set[str] = set()  # acronyms this article defines as common nouns
        self.defined: dict[str, str] = {}  # casefolded acronym → the organisation it stands for
        self.person_alias: dict[str, str] = {}  # casefolded short name in brackets → the person
        self.title_tokens: frozenset[int] | None = None  # built on first need
        self.lower_words: frozenset[str] | None = None  # built when asked often
        self.lower_asks = 0
        # (token index, or -1 - index when minor regions are left out) → lookup_place's answer there
        self.place_hits: dict[int, tuple[int, str] | None] = {}

    # -- small predicates -------------------------------------------------------------------
    def same_line(self, j: int) -> bool:
        """Token j is on the line of token j-1: a name never runs over a line break."""
        return j not in self.line_openers

    def sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        return self.texts[i - 1] in _OPENERS or i in self.line_openers

    def emit(
        self, type_: str, i: int, j: int, name: str, role: str | None = None, acronym: str | None = None
    ) -> int:
        """Record tokens i..j-1 as a mention; returns its index in self.found."""
        if type_ == PERSON and self.tx[i - 1] in _PARTNER_JOINS:
            self._type_partner_before(i)
        initial = i == 0 or self.texts[i - 1] in _OPENERS or i in self.line_openers
        self.found.append(Found(type_, self.starts[i], self.ends[j - 1], name, role, acronym, initial))
        return len(self.found) - 1

    def words(self, i: int, j: int) -> list[str]:
        """Token texts i..j-1 without parenthesised pieces."""
        tokens = self.texts[i:j]
        if "(" not in tokens and ")" not in tokens:
            return tokens  # nearly always: no brackets to leave out
        out, depth = [], 0
        for t in tokens:
            if t == "(":
                depth += 1
            elif t == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                out.append(t)
        return out

    def span_text(self, i: int, j: int) -> str:
        raw = self.body[self.starts[i] : self.ends[j - 1]]
        return _SPACE.sub(" ", _PAREN_ABBREVIATION.sub("", raw)).strip(" ,")

    # -- the pass ---------------------------------------------------------------------------
    def scan(self) -> list[Found]:
        next_free = 0
        texts = self.texts
        # Built in C (compress, list.index) rather than a per-token loop: this list is the whole
        # pass. The capitalised tokens, and the few heads of bodies written in lower case.
        starts: Iterable[int] = compress(range(self.n), self.caps)
        lower_heads = _indices_of(texts, "kementerian") + _indices_of(texts, "pemerintah")
        if lower_heads:
            starts = sorted([*starts, *lower_heads])
        facts_of = _FACTS
        for i in starts:
            if i >= next_free:
                facts = facts_of[texts[i]]
                # Most starts are no ministry or government head: skip that call for them.
                body_end = self._lower_case_body(i) if facts & _F_BODY_HEAD else 0
                if not body_end and facts & _F_FUNCTION:
                    next_free = i + 1  # `Namun`, `Dalam`, `Senin` open no mention
                    continue
                end = body_end or self._run(i, facts)
                next_free = end if end > i else i + 1
        return self.found

    def _lower_case_body(self, i: int) -> int:
        """`kementerian luar negeri Mesir`, `Kementerian pertahanan Rusia`, `pemerintah Suriah`: a
        ministry or a government written (partly) in lower case. Emits the ORG under its
        capitalised name and returns where it ends, or 0."""
        head = self.texts[i].casefold()
        if head not in _LOWER_CASE_BODY_HEADS:
            return 0
        k = i + 1
        if head == "kementerian":
            size = _portfolio_at(self.texts, k)
            if not size or not any(t.islower() for t in self.texts[k : k + size]):
                return 0  # `Kementerian Luar Negeri`: the capitalised pass reads it
            k += size
        place = self._place_at(k, allow_minor=False, facilities=False) if self.capx[k] else None
        if place and place[1] in load_lexicon("world_places"):
            k = place[0]
        elif head == "pemerintah":
            return 0  # `pemerintah daerah`, `pemerintah pusat`: no body named
        words = [w if w.isupper() else w.capitalize() for w in self.texts[i:k]]
        self.emit(ORG, i, k, " ".join(words))
        return k

    def _in_title_line(self, i: int) -> bool:
        """Token i stands on a short line written in Title Case (`Todung: Persekusi Hanya Terjadi
        di Negara Gagal`): there capitals say nothing about names."""
        if self.title_tokens is None:
            self.title_tokens = self._title_line_tokens()
        return i in self.title_tokens

    def _title_line_tokens(self) -> frozenset[int]:
        """The indices of the tokens on lines written in Title Case."""
        out: set[int] = set()
        for line_start, line_end in zip(*_title_line_spans(self.body), strict=True):
            out.update(range(bisect_left(self.starts, line_start), bisect_left(self.starts, line_end)))
        return frozenset(out)

    def _in_web_address(self, i: int) -> bool:
        """`JATIMSATUNEWS.COM`, `detik.com`: words glued to a dot are a web address."""
        starts, ends, texts = self.starts, self.ends, self.texts
        if i >= 2 and texts[i - 1] == "." and ends[i - 1] == starts[i]:
            return ends[i - 2] == starts[i - 1]
        if i + 2 < self.n and texts[i + 1] == "." and starts[i + 1] == ends[i]:
            return starts[i + 2] == ends[i + 1] and texts[i + 2][0].isalpha()
        return False

    def _acronym_definition_after(self, i: int) -> int:
        """If the capitalised words from i are followed by `(ACRONYM)`, the index of `)`, else 0."""
        caps, tx = self.caps, self.tx
        j, stop = i, min(self.n, i + 10)
        while j < stop and (caps[j] or (tx[j] == "dan" and caps[j + 1])):
            j += 1
        if tx[j] != "(":
            return 0  # nearly always: no bracket after the words
        if j > i and self.texts[j - 1] == ")":
            return 0
        if j > i and self.tx[j] == "(" and self.tx[j + 2] == ")" and self._short_form_of(i, j + 1):
            return j + 2
        return 0

    def _short_form_of(self, i: int, k: int) -> bool:
        """Token k is a short form of the capitalised words from i: an acronym (`BKN`) or a
        syllable acronym starting like them (`Mukernas` for `Musyawarah Kerja Nasional`)."""
        short = self.texts[k]
        if short in load_mapping("org_abbreviations"):
            return False  # `Pemerintah Kota (Pemkot) Malang`: a short form inside the name
        first = short[0].upper()
        if first != self.texts[i][0] and not (is_acronym(self.texts[i]) and first == self.tx[i + 1][:1]):
            # `Rieke Diah Pitaloka (PDIP)` names a party, it does not define one; but `PT Melati
            # Technofo Indonesia (MTI)` leaves the company's form out of its acronym.
            return False
        return is_acronym(short) or (self.caps[k] and short.isalpha() and k - 2 > i)

    def _in_address(self, end: int) -> bool:
        """`Menteng, Jakarta Pusat`, `di RSPP, Cikini, Jakarta`: a name right before `, <region>`."""
        return (
            self.tx[end] == ","
            and self.capx[end + 1]
            and self._place_at(end + 1, allow_minor=False, facilities=False) is not None
        )

    def _coordinated_with_person(self, i: int) -> bool:
        """`Hidayat dan Airlangga`, `Prabowo - Hatta`: the partner of a person is one."""
        if i < 2 or self.texts[i - 1] not in _COORDINATORS:
            return False
        last = self.found[-1] if self.found else None
        return last is not None and last.type == PERSON and last.end == self.ends[i - 2]

    def _type_partner_before(self, i: int) -> None:
        """`Hidayat dan Airlangga mundur`, `Yulianis, dan Oktarina`: an untyped name joined to the
        person at i by `dan`, `serta`, `atau` or a comma in a list is a person too."""
        k = i - 1
        if self.tx[k] in ("dan", "serta", "atau") and self.tx[k - 1] == ",":
            k -= 1
        elif self.tx[k] not in ("dan", "serta", "atau", "-", "–"):
            return
        last = self.found[-1] if self.found else None
        if last is not None and last.type == UNKNOWN and k >= 1 and last.end == self.ends[k - 1]:
            self.found[-1] = replace(last, type=PERSON)

    def _object_of(self, i: int) -> bool:
        """The word before i takes a person as its object: a me-/di- verb or a preposition of people."""
        prev = self.tx[i - 1]
        return prev.casefold() in self.lex.person_prepositions or _looks_like_verb(prev)

    def _shouting(self, k: int) -> bool:
        """Token k stands among words written all in capitals (`PEMKOT GELAR RETRET UNTUK ASN`):
        there capitals say nothing about acronyms."""
        near = self.texts[max(0, k - 2) : k + 3]
        return sum(1 for t in near if t[0].isalpha() and _FACTS[t] & _F_ACRONYM) >= 3

    def _ends_mention(self, k: int) -> bool:
        last = self.found[-1] if self.found else None
        return last is not None and last.end == self.ends[k]

    def _acts_as_person(
        self, i: int, end: int, words: list[str], initial: bool, any_bits: int, all_bits: int
    ) -> bool:
        """`Jokowi memutuskan`, `Bambang Widjojanto tetap dilantik`, `Fernita percaya`: a name as the
        subject of a verb. Words that are all common words too (`Harga naik`) count only
        mid-sentence: two words or more, or one word right after a comma (`..., Agung justru
        melihatnya`)."""
        if any_bits & _F_HYPHEN:
            return False
        common = all_bits & _F_DICTIONARY
        if any_bits & _F_ROMAN and all(_FACTS[w] & (_F_DICTIONARY | _F_ROMAN) for w in words):
            return False  # `Perang Dunia I berakhir`: a numbered event, common words and a numeral
        if common and initial:
            return False
        if common and len(words) == 1 and self.tx[i - 1] != ",":
            # Mid-sentence a capital is written on purpose: a dictionary word there (`bahwa Angel
            # memiliki`) is a name when the text never writes it in lower case.
            return not self._written_lower(words[0]) and self._acts(end)
        if initial and len(words) >= 2 and _FACTS[words[0]] & _F_AFFIXED_VERB:
            return False  # `Menyerap Shakespeare, ...`: a verb opens the sentence
        if self._acts(end):
            return True
        # A word no dictionary knows, before `sudah`, `akan`, `percaya`: the subject of a clause.
        return not common and self.tx[end] in self.lex.subject_adverbs

    def _written_lower(self, word: str) -> bool:
        """`word` also stands in lower case in this body, so it is a common word here."""
        low = word.casefold()
        if self.lower_words is None:
            self.lower_asks += 1
            if self.lower_asks <= _LOWER_SCANS:
                # Asked about once an article: a C-level scan of the tokens is cheaper than a set
                # of every lower-case word; the set is built once the question comes back often.
                return low[:1].islower() and low in self.texts
            self.lower_words = frozenset(
                compress(self.texts, map(str.islower, map(itemgetter(0), self.texts)))
            )
        return low in self.lower_words

    def _apposition_after(self, end: int, words: list[str]) -> bool:
        """`Smith, wakil presiden ...`, `Rouhani, seorang tokoh moderat`, `Gates, yang ...`: a name
        followed by a comma and a description of a person."""
        if self.tx[end] != ",":
            return False
        head = self.tx[end + 1]
        if not head.islower():
            return False
        if head in self.apposition_heads:
            return True
        return head == "yang" and not all(map(is_dictionary_word, words))

    def _role_follows(self, end: int) -> bool:
        """`Marwan yang juga Ketua Fraksi PKB`, `Agus, yang kini menjabat Kepala Dinas`: a name
        followed by `yang` and a role title is the holder of that role."""
        k = end + (self.tx[end] == ",")
        if self.tx[k] != "yang":
            return False
        k += 1
        while self.tx[k] in _ROLE_LINKS and k - end < 5:
            k += 1
        return bool(match_role(self.texts, k)) or self.tx[k] in self.apposition_heads

    def _as_role(self, end: int) -> bool:
        """`pengangkatan Prasetyo sebagai Jaksa Agung`, `menerima Angel sebagai calon legislator`:
        a name given a role or a description of a person by `sebagai` is a person."""
        if self.tx[end] != "sebagai":
            return False
        nxt = self.tx[end + 1]
        return bool(match_role(self.texts, end + 1)) or (nxt.islower() and nxt in self.apposition_heads)

    def _opens_sentence_only(self, k: int) -> bool:
        """Token k opens a sentence and is a common word (`Kisah`, `Mundurnya`), capitalised only
        by its place. Derived nouns and affixed verbs count (`Kedatangan Jokowi`)."""
        word = self.texts[k]
        return (
            is_common_word(word) or is_dictionary_word(word) or looks_derived(word) or is_affixed_verb(word)
        )

    def _acts(self, end: int) -> bool:
        """The words after a name make it the subject of a verb (`memutuskan`, `sudah datang`)."""
        nxt = self.tx[end]
        if _FACTS[nxt] & _F_ACTS_VERB:
            return True
        adverbs = self.lex.subject_adverbs
        return nxt in adverbs and (_FACTS[self.tx[end + 1]] & _F_ACTS_VERB or self.tx[end + 1] in adverbs)

    def _skip_title(self, i: int) -> int:
        """The capitalised run of a title (`predikat Nawasena`, `kategori Media Sosial`)."""
        j = i
        while j < self.n and (self.capx[j] or (self.tx[j] in ("dan", "&", "-", "/") and self.capx[j + 1])):
            j += 1
        return j

    def _run(self, i: int, facts: int) -> int:
        """Read the mention that starts at token i (whose facts are `facts`); returns where it ends."""
        tok = self.texts[i]
        if facts & _F_FUNCTION or (
            (self.tx[i - 1] == "." or self.tx[i + 1] == ".") and self._in_web_address(i)
        ):
            return i + 1  # `Namun`, `Dalam`, `Senin` open no mention
        before = _FACTS[self.texts[i - 1]] if i else 0
        if before & _F_TITLE_CUE:
            return self._skip_title(i)
        if self.person_alias:
            alias_of = self.person_alias.get(tok.casefold())
            if alias_of is not None:  # `SBY` after `Susilo Bambang Yudhoyono (SBY)`
                return self._after_person(i + 1, self.emit(PERSON, i, i + 1, alias_of))
        if before & _F_LOWER_ROLE_LAST:
            lower_role = match_lower_role_before(self.texts, i)
            if lower_role and self.texts[i - 1] not in self.cues and not match_role(self.texts, i):
                # `kata juru bicara Mayjen Shaukat Sultan`, `pemimpin MDC Morgan Tsvangirai`: a role
                # written in lower case mid-sentence still names the holder after it.
                return self._role_run(i - lower_role, lower_role)
        if not facts & _F_RUN_SPECIAL and (not self.defined or tok.casefold() not in self.defined):
            # No honorific, role, body, acronym or place opens here (the checks below would all
            # fail): an untyped name, read by its context.
            return self._unknown_run(i, facts)
        j = i
        if facts & _F_OPENING_HONORIFIC and _name_word_kind(self.tx[i + 1]) == _NAME_WORD:
            j += 1  # `H Mohamad Nasir`: the pilgrim's title without its dot
        while (_FACTS[self.tx[j]] & _F_HONORIFIC or (j > i and self._rank_grade(j))) and self.capx[j + 1]:
            j += 1
        honorific = j > i
        if honorific and self.texts[j] in self.place_prefix_heads:
            return j + 1  # `Ibu Kota`, `Bapak Kota`: a common noun (the capital city), no person
        if not honorific:
            # A region of two words or more beats a role word inside it (`Raja Ampat`).
            place = self._place_at(i, allow_minor=False, facilities=False) if facts & _F_OPENS_PLACE else None
            if place and place[0] - i >= 2 and not match_role(self.texts, i) > place[0] - i:
                self.emit(PLACE, i, place[0], place[1])
                return place[0]
        size = match_role(self.texts, j) if _FACTS[self.texts[j]] & _F_ROLE_FIRST else 0
        if size:
            # `CEO`, `CTO`: an English title takes its company before the name.
            return self._role_run(j, size, english=bool(_CHIEF_OFFICER.fullmatch(self.texts[j])))
        if honorific and is_acronym(self.texts[j]) and not is_known_org_acronym(self.texts[j]):
            return self._after_person(j + 1, self.emit(PERSON, j, j + 1, self.texts[j]))  # `Pak SBY`
        if honorific:
            end = self._name_end(j)
            if end - j >= 2 and is_dictionary_word(self.texts[j]) and not _name_like(self.words(j, end)):
                return end  # `Panitia Ibadah Haji Embarkasi Batam`: `Haji` opens no name here
            cut = next((p for p in range(j + 1, end) if _common_in_headline(self.texts[p])), end)
            if cut < end and self._in_title_line(j):
                end = cut  # `Saudara Marcuskevin Tinggal Selangkah ...` in a headline
            if end > j:
                # `Gus Dur`, `Bung Karno`: a familiar title and one word make the name.
                if end == j + 1 and self.texts[j - 1] in load_lexicon("name_honorifics"):
                    j -= 1
                index = self.emit(PERSON, j, end, " ".join(self.words(j, end)))
                return self._after_person(end, index)
            return j
        end = self._org_at(i, in_role=False) if facts & _F_ORG_OPENER or self.defined else 0
        if end:
            return end
        place = None
        if facts & _F_OPENS_PLACE:
            place = self._place_at(i, allow_minor=self._minor_context(i))
        if place:
            end, name = place
            part = self.tx[end]
            if (
                (part in _DIRECTIONS or (part.casefold() in _DIRECTIONS and not self._in_title_line(end)))
                and name in load_lexicon("world_places")
                and self.same_line(end)
            ):
                # `Gaza selatan`, `Libya Barat`: a part of the place.
                name = f"{name} {part.capitalize()}"
                end += 1
            elif part == "City" and self.same_line(end) and name in load_lexicon("world_places"):
                name, end = f"{name} City", end + 1  # `Gaza City`: the city of that name
            if self._names_something_else(end):
                # `Indonesia Corruption Watch`, `Kabinet Indonesia Bersatu`: the place opens the
                # name of a body or a thing, which is not a place.
                return self._skip_title(i)
            if not self._nationality_use(i, name):
                self.emit(PLACE, i, end, name)
            return end
        return self._unknown_run(i, facts)

    def _names_something_else(self, end: int) -> bool:
        """The capitalised word right after a place (token `end`) makes the run the name of
        something other than the place: an English generic noun or an affixed Indonesian word."""
        if not self.capx[end] or not self.same_line(end):
            return False
        word = self.texts[end]
        return word in self.lex.non_name_words or _looks_like_affixed_word(word) or is_affixed_verb(word)

    def _nationality_use(self, i: int, name: str) -> bool:
        """`serangan udara Israel`, `perusahaan farmasi Inggris`, `pemerintah Indonesia`: a country
        right after a common noun says whose, not where, so it is no place mention. After a
        preposition (`di Israel`), a verb (`menyerang Israel`) or at a sentence start it is one."""
        if i == 0 or name not in self.lex.world_places:
            return False
        prev = self.texts[i - 1]
        if not prev.isalpha() or not prev.islower():
            return False
        if prev in _PEOPLE_OF:
            return True  # `masyarakat Indonesia`, `bahasa Jepang`: the people or the language
        if prev in self.function_words or prev in self.place_context or _looks_like_verb(prev):
            return False
        if prev in _ORIGIN_WORDS:
            return False  # `pemain asal Inggris`: where someone comes from is a place
        return True

    # -- roles and people -------------------------------------------------------------------
    def _role_run(self, j: int, size: int, *, apposition_of: int | None = None, english: bool = False) -> int:
        """A role title at j (size tokens), what it governs, and the person it names."""
        role_start = j
        k = j + size
        role_end = k
        title = " ".join(self.words(j, k))
        local = title in _LOCAL_ROLES
        title_end = k
        while k < self.n:
            if (
                self.tx[k] == "("
                and self.tx[k + 2] == ")"
                and (is_role_abbreviation(self.tx[k + 1]) or self.capx[k + 1])
                and match_role(self.texts, k + 3)
            ):
                k += 3  # `Penjabat (Pj.) Wali Kota`
                continue
            more = match_role(self.texts, k)
            if more and not is_complement_word(self.tx[k]):
                k += more
                role_end = title_end = k
                continue
            if self.tx[k] == "(" and self.tx[k + 2] == ")" and is_role_abbreviation(self.tx[k + 1]):
                k += 3  # `Sekretaris Daerah (Sekda) Kota Malang`
                continue
            break
        # What the role governs: institutions, places, portfolio words.
        while k < self.n:
            if k > title_end and self.texts[k] in self.org_suffixes and self.same_line(k):
                k = role_end = k + 1  # `Manajer Newcastle United Rafa Benitez`: the suffix ends the body
                continue
            end = self._org_at(k, in_role=True)
            if end:
                k = role_end = end
                continue
            place = self._place_at(k, allow_minor=local, facilities=False)
            if place:
                self.emit(PLACE, k, place[0], place[1])
                k = role_end = place[0]
                local = False  # `Kepala Desa Sukamaju Darmaji`: one village, then the name
                continue
            tok = self.texts[k]
            if self._balinese_name_at(k):
                break
            if k >= title_end and is_honorific(tok) and self._past_ranks(k) > k:
                break  # `Kapolres Inhil AKBP Dolifar Manurung`: the rank opens the name, not the body
            if role_end > title_end and self._initials_before_name(k):
                # `Anggota Fraksi PDI Perjuangan TB Hasanuddin`: once the body is named, two
                # capitals open the name (right after the title, `Ketua BK`, they are the body).
                break
            if is_acronym(tok) and title in _HEAD_OF_STATE and self._lone_person_acronym(k):
                # `Presiden SBY`: initials are the name of the one who holds the office.
                index = self.emit(PERSON, k, k + 1, tok, role=self.span_text(role_start, role_end))
                return self._after_person(k + 1, index)
            if self.capx[k] and (is_complement_word(tok) or is_acronym(tok)):
                k = role_end = k + 1
                continue
            if tok == "(" and self.tx[k + 1] in self.company_forms and self.tx[k + 2] == ")":
                k = role_end = k + 3  # `General Manager PT Pertamina (Persero) Yanuar Budi`
                continue
            if (_is_brand(tok) or tok in self.online_services) and self.same_line(k):
                self.emit(ORG, k, k + 1, tok)  # `CEO ViuGraph Wahyu Widi`: the company, then the name
                k = role_end = k + 1
                continue
            if tok in ("dan", ",", "&") and self.capx[k + 1] and is_complement_word(self.tx[k + 1]):
                k += 1
                continue
            if (
                tok in ("dan", "&")
                and self.capx[k + 1]
                and self.capx[k + 2]
                and not is_acronym(self.tx[k + 1])
                and not match_role(self.texts, k + 1)
            ):
                k = role_end = k + 2  # `Direktur Pemasaran dan Niaga Pertamina`: one more portfolio word
                continue
            number = self._unit_number_end(k)
            if number:
                k = role_end = number  # `Ketua RT 3/RW VIII`: the unit's number is part of its name
                continue
            words_end = self._name_end(k)
            body_end = self._body_goes_on(k, words_end) if words_end > k else 0
            inner_suffix = next(
                (p for p in range(k + 1, words_end - 1) if self.texts[p] in self.org_suffixes), 0
            )
            if inner_suffix and _name_like(self.words(inner_suffix + 1, words_end)):
                body_end = inner_suffix + 1  # `Managing Partner East Ventures Willson Cuaca`
            elif words_end - k >= 3 and not _name_like(self.words(k, words_end)):
                # `General Manager Bandara Hang Nadim Batam, Suwarso`, `Chairman Social Media Week
                # Jakarta`: words with a region in them, or all common words, name a body or an
                # event; a name may still follow the region (`Divre II Sumatera Barat Sulthon`).
                body_end = self._past_last_region(k, words_end)
            if body_end:
                # `Kepala Stasiun Meteorologi Badan ...`, `Kepala Bidang Informasi Gempa Bumi dan
                # Peringatan Dini BMKG Daryono`, `CEO Papillon Group Vicky ...`: words that more of
                # a body's name follows are a unit of it, not the holder.
                k = role_end = body_end
                continue
            break
        role = self.span_text(role_start, role_end)
        # The name: right after the role, or after a comma (`Wali Kota Malang, Wahyu Hidayat,`).
        start = k
        modifier = self.tx[k]
        if (
            modifier in _ROLE_MODIFIERS
            or (modifier.casefold() in _ROLE_MODIFIERS and not self._in_title_line(k))
        ) and self.capx[k + 1]:
            # `Presiden terpilih Joko Widodo`, `Kapolri baru Badrodin Haiti`, and the same with the
            # modifier capitalised as part of the title (`Presiden Terpilih Joko Widodo`), but not
            # in a headline, where every word is capitalised (`Tersangka Baru Kasus Suap`).
            start = k = k + 1
        if self.tx[k] == "," and apposition_of is None and not self._place_at(k + 1, allow_minor=False):
            start = k + 1  # not `kantor Presiden, Jakarta`
        start = self._past_ranks(start)
        past = self._past_title_words(start)
        if past > start and start == k:
            role = self.span_text(role_start, past)  # the skipped words finish the body's name
            self._emit_places(start, past)
            role_end = past
        start = past
        end = self._name_end(start) if start < self.n and self.same_line(start) else start
        if end > start:
            # A headline capitalises every word (`Pengusaha Merupakan Donatur Utama`): there the
            # name stops at the first common word, and a verb among the body's words (`Hakim
            # Putuskan Larangan Imigrasi Trump`) says the words after the title are a sentence.
            if self._in_title_line(start):
                cut = next((p for p in range(start, end) if _common_in_headline(self.texts[p])), end)
                verb = any(map(is_affixed_verb, self.words(title_end, role_end)))
                if cut < end or verb:
                    end = start if verb else cut
        if (
            english
            and end == start + 1
            and (start == title_end or self._place_at(end, allow_minor=False, facilities=False))
        ):
            # `kata Chief Executive Disney`, `Marketing Director PT Bridgestone Tire Indonesia`:
            # after an English title one word (before its country) is the company.
            self.emit(ORG, start, end, self.texts[start])
            role_end = end
            name_end = self._name_end(end + 1) if self.tx[end] == "," else 0
            if name_end > end + 1:  # `CTO Line, Park Euivin`: the holder after the company
                role = self.span_text(role_start, role_end)
                start, end = end + 1, name_end
            else:
                end = start
        if apposition_of is not None and end > start and not self._holder_after_apposition(start, end):
            end = start
        if end > start:
            # After `X, <role>` a name right after the role is the one who holds it (`Abdul, Bupati
            # Pulau Morotai Beny Laos`), not X.
            index = self.emit(PERSON, start, end, " ".join(self.words(start, end)), role=role)
            return self._after_person(end, index)
        if apposition_of is not None:
            old = self.found[apposition_of]
            if old.role is None:
                self.found[apposition_of] = replace(old, type=PERSON, role=role)
        else:
            # `Sekda menegaskan`: a role with no name may stand for the one person holding it.
            self.emit(ROLE, j, title_end, role)
        return max(role_end, j + size)

    def _holder_after_apposition(self, start: int, end: int) -> bool:
        """In `X, <role> <words>`, the words start..end-1 name another person who holds the role
        (`Abdul, Bupati Pulau Morotai Beny Laos`) rather than finish the body's name (`Rami,
        Direktur Observatorium Suriah`, `Rohika, Asisten Deputi Pemenuhan Hak Anak`): a name of
        no dictionary word first, and one word only when a list or a clause goes on after it;
        two words or more that are not all dictionary words when the list goes on (`Susi, Ketua
        Kadin Jawa Barat Agung Suryamal, dan ...`)."""
        words = self.words(start, end)
        if not _name_like(words):
            return False
        listed = self.tx[end] in (",", "dan", "serta", ".")
        if is_dictionary_word(words[0]):
            return listed and len(words) >= 2 and not all(map(is_dictionary_word, words))
        return len(words) >= 2 or listed

    def _english_role_end(self, i: int) -> int:
        """`Regional Partnership Manager`, `Chief Marketing Officer`: capitalised words from i that
        end with an English job title's head word and a capitalised word after it; returns where
        the title ends, or 0."""
        heads = self.english_role_heads
        if heads.isdisjoint(self.texts[i + 1 : i + 5]):
            return 0  # asked at every untyped name: most have no head word near
        j = i
        while j < self.n and j - i < 5 and self.caps[j] and self.texts[j].replace("-", "").isalpha():
            if j > i and not self.same_line(j):
                break
            if self.texts[j] in heads:
                return j + 1 if j > i and self.capx[j + 1] and self.same_line(j + 1) else 0
            j += 1
        return 0

    def _past_last_region(self, k: int, end: int) -> int:
        """Where the last region among tokens k..end-1 ends, or `end` if there is none."""
        last, p = 0, k
        while p < end:
            place = self._place_at(p, allow_minor=False, facilities=False)
            if place and place[0] <= end:
                last = p = place[0]
            else:
                if lookup_place([self.texts[p]], allow_minor=False):
                    last = p + 1  # `Pulau Morotai`: a region's word inside its longer name
                p += 1
        return last or end

    def _past_ranks(self, k: int) -> int:
        """Where the name starts after honorifics and ranks at k (`Laksamana Madya`, `Brigadir
        Jenderal`, `Jenderal TNI`, `AKBP`), or k if none is there."""
        j = k
        while (is_honorific(self.tx[j]) or (j > k and self._rank_grade(j))) and self.capx[j + 1]:
            j += 1
        if j > k and is_acronym(self.tx[j]) and self.capx[j + 1] and self.same_line(j + 1):
            if _name_word_kind(self.texts[j + 1]) == _NAME_WORD:
                j += 1  # `Jenderal TNI Gatot Nurmantyo`, `Brigjen Pol Rikwanto`: the service after the rank
        return j

    def _unit_number_end(self, k: int) -> int:
        """`RT 3/RW VIII`, `RW 05`: numbers (and `/` with the next unit) after a unit's acronym;
        returns where they end, or 0."""
        if not (k and self.caps[k - 1] and is_acronym(self.texts[k - 1])):
            return 0
        j = k
        while j < self.n and j - k < 6 and self.same_line(j):
            t = self.texts[j]
            if t.isdigit() or (j > k and _ROMAN_NUMERAL.fullmatch(t)):
                j += 1
            elif t == "/" and j > k and self.capx[j + 1] and is_acronym(self.tx[j + 1]):
                j += 2
            else:
                break
        return j if j > k and self.texts[k].isdigit() else 0

    def _body_goes_on(self, k: int, end: int) -> int:
        """The capitalised words k..end-1 after a role are followed by more of a body's name (a
        body, an organisation's suffix, a rank before the holder's name, its acronym before a
        name, or `dan` and more common words), so they name a unit of that body rather than the
        holder. Returns where the body's words read so far end, or 0."""
        if end >= self.n or not self.same_line(end):
            return 0
        nxt = self.texts[end]
        if nxt in self.org_suffixes and self._name_end(end + 1) > end + 1:
            return end + 1  # `CEO Papillon Group Vicky Saputra`: the suffix ends the body
        if match_org_prefix(self.texts, end):
            return end
        past = self._past_ranks(end)
        if past > end and self._name_end(past) > past:
            return end  # `Kanit Reskrim Polsek Metro Tanah Abang Kompol Mustakim`: a rank opens the name
        if nxt == "(" and self.tx[end + 2] == ")" and is_acronym(self.tx[end + 1]):
            # `Direktur Lingkar Madani (Lima) ...`, but not a person's own initials (`Budi Santoso (BS)`).
            initials = "".join(w[0] for w in self.words(k, end)).upper()
            if self.tx[end + 1].upper() != initials and self._name_end(end + 3) > end + 3:
                return end
            return 0
        common = all(map(is_dictionary_word, self.words(k, end)))
        if is_acronym(nxt) and not is_initials(nxt) and _name_word_kind(self.tx[end + 1]) == _NAME_WORD:
            return end if common and self.same_line(end + 1) else 0
        nxt_word = self.tx[end + 1]
        if (
            nxt in ("dan", "&")
            and common
            and self.capx[end + 1]
            and (is_dictionary_word(nxt_word) or is_complement_word(nxt_word))
        ):
            return end
        return 0

    def _emit_places(self, i: int, j: int) -> None:
        """Emit the regions written among tokens i..j-1 (the tail of a body's name)."""
        k = i
        while k < j:
            place = self._place_at(k, allow_minor=False, facilities=False)
            if place and place[0] <= j:
                self.emit(PLACE, k, place[0], place[1])
                k = place[0]
            else:
                k += 1

    def _past_title_words(self, k: int) -> int:
        """Where the name starts in the capitalised run from k after a role: past the last word
        that belongs to a body's name rather than a person's (`... Transaksi Keuangan Muhammad
        Yusuf`, `... Pidana Korupsi Jakarta Haswandi`), so long as a word is left for the name."""
        j, start = k, k
        while j < self.n and j - k < _MAX_NAME_WORDS + 4 and self.caps[j] and self.texts[j].isalpha():
            t = self.texts[j]
            if _FACTS[t] & _F_DERIVED or (j > k and _FACTS[t] & _F_MAJOR_PLACE):
                start = j + 1
            j += 1
        return start if start < j else k

    def _initials_before_name(self, k: int) -> bool:
        """Token k is two capitals (`TB`, `MS`) that no lexicon knows as a body, right before a
        capitalised name word: the initials that open a name (`TB Hasanuddin`)."""
        tok, nxt = self.tx[k], self.tx[k + 1]
        return (
            len(tok) == 2
            and tok.isalpha()
            and tok.isupper()
            and not is_known_org_acronym(tok)
            and not is_non_entity_acronym(tok)
            and tok.casefold() not in self.defined
            and nxt[:1].isupper()
            and nxt[1:].islower()
            and nxt.isalpha()
            and not is_common_word(nxt)
            and not match_role(self.texts, k + 1)
            and not match_org_prefix(self.texts, k)
            and not match_org_prefix(self.texts, k + 1)
        )

    def _rank_grade(self, k: int) -> bool:
        """`Marsekal Muda`, `Laksamana Pertama`: the grade written after a rank belongs to the rank,
        not to the name."""
        grades = load_lexicon("rank_grades")
        return self.texts[k] in grades and (is_honorific(self.texts[k - 1]) or self.texts[k - 1] in grades)

    def _balinese_name_at(self, k: int) -> bool:
        """`I Made Mudharta`, `Ni Luh Putu`: `I` or `Ni` before a Balinese birth-order or caste name
        opens a person's name (after a body, `I` would otherwise read as a Roman numeral)."""
        return self.texts[k] in ("I", "Ni") and self.tx[k + 1] in load_lexicon("balinese_name_openers")

    def _lone_person_acronym(self, k: int) -> bool:
        """`Presiden SBY mengatakan`: an acronym no lexicon knows as a body, with no name after it."""
        tok = self.texts[k]
        return (
            2 <= len(tok) <= 4
            and tok.isalpha()
            and not is_known_org_acronym(tok)
            and not is_non_entity_acronym(tok)
            and tok.casefold() not in self.defined
            and not self.capx[k + 1]
        )

    def _name_end(self, k: int) -> int:
        """Where a person's name starting at k ends (k if there is none)."""
        texts, line_openers = self.texts, self.line_openers
        j, words = k, 0
        if len(self.tx[k]) == 2 and self._initials_before_name(k):
            j, words = k + 1, 1
        n = self.n
        while j < n and words < _MAX_NAME_WORDS:
            t = texts[j]
            if j > k and j in line_openers:
                break
            facts = _FACTS[t]
            if facts & (_F_NAME_WORD | _F_ENDS_A_NAME):
                if (
                    facts & _F_ENDS_A_NAME
                    or (facts & _F_ROLE_FIRST and match_role(texts, j))
                    or (words and facts & _F_ORG_PREFIX_FIRST and match_org_prefix(texts, j))
                    or (words and t in ("I", "Ni") and self._balinese_name_at(j))
                ):
                    break  # `... Region I Wayan Subagja`: a Balinese name starts afresh at `I`
                j += 1
                words += 1
                continue
            if words and t in NAME_PARTICLES and self.capx[j + 1]:
                j += 1
                continue
            if (
                words
                and len(t) == 2  # asked at the end of every name: the cheap test first
                and self._initials_before_name(j)
                and not is_dictionary_word(self.texts[j - 1])
            ):
                # `Irianto MS Syaifuddin`: initials between two name words; but `Manajemen PS
                # Barito` is a common word before a body's initials.
                j += 1
                words += 1
                continue
            if words and t[:3] in _ARABIC_ARTICLES and t[3:4].isupper():
                j += 1  # `Bashar al-Assad`
                words += 1
                continue
            break
        # A name never ends on a particle.
        while j > k and self.texts[j - 1] in NAME_PARTICLES:
            j -= 1
        return j

    def _after_person(self, end: int, index: int) -> int:
        """Skip degrees after a name (`, S.H., M.Si.`) and read an apposition role
        (`Alie Mulyanto, Staf Ahli ...`)."""
        k = end
        while self.tx[k] == "," and is_degree(self.tx[k + 1]):
            k += 2
        if (
            self.tx[k] == "("
            and self.tx[k + 2] == ")"
            and self.capx[k + 1]
            and self.texts[k + 1].isalpha()
            and not self._place_at(k + 1, allow_minor=False)
            and not self._acronym_of_something_else(index, self.texts[k + 1])
        ):
            # `Joko Widodo (Jokowi)`: the short name in brackets is this person's too.
            name = self.found[index].name
            self.person_alias[self.texts[k + 1].casefold()] = name
            self.emit(PERSON, k + 1, k + 2, name)
            k += 3
        if self.tx[k] == "," and self.capx[k + 1]:
            size = match_role(self.texts, k + 1)
            if size:
                return self._role_run(k + 1, size, apposition_of=index)
        return k

    def _acronym_of_something_else(self, index: int, short: str) -> bool:
        """`... and Development (OECD)`: an acronym in brackets after an untyped name that it does
        not abbreviate (`SBY` does abbreviate `Susilo Bambang Yudhoyono`) names a longer body."""
        found = self.found[index]
        return found.type == UNKNOWN and is_acronym(short) and short[0] != found.name[:1]

    # -- organisations ----------------------------------------------------------------------
    def _org_at(self, k: int, *, in_role: bool) -> int:
        """An organisation at k: emits it and returns where it ends, or 0."""
        tok = self.texts[k]
        facts = _FACTS[tok]
        if not facts & _F_ORG_OPENER and tok.casefold() not in self.defined:
            return 0  # most words: no school, prefix, acronym or defined short form
        if facts & _F_SCHOOL:
            end = self._numbered_school_end(k)
            if end:
                return self._emit_org(k, end)
        prefix = match_org_prefix(self.texts, k) if facts & _F_ORG_PREFIX_FIRST else 0
        if prefix:
            close = self._acronym_definition_after(k)
            if close:
                return self._emit_org(k, close - 2)  # `Badan Pusat Statistik (BPS)`: the acronym ends it
            # `Badan Usaha Milik Negara`: a prefix of three words or more is a whole name already,
            # so after a role title the capitalised words that follow it are the person's.
            # A ministry's short form (`Kemenkumham`) is as whole a name as three words.
            whole = prefix >= 3 or len(expand_org_words([tok])) >= 3 or tok.startswith("Kemen")
            j = self._org_body(k + prefix, in_role=in_role, complete=whole)
            if j == k + prefix and prefix == 1 and not is_known_org_acronym(tok):
                return j  # a bare `Pemkot`, `Badan`: which one is not said
            return self._emit_org(k, j, in_role=in_role)
        if facts & _F_INITIALS:
            return 0  # `H.M.` opens a name
        if facts & (_F_ACRONYM | _F_KNOWN_ORG) or tok.casefold() in self.defined:
            return self._acronym_org(k, in_role=in_role)
        return 0

    def _numbered_school_end(self, k: int) -> int:
        """`SMAN 2 Sragen`, `SMA Negeri 1 Purwokerto`, `SDN 3`: a kind of school with its number is
        one school, named with the town after the number; returns where the name ends, or 0.
        Without a number (`lulusan SMA`) the kind names no school."""
        j = k + 1 + (self.tx[k + 1] in ("Negeri", "Swasta"))
        number = self.tx[j]
        if not (number.isdigit() or _ROMAN_NUMERAL.fullmatch(number)) or not self.same_line(j):
            return 0
        j += 1
        if self.capx[j] and self.same_line(j) and not is_function_word(self.texts[j]):
            place = self._place_at(j, allow_minor=True, facilities=False)
            if place:
                return place[0]
            if self.texts[j].isalpha() and not is_acronym(self.texts[j]):
                return j + 1
        return j

    def _org_body(self, j: int, *, in_role: bool, complete: bool = False) -> int:
        """Where an organisation's name that runs on from j ends. After a role title the name
        after the organisation must stay out: there the organisation takes one proper word
        (`Partai Golkar`) or descriptive words (`Dinas Pertanian dan Peternakan`), not both."""
        proper = 0
        described = complete
        while j < self.n:
            t = self.texts[j]
            if (
                t == "("
                and self.tx[j + 2] == ")"
                and self.capx[j + 3]
                and (self.tx[j + 1] in load_mapping("org_abbreviations"))
            ):
                j += 3  # a short form inside the name: `Pemerintah Kota (Pemkot) Malang`
                continue
            if (
                t in ("dan", "&")
                and self.capx[j + 1]
                and is_complement_word(self.tx[j + 1])
                and not match_org_prefix(self.texts, j + 1)
            ):
                j += 1  # `Kementerian Kelautan dan Perikanan`, not `MK dan Dewan Kehormatan`
                continue
            if not self.capx[j] or is_honorific(t) or is_function_word(t) or not self.same_line(j):
                break
            if self._balinese_name_at(j):
                break  # `Partai Demokrat Bali I Made Mudharta`: `I` opens the holder's name
            if match_role(self.texts, j) and not is_complement_word(t):
                break
            nested = 0 if is_complement_word(t) else match_org_prefix(self.texts, j)
            if nested:
                j += nested  # `Fraksi Partai Demokrat`: a body inside a body names itself anew
                proper, described = 0, False
                continue
            # After a role title a village name is as likely the holder's first name
            # (`Ketua Partai Golkar Agung Laksono`), so only regions count there.
            place = self._place_at(j, allow_minor=not in_role, facilities=False)
            if place:
                j = place[0]
                continue
            if is_complement_word(t) or is_acronym(t) or is_common_word(t):
                j += 1
                described = True
                continue
            if in_role and (proper >= 1 or described):
                break
            proper += 1
            j += 1
        return j

    def _emit_org(self, k: int, j: int, *, in_role: bool = False) -> int:
        words = self.words(k, j)
        if not words or is_generic_org(words):
            return j
        inner = self._parent_body_in(k, j)
        if inner:
            # `Fraksi Partai Demokrat`, `Komisi II DPR`, `Dewan Pakar Partai Golkar`: a unit of a
            # party or a parliament. The body a reader follows from article to article is the
            # party or the parliament; the unit stays in the role of the person who heads it.
            pos = inner
            while pos < j:
                pos = max(self._org_at(pos, in_role=in_role), pos + 1)
            return max(pos, j)
        name = " ".join(expand_org_words(words))
        acronym = None
        end = j
        if self.tx[j] == "(" and self.tx[j + 2] == ")" and is_acronym(self.texts[j + 1]):
            acronym = self.texts[j + 1]
            end = j + 3
        self.emit(ORG, k, end, name, acronym=acronym)
        if acronym:
            self.defined[acronym.casefold()] = name
        return end

    def _party_unit(self, k: int) -> bool:
        """Token k is a party's board written as an acronym (`DPP`, `DPW`, `DPC`, and `DPD` before a
        party): every party has one, so alone it names no body a reader can follow."""
        tok = self.texts[k]
        if tok in _PARTY_BOARDS:
            return self.tx[k + 1] != "("
        nxt = self.tx[k + 1]
        return tok == "DPD" and (nxt == "Partai" or (is_acronym(nxt) and nxt not in ("RI", "DPR", "MPR")))

    def _parent_body_in(self, k: int, j: int) -> int:
        """If tokens k..j-1 name a unit (`Fraksi`, `Komisi`, `DPP`) of a party or another body
        written after it, the index where that body starts, else 0."""
        if self.texts[k] not in self.subunit_heads:
            return 0
        for p in range(k + 1, j):
            t = self.texts[p]
            if t == "(":
                return 0  # `Dewan Pimpinan Pusat (DPP)`: the unit's own acronym, not a parent
            if t == "Partai" or (
                is_acronym(t) and not is_non_entity_acronym(t) and t not in self.subunit_heads
            ):
                return p
        return 0

    def _acronym_org(self, k: int, *, in_role: bool) -> int:
        tok = self.texts[k]
        if (tok in _PARTY_BOARDS or tok == "DPD") and self._party_unit(k):
            return k + 1  # `DPP Partai NasDem`, `DPP PPP`: the party is the body; the unit is no entity
        # `BKN (Badan Kepegawaian Negara)`: the long form in brackets names the body.
        if self.tx[k + 1] == "(" and self.capx[k + 2]:
            close = k + 2
            while close < min(self.n, k + 14) and self.tx[close] != ")":
                close += 1
            if self.tx[close] == ")" and close > k + 2:
                words = self.words(k + 2, close)
                if match_org_prefix(self.texts, k + 2) or is_known_org_acronym(tok):
                    name = " ".join(expand_org_words(words))
                    self.emit(ORG, k, close + 1, name, acronym=tok)
                    self.defined[tok.casefold()] = name
                else:
                    self.non_entity.add(tok.casefold())
                return close + 1
        defined = self.defined.get(tok.casefold())
        if defined is not None:
            self.emit(ORG, k, k + 1, defined, acronym=tok)
            return k + 1
        if tok.casefold() in self.non_entity or is_non_entity_acronym(tok):
            return k + 1
        known = is_known_org_acronym(tok)
        if not is_acronym(tok) and not known:
            return 0
        if not known:
            if not 2 <= len(tok) <= 5 or self._place_at(k, allow_minor=False):
                return 0
            if in_role and not is_complement_word(self.tx[k + 1]):
                return 0  # `Kepala BPS Amalia`: only `PDI Perjuangan`-like names are bodies here
            if self.tx[k - 1].casefold() in self.verb_cues:
                # `kata SBY`: initials used as a name; not after a noun (`kunjungan PB HMI`).
                self.emit(PERSON, k, k + 1, tok)
                return k + 1
            if len(tok) < 3 or self._shouting(k):
                return 0
        # `DPRD Kota Malang`, `PDI Perjuangan`: the acronym and the words that place it.
        j = k + 1
        while j < self.n and self.capx[j] and not is_acronym(self.texts[j]):
            place = self._place_at(j, allow_minor=False, facilities=False)
            if place:
                j = place[0]
                continue
            if is_complement_word(self.tx[j]):
                j += 1
                continue
            break
        return self._emit_org(k, j, in_role=in_role)

    # -- places -----------------------------------------------------------------------------
    def _minor_context(self, k: int) -> bool:
        prev = self.tx[k - 1]
        if prev in self.place_context:
            return True
        last = self.found[-1] if self.found else None
        return last is not None and last.type == ORG and last.end == self.ends[k - 1]

    def _cap_words(self, k: int, limit: int) -> list[str]:
        out = []
        while k < self.n and len(out) < limit and self.caps[k] and self.texts[k][0].isalpha():
            if out and not self.same_line(k):
                break
            out.append(self.texts[k])
            k += 1
        return out

    def _place_at(self, k: int, *, allow_minor: bool, facilities: bool = True) -> tuple[int, str] | None:
        """A place at k: (end token index, canonical name), or None. Emits nothing.
        `facilities=False` leaves out streets and buildings (`Jalan X`, `Gedung Y`)."""
        if not (0 <= k < self.n):
            return None
        tok = self.texts[k]
        # Asked at most capitalised words, and most open no place: the answer is kept per word.
        facts = _FACTS[tok]
        if facts & (_F_CAP | _F_OPENS_PLACE) != _F_CAP | _F_OPENS_PLACE:
            return None
        if facts & _F_PLACE_PREFIX_HEAD:  # `Jalan`, `Kabupaten`: most place names have no prefix
            size = 2 if f"{tok} {self.tx[k + 1]}" in self.place_prefixes else 1
            prefix = " ".join(self.texts[k : k + size])
            if prefix in self.place_prefixes and not facilities and prefix not in self.admin_prefixes:
                return None
            if prefix in self.place_prefixes and self.capx[k + size]:
                if prefix in self.admin_prefixes:
                    hit = lookup_place(self._cap_words(k + size, _MAX_PLACE_WORDS), allow_minor=True)
                    if hit:
                        return k + size + hit[0], hit[1]
                    words = self._cap_words(k + size, 3)
                    words = [w for w in words[:1]] + [w for w in words[1:2] if not is_common_word(w)]
                    if words and not is_common_word(words[0]):
                        return k + size + len(words), " ".join(words)
                    return None
                j = k + size
                # Streets and buildings are often named after titles (`Jalan Panglima Sudirman`).
                while j < self.n and j - k < 8 and self.capx[j] and not is_function_word(self.tx[j]):
                    j += 1
                if j > k + size:
                    return j, " ".join(self.words(k, j))
                return None
        # Asked again at the same token with the same answer (a region, then a place in context).
        key = k if allow_minor else -1 - k
        hit = self.place_hits.get(key, False)
        if hit is False:
            if facts & _F_ONE_WORD_PLACES:
                hit = _one_word_place(tok, allow_minor)  # no longer name starts with this word
            else:
                hit = lookup_place(self._cap_words(k, _MAX_PLACE_WORDS), allow_minor=allow_minor)
            self.place_hits[key] = hit
        if hit:
            return k + hit[0], hit[1]
        return None

    # -- names no cue has typed yet -------------------------------------------------------------
    def _unknown_run(self, i: int, facts: int) -> int:
        """A capitalised run at i (whose first word's facts are `facts`) that no honorific, role,
        body or place opens: a name typed by its context, or no mention. Returns where it ends."""
        texts, tx, capx = self.texts, self.tx, self.capx
        tok = texts[i]
        title_tokens = self.title_tokens
        if title_tokens is None:
            title_tokens = self.title_tokens = self._title_line_tokens()
        if i in title_tokens:
            return i + 1  # roles, bodies and places were read already; a bare guess is not
        if i >= 2 and texts[i - 1] in _ENGLISH_CONNECTIVES and self.caps[i - 2]:
            # `Return on Equity`, `Organisation for Economic Co-operation`: the words after an
            # English connective between capitals continue the name of a thing.
            return self._skip_title(i)
        initial = i == 0 or texts[i - 1] in _OPENERS or i in self.line_openers
        if len(tok) == 2 and self._initials_before_name(i):
            pass  # `TB Hasanuddin`, `MS Hidayat`: two capitals before a name are its initials
        elif (facts & (_F_ACRONYM | _F_INITIALS) == _F_ACRONYM) or tok.casefold() in self.non_entity:
            return i + 1
        # `Aparatur Sipil Negara (ASN)`: a thing defined with an acronym is not a person.
        close = self._acronym_definition_after(i)
        if close:
            acronym = self.texts[close - 1]
            if is_known_org_acronym(acronym):
                name = " ".join(self.words(i, close - 2))
                self.emit(ORG, i, close + 1, name, acronym=acronym)
            else:
                self.non_entity.add(acronym.casefold())
            return close + 1
        if facts & _F_NO_NAME_OPENER and not self._balinese_name_at(i):
            return i + 1
        if facts & _F_COMPANY_FORM:
            return self._skip_title(i)
        if facts & _F_ONLINE_SERVICE and not capx[i + 1]:
            self.emit(ORG, i, i + 1, tok)  # `lewat Instagram`, `di Twitter`: a company, not a place
            return i + 1  # `Tbk Cabang Purbaleunyi`: the tail of a company's name
        if facts & _F_BRAND:
            # `AceShowbiz`, `DailySocial`: a word with a capital inside is a company or a medium.
            end = i + 1
            while capx[end] and self.texts[end] in self.org_suffixes:
                end += 1  # `DailySocial Co`
            self.emit(ORG, i, end, " ".join(self.words(i, end)))
            return end
        # Asked at every untyped name: most have no English title's head word near.
        head = 0 if self.english_role_heads.isdisjoint(texts[i + 1 : i + 5]) else self._english_role_end(i)
        if head:
            # `Regional Partnership Manager BigDish Ray Wong`
            return self._role_run(i, head - i, english=True)
        if facts & _F_CUE:
            return i + 1  # `Pasangan Joko Widodo`: the capitalised cue is read as the next name's cue
        if initial and (facts & _F_LOOKS_LIKE_VERB or (facts & _F_AFFIXED_VERB and not capx[i + 1])):
            return i + 1  # `Dikatakan`, `Terdata juga 42 titik`: a verb opens the sentence
        end = self._name_end(i)
        if end == i:
            return i + 1
        words = self.words(i, end)
        if len(words) >= 2 and f"{words[0]} {words[1]}" in self.lex.common_capitalised:
            return end  # `Idul Fitri`, `Tahun Baru`: a feast or a common phrase, not a name
        # What any and what every word of the name is, for the rules below.
        facts_list = list(map(_FACTS.__getitem__, words))
        any_bits = reduce(or_, facts_list, 0)
        if len(words) != end - i or any_bits & _F_AFFIXED_WORD:
            affixed = next((k for k in range(i, end) if _FACTS[texts[k]] & _F_AFFIXED_WORD), end)
            if i < affixed < end and texts[affixed].casefold() in self.verb_cues:
                # `Mendur Bersaudara`: a capitalised cue word ends the name before it.
                end = affixed
                words = self.words(i, end)
                facts_list = list(map(_FACTS.__getitem__, words))
                any_bits = reduce(or_, facts_list, 0)
        all_bits = reduce(and_, facts_list, -1)
        if any_bits & (_F_DERIVED | _F_AFFIXED_WORD):
            return end
        if tx[i - 1] not in self.place_context and not _name_like_bits(len(words), any_bits, all_bits):
            return end
        if tx[i - 1] in _OPEN_QUOTES and tx[end] in _CLOSE_QUOTES:
            return end  # `“Mahou Sentai Magiranger”`: a title in quote marks, not a name
        if capx[end] and self.same_line(end) and self.texts[end] in self.lex.non_name_words:
            return self._skip_title(i)  # `Ramon Magsaysay Award`: a name inside the name of a thing
        if len(words) >= 2 and words[-1] in self.org_suffixes:
            if initial and is_dictionary_word(words[0]):
                return i + 1  # `Saham Qualcomm Inc`: the common word only opens the sentence
            if all(map(is_dictionary_word, words)):
                return end  # `Tanah Air` (the homeland): common words, not `Lion Air`
            self.emit(ORG, i, end, " ".join(words))  # `Qualcomm Inc`, `Mesa Airlines`
            return end
        if len(words) >= 2 and words[-1] in self.lex.place_suffixes:
            self.emit(PLACE, i, end, " ".join(words))  # `Hawkesbury River`, `Bondi Beach`
            return end
        prev = tx[i - 1].casefold()
        nxt = tx[end].casefold()
        after = nxt in self.verb_cues or (nxt in _FILLERS and tx[end + 1].casefold() in self.verb_cues)
        # `Parker dan rekan-rekannya mengatakan`: a name with its colleagues or family.
        after = after or (nxt == "dan" and tx[end + 1].casefold() in self.lex.person_companions)
        aged = nxt == "(" and tx[end + 1].isdigit() and tx[end + 2] == ")"
        if tx[i - 1] in self.place_context:
            # `di Rumah Relawan Brawijaya`: after `di` a building's name may hold common nouns.
            while end < self.n and end - i < 6 and self.caps[end] and not is_function_word(self.texts[end]):
                end += 1
            words = self.words(i, end)
            type_ = PLACE
        elif len(words) == 1 and any_bits & _F_PAIR:
            return end  # `Jokowi-JK`, `SBY-Boediono`: a ticket of two people, not one
        elif len(words) == 1 and (
            any_bits & _F_NEVER_ALONE or (tx[end] == "-" and _never_a_name_alone(words[0], "-"))
        ):
            return end
        elif prev in self.cues:
            type_ = PERSON
        elif after and len(words) == 1 and is_dictionary_word(words[0]) and self._written_lower(words[0]):
            # `Militer juga mengatakan`, `Pasar merespons`: a common noun the text also writes in
            # lower case is a collective subject of the verb, not a person.
            return end
        elif not after and tx[end] == "," and self._in_address(end):
            type_ = PLACE
        elif (
            after
            or aged
            or (tx[end] == "," and self._apposition_after(end, words))
            or ((tx[end] == "yang" or (tx[end] == "," and tx[end + 1] == "yang")) and self._role_follows(end))
        ):
            type_ = PERSON
        elif nxt in _ENGLISH_CONNECTIVES and self.texts[end] == nxt and capx[end + 1]:
            return end  # `Return on Equity`: the first words of an English title
        elif (
            nxt == "sebagai"
            and self._as_role(end)
            and not (initial and is_dictionary_word(words[0]))
            and not words[0].isupper()
        ):
            type_ = PERSON  # not `Duduk sebagai anggota dewan`: a verb that opens the sentence
        elif (
            capx[i - 1]
            and not initial
            and not self._ends_mention(i - 1)
            and not (self.sentence_initial(i - 1) and self._opens_sentence_only(i - 1))
        ):
            return end  # the tail of a longer capitalised title, not a name
        elif self._acts_as_person(i, end, words, initial, any_bits, all_bits):
            type_ = PERSON  # `Jokowi memutuskan`, `Nia sudah datang`: a name that does something
        elif tx[i - 1] in _COORDINATORS and self._coordinated_with_person(i):
            type_ = PERSON
        elif (len(words) > 1 or not is_dictionary_word(words[0])) and (
            prev in self.owned_nouns or (len(words) == 1 and not initial and self._object_of(i))
        ):
            type_ = PERSON  # `kebijakan Jokowi`, `menggulingkan Khadafi`, `bertemu dengan Jokowi`
        elif (
            initial
            and len(words) >= 2
            and (is_dictionary_word(words[0]) or is_affixed_verb(words[0]))
            and not is_honorific(words[0])
        ):
            # `Mundurnya Hary Tanoesoedibyo ...`, `Kisah Butet ...`: a common word opens the
            # sentence; the name is what follows it, read again from there.
            return i + 1
        else:
            type_ = UNKNOWN
        if type_ == PLACE and end - i >= 2:
            # `di Poltekad Junrejo`: an institution followed by the place it stands in.
            for cut in (i + 1,):  # a one-word institution: a longer head is a building's name
                place = self._place_at(cut, allow_minor=True, facilities=False)
                if place and place[0] == end:
                    self.emit(ORG, i, cut, " ".join(self.words(i, cut)))
                    self.emit(PLACE, cut, end, place[1])
                    return end
        index = self.emit(type_, i, end, " ".join(words))
        if type_ == PLACE or tx[end] not in _AFTER_NAME_MARKS:
            return end  # most names: no degree, bracket or apposition after them
        return self._after_person(end, index)


_VERB_PREFIXES = ("me", "ber", "mem", "men", "meng", "meny", "di")
# Party boards written as acronyms (`Dewan Pimpinan Pusat`, `Wilayah`, `Cabang`).
_PARTY_BOARDS = frozenset({"DPP", "DPW", "DPC"})
# Heads of bodies that news also writes in lower case (`kementerian luar negeri`, `pemerintah Irak`).
_LOWER_CASE_BODY_HEADS = frozenset({"kementerian", "Kementerian", "pemerintah"})


def _indices_of(texts: list[str], word: str) -> list[int]:
    """Where `word` stands among `texts`, found by C-level scans (the word is rare)."""
    out: list[int] = []
    at = -1
    try:
        while True:
            at = texts.index(word, at + 1)
            out.append(at)
    except ValueError:
        return out


def _portfolio_at(texts: list[str], k: int) -> int:
    """How many tokens from k name a ministry's portfolio, in any case (`luar negeri`), 0 if none."""
    portfolios = load_casefolded("ministry_portfolios")
    for size in (4, 3, 2, 1):
        if " ".join(texts[k : k + size]).casefold() in portfolios:
            return size
    return 0


def _looks_like_verb(word: str) -> bool:
    low = word.casefold()
    return len(low) >= 6 and low.isalpha() and low.startswith(_VERB_PREFIXES[:6])


def _acts_verb(word: str) -> bool:
    """A lower-case verb a subject can do or undergo: `memutuskan`, `dilantik`, `terpilih`."""
    return _looks_like_verb(word) or (word.islower() and is_affixed_verb(word))


def _name_like(words: list[str]) -> bool:
    """Could these words be a person's name? Not when one is a country or region (`Militer
    Suriah`, `Kota Suriah`) or when three or more are all dictionary words (`Hak Asasi Manusia`)."""
    facts = list(map(_FACTS.__getitem__, words))
    return _name_like_bits(len(words), reduce(or_, facts, 0), reduce(and_, facts, -1))


def _name_like_bits(count: int, any_bits: int, all_bits: int) -> bool:
    """`_name_like` from the number of words and the OR and the AND of their facts."""
    if count >= 2 and any_bits & _F_MAJOR_PLACE:
        return False
    if any_bits & _F_NON_NAME:
        return False  # `Corruption Watch`, `Convention Center`, `Four Weddings`
    return not (count >= 3 and all_bits & _F_DICTIONARY)


def _line_openers(body: str, starts: list[int]) -> frozenset[int]:
    """Indices of the tokens with a line break between them and the token before them. An
    article has a few dozen line breaks and hundreds of tokens: a set of indices answers
    `same_line` without slicing the body at every word."""
    out = set()
    find = body.find
    at = find("\n")
    while at >= 0:
        k = bisect_right(starts, at)
        if 0 < k < len(starts):
            out.add(k)
        at = find("\n", at + 1)
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def _opens_place(tok: str) -> bool:
    """`tok` can open a place name: a place prefix's first word or a gazetteer name's first word.
    Asked at most capitalised words, and most open no place: the answer is kept per word."""
    return tok in _lexicons().place_prefix_heads or tok.casefold() in gazetteer().longest_from


# What the scanner asks of a token by itself, one bit a question. The pass asks a dozen such
# questions at every capitalised word; answering them once per distinct word, in one dict lookup,
# is what keeps the per-word cost of the pass small.
_F_CAP = 1 << 0  # starts with a capital letter
_F_FUNCTION = 1 << 1  # `Namun`, `Senin`: is_function_word
_F_TITLE_CUE = 1 << 2  # `predikat`: is_title_cue
_F_LOWER_ROLE_LAST = 1 << 3  # the last word of a role title written in lower case (`bicara`)
_F_OPENING_HONORIFIC = 1 << 4  # `H`
_F_HONORIFIC = 1 << 5
_F_OPENS_PLACE = 1 << 6
_F_ROLE_FIRST = 1 << 7  # the first word of a role title
_F_ORG_PREFIX_FIRST = 1 << 8  # the first word of an organisation prefix
_F_SCHOOL = 1 << 9  # `SMAN`
_F_INITIALS = 1 << 10
_F_ACRONYM = 1 << 11
_F_KNOWN_ORG = 1 << 12
_F_NO_NAME_OPENER = 1 << 13  # a common, derived, complement or -nya word: opens no name
_F_COMPANY_FORM = 1 << 14
_F_ONLINE_SERVICE = 1 << 15
_F_BRAND = 1 << 16
_F_CUE = 1 << 17  # a person cue, any case
_F_LOOKS_LIKE_VERB = 1 << 18
_F_AFFIXED_VERB = 1 << 19
_F_AFFIXED_WORD = 1 << 20  # `Berkelas`: _looks_like_affixed_word
_F_DERIVED = 1 << 21
_F_DICTIONARY = 1 << 22
_F_MAJOR_PLACE = 1 << 23  # a region or country by itself
_F_NON_NAME = 1 << 24  # `Award`, `Watch`: non_name_words
_F_NAME_WORD = 1 << 25  # _name_word_kind == _NAME_WORD
_F_ENDS_A_NAME = 1 << 26  # _name_word_kind == _ENDS_A_NAME
_F_ROMAN = 1 << 27  # `II`, `XIV`: _ROMAN_NUMERAL
_F_ACTS_VERB = 1 << 28  # `memutuskan`, `dilantik`: _acts_verb
_F_BODY_HEAD = 1 << 29  # `kementerian`, `pemerintah` in any case: _LOWER_CASE_BODY_HEADS
_F_HYPHEN = 1 << 30  # `Jokowi-JK`: a hyphen inside
_F_PAIR = 1 << 31  # `Jokowi-JK`: _is_pair
_F_PLACE_PREFIX_HEAD = 1 << 33  # the first word of a place prefix (`Jalan`, `Kabupaten`)
_F_ONE_WORD_PLACES = 1 << 34  # every gazetteer name starting with this word is this word alone
_F_NEVER_ALONE = 1 << 32  # a letter, a direction or a Roman numeral: _never_a_name_alone before a word
# The words `_org_at` may open a body at (with an acronym the article defines).
_F_ORG_OPENER = _F_SCHOOL | _F_ORG_PREFIX_FIRST | _F_INITIALS | _F_ACRONYM | _F_KNOWN_ORG
# A capitalised word with none of these is read by `_unknown_run` straight away.
_F_RUN_SPECIAL = (
    _F_OPENING_HONORIFIC
    | _F_HONORIFIC
    | _F_OPENS_PLACE
    | _F_ROLE_FIRST
    | _F_ORG_PREFIX_FIRST
    | _F_SCHOOL
    | _F_INITIALS
    | _F_ACRONYM
    | _F_KNOWN_ORG
)
# A hostile text of endless distinct words must not grow the table without bound (2,146 IndoSum
# articles hold about 30,000 distinct tokens); when full the table starts afresh.
_MAX_FACTS = 1 << 17


def _facts_of(word: str) -> int:
    """The bits of `word`, from the predicates they stand for. The table keeps the answers, so the
    predicates' own per-word caches are passed by (`__wrapped__`): filling them would only cost."""
    lex = _lexicons()
    kind = _name_word_kind.__wrapped__(word)
    bits = (
        (_F_CAP if word[:1].isupper() else 0)
        | (_F_FUNCTION if is_function_word.__wrapped__(word) else 0)
        | (_F_TITLE_CUE if is_title_cue.__wrapped__(word) else 0)
        | (_F_LOWER_ROLE_LAST if word in lower_role_last_words() else 0)
        | (_F_OPENING_HONORIFIC if word in load_lexicon("opening_honorifics") else 0)
        | (_F_HONORIFIC if is_honorific.__wrapped__(word) else 0)
        | (_F_OPENS_PLACE if _opens_place.__wrapped__(word) else 0)
        | (_F_ROLE_FIRST if word in role_first_words() else 0)
        | (_F_ORG_PREFIX_FIRST if word in org_prefix_first_words() else 0)
        | (_F_SCHOOL if word in load_lexicon("school_kinds") else 0)
        | (_F_INITIALS if is_initials.__wrapped__(word) else 0)
        | (_F_ACRONYM if is_acronym.__wrapped__(word) else 0)
        | (_F_KNOWN_ORG if is_known_org_acronym.__wrapped__(word) else 0)
        | (_F_COMPANY_FORM if word in lex.company_forms else 0)
        | (_F_ONLINE_SERVICE if word in lex.online_services else 0)
        | (_F_BRAND if _is_brand.__wrapped__(word) else 0)
        | (_F_CUE if word.casefold() in lex.cues else 0)
        | (_F_LOOKS_LIKE_VERB if looks_like_verb.__wrapped__(word) else 0)
        | (_F_AFFIXED_VERB if is_affixed_verb.__wrapped__(word) else 0)
        | (_F_AFFIXED_WORD if _looks_like_affixed_word(word) else 0)
        | (_F_DERIVED if looks_derived.__wrapped__(word) else 0)
        | (_F_DICTIONARY if is_dictionary_word.__wrapped__(word) else 0)
        | (_F_MAJOR_PLACE if lookup_place([word], allow_minor=False) else 0)
        | (_F_NON_NAME if word in load_lexicon("non_name_words") else 0)
        | (_F_NAME_WORD if kind == _NAME_WORD else 0)
        | (_F_ENDS_A_NAME if kind == _ENDS_A_NAME else 0)
        | (_F_ROMAN if _ROMAN_NUMERAL.fullmatch(word) else 0)
        | (_F_ACTS_VERB if _acts_verb(word) else 0)
        | (_F_BODY_HEAD if word.casefold() in _LOWER_CASE_BODY_HEADS else 0)
        | (_F_HYPHEN if "-" in word else 0)
        | (_F_PAIR if _is_pair(word) else 0)
        | (_F_PLACE_PREFIX_HEAD if word in lex.place_prefix_heads else 0)
        | (_F_ONE_WORD_PLACES if gazetteer().longest_from.get(word.casefold()) == 1 else 0)
        | (_F_NEVER_ALONE if _never_a_name_alone(word, "") else 0)
    )
    if is_common_word(word) or looks_derived(word) or is_complement_word(word) or _possessed(word):
        bits |= _F_NO_NAME_OPENER
    return bits


@lru_cache(maxsize=1 << 16)
def _one_word_place(word: str, allow_minor: bool) -> tuple[int, str] | None:
    return lookup_place([word], allow_minor=allow_minor)


class _WordFacts(dict[str, int]):
    """word → its bits, computed on first sight (a dict lookup on every later one)."""

    def __missing__(self, word: str) -> int:
        if len(self) >= _MAX_FACTS:
            self.clear()
        bits = self[word] = _facts_of(word)
        return bits


_FACTS = _WordFacts()


def _title_line_spans(body: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the lines of `body` written in Title Case."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _LINE.finditer(body):
        line = m.group().rstrip()
        if len(line) > _TITLE_MAX_CHARS or line.endswith((".", ",", ";", '."', ".”")):
            continue  # a sentence of names ends with its full stop; a headline has none
        initials = _WORD_INITIAL.findall(line)
        if len(initials) >= _TITLE_MIN_WORDS:
            upper = sum(1 for c in initials if c.isupper())
            if upper >= _TITLE_CAPS_SHARE * len(initials):
                starts.append(m.start())
                ends.append(m.end())
    return starts, ends


# What `_name_word_kind` says of a token inside a name.
_NOT_A_NAME_WORD, _NAME_WORD, _ENDS_A_NAME = 0, 1, 2


@lru_cache(maxsize=1 << 16)
def _name_word_kind(t: str) -> int:
    """How a capitalised token reads inside a name, from the token alone (asked for every word of
    every name, so cached per word): a name word, a word that ends the name before it (`Bang Yos
    Centre`, `Rp200`, `PKB-nya`), or no name word at all (acronyms, common words, honorifics)."""
    if not (
        t[:1].isupper()
        and (not is_acronym(t) or is_initials(t))
        and not is_common_word(t)
        and not is_honorific(t)
        and not is_known_org_acronym(t)
    ):
        return _NOT_A_NAME_WORD
    if t in load_lexicon("non_name_words") or _is_brand(t) or t in load_lexicon("company_forms"):
        # `Bang Yos Centre`: a building named after someone is not the person; `BigDish`, `Tbk`
        # name a company.
        return _ENDS_A_NAME
    if (
        not (t.replace("-", "").replace("'", "").isalpha() or is_initials(t))
        or t.endswith("-nya")
        or _possessed(t)
    ):
        return _ENDS_A_NAME  # `Rp200`, `PKB-nya`; but `Susilo B. Yudhoyono`, `H.M. Prasetyo`
    return _NAME_WORD


# Name openers after which a capital inside the word still belongs to a name (`McDonald`,
# `MacArthur`, `DiCaprio`, `LeBron`).
_CHIEF_OFFICER = re.compile(r"C[A-Z]O")
_CAPITALS_AFTER_WORD = re.compile(r"[A-Z][A-Za-z]*[a-z]{2}[A-Z]{2,}")
_LETTERS_DIGITS_LETTERS = re.compile(r"[A-Z][A-Za-z]*[0-9]+[A-Za-z][A-Za-z0-9]*")
_NAME_PREFIXES_WITH_CAPITAL = ("Mc", "Mac", "Di", "De", "Le", "La", "Du", "Da", "Van", "Von", "O")


@lru_cache(maxsize=1 << 16)
def _is_brand(word: str) -> bool:
    """`BigDish`, `AceShowbiz`, `DailySocial`, `VietJet`: a word with a capital inside, after
    lower-case letters, is the name of a company, a product or a medium, not of a person."""
    if len(word) >= 4 and word.isalnum() and word[0].isupper() and not word.isalpha():
        # `C2live`, `Go4Fun`: letters, digits, then letters again name a product or a company;
        # not an amount (`Rp80`).
        return bool(_LETTERS_DIGITS_LETTERS.fullmatch(word))
    if len(word) < 5 or not word.isalpha() or not word[0].isupper() or word.isupper():
        return False
    if _CAPITALS_AFTER_WORD.fullmatch(word):
        return True  # `MotoGP`, `BlackBerryOS`: capitals glued to a word name a product
    inner = next((k for k in range(2, len(word) - 1) if word[k].isupper() and word[k + 1].islower()), 0)
    return bool(inner) and word[1:inner].islower() and word[:inner] not in _NAME_PREFIXES_WITH_CAPITAL


def _common_in_headline(word: str) -> bool:
    """A headline word that is no part of a name: a dictionary word, a derived word or a verb."""
    return is_dictionary_word(word) or looks_derived(word) or is_affixed_verb(word) or is_common_word(word)


def _never_a_name_alone(word: str, after: str) -> bool:
    """A word that is no person's name by itself: a letter (`T - Five`, `U - 23`), a Roman
    numeral (`PON XVII`), a compass direction (`sebelah Barat`) or an Arabic article before its
    noun (`Al - Hilal`)."""
    if len(word) == 1 or word.casefold() in _DIRECTIONS or _ROMAN_NUMERAL.fullmatch(word):
        return True
    return after == "-" and f"{word.casefold()}-" in _ARABIC_ARTICLES


def _possessed(word: str) -> bool:
    """`Keduanya`, `Pasukannya`, `Keppresnya`: a word with the -nya suffix is a common noun, never
    the start of a name."""
    return len(word) >= 6 and word.endswith("nya")


def _is_pair(word: str) -> bool:
    parts = word.split("-")
    return len(parts) == 2 and all(p[:1].isupper() for p in parts)


def _looks_like_affixed_word(word: str) -> bool:
    """`Berkelas`, `Terpadu`: ber-/ter- words of eight letters or more are adjectives or verbs."""
    low = word.casefold()
    return len(low) >= 8 and low.startswith(("ber", "ter"))
