"""`python -m atlas.qa [site]`: every static check on a built site, every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

from . import pageweight
from .external import external_load_problems
from .htmlcheck import parse_problems
from .htmlvalid import checker_missing, invalid_html_problems
from .links import link_problems, missing_alt_problems
from .testsite import site_url_of


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    config = Path("mkdocs.yml")
    site_url = site_url_of(config) if config.is_file() else None
    checks = {
        "links": link_problems(site, site_url=site_url),
        "alt text": missing_alt_problems(site),
        "HTML parsing": parse_problems(site),
        "loads from other hosts": external_load_problems(site, site_url=site_url),
    }
    missing = checker_missing()
    if missing:
        print(f"valid HTML (Nu HTML Checker): not checked: {missing}")
    else:
        checks["valid HTML (Nu HTML Checker)"] = invalid_html_problems(site)
    failed = False
    for name, problems in checks.items():
        print(f"{name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for problem in problems:
            print(f"  {problem}")
        failed |= bool(problems)
    weight_status = pageweight.main([str(site)])
    return 1 if failed or weight_status else 0


if __name__ == "__main__":
    sys.exit(main())
