"""The editor's configuration is generated from captions.schema.json and cannot drift from it:
every field, every choice, every required field, the date pickers, the slug patterns, and the
hints staff need."""

from __future__ import annotations

import pytest

from atlas.catalog.schema import load_schema
from atlas.editor.config import editor_config, required_when_granted

SCHEMA = load_schema()
CONFIG = editor_config(backend={"name": "github", "repo": "o/r", "branch": "main"}, catalog_file="captions.yaml",
                       images_folder="images", docs_folder="docs")


def catalog_fields() -> dict[str, dict]:
    files = next(c for c in CONFIG["collections"] if c["name"] == "catalog")["files"]
    return {field["name"]: field for field in files[0]["fields"]}


def resolve(prop: dict) -> dict:
    if "$ref" not in prop:
        return prop
    return {**resolve(SCHEMA["$defs"][prop["$ref"].rsplit("/", 1)[-1]]), **{k: v for k, v in prop.items() if k != "$ref"}}


def pairs(schema_object: dict, fields: list[dict], path: str = ""):
    """(path, schema property, editor field) for every property, nested objects included."""
    by_name = {field["name"]: field for field in fields}
    assert set(by_name) == set(schema_object["properties"]), f"{path}: the editor's fields differ from the schema's"
    for name, prop in schema_object["properties"].items():
        prop, field = resolve(prop), by_name[name]
        yield f"{path}{name}", prop, field, name in schema_object.get("required", [])
        if prop.get("type") == "object":
            yield from pairs(prop, field["fields"], f"{path}{name}.")


def every_pair():
    lists = catalog_fields()
    yield from pairs(SCHEMA["$defs"]["gallery"], lists["galleries"]["fields"], "galleries[].")
    yield from pairs(SCHEMA["$defs"]["photo"], lists["photos"]["fields"], "photos[].")


@pytest.mark.parametrize("path, prop, field, required", list(every_pair()), ids=lambda v: v if isinstance(v, str) else "")
def test_each_schema_property_is_an_editor_field_with_its_rules(path, prop, field, required):
    assert field["required"] is required, path
    assert field.get("hint"), f"{path}: no hint for staff"
    if "enum" in prop:
        assert (field["widget"], field["options"]) == ("select", prop["enum"]), path
    elif prop.get("type") == "array" and "enum" in resolve(prop["items"]):
        assert field["multiple"] and field["options"] == resolve(prop["items"])["enum"], path
    elif prop.get("format") == "date":
        assert (field["widget"], field["format"], field["time_format"]) == ("datetime", "YYYY-MM-DD", False), path
    elif "examples" in prop:
        assert field["options"] == prop["examples"], path
    elif prop.get("pattern", "\\S") != "\\S" and not path.endswith(".file"):
        assert field["pattern"][0] == prop["pattern"], path


def test_the_licence_choices_are_the_ones_the_pages_can_name():
    from atlas.pages.html import LICENSE_NAMES

    licence = SCHEMA["$defs"]["permission"]["properties"]["license"]
    assert licence["examples"] == list(LICENSE_NAMES)


def test_a_new_photo_starts_pending_and_uploads_land_under_images():
    permission = {f["name"]: f for f in catalog_fields()["photos"]["fields"]}["permission"]
    status = {f["name"]: f for f in permission["fields"]}["status"]
    assert status["default"] == "pending"
    assert CONFIG["media_folder"] == "images" and CONFIG["public_folder"] == ""


def test_the_hints_say_what_staff_need():
    photo = {f["name"]: f for f in catalog_fields()["photos"]["fields"]}
    record = {f["name"]: f for f in photo["permission"]["fields"]}["record"]
    assert "never published" in record["hint"] and "consent" in record["hint"]
    assert "do not start with 'photo of'" in photo["alt"]["hint"]


def test_the_granted_rule_is_the_schemas():
    rules = required_when_granted()
    assert "record" in rules["permission"] and {"alt", "caption"} <= set(rules["photo"])


def test_production_saves_through_pull_requests_and_only_make_edit_uses_the_local_backend():
    assert CONFIG["publish_mode"] == "editorial_workflow" and "local_backend" not in CONFIG
    local = editor_config(backend={"name": "github"}, catalog_file="c.yaml", images_folder="images", docs_folder="docs", local=True)
    assert local["local_backend"]["url"].startswith("http://127.0.0.1:8081/")
