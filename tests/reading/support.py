"""Run the reader in a child process with a cap on memory and time, so that a reader that
hangs or blows up fails its test instead of taking the machine (or the suite) with it.

The caps are generous on purpose: they catch minutes and gigabytes, not a slow second."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

MEMORY_CAP = 1 << 30  # 1 GiB of address space
TIME_CAP = 30  # seconds

_CHILD = """
import json, sys
from pathlib import Path
from atlas.yamlsource import parse, read_text
text, problems = read_text(Path(sys.argv[1]), filename="captions.yaml")
located = None
if text is not None:
    located, problems = parse(text, filename="captions.yaml")
print(json.dumps({"readable": located is not None, "problems": [str(p) for p in problems]}))
"""


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def read_capped(tmp_path: Path, content: str | bytes) -> dict:
    """{"readable": bool, "problems": [str, ...]} for captions.yaml holding `content`."""
    path = tmp_path / "captions.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=TIME_CAP,
        preexec_fn=_capped,
    )
    assert done.returncode == 0, f"the reader crashed:\n{done.stderr[-3000:]}"
    return json.loads(done.stdout)


def alias_bomb() -> str:
    """The "billion laughs": nine anchors of ten aliases each, a few hundred bytes that stand
    for a billion values."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"
