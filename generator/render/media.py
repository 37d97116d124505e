"""Blank the location a phone writes into an MP4 or QuickTime file.

A video keeps where it was filmed in the "©xyz" box (QuickTime), the "loci"
box (3GPP), or Apple's `com.apple.quicktime.location.ISO6709` metadata key.
Their bytes are overwritten with zeros in place: no box changes size, so no
chunk offset moves and the video plays as before.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

# Boxes that only hold other boxes, on the paths to the metadata.
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"udta", b"meta", b"ilst"}
_LOCATION_BOXES = {b"\xa9xyz", b"loci"}
_LOCATION_KEYS = {b"com.apple.quicktime.location.ISO6709"}


def blank_locations(data: bytearray) -> int:
    """Zero every location in `data` (a whole MP4 file); returns how many."""
    return _walk(data, 0, len(data), [])


def _boxes(data: bytearray, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, box end) of each box between `start` and `end`."""
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, offset)
        header = 8
        if size == 1 and offset + 16 <= end:
            size = struct.unpack_from(">Q", data, offset + 8)[0]
            header = 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            return  # damaged or not a box: leave the rest alone
        yield kind, offset + header, offset + size
        offset += size


def _walk(data: bytearray, start: int, end: int, keys: list[bytes]) -> int:
    blanked = 0
    for kind, payload, box_end in _boxes(data, start, end):
        if kind in _LOCATION_BOXES:
            data[payload:box_end] = bytes(box_end - payload)
            blanked += 1
        elif kind == b"keys":
            keys[:] = _key_names(data, payload, box_end)
        elif kind == b"ilst":
            blanked += _blank_keyed(data, payload, box_end, keys)
        elif kind in _CONTAINERS:
            blanked += _walk(data, _children(data, kind, payload), box_end, keys)
    return blanked


def _children(data: bytearray, kind: bytes, payload: int) -> int:
    """Where a container's boxes start: ISO 'meta' has 4 bytes of flags first."""
    if kind == b"meta" and data[payload + 4 : payload + 8] != b"hdlr":
        return payload + 4
    return payload


def _key_names(data: bytearray, payload: int, end: int) -> list[bytes]:
    """The names in a QuickTime 'keys' box, in order (ilst counts from 1)."""
    entries = _boxes(data, payload + 8, end)  # after version, flags and count
    return [bytes(data[start:stop]) for _, start, stop in entries]


def _blank_keyed(data: bytearray, payload: int, end: int, keys: list[bytes]) -> int:
    blanked = 0
    for kind, start, stop in _boxes(data, payload, end):
        index = int.from_bytes(kind, "big")
        keyed = 1 <= index <= len(keys) and keys[index - 1] in _LOCATION_KEYS
        if keyed or kind in _LOCATION_BOXES:
            data[start:stop] = bytes(stop - start)
            blanked += 1
    return blanked
