"""Building frozen, slotted dataclasses from values that are already known to be valid.

A frozen dataclass's __init__ sets each field through object.__setattr__, which costs several
times a plain slot store; loading a library builds six such objects per note, 60,000 for
10,000 notes. The hot loops (rows read from our own cache, anchors, library entries) store the
slots directly instead. Everything else uses the ordinary constructors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

SlotSetter = Callable[[Any, Any], None]

# object.__new__ makes an instance without running __init__; the slots are then filled in.
new_instance = object.__new__


def slot_setters(cls: type, names: tuple[str, ...]) -> tuple[SlotSetter, ...]:
    """The setters of the slots of `cls`, whose dataclass fields must be exactly `names` in this
    order: a field added to the class and not to the caller fails here, at import, rather
    than leaving a slot empty."""
    actual = tuple(f.name for f in fields(cls))
    if actual != names:
        raise TypeError(f"{cls.__name__} has fields {actual}, not {names}: update its fast builder")
    return tuple(getattr(cls, name).__set__ for name in names)
