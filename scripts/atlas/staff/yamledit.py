"""Edit captions.yaml the way a careful person would: change only the lines the command is
about and keep every other byte (line endings, byte-order mark, comments, blank lines, quoting,
key order) exactly as staff left it.

Edits are made on the text itself, at the places the reader's node marks point to
(`atlas.yamlsource.compose`), never by loading and dumping the whole file: a round trip
through any YAML library rewrites what it does not understand. Every edit is then read back with
the project's own reader (`verify_edit`), and refused unless it means exactly what was intended.
ruamel.yaml is used only to write a new entry's lines (`append_entry_text`).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any, Callable

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..yamlsource import compose, parse

FILENAME = "captions.yaml"
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # YAML's, as the reader counts lines
# Text that reads back as itself unquoted, in YAML 1.2 and in YAML 1.1 editors alike.
_PLAIN_SAFE = re.compile(r"^[a-z][a-z0-9-]*$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NOT_PLAIN_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


class EditError(Exception):
    """The file cannot be edited safely; the message says why and what to do."""


# --- writing scalars ------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}
# Characters a double-quoted scalar cannot hold as they are: YAML's non-printable ones, and
# those it would read as a line break (and so fold) or drop (a byte-order mark).
_MUST_ESCAPE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly: quotes, backslashes, line
    breaks, tabs and control characters escaped; other characters (é, emoji) as they are."""
    if re.search("[\ud800-\udfff]", text):
        raise EditError("the text holds bytes that are not valid text (a broken character); type it again")
    out = []
    for character in text:
        if character in _ESCAPES:
            out.append(_ESCAPES[character])
        elif _MUST_ESCAPE.match(character):
            code = ord(character)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(character)
    return '"' + "".join(out) + '"'


def scalar_like(text: str, existing: yaml.Node | None) -> str:
    """`text` written as a scalar, in the quoting staff used for the value it replaces where
    that is safe, else double-quoted."""
    style = existing.style if isinstance(existing, yaml.ScalarNode) else None
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    plain_ok = _PLAIN_SAFE.match(text) and text.lower() not in _NOT_PLAIN_WORDS
    return text if plain_ok and style != '"' else double_quoted(text)


# --- finding nodes ----------------------------------------------------------------------------


def read_nodes(text: str) -> yaml.MappingNode:
    root, problems = compose(text, filename=FILENAME)
    if problems:
        raise EditError(f"{problems[0]}\nNext: run `make check` and fix the line above first.")
    if not isinstance(root, yaml.MappingNode):
        raise EditError("captions.yaml does not hold 'galleries:' and 'photos:'; run `make check` to see why")
    return root


def field_of(mapping: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) of field `name`, or None."""
    for key, value in mapping.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    return None


def photo_node(root: yaml.MappingNode, photo_id: str) -> yaml.MappingNode:
    found = field_of(root, "photos")
    for entry in found[1].value if found and isinstance(found[1], yaml.SequenceNode) else []:
        id_field = field_of(entry, "id") if isinstance(entry, yaml.MappingNode) else None
        if id_field and isinstance(id_field[1], yaml.ScalarNode) and id_field[1].value == photo_id:
            return entry
    raise EditError(f"there is no photo '{photo_id}' in captions.yaml\nNext: run `make permissions` to list every photo id.")


# --- changing text ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `new` (start == end: insert)."""

    start: int
    end: int
    new: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


def line_ending(text: str, index: int = 0) -> str:
    """The line break that ends the line holding `index`, else the file's first, else "\\n"."""
    found = _LINE_BREAK.search(text, index) or _LINE_BREAK.search(text)
    return found.group() if found else "\n"


def set_fields(text: str, mapping: yaml.MappingNode, values: dict[str, str], *, after: str) -> list[Edit]:
    """Edits that give `mapping` the fields `values` (already written as YAML scalars): a field
    that exists has its value replaced where it stands; the others go straight after field
    `after`, in order, on lines of their own (block style) or inside the braces (flow style)."""
    edits, missing = [], {}
    for name, scalar in values.items():
        found = field_of(mapping, name)
        if found:
            edits.append(_replace_value(text, found[1], scalar))
        else:
            missing[name] = scalar
    if missing:
        anchor_key, anchor_value = field_of(mapping, after)
        edits.append(
            _insert_in_flow(anchor_value, missing) if mapping.flow_style else _insert_lines(text, anchor_key, anchor_value, missing)
        )
    return edits


def _replace_value(text: str, node: yaml.Node, scalar: str) -> Edit:
    start, end = node.start_mark.index, node.end_mark.index
    # A block scalar (| or >) ends at the start of the line after it; the line break and
    # blank lines it swallowed stay.
    end = start + len(text[start:end].rstrip())
    if start == end and text[start - 1 : start] == ":":
        scalar = " " + scalar  # `withdrawn_on:` with nothing after it
    return Edit(start, end, scalar)


def _insert_lines(text: str, key: yaml.Node, value: yaml.Node, fields: dict[str, str]) -> Edit:
    eol = line_ending(text, value.end_mark.index)
    indent = " " * key.start_mark.column
    block = "".join(f"{indent}{name}: {scalar}{eol}" for name, scalar in fields.items())
    if value.end_mark.column == 0 and value.end_mark.index > 0:
        return Edit(value.end_mark.index, value.end_mark.index, block)  # a block scalar ends a line itself
    found = _LINE_BREAK.search(text, value.end_mark.index)
    if found is None:  # the last line of a file that does not end with a line break
        return Edit(len(text), len(text), eol + block[: -len(eol)])
    return Edit(found.end(), found.end(), block)


def _insert_in_flow(value: yaml.Node, fields: dict[str, str]) -> Edit:
    at = value.end_mark.index
    return Edit(at, at, "".join(f", {name}: {scalar}" for name, scalar in fields.items()))


# --- reading an edit back ---------------------------------------------------------------------


def verify_edit(old_text: str, new_text: str, change: Callable[[Any], None]) -> None:
    """Refuse the edit unless `new_text` reads, with the project's own reader, exactly as
    `old_text` with `change` applied to its data: the edited values back as intended and every
    other value as it was."""
    old, _ = parse(old_text, filename=FILENAME)
    new, _ = parse(new_text, filename=FILENAME)
    if old is None:
        raise EditError("captions.yaml cannot be read; run `make check` to see where")
    expected = copy.deepcopy(old.data)
    change(expected)
    if new is None or new.data != expected:
        raise EditError(
            "the edit did not read back as intended, so nothing was changed\n"
            "Next: please report this, with the command you ran; meanwhile edit captions.yaml by hand (see EDITING.md)."
        )


def plain_data(value: Any) -> Any:
    """A value as the reader would give it back: dates as their ISO text, mappings as dicts."""
    if isinstance(value, dict):
        return {key: plain_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_data(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- appending an entry -----------------------------------------------------------------------


def round_trip_yaml() -> YAML:
    yaml_ = YAML()  # round-trip mode: comments on the new entry are written where they belong
    # The layout captions.yaml uses ("photos:" then "  - id: ..." then "    file: ...").
    yaml_.indent(mapping=2, sequence=4, offset=2)
    # Never wrap a long value: a wrapped line is a diff nobody asked for.
    yaml_.width = 4096
    return yaml_


def dump(data: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def lines_of(text: str) -> list[str]:
    """The lines of `text`, each with its own line break, split where the reader counts lines."""
    lines, start = [], 0
    for found in _LINE_BREAK.finditer(text):
        lines.append(text[start : found.end()])
        start = found.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def append_entry_text(text: str, entry: CommentedMap, *, section: str, comment: str) -> tuple[str, int]:
    """`text` with `entry` added as the last item of the top-level list `section`, and the line
    the entry starts on.

    The entry is written by the YAML emitter (so any value is quoted correctly), moved to the
    file's own indentation and line ending, and placed after the section's last item. Nothing
    already in the file changes; at most a line break is added to a last line that had none.
    """
    root = read_nodes(text)
    found = field_of(root, section)
    items = found[1] if found else None
    if not isinstance(items, yaml.SequenceNode) or items.flow_style or not items.value:
        raise EditError(f"captions.yaml has no '{section}:' list with entries to add to")
    if any("\n" in str(value) for value in _scalars(entry)):
        raise EditError("a value contains a line break; use a file name without line breaks")
    lines = lines_of(text)
    eol = line_ending(text)
    block = [f"{' ' * _dash_column(lines, items.value[0])}# {line}".rstrip() for line in comment.splitlines()]
    block += _entry_lines(entry, dash_column=_dash_column(lines, items.value[0]))

    end = _section_end(root, section, lines)
    before, after = lines[:end], lines[end:]
    if before and not _LINE_BREAK.search(before[-1]):
        before[-1] += eol
    if before and before[-1].strip():
        before.append(eol)  # one blank line between entries, as elsewhere
    start_line = len(before) + len(comment.splitlines()) + 1
    new_lines = before + [line + eol for line in block] + ([eol] if after and after[0].strip() else []) + after
    return "".join(new_lines), start_line


def _entry_lines(entry: CommentedMap, *, dash_column: int) -> list[str]:
    rendered = dump(CommentedSeq([entry])).splitlines()
    shift = dash_column - (len(rendered[0]) - len(rendered[0].lstrip()))
    return [_shifted(line, shift) for line in rendered]


def _dash_column(lines: list[str], first_item: yaml.Node) -> int:
    """Where the "- " of the list's first item starts."""
    line = lines[first_item.start_mark.line].lstrip("\ufeff")
    before_item = line[: first_item.start_mark.column].rstrip()
    return len(before_item) - 1 if before_item.endswith("-") else max(first_item.start_mark.column - 2, 0)


def _shifted(line: str, by: int) -> str:
    if not line.strip():
        return ""
    return " " * by + line if by >= 0 else line[-by:]


def _section_end(root: yaml.MappingNode, section: str, lines: list[str]) -> int:
    """Index of the first line after `section`'s list: the next top-level key, less the blank
    lines and comments directly above that key (they introduce it), or the end of the file."""
    keys = [key for key, _ in root.value]
    position = next(i for i, key in enumerate(keys) if isinstance(key, yaml.ScalarNode) and key.value == section)
    if position + 1 == len(keys):
        return len(lines)
    end = keys[position + 1].start_mark.line
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _scalars(value: Any):
    if isinstance(value, dict):
        for item in value.values():
            yield from _scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from _scalars(item)
    elif value is not None:
        yield value
