"""Decap CMS's configuration, generated from `captions.schema.json` (field names, required
fields, choices, date pickers, slug patterns and hints) plus the articles' front matter.

Decap cannot make one field required depending on another (its issue #565: `record` only
when `status` is granted); the schema's `if`/`then` rule is enforced before saving by
`atlas-admin.js`, from the list this module writes into the page (`REQUIRED_WHEN_GRANTED`),
and the build enforces it again (such a photo is simply not published).
"""

from __future__ import annotations

from typing import Any

from ..catalog.schema import load_schema

# Long text gets a multi-line box.
MULTILINE = {"caption", "description", "alt", "withdrawn_reason"}
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False, "picker_utc": True}
# Shown as the photo's line in the list: its id and permission status.
PHOTO_SUMMARY = "{{fields.id}} ({{fields.permission.status}})"


def editor_config(*, backend: dict[str, Any], catalog_file: str, images_folder: str, docs_folder: str,
                  local: bool = False, schema: dict | None = None) -> dict[str, Any]:
    schema = schema or load_schema()
    defs = schema["$defs"]
    config: dict[str, Any] = {
        "backend": backend,
        # Every change becomes a pull request; staff publish it themselves (EDITING.md).
        "publish_mode": "editorial_workflow",
        # New photos land in images/; the catalog's `file` is relative to images/, so the value
        # Decap stores is the file's name, and existing values (samples/x.jpg) resolve.
        "media_folder": images_folder,
        "public_folder": "",
        "site_url": "/",
        "collections": [
            {
                "name": "catalog",
                "label": "Photos and galleries",
                "editor": {"preview": False},
                "files": [{
                    "name": "captions",
                    "label": "Photo catalog",
                    "file": catalog_file,
                    "format": "yml",
                    "fields": [
                        _list("galleries", schema["properties"]["galleries"], defs["gallery"], defs, summary="{{fields.id}}"),
                        _list("photos", schema["properties"]["photos"], defs["photo"], defs, summary=PHOTO_SUMMARY),
                    ],
                }],
            },
            {
                "name": "articles",
                "label": "Articles",
                "folder": docs_folder,
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "slug": "{{slug}}",
                "fields": ARTICLE_FIELDS,
            },
        ],
    }
    if local:
        # `make edit`: decap-server on 127.0.0.1:8081 writes the working copy directly.
        config["local_backend"] = {"url": "http://127.0.0.1:8081/api/v1", "allowed_hosts": ["127.0.0.1"]}
    return config


ARTICLE_FIELDS = [
    {"name": "title", "label": "Title", "widget": "string", "hint": "The page's title, shown in the browser tab and in search results."},
    {"name": "description", "label": "Description", "widget": "text",
     "hint": "One plain sentence saying what the page is about; search engines and link previews show it."},
    {"name": "review", "label": "Medical review", "widget": "object", "required": False, "collapsed": False,
     "hint": "Awaiting review until a named clinician has checked the page; then reviewed, with who, when, and when next.",
     "fields": [
         {"name": "status", "label": "Status", "widget": "select", "options": ["awaiting-review", "reviewed"],
          "default": "awaiting-review"},
         {"name": "reviewed_by", "label": "Reviewed by", "widget": "string", "required": False,
          "hint": "Name and role, such as Dr A. Example, consultant dermatologist."},
         {"name": "reviewed_on", "label": "Reviewed on", "required": False, **DATE},
         {"name": "next_review", "label": "Next review", "required": False, **DATE,
          "hint": "Usually a year after the review; the build warns when it has passed."},
     ]},
    {"name": "audience", "label": "Audience", "widget": "select", "multiple": True, "required": False,
     "options": ["patient", "clinician"]},
    {"name": "body", "label": "Text", "widget": "markdown",
     "hint": "Embed a photo with [[photo:ID]] or a gallery with [[gallery:ID]] on a line of its own; cite with [@key]."},
]


def required_when_granted(schema: dict | None = None) -> dict[str, list[str]]:
    """The schema's rule for a granted photo, as {"photo": [...], "permission": [...]}."""
    schema = schema or load_schema()
    then = schema["$defs"]["photo"]["then"]
    return {"photo": list(then["required"]), "permission": list(then["properties"]["permission"]["required"])}


def _list(name: str, prop: dict, item: dict, defs: dict, *, summary: str) -> dict:
    return {
        "name": name, "label": name.capitalize(), "widget": "list", "summary": summary,
        "hint": prop.get("description", ""), "fields": _fields(item, defs),
    }


def _fields(obj: dict, defs: dict) -> list[dict]:
    required = set(obj.get("required", []))
    return [_field(name, prop, defs, required=name in required) for name, prop in obj["properties"].items()]


def _field(name: str, prop: dict, defs: dict, *, required: bool) -> dict:
    resolved = _resolve(prop, defs)
    field: dict[str, Any] = {"name": name, "label": name.replace("_", " ").capitalize(), "required": required}
    if resolved.get("description") or prop.get("description"):
        field["hint"] = prop.get("description") or resolved["description"]
    kinds = resolved.get("type")
    if resolved.get("type") == "object":
        field.update(widget="object", collapsed=False, fields=_fields(resolved, defs))
    elif "enum" in resolved:
        field.update(widget="select", options=list(resolved["enum"]))
    elif kinds == "array" and "enum" in _resolve(resolved["items"], defs):
        field.update(widget="select", multiple=True, options=list(_resolve(resolved["items"], defs)["enum"]))
    elif kinds == "array":
        field.update(widget="list")  # a list of short texts, such as former ids
    elif kinds == "boolean":
        field.update(widget="boolean", default=False)
    elif resolved.get("format") == "date":
        field.update(DATE)
    elif "examples" in resolved:
        field.update(widget="select", options=list(resolved["examples"]))
    elif name == "file":
        field.update(widget="image", choose_url=False)
    else:
        field["widget"] = "text" if name in MULTILINE else "string"
        if "pattern" in resolved and resolved["pattern"] != "\\S":
            field["pattern"] = [resolved["pattern"], "Use lowercase letters, digits and single hyphens, such as chest-wall."]
    if name == "status":
        field["default"] = "pending"  # a new photo is never published until someone grants it
    return field


def _resolve(prop: dict, defs: dict) -> dict:
    """`prop` with its $ref merged in (the property's own keys win)."""
    if "$ref" not in prop:
        return prop
    target = defs[prop["$ref"].rsplit("/", 1)[-1]]
    return {**_resolve(target, defs), **{k: v for k, v in prop.items() if k != "$ref"}}
