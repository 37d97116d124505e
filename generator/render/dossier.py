"""Print one PDF dossier per target department with WeasyPrint, evidence included.

WeasyPrint leaves an empty frame for every evidence page, so the running head,
the footer and "page / pages" count every page, evidence included, and the
bookmarks name each evidence file where it starts; `pdfpages` then lays the
evidence into the frames and cuts the dossier into one file per review item.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
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

from generator import __version__, i18n, parallel
from generator.findings import Finding, Findings
from generator.project import Checked
from generator.render import fonts, markdown, pdfpages, theme
from generator.render.assets import Published
from generator.render.output import MARKER, OutputRefused, write_atomically
from generator.render.printassets import (
    ASSET_URL,
    AssetFetcher,
    PrintPublisher,
    PrintViews,
    asset_url,
)
from generator.render.views import (
    ApplicationView,
    RecordView,
    StatementView,
    build_date,
    private_files,
)
from generator.yamlsource import Position

with warnings.catch_warnings():
    # Without any font WeasyPrint warns on import; pdf-font-missing says it better.
    warnings.simplefilter("ignore", UserWarning)
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

log = logging.getLogger(__name__)

MANIFEST = ".manifest.json"
PRINT_DPI = 200


@dataclass
class Attachment:
    """An evidence PDF and the frames reserved for its pages."""

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


# A dossier printed: what, its manifest entry, and the findings it raised.
_Result = tuple[Printed, dict[str, Any], list[Finding]]


@dataclass
class _Worker:
    """What one process keeps between dossiers: fonts and parsed stylesheets."""

    font_config: FontConfiguration
    stylesheets: dict[str, weasyprint.CSS] = field(default_factory=dict)


_WORKER: _Worker | None = None


def _worker() -> _Worker:
    global _WORKER
    if _WORKER is None:
        _WORKER = _Worker(font_config=FontConfiguration())
    return _WORKER


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
        share: bool = False,
        store: markdown.BodyStore | None = None,
    ) -> None:
        self.checked = checked
        self.store = store
        self.pdf_dir = pdf_dir
        self.folders = folders
        self.variant = variant
        # Whether dossiers may be printed by a forked child too (parallel.py).
        self.share = share
        self.findings: Findings = checked.findings
        self.language = i18n.normalize_language(checked.findings.language)
        self.env = self._environment()
        self.css_path = next(
            f / "pdf" / "dossier.css"
            for f in self.folders
            if (f / "pdf" / "dossier.css").exists()
        )
        self.css = self.css_path.read_bytes()
        # Stable asset URLs are the same for every student: one cache each.
        self._image_cache: dict[str, Any] = {}

    def _environment(self) -> jinja2.Environment:
        env = theme.environment(
            self.folders, self.language, subfolders=("pdf", "templates")
        )
        return env

    def _stylesheet(self) -> weasyprint.CSS:
        """The theme's print stylesheet, parsed once per process and version."""
        worker = _worker()
        key = hashlib.sha256(self.css).hexdigest()
        if key not in worker.stylesheets:
            worker.stylesheets[key] = weasyprint.CSS(
                string=self.css.decode("utf-8"),
                base_url=self.css_path.as_uri(),
                font_config=worker.font_config,
            )
        return worker.stylesheets[key]

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
    ) -> dict[str, list[Attachment]]:
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

    def _courses(self) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """The public course records by school year and semester, with credits."""
        rows = []
        for entry in self.checked.content.courses:
            private = entry.get("private")
            if private is True:
                continue
            hidden = {*private, "private"} if isinstance(private, list) else {"private"}
            rows.append({k: v for k, v in entry.fields.items() if k not in hidden})
        # Within a semester the order of courses.yaml stays: the school's own.
        rows.sort(key=lambda c: (c.get("year", 0), c.get("semester", 0)))

        terms: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
        for row in rows:
            terms.setdefault((row.get("year"), row.get("semester")), []).append(row)
        return [
            (
                {
                    "year": year,
                    "semester": semester,
                    "credits": sum(r.get("credits") or 0 for r in group),
                },
                group,
            )
            for (year, semester), group in terms.items()
        ]

    def html(
        self,
        application: ApplicationView,
        sections: list[Section],
        attachments: dict[str, list[Attachment]],
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
            date=build_date(self.checked.as_of).isoformat(),
            title=i18n.fill(words["title"], params),
            subject=i18n.fill(
                words["subject" if application.code else "subject_no_code"], params
            ),
            keywords=", ".join([application.university, application.department]),
            running_head=f"{application.university} {application.department}",
        )

    # -- printing ------------------------------------------------------------

    def _layout(self, html: str, fetcher: AssetFetcher) -> Any:
        worker = _worker()
        return weasyprint.HTML(
            string=html, base_url=asset_url(""), url_fetcher=fetcher
        ).render(
            font_config=worker.font_config,
            stylesheets=[self._stylesheet()],
            cache=self._image_cache,
        )

    def _write(self, document: Any, html: str) -> bytes:
        options: dict[str, Any] = {
            # Images come prepared (printassets.py): with no quality given and
            # no optimizing asked for, WeasyPrint embeds them as they are
            # instead of decoding and encoding each again.
            "dpi": PRINT_DPI,
            # The same input gives the same file identifier, hence the same bytes.
            "pdf_identifier": hashlib.sha256(html.encode("utf-8"))
            .hexdigest()[:32]
            .encode(),
        }
        if self.variant:
            options["pdf_variant"] = self.variant
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB profile for PDF/A and never closes it.
            warnings.simplefilter("ignore", ResourceWarning)
            return document.write_pdf(**options)

    def print_application(
        self,
        application: ApplicationView,
        assets: Path,
        publisher: PrintPublisher,
        entry: Any = None,
    ) -> tuple[Printed, dict[str, Any]]:
        """Print one dossier, unless `entry` (of the manifest) says it is unchanged.

        Returns what was printed and the manifest entry to keep for it.
        """
        sections = self._sections(application)
        attachments = self._attachments(sections, assets)
        html = self.html(application, sections, attachments)
        target = self.pdf_dir / f"{application.id}.pdf"
        parts_dir = self.pdf_dir / application.id

        # Skip the work when nothing the dossier is made from has changed.
        digest = self._digest(html, attachments, publisher)
        if (
            isinstance(entry, dict)
            and entry.get("digest") == digest
            and target.exists()
            and parts_dir.is_dir()
        ):
            log.info("dossier %s unchanged; not printed again", application.id)
            parts = sorted(parts_dir.glob("*.pdf"))
            self._check_upload_sizes(application, parts)
            pages = int(entry.get("pages", 0))
            printed = Printed(
                application.id, target, pages=pages, rendered=False, parts=parts
            )
            return printed, entry

        # Lay out and write; slim the fonts and lay the evidence into its frames.
        document = self._layout(html, AssetFetcher(assets, publisher))
        pdf = self._write(document, html)
        pdf = pdfpages.finish(pdf, _frames(document, attachments))
        write_atomically(target, pdf)

        parts = self._split(application, pdf, document, sections)
        # Evidence is laid onto pages WeasyPrint made, so its count is the PDF's.
        pages = len(document.pages)
        log.info("printed %s: %d pages", target, pages)
        printed = Printed(application.id, target, pages=pages, parts=parts)
        return printed, {"digest": digest, "pages": pages}

    def _split(
        self,
        application: ApplicationView,
        pdf: bytes,
        document: Any,
        sections: list[Section],
    ) -> list[Path]:
        """One PDF per review item, for departments that take uploads per item."""
        starts = {}
        for index, page in enumerate(document.pages):
            for section in sections:
                if f"item-{section.letter}" in page.anchors:
                    starts.setdefault(section.letter, index)
        names = {s.letter: s.name for s in sections}
        ordered = sorted(starts.items(), key=lambda item: item[1])
        bookmarks = pdfpages.flatten_bookmarks(document.make_bookmark_tree())
        title = document.metadata.title or application.id

        parts = []
        for position, (letter, first) in enumerate(ordered):
            last = (
                ordered[position + 1][1]
                if position + 1 < len(ordered)
                else len(document.pages)
            )
            inside = [b for b in bookmarks if first <= b.page < last]
            label = f"{title}｜{letter} {names[letter]}"
            parts.append(pdfpages.Part(letter, first, last, label, inside))

        info = document.metadata
        metadata = {
            "/Author": info.authors[0] if info.authors else "",
            "/Subject": info.description or "",
            "/Creator": info.generator or "",
        }
        files = pdfpages.split(pdf, parts, metadata)

        folder = self.pdf_dir / application.id
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.pdf"):
            if stale.stem not in files:
                stale.unlink()
        paths = []
        for letter, data in files.items():
            path = folder / f"{letter}.pdf"
            write_atomically(path, data)
            paths.append(path)
        self._check_upload_sizes(application, paths)
        return paths

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
                    size=_megabytes(size),
                    limit=f"{limits['item_max_mib']} MB",
                )
        total = sum(sizes.values())
        if total > total_limit:
            self.findings.add(
                "upload-too-large",
                file,
                Position(1, 1),
                path=f"pdf/{application.id}/",
                size=_megabytes(total),
                limit=f"{limits['total_max_mib']} MB",
            )

    def _digest(
        self,
        html: str,
        attachments: dict[str, list[Attachment]],
        publisher: PrintPublisher,
    ) -> str:
        """A hash of everything a dossier is made from, to skip unchanged ones."""
        digest = hashlib.sha256()
        for part in (html.encode("utf-8"), self.css):
            digest.update(hashlib.sha256(part).digest())
        versions = f"{__version__}|{weasyprint.__version__}|{pypdf.__version__}"
        digest.update(f"{versions}|{self.variant}".encode())
        urls = set(ASSET_URL.findall(html))
        urls |= {
            a.path.relative_to(publisher.site_dir).as_posix()
            for items in attachments.values()
            for a in items
        }
        for url in sorted(urls):
            source = publisher.sources.get(url)
            digest.update(url.encode("utf-8"))
            if source is not None and source.is_file():
                digest.update(hashlib.sha256(source.read_bytes()).digest())
        return digest.hexdigest()

    def _manifest(self) -> dict[str, Any]:
        try:
            manifest = json.loads((self.pdf_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return manifest if isinstance(manifest, dict) else {}

    def _save_manifest(self, manifest: dict[str, Any]) -> None:
        text = json.dumps(dict(sorted(manifest.items())), indent=2) + "\n"
        write_atomically(self.pdf_dir / MANIFEST, text.encode("utf-8"))

    def print_all(self, only: list[str] | None = None) -> list[Printed]:
        """Print every application (or the named ones) of the student."""
        _prepare_pdf_dir(self.pdf_dir)
        content = self.checked.content
        with tempfile.TemporaryDirectory(prefix="portfolio-print-") as scratch:
            assets = Path(scratch)
            publisher = PrintPublisher(assets, content.root, private_files(content))
            # Only the records the printed applications pick are viewed: a
            # student may keep a hundred records for three dossiers of ten.
            chosen = only or list(content.applications)
            portfolio = PrintViews(
                self.checked, publisher, applications=chosen, store=self.store
            ).build()
            manifest = self._manifest()

            def print_one(application: ApplicationView) -> _Result:
                # Findings come back with the dossier: it may print in a child.
                start = len(self.findings.items)
                printed, entry = self.print_application(
                    application, assets, publisher, manifest.get(application.id)
                )
                found = self.findings.items[start:]
                del self.findings.items[start:]
                return printed, entry, found

            results = parallel.shared_map(
                print_one, portfolio.applications, share=self.share, min_jobs=2
            )
        for printed, entry, found in results:
            manifest[printed.application] = entry
            self.findings.items.extend(found)
        self._save_manifest(manifest)
        return [printed for printed, _, _ in results]


def _frames(
    document: Any, attachments: dict[str, list[Attachment]]
) -> list[pdfpages.Frame]:
    """Where WeasyPrint put each evidence frame: its page and its box."""
    where = {
        anchor: (index, box)
        for index, page in enumerate(document.pages)
        for anchor, box in page.anchors.items()
    }
    frames = []
    for items in attachments.values():
        for attachment in items:
            for number in range(attachment.pages):
                found = where.get(f"{attachment.anchor}-{number}")
                if found is not None:
                    page, box = found
                    frames.append(
                        pdfpages.Frame(attachment.path, number, page, tuple(box))
                    )
    return frames


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _prepare_pdf_dir(pdf_dir: Path) -> None:
    if pdf_dir.exists() and any(pdf_dir.iterdir()) and not (pdf_dir / MARKER).exists():
        raise OutputRefused(
            f"{pdf_dir}: exists and was not made by portfolio ({MARKER} is missing); "
            "remove it or choose another output folder"
        )
    pdf_dir.mkdir(parents=True, exist_ok=True)
    (pdf_dir / MARKER).write_text("made by portfolio build\n", encoding="utf-8")


def print_dossiers(
    checked: Checked,
    out: Path,
    folders: list[Path],
    only: list[str] | None = None,
    variant: str | None = None,
    share: bool = False,
    store: markdown.BodyStore | None = None,
) -> list[Printed]:
    """Print a checked student's dossiers into `out/pdf/`; [] when it cannot.

    `share` lets a forked child print some of them (see parallel.py); `store`
    holds bodies converted by earlier builds.
    """
    printer = DossierPrinter(checked, out / "pdf", folders, variant, share, store)
    if not checked.content.applications:
        return []
    if not printer.environment_findings():
        return []
    return printer.print_all(only)
