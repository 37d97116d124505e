"""The speed benchmark: wall time and peak memory of the everyday operations.

    python bench/bench.py                 # the quick set (40 students for the class)
    python bench/bench.py --school 1000   # also a whole school of 1,000 students
    python bench/bench.py --json out.json

Every step runs in a fresh Python process, so interpreter start and imports
count as they do for a user, and peak memory is that process's (with its
workers). Content is synthetic (bench/synthetic.py) and deterministic from
the seed; nothing outside a scratch folder is written.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.synthetic import make_school, make_student  # noqa: E402

AS_OF = "2026-11-20"


def run_step(name: str, command: list[str]) -> dict[str, float]:
    """Run one step in its own process; wall seconds and peak RSS in MB."""
    script = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "wall = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'wall': wall, 'peak_mb': peak, 'code': code}))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, *command],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    print(
        f"  {name:<44}{figures['wall']:>8.2f} s{figures['peak_mb']:>8.0f} MB",
        flush=True,
    )
    return figures


def portfolio(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args, "--as-of", AS_OF]


def in_process(name: str, code: str) -> dict[str, float]:
    """A step timed inside a warm process (the live preview, a warm worker)."""
    script = (
        "import json, resource, sys, time\n"
        f"sys.path.insert(0, {str(REPO)!r})\n" + code + "\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'wall': seconds, 'peak_mb': peak, 'code': 0}))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    print(
        f"  {name:<44}{figures['wall']:>8.3f} s{figures['peak_mb']:>8.0f} MB",
        flush=True,
    )
    return figures


PREVIEW = """
import datetime as dt, shutil
from pathlib import Path
from generator.serve.preview import Preview
root, out = Path({root!r}), Path({out!r})
preview = Preview(root, out, as_of=dt.date(2026, 11, 20))
preview.full_build()
record = sorted((root / "outcomes").glob("*/index.md"))[0]
text = record.read_text(encoding="utf-8")
record.write_text(text + "\\n多寫一句。\\n", encoding="utf-8")
started = time.perf_counter()
state = preview.rebuild({{record}})
seconds = time.perf_counter() - started
record.write_text(text, encoding="utf-8")
assert state.ok, state.findings
"""

DOSSIER = """
import datetime as dt
from pathlib import Path
from generator.project import check_root
from generator.render import theme
from generator.render.dossier import print_dossiers
root, out = Path({root!r}), Path({out!r})
checked = check_root(root, dt.date(2026, 11, 20))
folders = theme.theme_folders(root, None)
print_dossiers(checked, out, folders)          # warms fonts and templates
(out / "pdf" / ".manifest.json").unlink()      # so the next one really prints
started = time.perf_counter()
printed = print_dossiers(checked, out, folders)
seconds = time.perf_counter() - started
print("pages", printed[0].pages, file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--records", type=int, default=100, help="records of one student"
    )
    parser.add_argument("--class-size", type=int, default=40)
    parser.add_argument(
        "--school", type=int, default=0, help="students of the school run"
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="portfolio-bench-") as scratch:
        base = Path(scratch)
        student = make_student(base / "student", records=args.records, seed=1)
        records = args.records
        print(f"one student: {records} records; class: {args.class_size} students")

        results["check one student"] = run_step(
            "check one student", portfolio("check", str(student))
        )
        results["site cold"] = run_step(
            "build one site, cold",
            portfolio("build", str(student), "-o", str(base / "out1"), "--no-pdf"),
        )
        results["site unchanged"] = run_step(
            "build one site, nothing changed",
            portfolio("build", str(student), "-o", str(base / "out1"), "--no-pdf"),
        )
        results["preview rebuild"] = in_process(
            "live preview: one edited record",
            PREVIEW.format(root=str(student), out=str(base / "out2")),
        )
        results["dossier warm"] = in_process(
            "one dossier in a warm worker",
            DOSSIER.format(root=str(student), out=str(base / "out3")),
        )

        make_school(base / "class", args.class_size, 60, seed=100)
        results["class"] = run_step(
            f"class of {args.class_size}, --jobs {args.jobs}, site + dossiers",
            portfolio("build", "--batch", str(base / "class"), "-o", str(base / "out4"),
                      "--jobs", str(args.jobs)),
        )  # fmt: skip
        if args.school:
            make_school(base / "school", args.school, 60, seed=1000)
            results["school check"] = run_step(
                f"school of {args.school}: check",
                portfolio("check", "--batch", str(base / "school")),
            )
            results["school site"] = run_step(
                f"school of {args.school}: sites, --jobs {args.jobs}",
                portfolio("build", "--batch", str(base / "school"), "-o",
                          str(base / "out5"), "--jobs", str(args.jobs), "--no-pdf"),
            )  # fmt: skip
            per_record = results["school site"]["wall"] / (args.school * 60) * 1000
            results["school site"]["ms_per_record"] = per_record
            print(f"  {'school: wall time per record':<44}{per_record:>8.2f} ms")

    if args.json:
        text = json.dumps(results, indent=2, sort_keys=True)
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
