"""Reading a scenario document (YAML or JSON) safely: every scalar a string (no floats), no
duplicate keys, nesting and alias expansion bounded before anything walks the data."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from .readers import ScenarioError

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml if present


class _StringLoader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that resolves no implicit types: every scalar stays a string (no floats,
    no YAML 1.1 surprises like ``no`` → False or ``08:00`` → 480), nulls excepted."""


_StringLoader.yaml_implicit_resolvers = {}
# Keep YAML merge keys (``<<: *base``) so that files can share a base scenario.
_StringLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def _construct_null_aware(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    value = loader.construct_scalar(node)
    if node.style not in ("'", '"', "|", ">") and value in ("", "null", "Null", "NULL", "~"):
        return None
    return value


_StringLoader.add_constructor("tag:yaml.org,2002:str", _construct_null_aware)


def _refuse_float(text: str) -> Any:
    raise ScenarioError("", f"decimaltal skal skrives som tekst i anførselstegn, ikke {text}")


def read_document(text: str, *, json_format: bool = False) -> Any:
    """Parse a document with bounds checked first: nesting depth (no recursion blow-up), no
    duplicate keys, and for YAML a bound on what aliases expand to (no alias bombs)."""
    kind = "JSON" if json_format else "YAML"
    _check_depth(text)
    try:
        if json_format:
            return json.loads(text, parse_float=_refuse_float, parse_constant=_refuse_float,
                              object_pairs_hook=_unique_pairs)  # fmt: skip
        data = yaml.load(text, Loader=_StringLoader)
    except ScenarioError:
        raise
    except (yaml.YAMLError, json.JSONDecodeError) as e:
        reason = str(e).splitlines()[0][:200]
        raise ScenarioError("", f"filen kan ikke læses som {kind}: {reason}") from None
    except (ValueError, RecursionError):
        raise ScenarioError(
            "", f"filen kan ikke læses som {kind} (for store tal eller for dyb)"
        ) from None
    _check_expansion(data)
    return data


MAX_FILE_BYTES = 200_000_000
MAX_DEPTH = 40
MAX_NODES = 20_000_000  # elements after aliases are expanded


def _check_depth(text: str) -> None:
    """Refuse deeper nesting of [ and { than MAX_DEPTH, before any parser recurses."""
    depth = 0
    for ch in re.finditer(r"[\[\]{}]", text):
        depth += 1 if ch.group() in "[{" else -1
        if depth > MAX_DEPTH:
            raise ScenarioError("", f"filen er indlejret dybere end {MAX_DEPTH} niveauer")


def _check_expansion(data: Any) -> None:
    """YAML aliases share objects; count what walking the document would visit, once per
    distinct object (memoised), and refuse a document that expands beyond MAX_NODES."""
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        if not isinstance(node, dict | list):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = 1  # a cycle counts once
        children = node.values() if isinstance(node, dict) else node
        total = 1 + sum(size(c) for c in children)
        sizes[key] = total
        if total > MAX_NODES:
            raise ScenarioError("", "filens YAML-aliaser folder sig ud til for mange elementer")
        return total

    size(data)


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ScenarioError(str(k)[:60], "feltet står to gange i samme objekt")
        out[k] = v
    return out


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
    """A mapping whose explicit keys are unique (keys merged in with ``<<`` may be overridden,
    as YAML intends)."""
    seen: set[Any] = set()
    for key_node, _value in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        if isinstance(key, str | int) and key in seen:
            raise ScenarioError(
                str(key)[:60], f"feltet står to gange (linje {key_node.start_mark.line + 1})"
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StringLoader.add_constructor("tag:yaml.org,2002:map", _construct_unique_mapping)
