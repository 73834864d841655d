"""The speech-verb lexicon: which words attribute a quote, and how.

The word lists live in `lexicons/speech_verbs.txt` and `lexicons/speech_pronouns.txt`; this
module reads them once and answers questions about single words. The people finder may also
use it: a capitalised word right after a root speech verb (`kata Zudan`) is evidence of a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# What a cue word does in an attribution.
ROOT = "root"  # `kata`, `ujar`: a bare verb that takes the speaker after it (`," kata Wahyu`)
NYA = "nya"  # `ujarnya`, `pungkasnya`: the verb carries the speaker as a pronoun suffix
AFFIXED = "affixed"  # `mengatakan`, `menegaskan`: a finite verb with the speaker before it
ENGLISH = "english"  # `said`, `told`: English, speaker on either side
PRE = "pre"  # `Menurut`: opens an attribution before the quote
PASSIVE = "passive"  # `ditegaskan`, `dikatakan`: di- + a root, the speaker after it (`oleh`)

_SECTIONS = ("root", "affixed", "nya", "pre", "english", "english_pre")


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    roots: frozenset[str]
    affixed: frozenset[str]
    nya_forms: frozenset[str]
    english: frozenset[str]
    pronouns: frozenset[str]
    # Openers may be several words (`according to`); kept as word tuples, longest first.
    openers: tuple[tuple[str, ...], ...]
    # The one-word openers (`menurut`, `kata`): a person right after one is the speaker.
    opener_words: frozenset[str]

    def kind(self, word: str) -> str | None:
        """ROOT, NYA, AFFIXED, ENGLISH, PASSIVE or None for a word as written (case is ignored)."""
        w = word.casefold()
        if w in self.nya_forms:
            return NYA
        if w in self.roots:
            return ROOT
        if self._passive_root(w):
            return PASSIVE
        if w in self.affixed:
            return AFFIXED
        if w in self.english:
            return ENGLISH
        return None

    def _passive_root(self, w: str) -> bool:
        """`dikatakan`, `ditegaskan`, `disebutkan`: di- before a root (its -kan optional)."""
        if len(w) < 6 or not w.startswith("di"):
            return False
        stem = w[2:]
        return stem in self.roots or (stem.endswith("kan") and stem[:-3] in self.roots)

    def is_pronoun(self, word: str) -> bool:
        return word.casefold() in self.pronouns


def parse_lexicon(text: str) -> dict[str, list[str]]:
    """Sections of a lexicon file: `[name]` headings, one entry a line, `#` comments."""
    sections: dict[str, list[str]] = {name: [] for name in _SECTIONS}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip().casefold(), [])
            continue
        if current is not None:
            current.append(" ".join(line.casefold().split()))
    return sections


@lru_cache(maxsize=1)
def speech_lexicon() -> SpeechLexicon:
    """The bundled lexicon, read once per process."""
    folder = resources.files("tui.extract.lexicons")
    sections = parse_lexicon(folder.joinpath("speech_verbs.txt").read_text(encoding="utf-8"))
    # Pronouns sit in a file of their own so that readers of the verb list get verbs only.
    pronouns = parse_lexicon(
        "[pronoun]\n" + folder.joinpath("speech_pronouns.txt").read_text(encoding="utf-8")
    )
    roots = frozenset(w for w in sections["root"] if " " not in w)
    nya = frozenset(sections["nya"]) | frozenset(r + "nya" for r in roots)
    openers = sorted(
        {tuple(w.split()) for w in sections["pre"] + sections["english_pre"]}, key=len, reverse=True
    )
    return SpeechLexicon(
        roots=roots,
        affixed=frozenset(sections["affixed"]),
        nya_forms=nya,
        english=frozenset(sections["english"]),
        pronouns=frozenset(pronouns["pronoun"]),
        openers=tuple(openers),
        opener_words=frozenset(o[0] for o in openers if len(o) == 1),
    )


def speech_cue_kind(word: str) -> str | None:
    """How `word` attributes speech: ROOT, NYA, AFFIXED, ENGLISH, PASSIVE, or None if it does not."""
    return speech_lexicon().kind(word)


@dataclass(frozen=True, slots=True)
class AttributionWords:
    """Function words around attributions (lexicons/attribution_words.txt), case folded."""

    subject_followers: frozenset[str]
    adverbs: frozenset[str]
    fillers: frozenset[str]
    indefinite: frozenset[str]
    following_openers: frozenset[str]
    agent_markers: frozenset[str]
    object_markers: frozenset[str]
    group_pronouns: frozenset[str]
    unnamed_sources: frozenset[str]


@lru_cache(maxsize=1)
def attribution_words() -> AttributionWords:
    text = (
        resources.files("tui.extract.lexicons").joinpath("attribution_words.txt").read_text(encoding="utf-8")
    )
    sections = parse_lexicon(text)

    def words(name: str) -> frozenset[str]:
        return frozenset(sections.get(name, []))

    return AttributionWords(
        subject_followers=words("subject_followers"),
        adverbs=words("adverbs"),
        fillers=words("fillers"),
        indefinite=words("indefinite"),
        following_openers=words("following_openers"),
        agent_markers=words("agent_markers"),
        object_markers=words("object_markers"),
        group_pronouns=words("group_pronouns"),
        unnamed_sources=words("unnamed_sources"),
    )
