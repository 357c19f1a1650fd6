"""The on-disk cache of model work: one SQLite file, shared safely by concurrent runs.

Entries are JSON text under a key (a SHA-256 hex digest that the caller computes from
everything that shapes the requests, see summarizer.engines.model.caching). The file lives in
the run's ``cache_dir`` (``$XDG_CACHE_HOME/summarizer`` or ``~/.cache/summarizer`` by default)
as ``results.sqlite``. Several processes may use it at once: the database is in WAL mode
(readers never block the writer), waits up to ``BUSY_TIMEOUT_S`` for a lock, and writes are
single ``INSERT OR REPLACE`` statements, so two runs finishing the same work leave one entry.
A cache that fails while reading or writing is skipped, never the end of a run: it only saves
requests.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from summarizer.config import CACHE_FILE
from summarizer.errors import ConfigurationError

BUSY_TIMEOUT_S = 30.0
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)"


class ResultCache:
    """A key -> JSON value store in ``directory/results.sqlite``; thread-safe (one connection, one lock)."""

    def __init__(self, directory: str | Path) -> None:
        self.path = Path(directory) / CACHE_FILE
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            self._connection.execute("PRAGMA journal_mode=WAL")
            with self._connection:
                self._connection.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise ConfigurationError(
                f"{self.path}: cannot open the cache ({error}); use --cache-dir DIR or --no-cache", path=str(self.path)
            ) from error

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or None (also when the cache cannot be read)."""
        try:
            with self._lock:
                row = self._connection.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            return None if row is None else json.loads(row[0])
        except (sqlite3.Error, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serializable) under ``key``, replacing what was there."""
        text = json.dumps(value, ensure_ascii=False)
        try:
            with self._lock, self._connection:
                self._connection.execute(
                    "INSERT OR REPLACE INTO entries (key, value, created) VALUES (?, ?, ?)", (key, text, time.time())
                )
        except sqlite3.Error:
            pass  # a full disk or a locked file costs only a future request

    def close(self) -> None:
        with self._lock:
            self._connection.close()
