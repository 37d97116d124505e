"""Many students at once: a counselor's class or a whole school.

Each student builds into `out/<folder>/` in a worker process that keeps its
Jinja environments and WeasyPrint fonts between students. A student whose
inputs have not changed since the last build is skipped, one broken student
never stops the others, and `--shard I/N` takes a fixed share of the students
so several machines can split a city's worth of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.deadlines import upcoming
from generator.reader import is_content_root
from generator.render import theme
from generator.terms import school_year_of

log = logging.getLogger(__name__)

MANIFEST = ".portfolio-student.json"


@dataclass
class Options:
    """What every student of one batch is built with."""

    out: Path
    as_of: dt.date | None = None
    language: str | None = None
    pdf: bool = True
    variant: str | None = None
    check_only: bool = False
    base_url: str | None = None


@dataclass
class StudentResult:
    """One student's outcome, as the overview and the closing summary need it."""

    folder: str
    name: str = ""
    errors: int = 0
    warnings: int = 0
    findings: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    site: str | None = None
    dossiers: list[str] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    consultations: list[dict[str, Any]] = field(default_factory=list)
    failure: str | None = None
    skipped: bool = False
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.failure)

    def stored(self) -> dict[str, Any]:
        """What the manifest keeps: everything but this run's timing and skip."""
        data = asdict(self)
        data.pop("seconds")
        data.pop("skipped")
        return data


def find_students(roots: Iterable[Path], batch: Path | None) -> list[Path]:
    """The content roots named, plus every student folder of `batch`."""
    students = list(roots)
    if batch is not None:
        students += sorted(
            p for p in batch.iterdir() if p.is_dir() and (p / "profile.md").exists()
        )
    return [s for s in dict.fromkeys(students) if is_content_root(s)]


def shard_of(folder: str, count: int) -> int:
    """A student's shard (1-based), stable whatever other students there are."""
    digest = hashlib.sha256(folder.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(students: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    if shard is None:
        return students
    index, count = shard
    return [s for s in students if shard_of(s.name, count) == index]


def input_hash(root: Path, options: Options) -> str:
    """A hash of everything a student's output is made from."""
    digest = hashlib.sha256()
    as_of = options.as_of or dt.date.today()
    settings = (
        __version__,
        as_of,
        options.language,
        options.pdf,
        options.variant,
        options.base_url,
    )
    digest.update(repr(settings).encode("utf-8"))
    digest.update(folder_hash(root).encode("ascii"))
    for folder in (*theme.theme_folders(root, None), Path(__file__).parent):
        digest.update(_shared_folder_hash(folder).encode("ascii"))
    return digest.hexdigest()


def folder_hash(base: Path) -> str:
    """A hash of every file below `base`: names and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(base).as_posix().encode("utf-8"))
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


@lru_cache(maxsize=16)
def _shared_folder_hash(folder: Path) -> str:
    """The theme and the generator's own code, hashed once per process.

    A batch process hashes them for every student otherwise; including the
    code means an upgraded generator rebuilds everything, as it should.
    """
    return folder_hash(folder)


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _counts(checked: Any) -> dict[str, int]:
    """This school year's ticks and the totals, for the overview."""
    content = checked.content
    year = school_year_of(checked.as_of, content.enrolled)
    outcomes = [o for o in content.outcomes.values() if o.submitted]
    performances = [p for p in content.performances.values() if p.submitted]
    return {
        "year": year,
        "outcomes_year": sum(1 for o in outcomes if o.term and o.term.year == year),
        "performances_year": sum(1 for p in performances if p.ticked_year == year),
        "outcomes_total": len(outcomes),
        "performances_total": len(performances),
    }


def recall(target: Path, digest: str) -> StudentResult | None:
    """The stored result of an earlier build from the very same inputs."""
    manifest = _read_manifest(target)
    if manifest.get("inputs") != digest or "result" not in manifest:
        return None
    return StudentResult(**manifest["result"], skipped=True)


def remember(target: Path, digest: str, result: StudentResult) -> None:
    record = {"inputs": digest, "result": result.stored()}
    target.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
    (target / MANIFEST).write_text(text + "\n", encoding="utf-8")


def result_of(checked: Any, built: Any | None, prefix: str) -> StudentResult:
    """A student's result from its check and (when it built) its outputs.

    `prefix` is the student's folder as the overview links to it ("" alone).
    """
    result = StudentResult(folder=checked.content.root.name)
    if built is not None and built.ok:
        result.site = f"{prefix}site/index.html"
        result.dossiers = [f"{prefix}pdf/{d.path.name}" for d in built.dossiers]
    profile = checked.content.profile
    result.name = profile.name if profile else ""
    result.errors = checked.findings.errors
    result.warnings = checked.findings.warnings
    result.findings = [f.as_dict() for f in checked.findings.sorted()]
    result.counts = _counts(checked)
    result.deadlines = [
        {"window": d.name, "end": d.window.end.isoformat(), "days": d.days,
         "records": [r.source.rel for r in d.records]}
        for d in upcoming(checked.content, checked.as_of, 3)
    ]  # fmt: skip
    result.consultations = [
        {"date": e.get("date").isoformat(), "teacher": e.get("teacher"),
         "topic": e.get("topic") or ""}
        for e in sorted(checked.content.consultations, key=lambda e: e.get("date"))
    ]  # fmt: skip
    return result


def _student_url(base_url: str | None, folder: str) -> str | None:
    """Where a student's site is published when the whole batch output is."""
    if not base_url:
        return None
    return f"{base_url.rstrip('/')}/{folder}/site/"


def build_student(root: Path, options: Options) -> StudentResult:
    """Check and build one student; never raises, so the batch goes on."""
    from generator.build import build_site
    from generator.project import check_root

    started = time.perf_counter()
    target = options.out / root.name
    try:
        digest = input_hash(root, options)
        stored = None if options.check_only else recall(target, digest)
        if stored is not None:
            result = stored
        elif options.check_only:
            result = result_of(
                check_root(root, options.as_of, options.language), None, ""
            )
        else:
            built = build_site(
                root,
                target,
                options.as_of,
                options.language,
                options.pdf,
                options.variant,
                _student_url(options.base_url, root.name),
            )
            result = result_of(built.checked, built, f"{root.name}/")
            # Kept for failed students too: the overview lists their findings.
            remember(target, digest, result)
    except Exception as error:  # One broken student must not stop a school.
        log.info("student %s failed:\n%s", root, traceback.format_exc())
        result = StudentResult(
            folder=root.name, failure=f"{type(error).__name__}: {error}"
        )
    result.seconds = time.perf_counter() - started
    return result


def run(
    students: list[Path], options: Options, jobs: int | None = None
) -> Iterator[StudentResult]:
    """Build every student, yielding results as they finish."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(students) <= 1:
        for root in students:
            yield build_student(root, options)
        return
    # Imported here: multiprocessing is a cost one student's build never needs.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(jobs, len(students))) as pool:
        futures = [pool.submit(build_student, root, options) for root in students]
        for future in as_completed(futures):
            yield future.result()


def check_student(
    root: Path, as_of: dt.date | None, language: str | None
) -> tuple[list[dict[str, Any]], str]:
    """One student's findings and interface language; what `check` prints."""
    from generator.project import check_root

    checked = check_root(root, as_of, language)
    return [f.as_dict() for f in checked.findings.sorted()], checked.findings.language


def check_many(
    roots: list[Path], as_of: dt.date | None, language: str | None, jobs: int | None
) -> Iterator[tuple[list[dict[str, Any]], str]]:
    """Check every root, in their order, on worker processes when there are many."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(roots) < 2:
        for root in roots:
            yield check_student(root, as_of, language)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(
            check_student, roots, [as_of] * len(roots), [language] * len(roots),
            chunksize=8,
        )  # fmt: skip


def stored_results(students: list[Path], out: Path) -> list[StudentResult]:
    """The last recorded result of every student of the batch, built or not.

    The overview is made from these, so shards that share an output folder
    add up to the same overview as one whole build.
    """
    results = []
    for root in students:
        manifest = _read_manifest(out / root.name)
        if "result" in manifest:
            results.append(StudentResult(**manifest["result"]))
        else:
            results.append(StudentResult(folder=root.name, failure="not built"))
    return results
