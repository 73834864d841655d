"""Property tests: for any text the parser never raises and every offset slices the body."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.library.article import Article, content_fingerprint
from tui.library.parse import parse_text

# Fragments that steer generated text into the parser's rules (headlines, datelines, junk, trailers,
# front matter), mixed with arbitrary text and control characters.
FRAGMENTS = st.sampled_from(
    [
        "Sleman Resmikan Pasar Rakyat Baru",
        "JAKARTA, KOMPAS.com - ",
        "MALANG (Lentera) - ",
        "KOTA BATU, VOICEOFJATIM.COM – ",
        "BLITAR |i JATIMSATUNEWS.COM; ",
        "Liputan6.com, Jakarta - ",
        "Pemerintah menggelar rapat pada Senin (18/11/2024).",
        "“Kami siap,” ujarnya.",
        "Baca juga: Judul Lain",
        "Baca Juga",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Tinggalkan Balasan",
        "Reporter: Dewi/Editor: Ari",
        "[luc/beq]",
        "(ant)",
        " Ans",
        "Rabu, 4 Juni 2025 14:30 WIB",
        "Kompas.com - 04/06/2025, 10:15 WIB",
        "---",
        "title: x",
        "# Judul",
        "> ",
        ":",
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\r\n",
        "\r",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\u00a0",
        "\u2028",
    ]
)
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=40).map("".join)


def check_article_invariants(articles: list[Article], file: str) -> None:
    assert [a.story for a in articles] == list(range(1, len(articles) + 1))
    assert len({a.id for a in articles}) == len(articles)
    for article in articles:
        assert article.file == file
        assert article.body
        assert article.fingerprint == content_fingerprint(article.body)
        pieces = [article.body[a:b] for a, b in article.paragraphs]
        assert "\n\n".join(pieces) == article.body
        for piece in pieces:
            assert piece and piece == piece.strip()
        for value in (article.body, article.title, article.source, article.dateline, article.byline):
            if value is not None:
                assert not any(ord(ch) < 32 and ch != "\n" for ch in value)
                assert "\x1b" not in value


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, suffix=st.sampled_from([".txt", ".md"]), plain=st.booleans())
def test_parse_never_raises_and_offsets_always_slice_the_body(text: str, suffix: str, plain: bool) -> None:
    file = f"berkas{suffix}"
    check_article_invariants(parse_text(text, file=file, plain=plain), file)


@settings(max_examples=200)
@given(st.text())
def test_parse_of_arbitrary_unicode_keeps_the_invariants(text: str) -> None:
    check_article_invariants(parse_text(text, file="acak.txt"), "acak.txt")


@given(
    st.lists(
        st.text(alphabet=st.characters(categories=["L", "Nd", "Zs"]), min_size=1, max_size=60), max_size=8
    )
)
def test_plain_mode_keeps_every_word(lines: list[str]) -> None:
    text = "\n".join(lines)
    articles = parse_text(text, file="x.txt", plain=True)
    assert " ".join(text.split()) == " ".join(" ".join(a.body for a in articles).split())
