from tui.extract.crosslinks import library_links, relink
from tui.extract.model import ORG, PERSON, Entity, Extraction, Mention, Quote, entity_id


def org(name: str, *aliases: str, at: int = 0) -> Entity:
    return Entity(entity_id(ORG, name), ORG, name, (Mention(at, at + len(name), name),), aliases)


def person(name: str, *aliases: str) -> Entity:
    return Entity(entity_id(PERSON, name), PERSON, name, (Mention(0, len(name), name),), aliases)


def test_an_acronym_joins_the_full_name_another_article_defines() -> None:
    full = Extraction(entities=(org("Badan Kepegawaian Negara", "BKN"),))
    short = Extraction(entities=(org("BKN", at=6),))
    links = library_links([full, short])
    relinked = relink(short, links)
    assert [e.name for e in relinked.entities] == ["Badan Kepegawaian Negara"]
    assert relinked.entities[0].id == full.entities[0].id
    assert "BKN" in relinked.entities[0].aliases
    assert relinked.entities[0].mentions[0].start == 6


def test_an_alias_claimed_by_two_entities_is_left_alone() -> None:
    a = Extraction(entities=(org("Badan Pusat Statistik", "BPS"),))
    b = Extraction(entities=(org("Badan Pengawas Sekolah", "BPS"),))
    c = Extraction(entities=(org("BPS"),))
    assert library_links([a, b, c]) == {}


def test_a_bare_given_name_never_joins_a_person_across_articles() -> None:
    full = Extraction(entities=(person("Wahyu Hidayat", "Wahyu"),))
    other = Extraction(entities=(person("Wahyu"),))
    assert library_links([full, other]) == {}


def test_a_quote_speaker_follows_the_linked_entity() -> None:
    full = Extraction(entities=(person("Joko Widodo", "Presiden Joko"),))
    speaker = person("Presiden Joko")
    short = Extraction(
        entities=(speaker,),
        quotes=(Quote("Kita kerja.", 20, 31, speaker="Presiden Joko", speaker_id=speaker.id),),
    )
    relinked = relink(short, library_links([full, short]))
    assert relinked.quotes[0].speaker == "Joko Widodo"
    assert relinked.quotes[0].speaker_id == full.entities[0].id
