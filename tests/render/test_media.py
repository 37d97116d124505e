"""Videos: the place a phone filmed them is blanked, and nothing else changes."""

from __future__ import annotations

import struct
from pathlib import Path

from generator.filetypes import sniff
from generator.render.assets import Publisher
from generator.render.media import blank_locations

PLACE = b"+25.0330+121.5654/"
APPLE_KEY = b"com.apple.quicktime.location.ISO6709"


def box(kind: bytes, *children: bytes) -> bytes:
    payload = b"".join(children)
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def video(*metadata: bytes) -> bytes:
    """A tiny MP4: file type, a movie box holding `metadata`, then media data."""
    file_type = box(b"ftyp", b"mp42", b"\0\0\0\0", b"mp42isom")
    movie = box(b"moov", box(b"mvhd", bytes(100)), *metadata)
    return file_type + movie + box(b"mdat", b"frames" * 20)


def quicktime_place() -> bytes:
    """The ©xyz box in the user data, as iPhones and Android phones write it."""
    text = struct.pack(">HH", len(PLACE), 0x15C7) + PLACE
    return box(b"udta", box(b"\xa9xyz", text))


def apple_keyed_place() -> bytes:
    """Apple's keyed metadata: a 'keys' list and an 'ilst' value for key 2."""
    keys = [b"com.apple.quicktime.make", APPLE_KEY]
    entries = b"".join(box(b"mdta", key) for key in keys)  # size, namespace, name
    handler = box(b"hdlr", bytes(8), b"mdta", bytes(13))
    key_list = box(b"keys", bytes(4), struct.pack(">I", len(keys)), entries)
    values = box(
        b"ilst",
        box(struct.pack(">I", 1), box(b"data", bytes(8), b"Apple")),
        box(struct.pack(">I", 2), box(b"data", bytes(8), PLACE)),
    )
    return box(b"meta", handler, key_list, values)


def test_a_quicktime_place_is_blanked_in_place() -> None:
    data = bytearray(video(quicktime_place()))
    length = len(data)

    assert blank_locations(data) == 1
    assert PLACE not in data
    assert len(data) == length


def test_an_apple_keyed_place_is_blanked_and_other_keys_kept() -> None:
    data = bytearray(video(apple_keyed_place()))

    assert blank_locations(data) == 1
    assert PLACE not in data
    assert b"Apple" in data


def test_a_video_without_a_place_is_left_as_it_was() -> None:
    original = video(box(b"udta", box(b"name", b"clip")))
    data = bytearray(original)

    assert blank_locations(data) == 0
    assert bytes(data) == original


def test_a_damaged_box_stops_the_walk_without_an_error() -> None:
    data = bytearray(video(quicktime_place())[:-30] + b"\xff\xff\xff\xffjunk")

    blank_locations(data)


def test_a_published_video_carries_no_place(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    (root / "clip.mp4").write_bytes(video(quicktime_place(), apple_keyed_place()))
    publisher = Publisher(tmp_path / "site", root)

    published = publisher.publish(root / "clip.mp4", "x")

    assert published is not None and published.kind == "video"
    data = (tmp_path / "site" / published.url).read_bytes()
    assert PLACE not in data
    assert sniff(data[:64]) == "mp4"
