"""The yearly submission receipt: what a student ticked, to check against the portal.

During the confirmation window the student compares the central database's
record with this list line by line; evidence files are named with their size
and SHA-256 so a wrong upload shows. It is private: written beside the site,
never into it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import i18n
from generator.model import Content, Outcome, Performance, Record
from generator.project import Checked
from generator.render import theme
from generator.terms import school_year_of, year_end, year_start


@dataclass
class EvidenceLine:
    field: str
    name: str
    size: int | None
    sha256: str | None


@dataclass
class ReceiptLine:
    number: int
    title: str
    what: str
    when: str
    status: str
    evidence: list[EvidenceLine] = field(default_factory=list)
    link: str | None = None


@dataclass
class Receipt:
    year: int
    student: dict[str, Any]
    outcomes: list[ReceiptLine]
    performances: list[ReceiptLine]
    consultations: list[dict[str, Any]]
    limits: dict[str, int]
    confirmation: tuple[str, str] | None
    as_of: str


def ticked_years(content: Content) -> list[int]:
    """The school years in which anything was ticked, oldest first."""
    years = {o.term.year for o in content.outcomes.values() if o.submitted and o.term}
    years |= {p.ticked_year for p in content.performances.values() if p.ticked_year}
    return sorted(years)


def default_year(checked: Checked) -> int:
    """The latest school year with ticks up to the as-of date, else the current one."""
    current = school_year_of(checked.as_of, checked.content.enrolled)
    years = [y for y in ticked_years(checked.content) if y <= current]
    return years[-1] if years else current


def _evidence(record: Record) -> list[EvidenceLine]:
    lines = []
    for name in ("document", "media"):
        value = record.get(name)
        if not value:
            continue
        path = record.source.path.parent / value
        try:
            data = path.read_bytes()
        except OSError:
            lines.append(EvidenceLine(name, value, None, None))
            continue
        lines.append(
            EvidenceLine(name, value, len(data), hashlib.sha256(data).hexdigest())
        )
    return lines


def build_receipt(checked: Checked, year: int) -> Receipt:
    """Collect the ticked records and consultations of school year `year`."""
    content, profile = checked.content, checked.profile
    language = i18n.normalize_language(checked.findings.language)
    words = i18n.strings(language)["site"]
    term_label = words["year_semester"]

    outcomes: list[Outcome] = sorted(
        (
            o
            for o in content.outcomes.values()
            if o.submitted and o.term and o.term.year == year
        ),
        key=lambda o: (o.term, o.id),
    )
    performances: list[Performance] = sorted(
        (p for p in content.performances.values() if p.ticked_year == year),
        key=lambda p: (p.get("start") or dt.date.min, p.id),
    )
    outcome_lines = [
        ReceiptLine(
            number=index,
            title=o.title,
            what=str(o.get("course", "")),
            when=i18n.fill(term_label, o.term._asdict()) if o.term else "",
            status=words["certifications"][o.certification],
            evidence=_evidence(o),
        )
        for index, o in enumerate(outcomes, start=1)
    ]
    performance_lines = [
        ReceiptLine(
            number=index,
            title=p.title,
            what=_category(p, profile, language),
            when=_dates(p),
            status=i18n.fill(words["ticked_in"], {"year": year}),
            evidence=_evidence(p),
            link=p.get("link"),
        )
        for index, p in enumerate(performances, start=1)
    ]
    first, last = year_start(year), year_end(year)
    consultations = sorted(
        (e.fields for e in content.consultations if first <= e.get("date") <= last),
        key=lambda c: c["date"],
    )
    return Receipt(
        year=year,
        student=_student(content),
        outcomes=outcome_lines,
        performances=performance_lines,
        consultations=consultations,
        limits={
            "outcomes": profile["outcomes"]["submitted_per_year"],
            "performances": profile["performances"]["submitted_per_year"],
        },
        confirmation=_confirmation(content, year),
        as_of=checked.as_of.isoformat(),
    )


def _student(content: Content) -> dict[str, Any]:
    profile = content.profile
    if profile is None:
        return {}
    return {k: profile.get(k) for k in ("name", "school", "class", "student_id")}


def _category(performance: Performance, profile: Any, language: str) -> str:
    key = performance.category or "other"
    if language == "en":
        return key
    return profile.categories[key]["name"]


def _dates(performance: Performance) -> str:
    start, end = performance.get("start"), performance.get("end")
    if start and end and end != start:
        return f"{start.isoformat()} – {end.isoformat()}"
    return start.isoformat() if start else ""


def _confirmation(content: Content, year: int) -> tuple[str, str] | None:
    for window in content.windows:
        if window.name == "confirmation" and window.term.year == year:
            return window.start.isoformat(), window.end.isoformat()
    return None


def render_pdf(html: str, folders: list[Path]) -> bytes:
    """The receipt as a PDF; it names no file of its own, so no fetching."""
    import weasyprint

    css = next(
        f / "receipt" / "receipt.css" for f in folders if (f / "receipt").is_dir()
    )
    document = weasyprint.HTML(string=html, base_url=str(css.parent))
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
    return document.write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(css))], pdf_identifier=identifier
    )


def write_receipt(checked: Checked, out: Path, year: int) -> tuple[Path, Path]:
    """Write `out/receipt/<year>.html` and `.pdf`; returns both paths."""
    receipt = build_receipt(checked, year)
    folders = theme.theme_folders(checked.content.root, checked.content.site.theme)
    language = i18n.normalize_language(checked.findings.language)
    env = theme.environment(folders, language, subfolders=("receipt", "templates"))
    html = env.get_template("receipt.html").render(receipt=receipt, page="receipt.html")

    folder = out / "receipt"
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{year}.html"
    html_path.write_text(html, encoding="utf-8", newline="\n")
    pdf_path = folder / f"{year}.pdf"
    pdf_path.write_bytes(render_pdf(html, folders))
    return html_path, pdf_path
