"""Watch the content root and the theme, turning bursts of file events into one change.

Editors save in many ways: write a temporary file and rename it, keep swap and
backup files (`.swp`, `~`, `.#name`, vim's `4913` probe). Those are ignored,
and everything that happens within a short quiet period becomes one rebuild.
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger(__name__)

QUIET_SECONDS = 0.12
_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", "~")
_IGNORED_NAMES = {"4913", ".DS_Store", "Thumbs.db", ".portfolio-output"}


def is_noise(path: Path) -> bool:
    """Files that editors and systems write beside the real ones."""
    name = path.name
    return (
        name in _IGNORED_NAMES
        or name.startswith((".#", "#", ".~lock"))
        or name.endswith(_IGNORED_SUFFIXES)
        or (name.startswith(".") and name.endswith(".tmp"))
        or any(part in (".git", "__pycache__") for part in path.parts)
    )


class _Collector(FileSystemEventHandler):
    """Gathers changed paths and calls back once things have been quiet a moment."""

    def __init__(
        self,
        on_change: Callable[[set[Path]], None],
        ignore: Iterable[Path],
        quiet: float,
    ) -> None:
        self.on_change = on_change
        self.ignore = [p.resolve() for p in ignore]
        self.quiet = quiet
        self.pending: set[Path] = set()
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.closed = False

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            # A folder's own timestamp; the file events inside it say more.
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        changed = {Path(str(p)) for p in paths if p}
        changed = {p for p in changed if not is_noise(p) and not self._ignored(p)}
        if not changed:
            return
        with self.lock:
            if self.closed:
                return
            self.pending |= changed
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(self.quiet, self._flush)
            self.timer.daemon = True
            self.timer.start()

    def _ignored(self, path: Path) -> bool:
        try:
            real = path.resolve()
        except OSError:
            return False
        return any(real == p or real.is_relative_to(p) for p in self.ignore)

    def cancel(self) -> None:
        """Drop what is pending; nothing is reported after this."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = None
            self.pending = set()
            self.closed = True

    def _flush(self) -> None:
        with self.lock:
            changed, self.pending = self.pending, set()
            self.timer = None
            if self.closed:
                return
        if changed:
            self.on_change(changed)


class Watcher:
    """Watches folders; `on_change` receives the set of paths of each burst."""

    def __init__(
        self,
        folders: Iterable[Path],
        on_change: Callable[[set[Path]], None],
        ignore: Iterable[Path] = (),
        poll: bool = False,
        quiet: float = QUIET_SECONDS,
    ) -> None:
        self.observer = PollingObserver(timeout=0.5) if poll else Observer()
        self.collector = _Collector(on_change, ignore, quiet)
        for folder in dict.fromkeys(f.resolve() for f in folders if f.is_dir()):
            self.observer.schedule(self.collector, str(folder), recursive=True)

    def start(self) -> None:
        # watchdog's inotify backend warns when a folder created during a save
        # is registered twice; the second registration replaces the first.
        warnings.filterwarnings(
            "ignore", message="Callback with id", category=RuntimeWarning
        )
        self.observer.start()
        # Give the native observer a moment to register before edits count.
        time.sleep(0.05)

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)
        self.collector.cancel()
