"""Edit captions.yaml the way a careful person would: change only what the command is about and
keep every comment, blank line, key order and quote exactly as staff left them.

PyYAML drops comments on the way in, so edits go through ruamel.yaml's round-trip mode. Reading
and validating stay with `atlas.catalog` (which knows file positions and the schema); after an
edit the new text is validated again before it is written.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError


class EditError(Exception):
    """The file cannot be edited safely; the message says why and what to do."""


def round_trip_yaml() -> YAML:
    yaml = YAML()  # round-trip mode: comments and formatting survive load + dump
    # The layout captions.yaml uses ("photos:" then "  - id: ..." then "    file: ...").
    yaml.indent(mapping=2, sequence=4, offset=2)
    # Never re-wrap staff's long lines: a wrapped caption is a diff nobody asked for.
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def load(text: str) -> CommentedMap:
    try:
        data = round_trip_yaml().load(text)
    except YAMLError as error:
        raise EditError(f"captions.yaml cannot be read ({error}); run `make check` to see where") from error
    if not isinstance(data, CommentedMap):
        raise EditError("captions.yaml does not hold 'galleries:' and 'photos:'; run `make check` to see why")
    return data


def dump(data: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def find_photo(data: CommentedMap, photo_id: str) -> tuple[int, CommentedMap]:
    photos = data.get("photos")
    for index, photo in enumerate(photos if isinstance(photos, CommentedSeq) else []):
        if isinstance(photo, CommentedMap) and photo.get("id") == photo_id:
            return index, photo
    raise KeyError(photo_id)


def line_of(data: CommentedMap, index: int) -> int:
    """The 1-based line where photos[index] starts."""
    return data["photos"][index].lc.line + 1


def set_keys_after(mapping: CommentedMap, values: dict[str, Any], *, after: str) -> None:
    """Set keys in `mapping`: existing ones keep their place, new ones go straight after `after`.

    ruamel.yaml keeps what follows a value (its end-of-line comment and the blank lines after
    it, such as the blank line between two catalog entries) with that key. When new keys go
    after the last one, that trailing text moves to the new last key so it stays at the end.
    """
    keys = list(mapping.keys())
    position = keys.index(after) + 1
    was_last = position == len(keys)
    for key, value in values.items():
        if key in mapping:
            mapping[key] = value
        else:
            mapping.insert(position, key, value)
            position += 1
    new_last = list(mapping.keys())[-1]
    if was_last and new_last != after and after in mapping.ca.items:
        mapping.ca.items[new_last] = mapping.ca.items.pop(after)


def append_entry_text(text: str, entry: CommentedMap, *, section: str, comment: str) -> tuple[str, int]:
    """`text` with `entry` added as the last item of the top-level list `section`, and the line
    the entry starts on.

    The entry is written by the YAML emitter (so any value is quoted correctly), then placed
    after the section's last item; everything already in the file stays byte for byte.
    ruamel.yaml can append to the list itself, but then puts a comment above the new item in
    the wrong place, so the placement is done here, on whole lines.
    """
    data = load(text)
    items = data.get(section)
    if not isinstance(items, CommentedSeq) or not items:
        raise EditError(f"captions.yaml has no '{section}:' list with entries to add to")
    if any("\n" in str(value) for value in _scalars(entry)):
        raise EditError("a value contains a line break; use a file name without line breaks")
    dash_column = items.lc.data[0][1] - 2  # where the "- " of the file's first item starts
    rendered = dump(CommentedSeq([entry])).splitlines()
    shift = dash_column - (len(rendered[0]) - len(rendered[0].lstrip()))
    block = [f"{' ' * dash_column}# {line}".rstrip() for line in comment.splitlines()]
    block += [_shifted(line, shift) for line in rendered]

    lines = text.splitlines()
    end = _section_end(data, section, lines)
    before, after = lines[:end], lines[end:]
    while before and not before[-1].strip():  # one blank line between entries, as elsewhere
        before.pop()
    new_lines = before + [""] + block + ([""] + after if after else [])
    start_line = len(before) + 2 + len(comment.splitlines())
    return "\n".join(new_lines) + "\n", start_line


def _shifted(line: str, by: int) -> str:
    if not line.strip():
        return ""
    return " " * by + line if by >= 0 else line[-by:]


def _section_end(data: CommentedMap, section: str, lines: list[str]) -> int:
    """Index of the first line after `section`'s list: the next top-level key, less the blank
    lines and comments directly above that key (they introduce it), or the end of the file."""
    keys = list(data.keys())
    following = keys[keys.index(section) + 1 :]
    if not following:
        return len(lines)
    end = data.lc.key(following[0])[0]
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
