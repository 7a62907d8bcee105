"""The commands foundation staff run: add a photo, withdraw one, list permissions.

Each is a plain function that edits or reads captions.yaml and returns a result whose
`report()` ends with what to do next; `atlas.cli` only parses arguments and prints. Every
command that edits captions.yaml holds `catalog_lock` from its first read to its write.
"""

from .add_photo import AddedPhoto, add_photo
from .permissions import format_report, next_steps, permission_report
from .project import LOCK_WAIT, Project, catalog_lock, read_catalog
from .withdraw import Withdrawn, withdraw
from .yamledit import EditError

__all__ = [
    "AddedPhoto",
    "EditError",
    "LOCK_WAIT",
    "Project",
    "Withdrawn",
    "add_photo",
    "catalog_lock",
    "format_report",
    "next_steps",
    "permission_report",
    "read_catalog",
    "withdraw",
]
