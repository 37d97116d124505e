"""Print one PDF dossier per target department with WeasyPrint, evidence PDFs included.

Evidence PDFs are laid onto placeholder pages that WeasyPrint leaves for them,
so the running head, the footer and "page / pages" count every page, evidence
included, and the bookmarks name each evidence file where it starts.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pypdf
import qrcode
import qrcode.image.svg
from markupsafe import Markup

from generator import __version__, i18n
from generator.findings import Findings
from generator.project import Checked
from generator.render import fonts, theme
from generator.render.assets import Published, Publisher
from generator.render.output import MARKER, OutputRefused
from generator.render.views import (
    ApplicationView,
    RecordView,
    References,
    StatementView,
    ViewBuilder,
)
from generator.yamlsource import Position

with warnings.catch_warnings():
    # Without any font WeasyPrint warns on import; pdf-font-missing says it better.
    warnings.simplefilter("ignore", UserWarning)
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)

MANIFEST = ".manifest.json"
A4 = (595.276, 841.89)  # points
# The content box of dossier.css (@page margins 24/18/22/18 mm), in points.
_MM = 72 / 25.4
CONTENT_BOX = (18 * _MM, 22 * _MM, A4[0] - 18 * _MM, A4[1] - 24 * _MM)
PRINT_DPI = 200


@dataclass
class Attachment:
    """An evidence PDF and the placeholder pages reserved for it."""

    anchor: str
    name: str
    path: Path
    pages: int


@dataclass
class Section:
    letter: str
    name: str
    records: list[RecordView] = field(default_factory=list)
    statement: StatementView | None = None


@dataclass
class Printed:
    """What printing one application did."""

    application: str
    path: Path
    pages: int = 0
    rendered: bool = True
    parts: list[Path] = field(default_factory=list)


ASSET_SCHEME = "portfolio-asset"


def asset_url(url: str) -> str:
    """A stable URL for a file prepared for printing.

    WeasyPrint names each image in the PDF after a hash of its URL; a URL that
    holds no temporary folder keeps the PDF the same from build to build.
    """
    return f"{ASSET_SCHEME}:///{url}"


class _AssetFetcher(URLFetcher):
    """Serves prepared files and inline data only: a dossier never goes online."""

    def __init__(self, assets: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.assets = assets

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        prefix = f"{ASSET_SCHEME}:///"
        if url.startswith(prefix):
            path = (self.assets / url.removeprefix(prefix)).resolve()
            if not path.is_relative_to(self.assets.resolve()):
                raise ValueError(f"outside the prepared files: {url}")
            return URLFetcherResponse(url, path.read_bytes())
        return super().fetch(url, headers)


class _FileReferences(References):
    """Body references as stable asset URLs that the fetcher resolves."""

    def relative(self, url: str) -> str:
        return asset_url(url)


class _PrintViews(ViewBuilder):
    """Views whose local references point at files WeasyPrint can open."""

    def _resolver(self, record: Any, folder: str, page: str) -> References:
        return _FileReferences(lambda value: self._publish(record, value, folder), page)


@dataclass
class _Worker:
    """What one process keeps between dossiers: fonts and the stylesheet cache."""

    font_config: FontConfiguration
    stylesheets: dict[Path, weasyprint.CSS] = field(default_factory=dict)
    image_cache: dict[str, Any] = field(default_factory=dict)


_WORKER: _Worker | None = None


def _worker() -> _Worker:
    global _WORKER
    if _WORKER is None:
        _WORKER = _Worker(font_config=FontConfiguration())
    return _WORKER


def css_string(value: Any) -> Markup:
    """A CSS string literal for margin-box content, safe inside a <style> element."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    text = text.replace("<", "\\3C ")
    return Markup(f'"{text}"')


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=1)
    encoded = base64.b64encode(image.to_string()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


class DossierPrinter:
    """Prints the dossiers of one checked student into `out/pdf/`."""

    def __init__(
        self,
        checked: Checked,
        pdf_dir: Path,
        folders: list[Path],
        variant: str | None = None,
    ) -> None:
        self.checked = checked
        self.pdf_dir = pdf_dir
        self.folders = folders
        self.variant = variant
        self.findings: Findings = checked.findings
        self.language = i18n.normalize_language(checked.findings.language)
        self.env = self._environment()

    def _environment(self) -> jinja2.Environment:
        env = theme.environment(
            self.folders, self.language, subfolders=("pdf", "templates")
        )
        env.filters["css_string"] = css_string
        return env

    def _stylesheet(self) -> weasyprint.CSS:
        path = next(
            f / "pdf" / "dossier.css"
            for f in self.folders
            if (f / "pdf" / "dossier.css").exists()
        )
        worker = _worker()
        if path not in worker.stylesheets:
            worker.stylesheets[path] = weasyprint.CSS(
                filename=str(path), font_config=worker.font_config
            )
        return worker.stylesheets[path]

    # -- preparing -----------------------------------------------------------

    def environment_findings(self) -> bool:
        """Report a missing CJK font or slow subsetting; False when we cannot print."""
        where = next(iter(self.checked.content.applications.values()), None)
        file = where.source.rel if where else "site.yaml"
        if not fonts.has_fast_subsetting():
            self.findings.add(
                "pdf-subset-slow", file, Position(1, 1), install=fonts.INSTALL_HINT
            )
        if not fonts.has_cjk_font():
            self.findings.add(
                "pdf-font-missing", file, Position(1, 1), install=fonts.INSTALL_HINT
            )
            return False
        return True

    def _sections(self, application: ApplicationView) -> list[Section]:
        profile = self.checked.profile
        sections = []
        for letter in application.items:
            name = profile.item_name(letter, self.language)
            if letter == "A":
                sections.append(Section(letter, name))
                continue
            records = [
                r for g in application.groups if g.letter == letter for r in g.records
            ]
            statement = next(
                (s for s in application.statements if s.item == letter), None
            )
            if records or statement is not None:
                sections.append(Section(letter, name, records, statement))
        return sections

    def _attachments(
        self, sections: Iterable[Section], assets: Path
    ) -> dict[str, list]:
        attachments: dict[str, list[Attachment]] = {}
        for section in sections:
            for record in section.records:
                for index, (_, file) in enumerate(record.evidence):
                    if file.kind != "pdf":
                        continue
                    path = assets / file.url
                    pages = self._count_pages(record, file, path)
                    if pages:
                        anchor = f"evidence-{record.kind}-{record.id}-{index}"
                        attachment = Attachment(anchor, file.name, path, pages)
                        key = f"{record.kind}:{record.id}"
                        attachments.setdefault(key, []).append(attachment)
        return attachments

    def _count_pages(self, record: RecordView, file: Published, path: Path) -> int:
        try:
            reader = pypdf.PdfReader(path)
            if reader.is_encrypted:
                raise pypdf.errors.PdfReadError("the file is encrypted")
            return len(reader.pages)
        except (pypdf.errors.PyPdfError, OSError, ValueError) as error:
            self.findings.add(
                "evidence-unreadable",
                record.source_rel,
                None,
                path=file.name,
                problem=str(error) or type(error).__name__,
            )
            return 0

    def _courses(self) -> list[dict[str, Any]]:
        courses = [
            c.fields for c in self.checked.content.courses if not c.get("private")
        ]
        return sorted(
            courses,
            key=lambda c: (c.get("year", 0), c.get("semester", 0), c["subject"]),
        )

    def html(
        self,
        application: ApplicationView,
        sections: list[Section],
        attachments: dict[str, list[Attachment]],
        assets: Path,
    ) -> str:
        """The dossier as HTML, ready for WeasyPrint."""
        profile = self.checked.content.profile
        student = profile.name if profile else ""
        school = profile.public("school") if profile else None
        base_url = (self.checked.content.site.base_url or "").rstrip("/")
        words = i18n.strings(self.language)["dossier"]
        params = {
            "student": student,
            "university": application.university,
            "department": application.department,
            "code": application.code or "",
        }
        date = _print_date(self.checked)

        def media_url(file: Published) -> str | None:
            return f"{base_url}/{file.url}" if base_url else None

        def qr(record: RecordView, file: Published) -> str:
            return qr_data_uri(media_url(file) or file.name)

        def url(target: str) -> str:
            return target if "://" in target else asset_url(target)

        template = self.env.get_template("dossier.html")
        return template.render(
            page="dossier.html",
            url=url,
            qr=qr,
            media_url=media_url,
            application=application,
            sections=sections,
            attachments=attachments,
            courses=self._courses() if any(s.letter == "A" for s in sections) else [],
            student=student,
            school=school,
            date=date,
            title=i18n.fill(words["title"], params),
            subject=i18n.fill(
                words["subject" if application.code else "subject_no_code"], params
            ),
            keywords=", ".join([application.university, application.department]),
            running_head=f"{application.university} {application.department}",
        )

    # -- printing ------------------------------------------------------------

    def render_pdf(
        self, html: str, attachments: dict[str, list[Attachment]], assets: Path
    ) -> tuple[bytes, dict[str, int]]:
        """Lay out the HTML, then lay each evidence page onto its placeholder.

        Returns the PDF and the page index of every element id in it.
        """
        worker = _worker()
        document = weasyprint.HTML(
            string=html,
            base_url=asset_url(""),
            url_fetcher=_AssetFetcher(assets),
        ).render(
            font_config=worker.font_config,
            stylesheets=[self._stylesheet()],
            cache=worker.image_cache,
        )
        anchors = {
            anchor: index
            for index, page in enumerate(document.pages)
            for anchor in page.anchors
        }
        options: dict[str, Any] = {
            "optimize_images": True,
            "jpeg_quality": 85,
            "dpi": PRINT_DPI,
            "pdf_identifier": hashlib.sha256(html.encode("utf-8"))
            .hexdigest()[:32]
            .encode(),
        }
        if self.variant:
            options["pdf_variant"] = self.variant
        pdf = document.write_pdf(**options)
        if any(attachments.values()):
            pdf = _overlay(pdf, attachments, anchors)
        return pdf, anchors

    def print_application(self, application: ApplicationView, assets: Path) -> Printed:
        sections = self._sections(application)
        attachments = self._attachments(sections, assets)
        html = self.html(application, sections, attachments, assets)
        target = self.pdf_dir / f"{application.id}.pdf"

        digest = _digest(html, assets, attachments, self.variant)
        manifest = self._manifest()
        parts_dir = self.pdf_dir / application.id
        if (
            manifest.get(application.id) == digest
            and target.exists()
            and parts_dir.is_dir()
        ):
            log.info("dossier %s unchanged; not printed again", application.id)
            parts = sorted(parts_dir.glob("*.pdf"))
            return Printed(application.id, target, rendered=False, parts=parts)

        pdf, anchors = self.render_pdf(html, attachments, assets)
        _write_atomically(target, pdf)
        parts = self._split(application, pdf, anchors, sections)
        manifest[application.id] = digest
        self._save_manifest(manifest)
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        log.info("printed %s: %d pages", target, pages)
        return Printed(application.id, target, pages=pages, parts=parts)

    def _split(
        self,
        application: ApplicationView,
        pdf: bytes,
        anchors: dict[str, int],
        sections: list[Section],
    ) -> list[Path]:
        """One PDF per review item, for departments that take uploads per item."""
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        starts = {
            s.letter: anchors[f"item-{s.letter}"]
            for s in sections
            if f"item-{s.letter}" in anchors
        }
        folder = self.pdf_dir / application.id
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.pdf"):
            stale.unlink()

        parts = []
        ordered = sorted(starts.items(), key=lambda item: item[1])
        for position, (letter, first) in enumerate(ordered):
            last = (
                ordered[position + 1][1]
                if position + 1 < len(ordered)
                else len(reader.pages)
            )
            writer = pypdf.PdfWriter()
            for index in range(first, last):
                writer.add_page(reader.pages[index])
            writer.add_metadata(_metadata(reader))
            buffer = io.BytesIO()
            writer.write(buffer)
            part = folder / f"{letter}.pdf"
            _write_atomically(part, buffer.getvalue())
            parts.append(part)
        self._check_upload_sizes(application, parts)
        return parts

    def _check_upload_sizes(
        self, application: ApplicationView, parts: list[Path]
    ) -> None:
        limits = self.checked.profile["upload"]
        item_limit = int(limits["item_max_mib"] * 1024 * 1024)
        total_limit = int(limits["total_max_mib"] * 1024 * 1024)
        file = f"applications/{application.id}.md"
        sizes = {part: part.stat().st_size for part in parts}
        for part, size in sizes.items():
            if size > item_limit:
                self.findings.add(
                    "upload-too-large",
                    file,
                    Position(1, 1),
                    path=part.relative_to(self.pdf_dir.parent).as_posix(),
                    size=f"{size / 1024 / 1024:.1f} MB",
                    limit=f"{limits['item_max_mib']} MB",
                )
        total = sum(sizes.values())
        if total > total_limit:
            self.findings.add(
                "upload-too-large",
                file,
                Position(1, 1),
                path=f"pdf/{application.id}/",
                size=f"{total / 1024 / 1024:.1f} MB",
                limit=f"{limits['total_max_mib']} MB",
            )

    def _manifest(self) -> dict[str, str]:
        try:
            return json.loads((self.pdf_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _save_manifest(self, manifest: dict[str, str]) -> None:
        text = json.dumps(dict(sorted(manifest.items())), indent=2) + "\n"
        _write_atomically(self.pdf_dir / MANIFEST, text.encode("utf-8"))

    def print_all(self, only: list[str] | None = None) -> list[Printed]:
        """Print every application (or the named ones) of the student."""
        _prepare_pdf_dir(self.pdf_dir)
        with tempfile.TemporaryDirectory(prefix="portfolio-print-") as scratch:
            assets = Path(scratch)
            publisher = Publisher(assets, self.checked.content.root, previews=False)
            portfolio = _PrintViews(self.checked, publisher).build()
            printed = []
            for application in portfolio.applications:
                if only and application.id not in only:
                    continue
                printed.append(self.print_application(application, assets))
        return printed


def _prepare_pdf_dir(pdf_dir: Path) -> None:
    if pdf_dir.exists() and any(pdf_dir.iterdir()) and not (pdf_dir / MARKER).exists():
        raise OutputRefused(
            f"{pdf_dir}: exists and was not made by portfolio ({MARKER} is missing); "
            "remove it or choose another output folder"
        )
    pdf_dir.mkdir(parents=True, exist_ok=True)
    (pdf_dir / MARKER).write_text("made by portfolio build\n", encoding="utf-8")


def _print_date(checked: Checked) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        import datetime as dt

        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return checked.as_of.isoformat()


def _digest(
    html: str,
    assets: Path,
    attachments: dict[str, list[Attachment]],
    variant: str | None,
) -> str:
    """A hash of everything a dossier is made from, to skip unchanged ones."""
    digest = hashlib.sha256()
    digest.update(html.encode("utf-8"))
    digest.update(f"{__version__}|{weasyprint.__version__}|{variant}".encode())
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(assets).as_posix().encode("utf-8"))
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _overlay(
    pdf: bytes, attachments: dict[str, list[Attachment]], anchors: dict[str, int]
) -> bytes:
    """Draw each evidence page, scaled into the content box, on its placeholder."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    for items in attachments.values():
        for attachment in items:
            evidence = pypdf.PdfReader(attachment.path)
            for number, source in enumerate(evidence.pages):
                target = anchors.get(f"{attachment.anchor}-{number}")
                if target is None:
                    continue
                writer.pages[target].merge_transformed_page(source, _fit(source))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _fit(page: pypdf.PageObject) -> pypdf.Transformation:
    """Turn, scale and move a page so it sits upright, centred in the content box."""
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    turn = pypdf.Transformation().translate(-float(box.left), -float(box.bottom))
    rotation = page.rotation % 360
    # /Rotate turns the page clockwise when shown; do the same to its content.
    if rotation == 90:
        turn = turn.rotate(-90).translate(0, width)
    elif rotation == 180:
        turn = turn.rotate(180).translate(width, height)
    elif rotation == 270:
        turn = turn.rotate(90).translate(height, 0)
    if rotation in (90, 270):
        width, height = height, width

    left, bottom, right, top = CONTENT_BOX
    scale = min((right - left) / width, (top - bottom) / height)
    x = left + ((right - left) - width * scale) / 2
    y = bottom + ((top - bottom) - height * scale) / 2
    return turn.scale(scale, scale).translate(x, y)


def _metadata(reader: pypdf.PdfReader) -> dict[str, str]:
    info = reader.metadata or {}
    return {
        k: str(v) for k, v in info.items() if k in ("/Title", "/Author", "/Subject")
    }


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def print_dossiers(
    checked: Checked,
    out: Path,
    folders: list[Path],
    only: list[str] | None = None,
    variant: str | None = None,
) -> list[Printed]:
    """Print a checked student's dossiers into `out/pdf/`; [] when it cannot."""
    printer = DossierPrinter(checked, out / "pdf", folders, variant)
    if not checked.content.applications:
        return []
    if not printer.environment_findings():
        return []
    return printer.print_all(only)
