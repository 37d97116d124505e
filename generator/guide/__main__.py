"""`python -m generator.guide [--check] [DOCS]`: write, or compare, the guide."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.guide import stale, write

DOCS = Path(__file__).resolve().parents[2] / "docs"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    folders = [Path(a) for a in argv if not a.startswith("--")]
    docs = folders[0] if folders else DOCS
    changed = stale(docs) if check else write(docs)
    for path in changed:
        print(("stale: " if check else "wrote: ") + str(path))
    return 1 if check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
