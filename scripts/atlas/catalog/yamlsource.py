"""Read YAML into plain data while remembering where every value came from.

PyYAML's loaders lose positions, silently keep the last of two duplicate keys and raise
position-less errors for impossible dates such as 2024-13-45. We compose the node tree
ourselves (which keeps marks) and build plain values from it, so every later check can say
which line is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

Path = tuple  # a path into the data: ("photos", 3, "permission", "status")

# YAML 1.1 timestamps that are only a date; anything with a time is not a date we accept.
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


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


def _position(mark: yaml.Mark | None) -> Position:
    if mark is None:
        return Position(1, 1)
    return Position(mark.line + 1, mark.column + 1)


def read_text(path, *, filename: str) -> tuple[str | None, list[Problem]]:
    """A staff-edited file's text, or None and a problem saying how to fix it."""
    try:
        return path.read_text(encoding="utf-8"), []
    except FileNotFoundError:
        return None, [Problem(filename, 1, 1, "", "file not found", f"create {path}")]
    except UnicodeDecodeError as error:
        return None, [Problem(filename, 1, 1, "", f"not UTF-8 text ({error.reason})", "save the file as UTF-8")]


def parse(text: str, *, filename: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text. Returns (located data or None when unreadable, problems)."""
    problems = _tab_problems(text, filename)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        problem = _syntax_problem(error, filename)
        # A tab usually *is* the syntax error; say it once, in the words about tabs.
        if not any(p.line == problem.line for p in problems):
            problems.append(problem)
        return None, problems
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        problems.append(Problem(filename, 1, 1, "", f"cannot read the file: {error}"))
        return None, problems
    located = Located(data=None)
    if root is None:
        located.data = {}
        located.values[()] = Position(1, 1)
        return located, problems
    builder = _Builder(filename, located, problems)
    located.data = builder.build(root, ())
    return located, problems


def _tab_problems(text: str, filename: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t")
        if column >= 0:
            problems.append(
                Problem(
                    filename,
                    number,
                    column + 1,
                    "",
                    "tab character",
                    "YAML needs spaces, not tabs: replace the tab with spaces",
                )
            )
    return problems


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
        fix = _syntax_fix(problem)
    return Problem(filename, position.line, position.column, "", message, fix)


def _syntax_fix(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be put in quotes"
    if "could not find expected ':'" in problem:
        return "each field needs 'name: value'; check for a missing colon"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check the indentation: fields of one entry must line up"
    return "check this line against the examples at the top of the file"


class _Builder:
    """Turns composed nodes into plain data, recording positions and problems."""

    def __init__(self, filename: str, located: Located, problems: list[Problem]):
        self.filename = filename
        self.located = located
        self.problems = problems
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.located.values[path] = _position(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

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
        if node.tag == "tag:yaml.org,2002:timestamp":
            return self._date(node, path)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as error:
            self._problem(node, path, f"cannot read '{node.value}': {error}", "")
            return node.value

    def _date(self, node: yaml.ScalarNode, path: Path) -> str:
        """Dates stay ISO text so the schema can check them; impossible ones are reported here,
        because PyYAML itself would raise without saying where."""
        text = node.value
        if not _DATE_LIKE.match(text):
            self._problem(node, path, f"'{text}' is a date and time; only a date is expected", "write it as YYYY-MM-DD")
            return text
        year, month, day = (int(part) for part in text.split("-"))
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError as error:
            self._problem(
                node, path, f"'{text}' is not a real date ({error})", "write it as YYYY-MM-DD, for example 2024-03-15"
            )
            return text

    def _problem(self, node: yaml.Node, path: Path, message: str, fix: str) -> None:
        position = _position(node.start_mark)
        self.problems.append(Problem(self.filename, position.line, position.column, dotted(path), message, fix))


def dotted(path: Path) -> str:
    """("photos", 3, "permission") -> "photos[3].permission" """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
