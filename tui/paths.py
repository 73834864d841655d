"""Where Kabar keeps its files: one small module so every path has one owner.

Each folder comes from platformdirs and can be moved with an environment variable
(used by the tests, and by users who keep their notes in a synced folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "kabar"


def _dir(env: str, default: str) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser() if value else Path(default)


def data_dir() -> Path:
    """User data (annotations): KABAR_DATA_DIR or the platform's user data folder."""
    return _dir("KABAR_DATA_DIR", platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    """Disposable cache (the library index): KABAR_CACHE_DIR or the user cache folder."""
    return _dir("KABAR_CACHE_DIR", platformdirs.user_cache_dir(APP))


def state_dir() -> Path:
    """Reader state (last article, read marks): KABAR_STATE_DIR or the user state folder."""
    return _dir("KABAR_STATE_DIR", platformdirs.user_state_dir(APP))


def config_dir() -> Path:
    """User configuration (keymap): KABAR_CONFIG_DIR or the user config folder."""
    return _dir("KABAR_CONFIG_DIR", platformdirs.user_config_dir(APP))


def bundled_articles() -> Path:
    """The sample corpus shipped with the package.

    A wheel carries the repo's articles/ folder as tui/articles (see pyproject.toml);
    a source checkout (editable install) has it beside the package.
    """
    package = Path(__file__).resolve().parent
    installed = package / "articles"
    return installed if installed.is_dir() else package.parent / "articles"
