"""Check catalog data against captions.schema.json and say what is wrong in staff's words.

The schema is the one declaration of the format: editors use it for completion, the build uses
it here. jsonschema's own messages are written for programmers ("'x' does not match
'^[a-z0-9]+...'"), so each kind of error is translated, with the field's schema description
as the hint for how to fix it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path as FsPath
from typing import Any, Iterator

import jsonschema
from jsonschema.exceptions import ValidationError

from .problems import Problem, did_you_mean
from ..yamlsource import Located, dotted

SCHEMA_FILE = "captions.schema.json"
# The one declaration of the catalog format ships inside the package, so an installed atlas
# (not only a checkout) has it; captions.yaml points editors at this same file.
DEFAULT_SCHEMA = FsPath(__file__).resolve().parent / SCHEMA_FILE


@lru_cache(maxsize=None)
def load_schema(path: FsPath = DEFAULT_SCHEMA) -> dict:
    return json.loads(FsPath(path).read_text(encoding="utf-8"))


def schema_problems(located: Located, *, filename: str, schema: dict) -> list[Problem]:
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    found: list[tuple[int, Problem]] = []
    for error in _leaf_errors(validator.iter_errors(located.data)):
        rank = _RANK.get(error.validator, len(_RANK))
        found += [(rank, p) for p in _translate(error, located, filename, schema)]
    # One message per place: '1 June 2013' breaks both the date pattern and the date format,
    # and staff need to hear it once, in the most specific words.
    kept: dict[tuple, Problem] = {}
    for _rank, problem in sorted(found, key=lambda item: item[0]):
        kept.setdefault((problem.line, problem.column, problem.where), problem)
    return sorted(kept.values())


def keep_text_as_typed(located: Located, *, schema: dict) -> None:
    """Where the schema expects text and staff typed something YAML reads as a number or
    true/false (`caption: 42`, `title: true`, `volume: 1.10`), use the text exactly as typed.

    Staff mean text in a text field, and editors write such values unquoted: the schema, the
    one declaration of which fields are text, decides, so no field list is kept here."""
    raw = getattr(located, "raw", None) or {}
    if not raw:
        return
    validator_class = jsonschema.validators.validator_for(schema)
    pending = list(validator_class(schema).iter_errors(located.data))
    while pending:
        error = pending.pop()
        pending += list(error.context or ())
        path = tuple(error.absolute_path)
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        if error.validator == "type" and "string" in expected and path in raw and isinstance(error.instance, (int, float, bool)):
            _assign(located.data, path, raw[path])


def _assign(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


# Which error explains a value best when several apply to it (lower wins).
_RANK = {"type": 0, "required": 1, "additionalProperties": 1, "enum": 2, "pattern": 3, "format": 4}


def _leaf_errors(errors) -> Iterator[ValidationError]:
    """oneOf/anyOf wrap the useful errors; report the innermost ones."""
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            # Among the alternatives, the one that got furthest explains best. For
            # `expires: <date> | null`, that is the date branch.
            best = jsonschema.exceptions.best_match(error.context)
            yield from _leaf_errors([best])
        else:
            yield error


def _translate(error: ValidationError, located: Located, filename: str, schema: dict) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = dotted(path)
    position = located.at(path)
    kind = error.validator
    value = error.instance
    described = _description(error, schema)

    def problem(message: str, fix: str = "", at=position, where_=where, path_=path) -> Problem:
        return Problem(filename, at.line, at.column, where_, message, fix, path=path_)

    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        out = []
        for key in sorted(set(value) - set(allowed)):
            hint = did_you_mean(key, allowed) or f"remove it, or use one of: {', '.join(allowed)}"
            out.append(problem(f"unknown field '{key}'", hint, at=located.key_at(path + (key,)), where_=where, path_=path + (key,)))
        return out
    if kind == "required":
        missing = re.match(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else error.message
        hint = _property_description(error.schema, name, schema)
        return [problem(f"missing required field '{name}'", f"add '{name}:' with {hint}" if hint else "", path_=path + (name,))]
    if kind == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        near = did_you_mean(value, [str(o) for o in error.validator_value])
        fix = f"{near} Use one of: {options}" if near else f"use one of: {options}"
        return [problem(f"'{value}' is not one of {options}", fix)]
    if kind == "const":
        return [problem(f"'{value}' should be '{error.validator_value}'")]
    if kind == "format" and error.validator_value == "date":
        return [problem(f"'{value}' is not a real date", "write it as YYYY-MM-DD, for example 2024-03-15")]
    if kind == "pattern":
        return [_pattern_problem(error, problem, described)]
    if kind == "type" and value is None and "string" in str(error.validator_value):
        return [problem("is empty", described and f"write {described}")]
    if kind == "type":
        expected = _type_words(error.validator_value)
        return [problem(f"expected {expected}, found {_describe_value(value)}", described)]
    if kind == "minItems":
        return [problem("the list is empty", described)]
    if kind == "uniqueItems":
        return [problem("the list repeats a value", "list each value once")]
    if kind == "maxLength":
        return [problem(f"'{value}' is longer than {error.validator_value} characters", "use a shorter id")]
    return [problem(error.message, described)]


def _pattern_problem(error: ValidationError, problem, described: str) -> Problem:
    value = error.instance
    pattern = error.validator_value
    if pattern == r"\S":
        return problem("is empty", described and f"write {described}")
    if pattern.startswith("^[a-z0-9]+"):
        suggestion = slugify(value)
        fix = "use lowercase letters, digits and single hyphens"
        if suggestion:
            fix += f", for example '{suggestion}'"
        return problem(f"'{value}' is not a valid id", fix)
    if pattern.startswith("^[0-9]{4}"):
        return problem(f"'{value}' is not a date in the form YYYY-MM-DD", "write it as YYYY-MM-DD, for example 2024-03-15")
    return problem(f"'{value}' is not in the expected form", described)


def slugify(text: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def _description(error: ValidationError, schema: dict) -> str:
    """What the failing field is for, from its schema description (editors show the same)."""
    if isinstance(error.schema, dict) and error.schema.get("description"):
        return error.schema["description"]
    path = [part for part in error.absolute_path]
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return ""
    return _property_description(_definition_for(path, schema), names[-1], schema)


def _definition_for(path: list, schema: dict) -> dict:
    """The $defs entry describing the mapping that holds the last field of `path`."""
    defs = schema.get("$defs", {})
    if path and path[0] == "galleries":
        return defs.get("gallery", {})
    if "permission" in path[:-1]:
        return defs.get("permission", {})
    if path and path[0] == "photos":
        return defs.get("photo", {})
    return schema


def _property_description(node_schema: dict, name: str, schema: dict) -> str:
    prop = node_schema.get("properties", {}).get(name)
    if prop is None and "$ref" in node_schema:
        prop = _resolve(node_schema["$ref"], schema).get("properties", {}).get(name)
    if prop is None:
        # `then` branches name only some properties; the base definition has the rest.
        for definition in schema.get("$defs", {}).values():
            if isinstance(definition, dict) and name in definition.get("properties", {}):
                prop = definition["properties"][name]
                break
    return (prop or {}).get("description", "")


def _resolve(ref: str, schema: dict) -> dict:
    node: Any = schema
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def _type_words(expected) -> str:
    words = {
        "object": "a group of fields",
        "array": "a list",
        "string": "text",
        "boolean": "true or false",
        "null": "nothing",
        "integer": "a whole number",
    }
    if isinstance(expected, list):
        return " or ".join(words.get(e, e) for e in expected)
    return words.get(expected, expected)


def _describe_value(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"
