"""Publish evidence and images into the site, stripped of what must not leak.

Photos are turned upright and re-encoded without EXIF or XMP, and a video's
filming place is blanked, so no GPS position or camera serial leaves the
student's machine; responsive sizes are made once; a PDF gets a preview image
of its first page. Only pictures, PDFs, audio and video are published, never a
content source or a file of a private record, each under a name no other file
of its folder holds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps, UnidentifiedImageError

from generator import paths
from generator.filetypes import sniff_file
from generator.render import media
from generator.render.output import write_atomically

log = logging.getLogger(__name__)

WIDTHS = (480, 960)
PREVIEW_WIDTH = 400
# What Pillow raises for a file it cannot or will not decode (a bomb's size).
UNREADABLE_IMAGE = (
    UnidentifiedImageError,
    OSError,
    ValueError,
    Image.DecompressionBombError,
)
MAX_WIDTH = 1600
PREVIEW_SUFFIX = "-preview.jpg"
# What the last build made of each source file (EarlierFiles), in OUT/.
EARLIER_FILES = ".portfolio-files.json"
# The EXIF tag saying how a photo is turned: 5 to 8 swap its width and height.
EXIF_ORIENTATION = 0x0112
# Content sources are never published, even when a body links to one: they
# hold what the site must not show (the student id, private records).
SOURCE_SUFFIXES = {".md", ".markdown", ".yaml", ".yml"}
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_KINDS = {
    "jpg": "image",
    "png": "image",
    "gif": "image",
    "webp": "image",
    "pdf": "pdf",
    "mp3": "audio",
    "m4a": "audio",
    "wav": "audio",
    "ogg": "audio",
    "mp4": "video",
    "mov": "video",
}


@dataclass
class Published:
    """A file as the site shows it; URLs are relative to the site root."""

    url: str
    kind: str
    name: str
    size: int
    width: int | None = None
    height: int | None = None
    srcset: list[tuple[str, int]] = field(default_factory=list)
    preview: str | None = None
    # SHA-256 of the source file, when it was read to be published.
    digest: str = ""

    def files(self) -> list[str]:
        """Every file written for it: itself, its smaller sizes, its preview."""
        made = [self.url, *(url for url, _ in self.srcset)]
        if self.preview:
            made.append(self.preview)
        return list(dict.fromkeys(made))


class EarlierFiles:
    """What the last build into an output folder made of each source file.

    A phone photo takes a tenth of a second to turn upright, strip and scale,
    a PDF's preview a few milliseconds; a build after editing one record
    should not pay that again for the others. Files are matched by the
    SHA-256 of their source and the URL they get, and taken from the previous
    site by hard link (both are the generator's own files), so a source
    replaced by another of the same name, size and date is never mistaken
    for the old one. Only what the last build made is kept.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / EARLIER_FILES
        self.site = out / "site"
        # What this build publishes, in order; saved when it succeeds.
        self.made: list[Published] = []
        self.kept: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == _producer_version():
            files = data.get("files")
            self.kept = files if isinstance(files, dict) else {}

    def reuse(self, digest: str, url: str, site_dir: Path) -> Published | None:
        """The file made of the same source last time, linked into `site_dir`."""
        fields = self.kept.get(f"{digest} {url}")
        if not isinstance(fields, dict):
            return None
        try:
            published = Published(**fields)
            published.srcset = [(u, int(w)) for u, w in published.srcset]
        except (TypeError, ValueError):
            return None
        for made in published.files():
            target = site_dir / made
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(self.site / made, target)
            except FileExistsError:
                continue
            except OSError:
                try:  # another disk, or a file system without links
                    shutil.copyfile(self.site / made, target)
                except OSError:
                    return None
        return published

    def save(self) -> None:
        """Write down what this build made, replacing the file whole."""
        files = {f"{p.digest} {p.url}": asdict(p) for p in self.made if p.digest}
        data = {"version": _producer_version(), "files": dict(sorted(files.items()))}
        text = json.dumps(data, ensure_ascii=False)
        try:
            write_atomically(self.path, text.encode("utf-8"))
        except OSError as error:
            log.info("published files not kept for the next build: %s", error)


@cache
def _producer_version() -> str:
    """Changes whenever what a source is made into could change."""
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"{source}:{Image.__version__}:{pdfium.version.PYPDFIUM_INFO}"


def safe_name(name: str) -> str:
    """An ASCII file name for URLs; other names get a short stable hash."""
    path = Path(name)
    stem = _SAFE.sub("-", path.stem).strip("-.")
    suffix = _SAFE.sub("", path.suffix.lower())
    if not stem or stem != path.stem.replace(" ", "-"):
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
        stem = f"{stem[:40]}-{digest}" if stem else f"file-{digest}"
    return f"{stem}{suffix}"


class Publisher:
    """Copies or re-encodes each referenced file once into the site folder."""

    def __init__(
        self,
        site_dir: Path,
        root: Path,
        previews: bool = True,
        withheld: Iterable[Path] = (),
        memo: dict[tuple[Path, str], tuple[tuple[int, int], Published | None]]
        | None = None,
        earlier: EarlierFiles | None = None,
    ) -> None:
        self.site_dir = site_dir
        # Results of earlier builds into the same folder (the live preview):
        # a file unchanged since then is not copied or re-encoded again.
        self.memo = memo
        # The last build into the output folder (`portfolio build`).
        self.earlier = earlier
        self.root = root.resolve()
        self.previews = previews
        # Files and folders of private records: never published.
        self.withheld = {path.resolve() for path in withheld}
        self._done: dict[tuple[Path, str], Published | None] = {}
        # Every name written or reserved, lower-cased for case-blind disks.
        self._claimed: set[str] = set()
        # Folders already made under the site, so each is made once.
        self._folders: set[Path] = set()

    def publish(self, source: Path, folder: str) -> Published | None:
        """Publish `source` under `files/<folder>/`; None if it cannot be read."""
        try:
            real = paths.real(source)
        except (OSError, RuntimeError):
            return None
        if not real.is_file() or not real.is_relative_to(self.root):
            return None
        if real.suffix.lower() in SOURCE_SUFFIXES or self._is_withheld(real):
            log.info("not published (private or a content source): %s", real)
            return None
        key = (real, folder)
        if key not in self._done:
            self._done[key] = self._publish(real, folder)
        return self._done[key]

    def withhold(self, paths: Iterable[Path]) -> None:
        """Never publish these files, nor anything inside these folders."""
        self.withheld |= {path.resolve() for path in paths}

    def _is_withheld(self, real: Path) -> bool:
        return any(real == path or real.is_relative_to(path) for path in self.withheld)

    def _claim(self, folder: str, name: str, source: Path) -> str:
        """A URL under `folder` no other source holds, with room for its sizes.

        Two files whose names sanitize alike ("a b.pdf", "a-b.pdf") would
        overwrite each other; the later one gets a hash of its path instead.
        """
        stem, suffix = Path(name).stem, Path(name).suffix
        relative = source.relative_to(self.root).as_posix()
        digest = hashlib.sha256(relative.encode("utf-8")).hexdigest()[:8]
        candidates = [stem, f"{stem}-{digest}"]
        candidates += [f"{stem}-{digest}-{n}" for n in range(2, 100)]
        for candidate in candidates:
            names = [f"{candidate}{suffix}", f"{candidate}{PREVIEW_SUFFIX}"]
            names += [f"{candidate}-{width}{suffix}" for width in WIDTHS]
            keys = {f"{folder}/{n}".lower() for n in names}
            if not keys & self._claimed:
                self._claimed |= keys
                return f"{folder}/{candidate}{suffix}"
        raise RuntimeError(f"no free name for {source} in {folder}")

    def _publish(self, source: Path, folder: str) -> Published | None:
        actual = sniff_file(source)
        kind = _KINDS.get(actual)
        if kind is None:
            # HTML, SVG or a script would run in the site's own origin.
            log.info("not published (%s is not evidence): %s", actual, source)
            return None
        name = safe_name(source.name)
        if kind == "image" and actual != "jpg":
            name = f"{Path(name).stem}.png"
        url = self._claim(f"files/{folder}", name, source)
        target = self.site_dir / url
        if self.earlier is not None:
            return self._produce_or_reuse(source, target, url, kind, actual)
        if self.memo is None:
            return self._produce(source, target, url, kind, actual)
        stat = source.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        remembered = self.memo.get((source, url))
        if remembered and remembered[0] == stamp and target.exists():
            return remembered[1]
        published = self._produce(source, target, url, kind, actual)
        self.memo[(source, url)] = (stamp, published)
        return published

    def _produce_or_reuse(
        self, source: Path, target: Path, url: str, kind: str, actual: str
    ) -> Published | None:
        assert self.earlier is not None
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        published = self.earlier.reuse(digest, url, self.site_dir)
        if published is None:
            published = self._produce(source, target, url, kind, actual, data)
        if published is not None:
            published.digest = digest
            self.earlier.made.append(published)
        return published

    def _produce(
        self,
        source: Path,
        target: Path,
        url: str,
        kind: str,
        actual: str,
        data: bytes | None = None,
    ) -> Published | None:
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        if kind == "image":
            return self._image(source, target, url, actual)
        # TODO: a PDF is copied as it is, so the photos inside a scanned PDF
        # keep their EXIF and GPS; stripping them needs each embedded image
        # re-encoded (pypdf can replace image streams).
        # Read once: written to the site, blanked, and drawn from the same bytes.
        if data is None:
            data = source.read_bytes()
        if actual in ("mp4", "mov", "m4a"):
            video = bytearray(data)
            if media.blank_locations(video):
                data = bytes(video)
        target.write_bytes(data)
        published = Published(url=url, kind=kind, name=source.name, size=len(data))
        if kind == "pdf" and self.previews:
            published.preview = self._pdf_preview(data, source, target, url)
        return published

    def _image(
        self, source: Path, target: Path, url: str, actual: str
    ) -> Published | None:
        try:
            with Image.open(source) as opened:
                decode_smaller(opened, MAX_WIDTH)
                opened.load()
                # Turned upright in place: a copy would cost as much as decoding.
                ImageOps.exif_transpose(opened, in_place=True)
                image = opened
        except UNREADABLE_IMAGE as error:
            log.warning("cannot read image %s: %s", source, error)
            return None
        image = without_metadata(image)
        fmt = "JPEG" if actual == "jpg" else "PNG"
        if image.width > MAX_WIDTH:
            image = resized(image, MAX_WIDTH)
        _save(image, target, fmt)
        published = Published(
            url=url,
            kind="image",
            name=source.name,
            size=target.stat().st_size,
            width=image.width,
            height=image.height,
        )
        for width in WIDTHS:
            if width < image.width:
                smaller = target.with_name(f"{target.stem}-{width}{target.suffix}")
                _save(resized(image, width), smaller, fmt)
                published.srcset.append((str(Path(url).with_name(smaller.name)), width))
        published.srcset.append((url, image.width))
        return published

    def _pdf_preview(
        self, data: bytes, source: Path, target: Path, url: str
    ) -> str | None:
        """A JPEG of the first page, drawn in-process by PDFium.

        PDFium draws and Pillow encodes a page in about 2 ms; calling poppler's
        pdftoppm took 80 ms, which a student with sixty PDFs would wait for.
        """
        try:
            document = pdfium.PdfDocument(data)
        except (pdfium.PdfiumError, OSError) as error:
            log.info("no preview for %s: %s", source.name, error)
            return None
        try:
            if len(document) == 0:
                return None
            page = document[0]
            width = page.get_width() or 1
            # RGB byte order lets Pillow take PDFium's pixels without a swap.
            bitmap = page.render(scale=PREVIEW_WIDTH / width, rev_byteorder=True)
            preview = without_metadata(bitmap.to_pil())
            _save(preview, target.with_name(f"{target.stem}{PREVIEW_SUFFIX}"), "JPEG")
        except pdfium.PdfiumError as error:
            log.info("no preview for %s: %s", source.name, error)
            return None
        finally:
            document.close()
        return str(Path(url).with_name(f"{target.stem}{PREVIEW_SUFFIX}"))


def decode_smaller(image: Image.Image, width: int) -> None:
    """Have libjpeg decode a photo at a half, quarter or eighth of its size.

    A phone photo is 4,000 px across and is shown at most `width` wide:
    decoding a quarter of the pixels is four times faster, and the scaling
    libjpeg does on the way looks the same once Lanczos has made the final
    size. The reduced image stays at least `width` wide as it is shown.
    """
    if image.format != "JPEG":
        return
    upright_turned = image.getexif().get(EXIF_ORIENTATION, 1) in (5, 6, 7, 8)
    shown_width = image.height if upright_turned else image.width
    if shown_width < 2 * width:
        return
    image.draft(None, (1, width) if upright_turned else (width, 1))


def without_metadata(image: Image.Image) -> Image.Image:
    """The same pixels with no EXIF, XMP or comments; colour profile kept."""
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    # Callers hand over an image of their own (a transposed or rendered copy),
    # so its metadata is cleared in place rather than copying the pixels again.
    icc = image.info.get("icc_profile")
    image.info = {"icc_profile": icc} if icc else {}
    return image


def resized(image: Image.Image, width: int) -> Image.Image:
    """A smaller copy; whole-factor shrinking first, then Lanczos for the rest.

    Averaging pixel blocks before Lanczos is five times faster for the usual
    halving and looks the same on a photo at these sizes.
    """
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=1.0)


def _save(image: Image.Image, target: Path, fmt: str) -> None:
    # Baseline JPEG and zlib's default level: progressive and optimized output
    # saved about 12 % of bytes but took four times as long to encode.
    options: dict[str, object] = {"compress_level": 6}
    if fmt == "JPEG":
        if image.mode in ("RGBA", "LA"):
            image = image.convert("RGB")
        options = {"quality": 85}
    icc = image.info.get("icc_profile")
    if icc:
        options["icc_profile"] = icc
    image.save(target, fmt, **options)
