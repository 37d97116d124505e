"""How long from saving a record to the reload event of the live preview.

    python bench/serve_latency.py [--runs 15] [--json results.json]

Measures the example student (content/) and a synthetic student with 150
records, each copied to a scratch folder first: the content root is never
touched. Prints a table and, with --json, writes the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import make_student
from generator.serve import open_session
from tests.serve.conftest import Events

REPO = Path(__file__).resolve().parents[1]


def _record(root: Path) -> Path:
    outcomes = sorted((root / "outcomes").glob("*/index.md"))
    return outcomes[0] if outcomes else sorted((root / "outcomes").glob("*.md"))[0]


def measure(root: Path, runs: int) -> dict[str, float]:
    """Save one record `runs` times; time each save to its reload event."""
    with tempfile.TemporaryDirectory() as scratch:
        session = open_session(
            root, Path(scratch) / "out", port=0, as_of=dt.date(2026, 11, 20)
        )
        events = Events(session.url)
        record = _record(root)
        original = record.read_text(encoding="utf-8")
        seconds, pages, rebuilds = [], [], []
        try:
            for run in range(runs):
                version = session.preview.state.version
                text = original + f"\n\n第 {run} 次修改。\n"
                started = time.perf_counter()
                temporary = record.with_name(f".{record.name}.tmp")
                temporary.write_text(text, encoding="utf-8")
                temporary.replace(record)
                events.until(lambda s, v=version: s["version"] > v)
                seconds.append(time.perf_counter() - started)
                pages.append(session.preview.state.pages)
                rebuilds.append(session.preview.state.seconds)
                time.sleep(0.2)
        finally:
            record.write_text(original, encoding="utf-8")
            events.close()
            session.close()
    return {
        "median_ms": statistics.median(seconds) * 1000,
        "p95_ms": sorted(seconds)[max(0, int(len(seconds) * 0.95) - 1)] * 1000,
        "pages_per_rebuild": statistics.median(pages),
        "rebuild_ms": statistics.median(rebuilds) * 1000,
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        example = Path(scratch) / "example"
        shutil.copytree(REPO / "content", example)
        big = make_student(Path(scratch) / "big", records=150, seed=7)
        for name, root in (("example", example), ("150 records", big)):
            results[name] = measure(root, args.runs)

    print(f"{'student':<14}{'median':>10}{'p95':>10}{'rebuild':>10}{'pages':>8}")
    for name, figures in results.items():
        print(
            f"{name:<14}{figures['median_ms']:>8.0f}ms{figures['p95_ms']:>8.0f}ms"
            f"{figures['rebuild_ms']:>8.0f}ms{figures['pages_per_rebuild']:>8.0f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
