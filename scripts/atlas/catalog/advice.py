"""Advice on alt text: warnings, never errors.

Alt text is read aloud by screen readers in place of the photo (WCAG 2.2, 1.1.1 Non-text
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
