"""Read staff-edited YAML into plain data, remembering where every value came from.

PyYAML's loaders lose positions, silently keep the last of two duplicate keys, read YAML 1.1
(where `yes`, `on` and `12:30` are not text) and can be exhausted by a few hundred bytes. So the
file is read here with a loader of our own, and every way it can fail ends in a
`captions.yaml:LINE:COL:` problem, never a traceback and never minutes:

- bytes that are not UTF-8, and characters YAML forbids (a NUL pasted from a PDF), are reported
  on their own line and column; a UTF-8 byte-order mark is accepted;
- nesting deeper than MAX_DEPTH is refused (PyYAML's composer is recursive: 20,000 `[` would end
  in RecursionError), and so are aliases that repeat more than MAX_REPEATED values in all (the
  "billion laughs": nine anchors of ten aliases each) or that refer to their own collection;
- scalars follow YAML 1.2's core schema: only true/false are booleans, `yes`, `on` and `12:30`
  are text, and there are no timestamps: a date stays the text as typed, for the schema to check.

`compose` gives the node tree (with start/end marks) for the staff commands' surgical edits;
`parse` builds plain data from it, with each value's position and, for plain scalars that are
not text, the text as typed (`Located.raw`).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from .problems import Problem

Path = tuple  # a path into the data: ("photos", 3, "permission", "status")

# A catalog nests five levels (photos > entry > permission > scope > item); 64 leaves room for
# anything a person writes while keeping PyYAML's recursive composer far from Python's limit.
MAX_DEPTH = 64
# Values that aliases may repeat in all. Staff never need anchors; a few shared blocks fit.
MAX_REPEATED = 10_000
# Bad bytes or characters reported one by one before the rest are summed up.
MAX_REPORTED = 20
# 2,000 photo entries take about 1 MB, which the pure-Python reader (needed for the limits
# above) reads in about 3 seconds. A file far beyond that is not a catalog, and reading it would
# take minutes.
MAX_BYTES = 5_000_000

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

# YAML's line breaks (what PyYAML counts lines by) and what it refuses to read.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_FORBIDDEN = yaml.reader.Reader.NON_PRINTABLE


@dataclass
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Located:
    """Plain data plus where each path starts in the file."""

    data: Any
    values: dict[Path, Position] = field(default_factory=dict)  # where a value starts
    keys: dict[Path, Position] = field(default_factory=dict)  # where the key naming it starts
    # The source text of every plain scalar read as a number or true/false: `volume: 1.10` is
    # 1.1 in `data` and "1.10" here, so a field the schema says is text can keep it as typed.
    raw: dict[Path, str] = field(default_factory=dict)

    def at(self, path: Path) -> Position:
        """The best position for `path`: its own, else its nearest ancestor's."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Position(1, 1))

    def key_at(self, path: Path) -> Position:
        return self.keys.get(tuple(path)) or self.at(path)

    def text_at(self, path: Path) -> str | None:
        """The value at `path` as staff typed it: `42`, `true` and `1.10` give "42", "true" and
        "1.10"; text gives the text; anything else (nothing, a list, no such path) None."""
        path = tuple(path)
        if path in self.raw:
            return self.raw[path]
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value if isinstance(value, str) else None


def read_text(path, *, filename: str) -> tuple[str | None, list[Problem]]:
    """A staff-edited file's text exactly as saved (line endings and byte-order mark kept), or
    None and the problems saying how to fix it."""
    try:
        if FsPath(path).stat().st_size > MAX_BYTES:
            return None, [_too_large(filename)]
        data = FsPath(path).read_bytes()
    except FileNotFoundError:
        return None, [Problem(filename, 1, 1, "", "file not found", f"create {path}")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, _encoding_problems(data, filename)


def compose(text: str, *, filename: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The YAML node tree of `text`, read with the same limits and scalar rules as `parse`; its
    marks (index, line, column) point into `text` itself. (None, problems) when the text cannot
    be read; (None, []) for an empty file."""
    if len(text) > MAX_BYTES:
        return None, [_too_large(filename)]
    unreadable = _character_problems(text, filename)
    if unreadable:
        return None, unreadable
    loader = _Loader(text)
    try:
        return loader.get_single_node(), []
    except _Refused as refusal:
        return None, [refusal.as_problem(filename)]
    except yaml.MarkedYAMLError as error:
        return None, [_indentation_slip(text, error, filename) or _syntax_problem(error, filename)]
    except yaml.YAMLError as error:  # pragma: no cover - every error PyYAML raises here is marked
        return None, [Problem(filename, 1, 1, "", f"cannot read the file: {error}")]
    finally:
        loader.dispose()


def parse(text: str, *, filename: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text. Returns (located data or None when unreadable, problems)."""
    root, unreadable = compose(text, filename=filename)
    problems = _tab_problems(text, filename) if len(text) <= MAX_BYTES else []
    if unreadable:
        # A tab usually *is* the syntax error; say it once, in the words about tabs.
        tab_lines = {p.line for p in problems}
        return None, problems + [p for p in unreadable if p.line not in tab_lines]
    located = Located(data=None)
    if root is None:
        located.data = {}
        located.values[()] = Position(1, 1)
        return located, problems
    located.data = _Builder(filename, located, problems).build(root, ())
    return located, problems


def dotted(path: Path) -> str:
    """("photos", 3, "permission") -> "photos[3].permission" """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- characters ---------------------------------------------------------------------------


class _Lines:
    """Line and column (1-based, as editors and PyYAML's marks count) of an index into a text."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, index: int) -> Position:
        line = bisect.bisect_right(self.starts, index) - 1
        column = index - self.starts[line]
        if line == 0 and self.text.startswith("\ufeff") and index > 0:
            column -= 1  # the byte-order mark takes no column, as in PyYAML
        return Position(line + 1, column + 1)


def _too_large(filename: str) -> Problem:
    return Problem(
        filename, 1, 1, "", f"the file is larger than {MAX_BYTES // 1_000_000} MB, far more than any catalog needs",
        "check that this is the right file; restore it from Git if it was overwritten",
    )


def _encoding_problems(data: bytes, filename: str) -> list[Problem]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [
            Problem(
                filename, 1, 1, "", "the file is saved as UTF-16 ('Unicode')",
                "save it again as UTF-8: in VS Code, click the encoding in the status bar, then 'Save with Encoding', UTF-8",
            )
        ]
    # Each byte that is not UTF-8 becomes one character (a lone surrogate), so positions count
    # as an editor shows them.
    text = data.decode("utf-8", errors="surrogateescape")
    lines = _Lines(text)
    bad = [m for m in re.finditer("[\udc80-\udcff]", text)]
    problems = []
    for match in bad[:MAX_REPORTED]:
        byte = ord(match.group()) - 0xDC00
        where = lines.position(match.start())
        guess = bytes([byte]).decode("cp1252", errors="replace")
        shown = f" ('{guess}' in Windows-1252)" if guess.isprintable() and guess != "\ufffd" else ""
        problems.append(
            Problem(filename, where.line, where.column, "", f"byte 0x{byte:02X}{shown} is not UTF-8 text", _SAVE_AS_UTF8)
        )
    problems += _more(bad, lines, filename, "bytes that are not UTF-8")
    return problems


_SAVE_AS_UTF8 = (
    "save the file as UTF-8: in VS Code, click the encoding in the status bar, 'Reopen with Encoding' "
    "(Western Windows 1252 if letters look wrong), then 'Save with Encoding', UTF-8"
)


def _character_problems(text: str, filename: str) -> list[Problem]:
    """Characters YAML refuses to read, each at its own line and column (PyYAML would say only
    'position 1234')."""
    found = list(_FORBIDDEN.finditer(text))
    if not found:
        return []
    lines = _Lines(text)
    problems = []
    for match in found[:MAX_REPORTED]:
        where = lines.position(match.start())
        problems.append(
            Problem(
                filename,
                where.line,
                where.column,
                "",
                f"{_character_name(match.group())}, which YAML does not allow (most editors do not show it)",
                "delete it: such characters usually come with text pasted from a PDF or a Word document; "
                "retype the text around it if unsure",
            )
        )
    problems += _more(found, lines, filename, "such characters")
    return problems


def _character_name(character: str) -> str:
    code = f"U+{ord(character):04X}"
    names = {"\0": "a NUL character", "\x0b": "a vertical tab", "\x0c": "a page break", "\x1b": "an escape character"}
    if character in names:
        return f"{names[character]} ({code})"
    if "\ud800" <= character <= "\udfff":
        return f"a broken character ({code})"
    return f"an invisible control character ({code})"


def _more(found: list[re.Match], lines: _Lines, filename: str, what: str) -> list[Problem]:
    if len(found) <= MAX_REPORTED:
        return []
    where = lines.position(found[MAX_REPORTED].start())
    count = len(found) - MAX_REPORTED
    return [Problem(filename, where.line, where.column, "", f"{count} more {what} from here on", "fix the ones above first")]


def _tab_problems(text: str, filename: str) -> list[Problem]:
    lines = _Lines(text)
    problems = []
    for start in lines.starts:
        end = _LINE_BREAK.search(text, start)
        column = text.find("\t", start, end.start() if end else len(text))
        if column >= 0:
            where = lines.position(column)
            problems.append(
                Problem(
                    filename,
                    where.line,
                    where.column,
                    "",
                    "tab character",
                    "YAML needs spaces, not tabs: replace the tab with spaces",
                )
            )
    return problems


# --- the loader ---------------------------------------------------------------------------


class _Refused(yaml.MarkedYAMLError):
    """A document the loader will not read, with the words for staff."""

    def __init__(self, mark: yaml.Mark, message: str, fix: str):
        super().__init__(problem=message, problem_mark=mark)
        self.message, self.fix = message, fix

    def as_problem(self, filename: str) -> Problem:
        where = _position(self.problem_mark)
        return Problem(filename, where.line, where.column, "", self.message, self.fix)


_NO_ALIASES = "write the values out in full: this file needs no '&' anchors or '*' aliases"


class _LimitedComposer(yaml.composer.Composer):
    """PyYAML's composer with a depth limit and a budget for what aliases repeat.

    The tree stays small (an alias is one shared node), but whatever walks it walks every
    repetition, so the budget counts the values each alias stands for, as they are composed:
    a bomb is refused at the alias that crosses it, long before the end of the file."""

    def __init__(self):
        super().__init__()
        self._depth = 0
        self._open: set[str] = set()  # anchors whose collection is still being composed
        self._extent: dict[int, tuple[int, int]] = {}  # id(node) -> (values, depth) it stands for
        self._repeated = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event, parent, index)
        if self._depth >= MAX_DEPTH:
            raise _Refused(
                event.start_mark,
                f"nested more than {MAX_DEPTH} levels deep",
                "check for a '[' or '{' that is never closed; a catalog entry needs only a few levels",
            )
        anchor = event.anchor
        if anchor is not None and anchor not in self.anchors:
            self._open.add(anchor)
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._open.discard(anchor)
        self._extent[id(node)] = self._measure(node)
        return node

    def _alias(self, event: yaml.AliasEvent, parent, index) -> yaml.Node:
        anchor = event.anchor
        if anchor in self._open:
            line = self.anchors[anchor].start_mark.line + 1
            raise _Refused(
                event.start_mark,
                f"the alias '*{anchor}' repeats the list or group of fields it is inside ('&{anchor}', line {line}), "
                "so it would repeat forever",
                f"remove '*{anchor}'; {_NO_ALIASES}",
            )
        node = super().compose_node(parent, index)  # consumes the event; refuses an unknown anchor
        values, depth = self._extent[id(node)]
        self._repeated += values
        if self._repeated > MAX_REPEATED:
            raise _Refused(
                event.start_mark,
                f"aliases repeat more than {MAX_REPEATED} values here ('*{anchor}')",
                _NO_ALIASES,
            )
        if self._depth + depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"the alias '*{anchor}' nests more than {MAX_DEPTH} levels deep", _NO_ALIASES)
        return node

    def _measure(self, node: yaml.Node) -> tuple[int, int]:
        if isinstance(node, yaml.ScalarNode):
            return 1, 1
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        extents = [self._extent[id(child)] for child in children]
        return 1 + sum(v for v, _ in extents), 1 + max((d for _, d in extents), default=0)


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2's core schema, so that what staff type means what it looks like: `yes`, `no`,
    `on`, `off`, `12:30` and `2024-03-15` are text; only true/false are booleans (the browser
    editor of a later issue writes `caption: yes` unquoted). A Resolver, not a Constructor, so
    the nodes keep their marks."""


_CORE_SCALARS = [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (_FLOAT, r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$", "-+.0123456789"),
    (_FLOAT, r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+."),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _pattern, _first in _CORE_SCALARS:
    # Added in this order, so "12" is an int before the float pattern can claim it.
    _CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _LimitedComposer, _CoreResolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _LimitedComposer.__init__(self)
        _CoreResolver.__init__(self)


def _position(mark: yaml.Mark | None) -> Position:
    if mark is None:
        return Position(1, 1)
    return Position(mark.line + 1, mark.column + 1)


def _syntax_problem(error: yaml.MarkedYAMLError, filename: str) -> Problem:
    context = error.context or ""
    # An unclosed quote is only noticed at the end of the file; the useful place is where the
    # quote opens, which PyYAML keeps as the context mark.
    opened_here = context.startswith("while scanning a quoted scalar") and error.context_mark
    # "could not find expected ':'" is noticed on the line after the one missing its colon;
    # the context mark is the line itself.
    key_started_here = context.startswith("while scanning a simple key") and error.context_mark
    mark = error.context_mark if (opened_here or key_started_here) else (error.problem_mark or error.context_mark)
    position = _position(mark)
    if opened_here:
        message = "a quoted text starts here but its closing quote is missing"
        fix = "add the matching closing quote at the end of the text"
    else:
        problem = (error.problem or "").strip()
        message = f"YAML syntax error: {context + ', ' if context else ''}{problem}"
        fix = _syntax_fix(context, problem)
    return Problem(filename, position.line, position.column, "", message, fix)


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?: |$)")


def _indentation_slip(text: str, error: yaml.MarkedYAMLError, filename: str) -> Problem | None:
    """A field indented one or two spaces more or less than the fields around it (what
    uncommenting a line often leaves) makes PyYAML read it as part of the previous value, then
    say "mapping values are not allowed" or "expected <block end>". Both fixes it would suggest
    (quotes, a colon) are wrong: say which column the field should start at."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return None
    lines = text.split("\n")
    for number in (mark.line, mark.line - 1):  # 0-based: the line noticed, or the one before
        if not 0 < number < len(lines):
            continue
        here = _KEY_LINE.match(lines[number])
        above = next((lines[n] for n in range(number - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")), "")
        sibling = _KEY_LINE.match(above)
        if not here or here.group("dash") or not sibling:
            continue
        expected = len(sibling.group("indent")) + len(sibling.group("dash") or "")
        found = len(here.group("indent"))
        opens_block = not above.split(":", 1)[1].strip()  # `permission:` is followed by deeper fields
        if found == expected or (opens_block and found > expected):
            continue
        difference = found - expected
        spaces = f"{abs(difference)} space{'s' if abs(difference) != 1 else ''}"
        return Problem(
            filename, number + 1, found + 1, "",
            f"'{here.group('key')}' starts at column {found + 1}, but '{sibling.group('key')}' on the line above starts at column {expected + 1}",
            f"{'remove' if difference > 0 else 'add'} {spaces} before '{here.group('key')}' so it lines up with the fields of its entry",
        )
    return None


def _syntax_fix(context: str, problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be put in quotes"
    if "alias" in problem or "anchor" in problem or "alias" in context or "anchor" in context:
        return "a value that starts with '*' or '&' must be put in quotes"
    if "could not find expected ':'" in problem:
        return "each field needs 'name: value'; check for a missing colon"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check the indentation: fields of one entry must line up"
    return "check this line against the examples at the top of the file"


# --- nodes to plain data -------------------------------------------------------------------


class _Builder:
    """Turns composed nodes into plain data, recording positions and problems.

    The composer has already bounded what aliases repeat and how deep the tree goes; the
    builder still refuses to walk into a collection it is inside, so no tree can loop it."""

    def __init__(self, filename: str, located: Located, problems: list[Problem]):
        self.filename = filename
        self.located = located
        self.problems = problems
        self.inside: set[int] = set()  # id() of the collections on the current path

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.located.values[path] = _position(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if id(node) in self.inside:
            self._problem(node, path, "this value contains itself", _NO_ALIASES)
            return None
        if node.tag not in (_MAP, _SEQ):
            self._problem(node, path, f"the tag '{_shown(node.tag)}' is not used in this file", "remove it")
        self.inside.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        finally:
            self.inside.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        result: dict = {}
        first_seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a field name must be plain text", "")
                continue
            key = key_node.value
            key_position = _position(key_node.start_mark)
            if key in first_seen:
                first = first_seen[key]
                self._problem(
                    key_node,
                    path,
                    f"duplicate field '{key}' (first given on line {first.line})",
                    "keep only one of them: YAML would silently use the last",
                )
                continue
            first_seen[key] = key_position
            self.located.keys[path + (key,)] = key_position
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        read = _SCALARS.get(node.tag)
        if read is None:
            self._problem(node, path, f"the tag '{_shown(node.tag)}' is not used in this file", "remove it, and quote the value if it is text")
            return node.value
        value = read(node.value)
        if value is _UNREADABLE:
            self._problem(node, path, f"cannot read '{node.value}' as {node.tag.rsplit(':', 1)[-1]}", "remove the tag")
            return node.value
        if node.style is None and isinstance(value, (bool, int, float)):
            self.located.raw[path] = node.value
        return value

    def _problem(self, node: yaml.Node, path: Path, message: str, fix: str) -> None:
        position = _position(node.start_mark)
        # The path lets the catalog tell a problem inside a permission record (a duplicate
        # `status:` that could hide a withdrawal) from the rest: such a photo is not published.
        self.problems.append(Problem(self.filename, position.line, position.column, dotted(path), message, fix, path=tuple(path)))


def _shown(tag: str) -> str:
    """A tag as staff would have typed it: tag:yaml.org,2002:timestamp -> !!timestamp."""
    return "!!" + tag.removeprefix(_YAML_TAGS) if tag.startswith(_YAML_TAGS) else tag


_YAML_TAGS = "tag:yaml.org,2002:"
_UNREADABLE = object()


def _matching(pattern: str, convert):
    compiled = re.compile(pattern)
    return lambda text: convert(text) if compiled.match(text) else _UNREADABLE


def _int(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".nan"):
        return math.nan
    if lowered.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    return float(text)


# How each core-schema tag is read; an explicit tag (`!!int "12"`) is held to the same forms.
_SCALARS = {
    _STR: str,
    _NULL: _matching(_CORE_SCALARS[4][1], lambda _text: None),
    _BOOL: _matching(_CORE_SCALARS[0][1], lambda text: text.lower() == "true"),
    _INT: _matching(_CORE_SCALARS[1][1], _int),
    _FLOAT: _matching(f"{_CORE_SCALARS[2][1]}|{_CORE_SCALARS[3][1]}", _float),
}
