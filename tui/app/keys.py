"""Every key of the reader in one table, and the user's keymap file that can rebind them.

Each row becomes a Textual `Binding` with an `id`; the keymap file maps those ids to new keys
and is applied with `App.set_keymap`. The help screen and the command palette read this same
table, so a key added here shows up everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

from tui.paths import config_dir

APP_SCOPE = "app"
READER_SCOPE = "reader"
SELECTION_SCOPE = "selection"  # the keyboard selection bar (v), see widgets/selection_bar.py
NOTE_SCOPE = "note_dialog"  # screens/note_dialog.py (priority keys: the note field is a TextArea)
CONFIRM_SCOPE = "confirm"
UNSAVED_SCOPE = "unsaved_note"  # quitting with a note being typed: screens/note_dialog.py
STORY_SCOPE = "story"  # screens/story.py and screens/split.py
ANNOTATIONS_SCOPE = "annotations"  # screens/annotations_list.py
KEYMAP_FILES = ("keymap.yaml", "keymap.yml")
MAX_KEYMAP_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One action and its default keys (Textual key names, comma separated)."""

    id: str
    keys: str
    action: str
    description: str
    group: str
    show: bool = False  # in the footer
    scope: str = READER_SCOPE
    # Keys the widgets already handle (arrows in lists, enter to choose): shown in help only.
    also: str = ""
    short: str = ""  # the footer's label, when the description is too long for it


KEYS: tuple[KeySpec, ...] = (
    KeySpec("move_down", "j", "move_down", "Scroll down / next row", "Move", also="↓"),
    KeySpec("move_up", "k", "move_up", "Scroll up / previous row", "Move", also="↑"),
    KeySpec("go_top", "g", "go_top", "Top", "Move", also="home"),
    KeySpec("go_bottom", "G", "go_bottom", "Bottom", "Move", also="end"),
    KeySpec("focus_next_pane", "tab", "app.focus_next", "Next pane", "Move"),
    KeySpec("focus_previous_pane", "shift+tab", "app.focus_previous", "Previous pane", "Move"),
    KeySpec("choose", "enter", "choose", "Open article / choose entry", "Move"),
    KeySpec("next_article", "n", "next_article", "Next article", "Articles", show=True, short="Next"),
    KeySpec(
        "previous_article", "p", "previous_article", "Previous article", "Articles", show=True, short="Prev"
    ),
    KeySpec("next_outlet", "right_square_bracket", "next_outlet", "First article of next outlet", "Articles"),
    KeySpec(
        "previous_outlet",
        "left_square_bracket",
        "previous_outlet",
        "First article of previous outlet",
        "Articles",
    ),
    KeySpec("back", "alt+left,backspace", "back", "Back through what was read", "Articles"),
    KeySpec("forward", "alt+right", "forward", "Forward through what was read", "Articles"),
    KeySpec("toggle_read", "m", "toggle_read", "Mark read / unread", "Articles"),
    KeySpec("toggle_sort", "S", "toggle_sort", "Sort outlets by date / by name", "Articles"),
    KeySpec(
        "next_quote", "full_stop", "next_quote", "Next quote", "Quotes and entities", show=True, short="Quote"
    ),
    KeySpec(
        "previous_quote",
        "comma",
        "previous_quote",
        "Previous quote",
        "Quotes and entities",
        show=True,
        short="Prev quote",
    ),
    KeySpec(
        "next_mention",
        "e",
        "next_mention",
        "Next mention of chosen entity",
        "Quotes and entities",
        show=True,
        short="Mention",
    ),
    KeySpec(
        "previous_mention",
        "E",
        "previous_mention",
        "Previous mention of chosen entity",
        "Quotes and entities",
    ),
    KeySpec(
        "other_articles",
        "o",
        "other_articles",
        "Other articles naming the chosen entity",
        "Quotes and entities",
        show=True,
        short="Elsewhere",
    ),
    # -- notes (issue 5) and stories (issue 6): screens/reader_notes.py, screens/reader_stories.py
    KeySpec("annotate", "a", "annotate", "Note on the quote or selection", "Notes", show=True, short="Note"),
    KeySpec("highlight", "h", "highlight", "Highlight the selection", "Notes"),
    KeySpec("select", "v", "start_selection", "Select text with the keyboard", "Notes", also="mouse drag"),
    KeySpec("next_note", "N", "next_note", "Next note in this article", "Notes"),
    KeySpec("edit_note", "A", "edit_note", "Edit the current note", "Notes", also="enter on a note"),
    KeySpec("delete_note", "D", "delete_note", "Delete the current note", "Notes"),
    KeySpec(
        "reattach_note", "ctrl+r", "reattach_note", "Re-attach the current note to the selection", "Notes"
    ),
    KeySpec("list_annotations", "L", "list_annotations", "All notes in the library", "Notes"),
    KeySpec(
        "story", "c", "story", "Story: compare the reports of this event", "Stories", show=True, short="Story"
    ),
    KeySpec("next_report", "r", "next_report", "Same story, next outlet", "Stories"),
    KeySpec("previous_report", "R", "previous_report", "Same story, previous outlet", "Stories"),
    KeySpec("split_view", "vertical_line", "split_view", "Two reports of the story side by side", "Stories"),
    KeySpec(
        "selection_more",
        "j,down",
        "extend('sentence', 1)",
        "Selection: end one sentence on",
        "Selecting",
        show=True,
        short="+sentence",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_less",
        "k,up",
        "extend('sentence', -1)",
        "Selection: end one sentence back",
        "Selecting",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_word_more",
        "w,right",
        "extend('word', 1)",
        "Selection: end one word on",
        "Selecting",
        show=True,
        short="+word",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_word_less",
        "b,left",
        "extend('word', -1)",
        "Selection: end one word back",
        "Selecting",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_start_on",
        "J",
        "move_start('sentence', 1)",
        "Selection: start one sentence on",
        "Selecting",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_start_back",
        "K",
        "move_start('sentence', -1)",
        "Selection: start one sentence back",
        "Selecting",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_start_word_on",
        "W",
        "move_start('word', 1)",
        "Selection: start one word on",
        "Selecting",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_start_word_back",
        "B",
        "move_start('word', -1)",
        "Selection: start one word back",
        "Selecting",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_highlight",
        "h",
        "screen.highlight",
        "Highlight the selection",
        "Selecting",
        show=True,
        short="Highlight",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_annotate",
        "a",
        "screen.annotate",
        "Note on the selection",
        "Selecting",
        show=True,
        short="Note",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "selection_cancel",
        "escape",
        "cancel",
        "Leave selection mode",
        "Selecting",
        show=True,
        short="Cancel",
        scope=SELECTION_SCOPE,
    ),
    KeySpec(
        "note_save",
        "ctrl+s",
        "save",
        "Note dialog: save",
        "Dialogs",
        show=True,
        short="Save",
        scope=NOTE_SCOPE,
    ),
    KeySpec(
        "note_cancel",
        "escape",
        "cancel",
        "Note dialog: cancel",
        "Dialogs",
        show=True,
        short="Cancel",
        scope=NOTE_SCOPE,
    ),
    KeySpec(
        "confirm_yes",
        "y",
        "answer(True)",
        "Confirm: yes",
        "Dialogs",
        show=True,
        short="Yes",
        scope=CONFIRM_SCOPE,
    ),
    KeySpec(
        "confirm_no",
        "n,escape",
        "answer(False)",
        "Confirm: no",
        "Dialogs",
        show=True,
        short="No",
        scope=CONFIRM_SCOPE,
    ),
    KeySpec(
        "unsaved_save",
        "s,ctrl+s",
        "answer('save')",
        "Quitting with a note typed: save it, then quit",
        "Dialogs",
        show=True,
        short="Save and quit",
        scope=UNSAVED_SCOPE,
    ),
    KeySpec(
        "unsaved_discard",
        "d",
        "answer('discard')",
        "Quitting with a note typed: quit without it",
        "Dialogs",
        show=True,
        short="Discard and quit",
        scope=UNSAVED_SCOPE,
    ),
    KeySpec(
        "unsaved_keep",
        "escape",
        "answer('keep')",
        "Quitting with a note typed: keep editing",
        "Dialogs",
        show=True,
        short="Keep editing",
        scope=UNSAVED_SCOPE,
    ),
    KeySpec(
        "story_close",
        "escape,q",
        "close",
        "Story and split view: close",
        "Stories",
        show=True,
        short="Close",
        scope=STORY_SCOPE,
    ),
    KeySpec(
        "story_split",
        "vertical_line",
        "split",
        "Story: read the chosen report side by side",
        "Stories",
        show=True,
        short="Side by side",
        scope=STORY_SCOPE,
    ),
    KeySpec(
        "split_next",
        "r",
        "next_report",
        "Split view: next report on the right",
        "Stories",
        show=True,
        short="Next report",
        scope=STORY_SCOPE,
    ),
    KeySpec(
        "annotations_close",
        "escape",
        "close",
        "All notes: close",
        "Dialogs",
        show=True,
        short="Close",
        scope=ANNOTATIONS_SCOPE,
    ),
    KeySpec("search", "slash", "search", "Search the library", "Library", show=True, short="Search"),
    KeySpec(
        "toggle_side_panel",
        "s",
        "toggle_side_panel",
        "Show / hide side panel",
        "View",
        show=True,
        short="Panel",
    ),
    KeySpec(
        "help",
        "question_mark",
        "app.help",
        "Help: all keys",
        "View",
        show=True,
        short="Help",
        scope=APP_SCOPE,
    ),
    KeySpec("quit", "q", "app.quit", "Quit", "View", show=True, scope=APP_SCOPE),
)

# Keys that Textual provides itself; listed so help is complete.
BUILT_IN_KEYS: tuple[tuple[str, str, str], ...] = (
    ("ctrl+p", "Command palette: every action", "View"),
    ("ctrl+c", "Copy selected text (select with the mouse)", "View"),
)

KNOWN_IDS = frozenset(spec.id for spec in KEYS)


def bindings(scope: str) -> list[Binding]:
    """The Binding objects for one scope (the app or the reader screen)."""
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.short or spec.description,
            show=spec.show,
            id=spec.id,
            tooltip=spec.description,
        )
        for spec in KEYS
        if spec.scope == scope
    ]


def spec_by_id(binding_id: str) -> KeySpec:
    return next(spec for spec in KEYS if spec.id == binding_id)


@dataclass(frozen=True, slots=True)
class LoadedKeymap:
    """Binding id -> keys from the user's file, and notices for anything that was ignored."""

    keymap: dict[str, str]
    notices: tuple[str, ...] = ()
    path: Path | None = None


def keymap_path(folder: Path | None = None) -> Path:
    """The keymap file in the user config folder (the first that exists, else keymap.yaml)."""
    folder = config_dir() if folder is None else folder
    for name in KEYMAP_FILES:
        if (folder / name).is_file():
            return folder / name
    return folder / KEYMAP_FILES[0]


def load_keymap(path: Path | None = None) -> LoadedKeymap:
    """Read `keymap.yaml`: a mapping of binding id to keys, e.g. `next_article: "right,n"`.

    Never raises. Unknown ids and bad values are skipped with a notice naming the file.
    """
    path = keymap_path() if path is None else path
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return LoadedKeymap({}, path=path)
    except OSError as e:
        return LoadedKeymap({}, (f"{path}: cannot read keymap ({e.strerror})",), path)
    if size > MAX_KEYMAP_BYTES:
        return LoadedKeymap({}, (f"{path}: keymap is too large ({size} bytes); ignored",), path)
    import yaml  # only users with a keymap file pay for the import

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return LoadedKeymap({}, (f"{path}: cannot read keymap (not UTF-8 text)",), path)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        return LoadedKeymap({}, (f"{path}: keymap is not valid YAML{where}; ignored",), path)
    if raw is None:
        return LoadedKeymap({}, path=path)
    if not isinstance(raw, dict):
        return LoadedKeymap({}, (f"{path}: keymap must map action ids to keys; ignored",), path)
    keymap: dict[str, str] = {}
    notices: list[str] = []
    for binding_id, keys in raw.items():
        if binding_id not in KNOWN_IDS:
            notices.append(f"{path}: unknown action {str(binding_id)[:40]!r} skipped")
        elif not _is_key_list(keys):
            notices.append(f'{path}: keys for {binding_id!r} must be text such as "ctrl+n,n"; skipped')
        else:
            keymap[binding_id] = keys.replace(" ", "")
    return LoadedKeymap(keymap, tuple(notices), path)


def _is_key_list(value: object) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= 100
        and value.isprintable()
        and all(part.strip() for part in value.split(","))
    )
