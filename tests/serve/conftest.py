"""A running preview of a small student, and a listener for its events."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.serve import Session, open_session

AS_OF = dt.date(2025, 6, 1)
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
OUTCOME = """---
title: 單擺實驗
course: 物理
credits: 2
year: 113
semester: 1
summary: 量測單擺週期。
document: report.pdf
---
## 過程

第一版的內容。
"""


def write_root(root: Path) -> Path:
    """A valid student with one outcome, one performance and one application."""
    files = {
        "profile.md": "---\nname: 王小明\nenrolled: 113\n---\n我喜歡物理。\n",
        "outcomes/pendulum/index.md": OUTCOME,
        "performances/contest.md": (
            "---\ntitle: 程式競賽\ncategory: competition\nstart: 2024-10-05\n"
            "summary: 佳作。\ndocument: award.pdf\n---\n比賽心得。\n"
        ),
        "applications/ntu.md": (
            "---\nuniversity: 國立臺灣大學\ndepartment: 物理學系\nitems: [A, B]\n---\n"
        ),
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "outcomes/pendulum/report.pdf").write_bytes(PDF)
    (root / "performances/award.pdf").write_bytes(PDF)
    return root


class Events:
    """Reads the server-sent events of a preview in a background thread."""

    def __init__(self, url: str) -> None:
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=30)
        self.connection.request("GET", "/__portfolio__/events")
        self.response = self.connection.getresponse()
        self.queue: queue.Queue[dict] = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        self.first = self.next()

    def _read(self) -> None:
        data = ""
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("data: "):
                    data = line.removeprefix("data: ")
                elif not line and data:
                    self.queue.put(json.loads(data))
                    data = ""
        except (OSError, ValueError):
            return

    def next(self, timeout: float = 10) -> dict:
        return self.queue.get(timeout=timeout)

    def until(self, predicate: Callable[[dict], bool], timeout: float = 10) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            state = self.next(max(0.01, deadline - time.monotonic()))
            if predicate(state):
                return state

    def close(self) -> None:
        self.connection.close()


@pytest.fixture
def student(tmp_path: Path) -> Path:
    return write_root(tmp_path / "content")


@pytest.fixture
def session(student: Path, tmp_path: Path) -> Iterator[Session]:
    running = open_session(student, tmp_path / "out", port=0, as_of=AS_OF)
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def events(session: Session) -> Iterator[Events]:
    listener = Events(session.url)
    try:
        yield listener
    finally:
        listener.close()


def fetch(session: Session, path: str) -> tuple[int, str]:
    host, port = session.url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def save(path: Path, text: str) -> None:
    """Save like an editor that writes a temporary file and renames it."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
