"""Build tooling for the cutaneous metastases atlas.

The core (catalog, permission, images, pages) knows nothing about MkDocs; `mkdocs_plugin` is
the thin adapter, `build` the safe site swap, `cli` the `atlas` command.
"""

__version__ = "0.1.0"
