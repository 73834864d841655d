"""Setting the scrollable size of a line-API view without laying out the screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def set_scroll_range(view: Widget, size: Size) -> None:
    """Give `view` a new virtual size: the scroll range and the scrollbar change, nothing else.

    Assigning `view.virtual_size` would ask for a screen layout (the reactive is declared so), and
    a layout repaints every pane; a view whose own size does not depend on its content needs none.
    Textual's ScrollView compares the size it arranges with this value, so a later layout would
    not tell the scrollbar either: it is told here, at once."""
    if size != view.virtual_size:
        view.set_reactive(Widget.virtual_size, size)
        view._scroll_update(size)
