"""The files a dossier shows, prepared for WeasyPrint and nothing else.

Building the views publishes every record's files, but a dossier shows only
the picked ones: images are prepared (upright, without EXIF or XMP) only when
WeasyPrint asks for them, and every local reference becomes a stable
`portfolio-asset:` URL that the fetcher serves from the scratch folder, so
the PDF holds no temporary path and comes out the same from build to build.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from generator.render.assets import (
    EXIF_ORIENTATION,
    UNREADABLE_IMAGE,
    Published,
    Publisher,
    decode_smaller,
    resized,
    without_metadata,
)
from generator.render.views import References, ViewBuilder

with warnings.catch_warnings():
    # Without any font WeasyPrint warns on import; pdf-font-missing says it better.
    warnings.simplefilter("ignore", UserWarning)
    from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)

ASSET_SCHEME = "portfolio-asset"
ASSET_URL = re.compile(rf"{ASSET_SCHEME}:///([^\"'\s)#?]+)")
# Wider images are scaled down before WeasyPrint sees them: 1,400 px across the
# 174 mm text column is the dossier's 200 dpi.
PRINT_MAX_WIDTH = 1400


def asset_url(url: str) -> str:
    """A stable URL for a file prepared for printing.

    WeasyPrint names each image in the PDF after a hash of its URL; a URL that
    holds no temporary folder keeps the PDF the same from build to build.
    """
    return f"{ASSET_SCHEME}:///{url}"


class PrintPublisher(Publisher):
    """Publishes for printing: an image is prepared only when WeasyPrint asks.

    Encoding each image of the portfolio (and the site's smaller sizes) up
    front cost more than laying out a whole dossier.
    """

    def __init__(self, assets: Path, root: Path, withheld: Iterable[Path]) -> None:
        super().__init__(assets, root, previews=False, withheld=withheld)
        self.sources: dict[str, Path] = {}
        self._images: dict[str, Path] = {}
        self._prepared: dict[str, bytes] = {}

    def publish(self, source: Path, folder: str) -> Published | None:
        published = super().publish(source, folder)
        if published is not None:
            self.sources.setdefault(published.url, source.resolve())
        return published

    def _image(
        self, source: Path, target: Path, url: str, actual: str
    ) -> Published | None:
        try:
            with Image.open(source) as opened:
                width, height = opened.size
                if opened.getexif().get(EXIF_ORIENTATION, 1) in (5, 6, 7, 8):
                    width, height = height, width
        except UNREADABLE_IMAGE as error:
            log.warning("cannot read image %s: %s", source, error)
            return None
        self._images[url] = source
        return Published(
            url=url,
            kind="image",
            name=source.name,
            size=source.stat().st_size,
            width=width,
            height=height,
            srcset=[(url, width)],
        )

    def image(self, url: str) -> bytes | None:
        """The image published at `url`, upright and without EXIF or XMP."""
        source = self._images.get(url)
        if source is None:
            return None
        if url not in self._prepared:
            self._prepared[url] = _print_image(source)
        return self._prepared[url]


def _print_image(source: Path) -> bytes:
    """Re-encode a photo for print: turned upright, metadata (GPS) left behind."""
    with Image.open(source) as opened:
        fmt = "JPEG" if opened.format == "JPEG" else "PNG"
        decode_smaller(opened, PRINT_MAX_WIDTH)
        opened.load()
        ImageOps.exif_transpose(opened, in_place=True)
        image = without_metadata(opened)
    icc = image.info.get("icc_profile")
    if image.width > PRINT_MAX_WIDTH:
        image = resized(image, PRINT_MAX_WIDTH)
    options: dict[str, Any] = {"icc_profile": icc} if icc else {}
    # Encoded once, as the PDF will hold it: WeasyPrint embeds the bytes.
    if fmt == "JPEG":
        image = image.convert("RGB") if image.mode in ("RGBA", "LA") else image
        options.update(quality=85, optimize=True)
    else:
        options["compress_level"] = 6
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


class AssetFetcher(URLFetcher):
    """Serves prepared files and inline data only: a dossier never goes online."""

    def __init__(self, assets: Path, publisher: PrintPublisher) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.assets = assets
        self.publisher = publisher

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        prefix = f"{ASSET_SCHEME}:///"
        if url.startswith(prefix):
            relative = url.removeprefix(prefix)
            prepared = self.publisher.image(relative)
            if prepared is not None:
                return URLFetcherResponse(url, prepared)
            path = (self.assets / relative).resolve()
            if not path.is_relative_to(self.assets.resolve()):
                raise ValueError(f"outside the prepared files: {url}")
            return URLFetcherResponse(url, path.read_bytes())
        return super().fetch(url, headers)


class _FileReferences(References):
    """Body references as stable asset URLs that the fetcher resolves."""

    def relative(self, url: str) -> str:
        return asset_url(url)


class PrintViews(ViewBuilder):
    """Views whose local references point at files WeasyPrint can open."""

    def _resolver(self, record: Any, folder: str, page: str) -> References:
        return _FileReferences(lambda value: self._publish(record, value, folder), page)
