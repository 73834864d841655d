"""Print the README's key table from the reader's one table of keys (tui/app/keys.py).

    python docs/keymap_table.py

A test checks that README.md holds exactly this table, so the README cannot drift from the keys.
"""

from __future__ import annotations

from tui.app.keys import BUILT_IN_KEYS, KEYS

NAMES = {
    "full_stop": ".",
    "comma": ",",
    "slash": "/",
    "question_mark": "?",
    "vertical_line": "|",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def _keys(keys: str) -> str:
    return " ".join(f"`{NAMES.get(k.strip(), k.strip())}`" for k in keys.split(","))


def markdown() -> str:
    rows = ["| keys | action | id (for keymap.yaml) |", "|---|---|---|"]
    groups: dict[str, list] = {}
    for spec in KEYS:
        groups.setdefault(spec.group, []).append(spec)
    for group, specs in groups.items():
        rows.append(f"| **{group}** | | |")
        for spec in specs:
            also = f" (also {spec.also})" if spec.also else ""
            rows.append(f"| {_keys(spec.keys)}{also} | {spec.description} | `{spec.id}` |")
    for keys, description, _group in BUILT_IN_KEYS:
        rows.append(f"| {_keys(keys)} | {description} | built in |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown())
