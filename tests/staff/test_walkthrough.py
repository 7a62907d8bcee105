"""The issue's "done when", tried as a new user would, through the `atlas` command itself:
add a photo, see it not published, record permission, see it published, withdraw it, see it
gone; `atlas permissions` right at each step; every step's output says what to do next."""

from __future__ import annotations

import json
import re
from pathlib import Path


from atlas.build import build_site
from atlas.cli import main
from atlas.permission import today
from atlas.security import inline_scripts, inline_styles, source_hash
from atlas.takedown import search_entries

PHOTO = "img-2041-upper-arm"
PRIVATE = ("FORM-2041", "requested_on", "Asked by the patient by phone", "blue folder", "FORM-1")


def atlas(project, *args, capsys) -> str:
    assert main(["--project", str(project.root), *args]) == 0
    out, err = capsys.readouterr()
    return out + err


def build(project, site: Path) -> Path:
    return build_site(project.root / "mkdocs.yml", site_dir=site, on=today())


def permissions_row(project, capsys) -> list[str]:
    out = atlas(project, "permissions", "--format", "csv", capsys=capsys)
    return next(line for line in out.splitlines() if line.startswith(PHOTO + ",")).split(",")


def site_text(site: Path, *, skip: tuple[str, ...] = ()) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.relative_to(site).as_posix().startswith(skip)
    )


def photo_files(site: Path) -> list[Path]:
    return sorted((site / "assets").rglob(f"{PHOTO}.*"))


def record_permission(text: str) -> str:
    """What EDITING.md tells staff to do: fill in alt and caption, set record, change the status,
    and delete the "# " in front of the permission lines, filling them in."""
    granted_on = today().isoformat()
    replacements = {
        "    alt:                # TODO: what the photo shows, for someone who cannot see it":
            "    alt: Upper arm with a flat red patch the size of a coin.",
        "    caption:            # TODO: the caption shown under the photo":
            "    caption: A flat red patch on the upper arm, months after treatment ended.",
        "      # scope: [website]": "      scope: [website]",
        "      # granted_by: patient": "      granted_by: patient",
        "      # granted_on: YYYY-MM-DD": f"      granted_on: {granted_on}",
        "      # license: all-rights-reserved": "      license: all-rights-reserved",
        "      # credit: Shared by a patient": "      credit: Shared by a patient",
        "      status: pending": "      status: granted",
        "      record:           # TODO: the consent form's reference (never published)": "      record: FORM-2041",
    }
    entry_start = text.index(f"  - id: {PHOTO}")
    head, entry = text[:entry_start], text[entry_start:]
    for old, new in replacements.items():
        assert old in entry, old
        entry = entry.replace(old, new, 1)
    return head + entry


def assert_every_page_is_protected(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, f"{page} has no CSP meta"
        first_script = html.find("<script")
        assert first_script == -1 or policy.start() < first_script, f"{page}: the policy must come before any script"
        allowed = policy.group(1)
        for script in inline_scripts(html):
            assert source_hash(script) in allowed, f"{page}: an inline script would be blocked"
        for style in inline_styles(html):
            assert source_hash(style) in allowed, f"{page}: an inline style would be blocked"
        # Blocked by the policy and not hashable: none may appear.
        assert not re.search(r"\son[a-z]+\s*=", html), f"{page}: inline event handler"
        assert not re.search(r"""\sstyle\s*=\s*["']""", html), f"{page}: style attribute"
        assert "javascript:" not in html
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy:" in headers and "X-Content-Type-Options: nosniff" in headers


def test_add_permit_withdraw_walkthrough(project, new_photo, tmp_path, capsys):
    site = tmp_path / "site"

    # 1. Add the photo: pending, not published.
    out = atlas(project, "add-photo", str(new_photo), "--gallery", "arms", capsys=capsys)
    assert f"Added photo '{PHOTO}'" in out and "Next:" in out
    assert permissions_row(project, capsys)[1:3] == ["pending", "not published"]
    build(project, site)
    assert not (site / "photos" / PHOTO).exists()
    assert photo_files(site) == []
    assert PHOTO not in site_text(site)

    # 2. Record permission (an edit in captions.yaml), with alt text the advice will warn about
    #    ("Photo of ..."): a warning must not fail the strict build.
    text = record_permission(project.captions.read_text(encoding="utf-8"))
    project.captions.write_text(text.replace("alt: Upper arm", "alt: Photo of an upper arm"), encoding="utf-8")
    out = atlas(project, "check", capsys=capsys)
    assert "warning: photos[2].alt: alt text starts with 'Photo of'" in out
    assert permissions_row(project, capsys)[1:3] == ["granted", "published"]
    build(project, site)
    page = (site / "photos" / PHOTO / "index.html").read_text(encoding="utf-8")
    assert "A flat red patch on the upper arm" in page
    assert photo_files(site)
    assert PHOTO in (site / "galleries" / "arms" / "index.html").read_text(encoding="utf-8")
    assert_every_page_is_protected(site)

    # 3. Withdraw it: gone, with a neutral notice at its address.
    out = atlas(project, "withdraw", PHOTO, "--reason", "Asked by the patient by phone", capsys=capsys)
    assert "redeployed" in out and out.rstrip().splitlines()[-1].startswith("Next:")
    assert permissions_row(project, capsys)[1:3] == ["withdrawn", "taken down at the next publish"]
    build(project, site)
    notice = (site / "photos" / PHOTO / "index.html").read_text(encoding="utf-8")
    assert "no longer available" in notice and '<meta name="robots" content="noindex">' in notice
    assert "red patch" not in notice
    assert photo_files(site) == []
    assert PHOTO not in (site / "galleries" / "arms" / "index.html").read_text(encoding="utf-8")
    assert PHOTO not in json.dumps(search_entries(site))
    everything = site_text(site)
    # The staff editor's configuration (admin/) names every field of the format, never a value:
    # field names are looked for outside it, values everywhere.
    outside_editor = site_text(site, skip=("admin/",))
    for private in PRIVATE:
        where = outside_editor if private == "requested_on" else everything
        assert private not in where, f"{private!r} reached the published site"
    assert_every_page_is_protected(site)
