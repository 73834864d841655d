"""Signatures: distinctive words by TF-IDF without stop words, rare names weigh more, event days."""

from __future__ import annotations

from datetime import date

from tui.extract.model import ORG, PLACE
from tui.stories.features import article_days, build_signatures, content_words, stop_words


def test_stop_words_and_short_words_are_never_distinctive() -> None:
    words = content_words("Menurut dia, banjir itu terjadi di Desa Sukamakmur pada Senin, kata warga.")
    assert words == ["banjir", "desa", "sukamakmur", "warga"]
    assert {"yang", "dan", "mengatakan", "senin", "mei"} <= stop_words()


def test_a_name_few_articles_share_weighs_more_than_a_common_one(item) -> None:
    items = [
        item(f"{i}.txt", "Pemerintah Kota membahas anggaran jalan.", entities=[(PLACE, "Jakarta")])
        for i in range(6)
    ]
    items.append(
        item("rare.txt", "Bupati Garut meninjau tanggul.", entities=[(PLACE, "Jakarta"), (ORG, "BPBD Garut")])
    )
    signature = build_signatures(items)[-1]
    weights = {signature.names[k]: w for k, w in signature.entities.items()}
    assert weights["BPBD Garut"] > weights["Jakarta"]


def test_title_words_count_towards_the_distinctive_words(item) -> None:
    plain = item("a.txt", "kopi " * 3 + "festival", title=None)
    titled = item("b.txt", "kopi " * 3 + "festival", title="Festival Festival Festival")
    sig_plain, sig_titled = build_signatures([plain, titled])
    assert sig_titled.words["festival"] > sig_plain.words["festival"]


def test_days_are_publication_and_event_range_but_not_distant_history(item) -> None:
    it = item(
        "a.txt",
        "…",
        published=date(2025, 5, 17),
        dates=[("2025-05-15", "2025-05-17"), "1998-05-21", "2025-05-05"],
    )
    days = [date.fromordinal(d).isoformat() for d in article_days(it)]
    assert days == ["2025-05-05", "2025-05-15", "2025-05-16", "2025-05-17"]


def test_undated_article_has_no_days(item) -> None:
    assert article_days(item("a.txt", "tanpa tanggal")) == ()


def test_dates_that_are_not_iso_days_add_no_day(item) -> None:
    it = item("a.txt", "…", dates=["2025-13-40", "kemarin", ("2025-05-15", "bad")])
    assert [date.fromordinal(d).isoformat() for d in article_days(it)] == ["2025-05-15"]
