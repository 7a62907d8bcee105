"""Advice: warnings, never errors.

Photo entries (`entry_problems`): an id that will make a poor permanent address, and a granted
photo whose scope leaves out `website` (so staff know why it is not on the site).

Alt text (`alt_text_problems`) is read aloud by screen readers in place of the photo (WCAG 2.2, 1.1.1 Non-text
Content). These are the three mistakes the W3C alt decision tree and WebAIM's alt text guide
name most often; none of them makes a photo unsafe to publish, so they warn and do not block
the build.
"""

from __future__ import annotations

import re

from .problems import WARNING, Problem
from ..yamlsource import Located, dotted

# Screen readers already announce "image" or "graphic"; starting with it says it twice.
_REDUNDANT_START = re.compile(r"^\s*(an?\s+|the\s+)?(image|photo|photograph|picture|pic)\s+(of|showing)\b", re.IGNORECASE)

# About two lines read aloud. Longer descriptions belong in the caption or description, which
# everyone can read and which screen reader users can skip through.
ALT_MAX_CHARACTERS = 150


def alt_text_problems(located: Located, *, filename: str) -> list[Problem]:
    data = located.data if isinstance(located.data, dict) else {}
    photos = data.get("photos") if isinstance(data.get("photos"), list) else []
    problems: list[Problem] = []
    for index, photo in enumerate(photos):
        if not isinstance(photo, dict) or not isinstance(photo.get("alt"), str) or not photo["alt"].strip():
            continue
        path = ("photos", index, "alt")
        at = located.at(path)

        def warn(message: str, fix: str) -> None:
            problems.append(Problem(filename, at.line, at.column, dotted(path), message, fix, severity=WARNING))

        alt = photo["alt"].strip()
        start = _REDUNDANT_START.match(alt)
        if start:
            warn(
                f"alt text starts with '{start.group(0).strip()}'",
                "screen readers already say it is an image: start with what it shows, "
                "such as 'Red bumps along a healed scar'",
            )
        caption = photo.get("caption")
        if isinstance(caption, str) and _words(caption) and _words(caption) == _words(alt):
            warn(
                "alt text repeats the caption word for word",
                "screen reader users would hear it twice: describe what the photo looks like in the alt "
                "text and keep what it means for the caption",
            )
        if len(alt) > ALT_MAX_CHARACTERS:
            warn(
                f"alt text is {len(alt)} characters long, more than about {ALT_MAX_CHARACTERS}",
                "keep it to one or two short sentences; put the rest in the caption or description",
            )
    return problems


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


# Names cameras and phones give files: as an id they make a meaningless permanent address.
_CAMERA_NAME = re.compile(r"^(img|dsc|dscn|dscf|pxl|mvimg|photo|image|pic|screenshot|whatsapp|p)?-?\d[\d-]*$")


def entry_problems(located: Located, *, filename: str) -> list[Problem]:
    data = located.data if isinstance(located.data, dict) else {}
    photos = data.get("photos") if isinstance(data.get("photos"), list) else []
    problems: list[Problem] = []
    for index, photo in enumerate(photos):
        if not isinstance(photo, dict):
            continue
        photo_id = photo.get("id")
        if isinstance(photo_id, str) and _CAMERA_NAME.match(photo_id):
            at = located.at(("photos", index, "id"))
            problems.append(Problem(
                filename, at.line, at.column, dotted(("photos", index, "id")),
                f"'{photo_id}' looks like a camera's file name; it becomes the photo's permanent address /photos/{photo_id}/",
                "choose a few words saying what it shows, such as left-arm-nodule, before it is published; "
                "once it is published, keep the old id in former_ids",
                severity=WARNING,
            ))
        permission = photo.get("permission") if isinstance(photo.get("permission"), dict) else {}
        scope = permission.get("scope")
        if permission.get("status") == "granted" and isinstance(scope, list) and scope and "website" not in scope:
            at = located.at(("photos", index, "permission", "scope"))
            problems.append(Problem(
                filename, at.line, at.column, dotted(("photos", index, "permission", "scope")),
                f"scope is [{', '.join(map(str, scope))}], without website, so this photo is not on the site",
                "that is right for a photo shared for teaching only; if it should be shown, add website to the list",
                severity=WARNING,
            ))
    return problems
