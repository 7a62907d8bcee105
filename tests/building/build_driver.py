"""Run one real build in its own process, for the tests that kill builds (test_crash_safety.py).

    python build_driver.py MKDOCS_YML SITE_DIR [--pause] [--two-renames] [--cores N] [--no-pdeathsig]

--pause: at each step of the swap (every exchange and rename while `swap_in` runs) print
  `PAUSE <before|after> <step>` and wait for a line on stdin, so a test can kill the build at
  exactly that instant. Steps name folders by role: `exchange staging<->site`,
  `rename site->old`, `rename staging->site`, `rename old->trash`, ...
--two-renames: behave as on a filesystem without atomic exchange.
--cores N: use N image workers whatever this machine has.
--no-pdeathsig: leave out Linux's PR_SET_PDEATHSIG, to prove the portable watchdog alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import sys
from pathlib import Path

from atlas import build, swap
from atlas.images import render

ON = dt.date(2026, 11, 21)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("config", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--pause", action="store_true")
    parser.add_argument("--two-renames", action="store_true")
    parser.add_argument("--cores", type=int)
    parser.add_argument("--no-pdeathsig", action="store_true")
    args = parser.parse_args()

    if args.two_renames:
        swap.exchange = _unsupported
    if args.cores:
        render._cores = lambda: args.cores
    if args.no_pdeathsig:
        render._killed_with_parent_by_kernel = lambda: None
    if args.pause:
        _pause_at_every_swap_step(args.site_dir.name)
    print("STARTED", flush=True)
    build.build_site(args.config, site_dir=args.site_dir, on=ON)
    print("BUILT", flush=True)


def _unsupported(a, b):
    raise swap.ExchangeUnsupported(errno.EINVAL, "no atomic exchange (test)")


def _pause_at_every_swap_step(site_name: str) -> None:
    def role(path) -> str:
        name = Path(path).name
        if Path(path).parent.name.startswith(f".{site_name}.staging-"):
            return "staging"  # the engine's output inside the build's workspace
        if name == site_name:
            return "site"
        return name.split(".")[-1].split("-")[0]  # .site.old-123 -> old

    def paused(step, action):
        def run(a, b):
            if not swapping:
                return action(a, b)
            pause(f"before {step} {role(a)}{'<->' if step == 'exchange' else '->'}{role(b)}")
            action(a, b)
            pause(f"after {step} {role(a)}{'<->' if step == 'exchange' else '->'}{role(b)}")
        return run

    swapping = False
    real_swap_in = swap.swap_in

    def swap_in(staging, site_dir):
        nonlocal swapping
        swapping = True
        try:
            real_swap_in(staging, site_dir)
        finally:
            swapping = False

    swap.swap_in = swap_in
    swap.exchange = paused("exchange", swap.exchange)
    os.rename = paused("rename", os.rename)


def pause(point: str) -> None:
    print(f"PAUSE {point}", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    main()
