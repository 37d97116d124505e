"""Judge a file's format by its content (magic bytes), never by its name.

The portal does the same, so a photo renamed from .heic to .jpg is caught here
rather than at upload time.
"""

from __future__ import annotations

from pathlib import Path

# Names students meet, for messages; keys are what `sniff` returns.
FORMAT_NAMES = {
    "pdf": "PDF",
    "jpg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WebP",
    "heic": "HEIC",
    "bmp": "BMP",
    "tiff": "TIFF",
    "mp3": "MP3",
    "mp4": "MP4",
    "mov": "QuickTime",
    "m4a": "M4A",
    "wav": "WAV",
    "ogg": "Ogg",
    "zip": "ZIP (Word, PowerPoint, …)",
    "ole": "Office 97–2003",
    "text": "text",
    "empty": "an empty file",
    "unknown": "an unknown format",
}

EXTENSIONS = {
    "pdf": "pdf",
    "jpg": "jpg",
    "jpeg": "jpg",
    "png": "png",
    "mp3": "mp3",
    "mp4": "mp4",
    "m4v": "mp4",
    "gif": "gif",
    "webp": "webp",
    "heic": "heic",
    "mov": "mov",
    "m4a": "m4a",
    "wav": "wav",
}

_ISO_BRANDS_VIDEO = {
    b"isom",
    b"iso2",
    b"mp41",
    b"mp42",
    b"avc1",
    b"dash",
    b"M4V ",
    b"mmp4",
}


def sniff(head: bytes) -> str:
    """The format of a file from its first bytes."""
    if not head:
        return "empty"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"BM"):
        return "bmp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"ID3") or _is_mpeg_audio_frame(head):
        return "mp3"
    if head.startswith(b"OggS"):
        return "ogg"
    if head[4:8] == b"ftyp":
        return _iso_media(head[8:12])
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if _looks_like_text(head):
        return "text"
    return "unknown"


def sniff_file(path: Path) -> str:
    with path.open("rb") as handle:
        return sniff(handle.read(64))


def format_of_name(name: str) -> str | None:
    """The format a file name claims, by its extension."""
    suffix = Path(name).suffix.lower().lstrip(".")
    return EXTENSIONS.get(suffix, suffix or None)


def _is_mpeg_audio_frame(head: bytes) -> bool:
    # Frame sync: 11 set bits, then a layer other than "reserved" (00).
    return (
        len(head) >= 2
        and head[0] == 0xFF
        and (head[1] & 0xE0) == 0xE0
        and (head[1] & 0x06) != 0
    )


def _iso_media(brand: bytes) -> str:
    if brand in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
        return "heic"
    if brand == b"qt  ":
        return "mov"
    if brand in (b"M4A ", b"M4B "):
        return "m4a"
    if brand in _ISO_BRANDS_VIDEO or brand.startswith(b"mp4"):
        return "mp4"
    return "mp4"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    # The sample may end inside a multi-byte character; allow that cut.
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False
