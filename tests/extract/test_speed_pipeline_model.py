"""The result types build faster with hand-written __init__s; they must behave exactly as the
dataclasses they are: the same fields and defaults, frozen, equal and hashed by value."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from tui.extract.model import DateSpan, Entity, Mention, Quote, Statement, entity_id


def test_positional_and_keyword_construction_give_equal_objects() -> None:
    m = Mention(3, 8, "Wahyu")
    assert Mention(start=3, end=8, text="Wahyu") == m
    assert Entity("p", "PERSON", "Wahyu", (m,)) == Entity(id="p", type="PERSON", name="Wahyu", mentions=(m,))
    assert DateSpan(0, 6, "15 Mei", "2025-05-15") == DateSpan(
        start=0, end=6, text="15 Mei", value="2025-05-15", value_end=None
    )
    assert Statement("a", 1, 2, "B", "p", "kata", 3, 7) == Statement(
        text="a", start=1, end=2, speaker="B", speaker_id="p", cue="kata", cue_start=3, cue_end=7
    )


def test_defaults_are_the_declared_ones() -> None:
    e = Entity("p", "PERSON", "Wahyu", ())
    assert (e.aliases, e.role, e.value) == ((), None, None)
    q = Quote("Kami siap", 1, 10)
    assert (q.speaker, q.speaker_id, q.cue, q.cue_start, q.cue_end, q.parts) == (None,) * 5 + ((),)
    assert DateSpan(0, 6, "15 Mei", "2025-05-15").value_end is None
    assert [f.default for f in dataclasses.fields(Quote)][-1] == ()


@pytest.mark.parametrize(
    "obj, field",
    [
        (Mention(3, 8, "Wahyu"), "start"),
        (Entity("p", "PERSON", "Wahyu", ()), "name"),
        (Quote("Kami siap", 1, 10), "speaker"),
        (DateSpan(0, 6, "15 Mei", "2025-05-15"), "value"),
        (Statement("a", 1, 2, "B", "p", "kata", 3, 7), "cue"),
    ],
)
def test_objects_stay_frozen(obj: object, field: str) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, field, None)


def test_replace_pickle_and_hash_work_by_value() -> None:
    e = Entity("p", "PERSON", "Wahyu", (Mention(3, 8, "Wahyu"),), ("Pak Wahyu",), "Wali Kota")
    assert dataclasses.replace(e, name="Wahyu Hidayat").name == "Wahyu Hidayat"
    assert dataclasses.replace(e, name="Wahyu Hidayat").aliases == ("Pak Wahyu",)
    assert pickle.loads(pickle.dumps(e)) == e
    assert hash(Mention(3, 8, "Wahyu")) == hash(Mention(3, 8, "Wahyu"))
    assert len({Mention(3, 8, "Wahyu"), Mention(3, 8, "Wahyu"), Mention(3, 9, "Wahyu ")}) == 2


def test_to_dict_and_from_dict_round_trip() -> None:
    q = Quote(
        "Kami siap", 1, 10, "Wahyu", "p", "kata", 12, 16, (Mention(1, 5, "Kami"), Mention(6, 10, "siap"))
    )
    assert Quote.from_dict(q.to_dict()) == q
    e = Entity(entity_id("PERSON", "Wahyu"), "PERSON", "Wahyu", (Mention(3, 8, "Wahyu"),), role="Wali Kota")
    assert Entity.from_dict(e.to_dict()) == e


def test_entity_id_is_the_same_on_every_call() -> None:
    first = entity_id("PERSON", "Wahyu Hidayat")
    assert entity_id("PERSON", "Wahyu Hidayat") == first
    assert entity_id("PERSON", "Wahyu  Hidayat") == first  # spaces and case say nothing
    assert entity_id("ORG", "Wahyu Hidayat") != first


@pytest.mark.parametrize("cls", [Mention, Entity, DateSpan, Quote, Statement])
def test_hand_written_init_takes_every_field_with_its_default(cls: type) -> None:
    """A field added to the dataclass must be added to its __init__ too: this fails until it is."""
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]
