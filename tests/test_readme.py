"""The README is the product's front page: its key table must be the keys the reader has."""

import runpy

from tests.conftest import REPO


def test_readme_key_table_is_the_readers_key_table() -> None:
    markdown = runpy.run_path(str(REPO / "docs" / "keymap_table.py"))["markdown"]
    assert markdown() in (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_set_up_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```")[1]
    assert first_block.split() == [
        "sh",
        "pip",
        "install",
        "-e",
        ".",
        "&&",
        "kabar",
        "pip",
        "install",
        "-e",
        "'.[test]'",
        "&&",
        "pytest",
    ]
