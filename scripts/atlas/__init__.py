"""Build tooling for the cutaneous metastases atlas.

The core (settings, catalog, permission, images, pages, articles) knows nothing about any site
engine. `build` runs the pipeline: `prepare` writes a docs tree of final Markdown, an engine
from `engines` (MkDocs or Zensical, each a thin adapter) renders it, `finish` checks and secures
the output, `swap` puts it in place. `cli` is the `atlas` command.
"""

__version__ = "0.1.0"
