"""The staff editor at /admin/: Decap CMS (from the npm registry, served from the site itself),
configured from the catalog's one schema so its fields, choices and rules cannot drift."""

from .config import editor_config
from .admin import ADMIN_FOLDER, write_admin

__all__ = ["ADMIN_FOLDER", "editor_config", "write_admin"]
