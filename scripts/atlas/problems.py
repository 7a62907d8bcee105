"""Problems found in staff-edited files (the catalog, references), formatted so foundation staff
can act on them.

Every problem names the file, the line and column (1-based, as editors count), where in the
catalog it is, what is wrong and how to fix it:

    captions.yaml:42:7: photos[3].permission.status: 'granted?' is not one of granted, pending,
    withdrawn (use one of: granted, pending, withdrawn)
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Sequence

# What a problem does to a build:
ERROR = "error"  # the file cannot be used as it is: check and build fail (takedowns still happen)
# A photo's permission record cannot be relied on: the photo is not published (no trace, like
# a pending photo) and `atlas check` fails, but the build goes on, so that a mistake in one
# permission record can never hold back the takedown of another photo.
NOT_PUBLISHED = "not published"
WARNING = "warning"  # advice: printed, never fails anything

_LABELS = {ERROR: "", NOT_PUBLISHED: "not published: ", WARNING: "warning: "}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    where: str
    message: str
    fix: str = ""
    severity: str = ERROR
    # Where in the data (("photos", 3, "permission", "status")), for deciding what a problem
    # affects; not part of the message or of the order.
    path: tuple = field(default=(), compare=False)

    def __str__(self) -> str:
        prefix = f"{self.file}:{self.line}:{self.column}: "
        where = f"{self.where}: " if self.where else ""
        label = _LABELS.get(self.severity, "")
        fix = f" ({self.fix})" if self.fix else ""
        return f"{prefix}{label}{where}{self.message}{fix}"


class CatalogError(Exception):
    """Raised when the catalog has errors; carries every problem, not just the first."""


    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        count = len(self.errors)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the catalog:\n" + format_problems(self.errors)
        )

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)


def format_problems(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message)))


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'did you mean 'caption'?' for a near miss, or '' when nothing is close."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""
