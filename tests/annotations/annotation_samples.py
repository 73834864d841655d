"""Sample article text and helpers for the annotation tests, built in memory so they do not depend
on the parser. (A plainly named module rather than conftest: several test folders have a conftest.)"""

from __future__ import annotations

from tui.library.article import Article, content_fingerprint

BODY = (
    "Harga Cabai Naik Jelang Lebaran\n\n"
    "SURABAYA, Kabarkita.id - Harga cabai rawit di pasar tradisional Kota Surabaya naik tajam "
    "menjelang Lebaran, Senin (3/3/2025).\n"
    '"Kenaikan ini terjadi karena pasokan dari petani berkurang akibat hujan," kata Kepala Dinas '
    "Perdagangan Kota Surabaya, Budi Santoso.\n"
    "Menurut Budi, pemerintah kota akan menggelar operasi pasar di lima kecamatan pekan depan.\n"
    '"Kami minta warga tidak panik membeli," ujarnya.\n'
    "Pedagang di Pasar Wonokromo mengaku omzet mereka turun sejak awal bulan.\n"
)


def make_article(
    body: str = BODY, file: str = "/news/harga-cabai.txt", story: int = 1, **kw: object
) -> Article:
    fingerprint = content_fingerprint(body)
    return Article(
        id=fingerprint,
        file=file,
        story=story,
        body=body,
        paragraphs=((0, len(body)),),
        fingerprint=fingerprint,
        **kw,  # type: ignore[arg-type]
    )


def span_of(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)
