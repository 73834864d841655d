"""Reading and writing annotation YAML safely.

Files are untrusted (synced, shared, edited by hand): only plain YAML types are accepted
(no tags such as `!!python/object`, no `!!binary`), the size is capped, and aliases may not
blow a small file up into a huge document (the "billion laughs"). Times stay text rather than
turning into datetime objects, so a file round-trips as written.

Writing uses readable block style, UTF-8, keys in the order given, and multi-line text as
`|` block literals, so files diff well in git.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

# libyaml makes loading and dumping several times faster; the pure-Python classes behave the same.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_YAML_BYTES = 32 * 1024 * 1024
# Nodes the document may have once every alias is expanded, as a multiple of the nodes
# actually written (plus slack for small files that reuse an anchor a few times).
MAX_ALIAS_EXPANSION = 10
ALIAS_SLACK_NODES = 10_000
MAX_DEPTH = 64

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)


class YamlError(ValueError):
    """The text is not acceptable YAML; the message says why in one line."""


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader without implicit timestamps: `2025-05-17T10:00:00Z` stays a string."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _check_nodes(root: yaml.Node, written_nodes_cap: int) -> None:
    """Refuse tags outside plain YAML, deep nesting, cycles and alias expansion past the cap.

    Expanded size is computed per node once (memoised by identity), so the check is linear in
    the nodes actually present however far the aliases would expand.
    """
    expanded: dict[int, int] = {}
    in_progress: set[int] = set()
    distinct = 0

    def size(node: yaml.Node, depth: int) -> int:
        nonlocal distinct
        key = id(node)
        if key in expanded:
            return expanded[key]
        if key in in_progress:
            raise YamlError("an alias refers to the node that contains it")
        if depth > MAX_DEPTH:
            raise YamlError(f"nested deeper than {MAX_DEPTH} levels")
        if node.tag not in _PLAIN_TAGS:
            raise YamlError(f"line {node.start_mark.line + 1}: YAML tag {node.tag} is not allowed")
        distinct += 1
        if distinct > written_nodes_cap:
            raise YamlError("too many values")
        in_progress.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        in_progress.discard(key)
        expanded[key] = total
        return total

    total = size(root, 0)
    if total > distinct * MAX_ALIAS_EXPANSION + ALIAS_SLACK_NODES:
        raise YamlError(f"aliases expand {distinct:,} values into {total:,}; refused")


_STR_TAG, _SEQ_TAG, _MAP_TAG = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))
_NODE_KINDS = {_SEQ_TAG: "sequence", _MAP_TAG: "mapping"}
# The other plain scalars, built exactly as PyYAML's safe loader builds them (YAML 1.1: `yes`,
# `0x1f`, `1:30`, `.inf`, ...). Each takes the loader and the node.
_SCALAR_BUILDERS: dict[str, Callable[[Any, yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:null": yaml.constructor.SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
}


def _where(node: yaml.Node) -> str:
    mark = node.start_mark
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _build(root: yaml.Node, loader: Any) -> Any:
    """The Python value of a checked node tree (plain tags only, no cycles, bounded depth: see
    _check_nodes). The same as PyYAML's SafeConstructor gives, aliases included (one object
    for one node), at a fraction of its cost: its generic machinery was a third of the time
    of reading a file. Raises YamlError where it raises, and also for a scalar its tag cannot
    read (`!!int abc`), where it raises ValueError or KeyError."""
    built: dict[int, Any] = {}

    def build(node: yaml.Node) -> Any:
        known = built.get(id(node), built)
        if known is not built:
            return known
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR_TAG:
                value: Any = node.value
            elif tag in _NODE_KINDS:
                raise YamlError(f"{_where(node)}: expected a {_NODE_KINDS[tag]} node, but found scalar")
            else:
                try:
                    value = _SCALAR_BUILDERS[tag](loader, node)
                except (ValueError, KeyError, IndexError, TypeError):
                    name = tag.rsplit(":", 1)[-1]
                    raise YamlError(f"{_where(node)}: {node.value[:40]!r} is not a valid {name}") from None
        elif tag != (_SEQ_TAG if isinstance(node, yaml.SequenceNode) else _MAP_TAG):
            kind = "sequence" if isinstance(node, yaml.SequenceNode) else "mapping"
            expected = _NODE_KINDS.get(tag, "scalar")
            raise YamlError(f"{_where(node)}: expected a {expected} node, but found {kind}")
        elif isinstance(node, yaml.SequenceNode):
            value = [build(child) for child in node.value]
        else:
            value = {}
            for key_node, value_node in node.value:
                key = build(key_node)
                try:
                    hash(key)
                except TypeError:
                    raise YamlError(f"{_where(key_node)}: found unhashable key") from None
                value[key] = build(value_node)
        built[id(node)] = value
        return value

    return build(root)


def load_yaml(data: bytes | str, *, max_bytes: int = MAX_YAML_BYTES) -> Any:
    """The single document in `data` as plain Python (dict, list, str, int, float, bool, None).

    An empty document gives None. Raises YamlError (one line) for anything else: too big, not
    UTF-8, syntax errors, several documents, tags, cycles, alias bombs, too deep.
    """
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if len(data) > max_bytes:
        raise YamlError(f"larger than {max_bytes:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise YamlError(f"not UTF-8 (byte {e.start})") from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # A node is at least a couple of bytes of text, so this bounds memory for any input.
        _check_nodes(node, written_nodes_cap=len(data) // 2 + 16)
        return _build(node, loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = " ".join(str(e.problem or e.context or "invalid YAML").split())
        raise YamlError(f"{where}{problem}") from None
    except yaml.YAMLError as e:
        raise YamlError(" ".join(str(e).split())[:300] or "invalid YAML") from None
    except RecursionError:
        raise YamlError(f"nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block style; multi-line strings as `|` literals; never anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """`data` (plain Python) as readable YAML text, keys in the order given."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        default_flow_style=False,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        indent=2,
    )
