"""The image cache under .cache/: one folder per (original bytes, pipeline, settings, rights).

Following eleventy-img's getHash: the key is the source's bytes plus the sorted encoder
settings plus a pipeline version, so changing a quality setting re-encodes and changing a
caption does not. Unlike it, an entry is trusted only if every file still has the hash its
manifest recorded: a damaged or half-written entry is re-made, never published.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .rights import Rights
from .settings import ImageSettings

# Bump when the way outputs are made changes, so cached files are re-made.
PIPELINE_VERSION = "2"


def cache_key(original_digest: str, settings: ImageSettings, rights: Rights) -> str:
    parts = [PIPELINE_VERSION, original_digest, settings.cache_key_part(), rights.cache_key_part()]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:32]


def entry_dir(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / "images" / key[:2] / key


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def read_entry(entry: Path) -> list[dict] | None:
    """The outputs recorded for this entry, or None if missing or damaged in any way."""
    try:
        outputs = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
        for output in outputs:
            if short_hash((entry / output["name"]).read_bytes()) != output["hash"]:
                return None
        return outputs
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write beside, then rename: an interrupted build leaves no half-written file in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def write_manifest(entry: Path, outputs: list[dict]) -> None:
    write_file_atomically(entry / "manifest.json", json.dumps(outputs, sort_keys=True, indent=1).encode("utf-8"))
