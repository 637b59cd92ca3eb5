"""Regenerate the rule table of README.md ("What xborder checks") from the rulebook.

    .venv/bin/python scripts/readme_rules.py            # rewrite the table in README.md
    .venv/bin/python scripts/readme_rules.py --check    # exit 1 if it is out of date

The table sits between the markers <!-- rules:begin --> and <!-- rules:end -->; it is
rendered by xborder.explain.readme_table from the same data as `xborder rules`, and
tests/core/test_rules_explain.py fails when the README's copy differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xborder.explain import readme_table, splice_readme

README = Path(__file__).resolve().parents[1] / "README.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if the table is out of date")
    parser.add_argument("--readme", type=Path, default=README, help="the README to update (default: the repository's)")
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    new = splice_readme(text, readme_table())
    if new == text:
        print(f"{args.readme.name}: the rule table is up to date")
        return 0
    if args.check:
        print(f"{args.readme.name}: the rule table is out of date; run: .venv/bin/python scripts/readme_rules.py")
        return 1
    args.readme.write_text(new, encoding="utf-8")
    print(f"{args.readme.name}: rule table rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
