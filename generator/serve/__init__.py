"""Live preview: watch the content and theme, rebuild what changed, reload the page.

`run` ties the pieces together for the command line; the pieces (watcher,
preview builder, server) are usable on their own, which is how tests drive them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.serve.preview import Preview, State
from generator.serve.server import Hub, PreviewServer, start, stop, url_of
from generator.serve.watch import Watcher

log = logging.getLogger(__name__)


@dataclass
class Session:
    """A running preview: its builder, server, hub and watcher."""

    preview: Preview
    server: PreviewServer
    hub: Hub
    watcher: Watcher

    @property
    def url(self) -> str:
        return url_of(self.server)

    def close(self) -> None:
        self.watcher.stop()
        stop(self.server, self.hub)


class _Printer:
    """Prints dossiers one at a time, on request or after each good build."""

    def __init__(
        self, root: Path, out: Path, as_of: dt.date | None, language: str | None
    ):
        self.root, self.out, self.as_of, self.language = root, out, as_of, language
        self.lock = threading.Lock()

    def one(self, application: str) -> Path | None:
        return self._print([application]).get(application)

    def all(self) -> None:
        self._print([])

    def _print(self, applications: list[str]) -> dict[str, Path]:
        from generator.build import print_only

        with self.lock:
            try:
                _, printed = print_only(
                    self.root, self.out, applications, self.as_of, self.language
                )
            except Exception:  # Printing must never take the preview down.
                log.exception("printing failed")
                return {}
        return {p.application: p.path for p in printed}


def open_session(
    root: Path,
    out: Path,
    port: int = 8000,
    host: str = "127.0.0.1",
    poll: bool = False,
    pdf: bool = False,
    as_of: dt.date | None = None,
    language: str | None = None,
    on_state: Callable[[State], None] | None = None,
) -> Session:
    """Build once, then serve and watch until `Session.close()`."""
    preview = Preview(root, out, as_of, language)
    printer = _Printer(root, out, as_of, language)
    server, hub = start(preview, host, port, printer.one)
    first = preview.full_build()
    if on_state:
        on_state(first)

    def changed(paths: set[Path]) -> None:
        state = preview.rebuild(paths)
        hub.publish(state)
        if on_state:
            on_state(state)
        if pdf and state.ok and not state.css_only:
            threading.Thread(target=printer.all, daemon=True).start()

    folders = [root, *preview.folders]
    watcher = Watcher(folders, changed, ignore=[out], poll=poll)
    watcher.start()
    if pdf and first.ok:
        threading.Thread(target=printer.all, daemon=True).start()
    return Session(preview, server, hub, watcher)
