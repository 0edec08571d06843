"""A progress line on a terminal for long runs: rows done, rows per second, time left.

Silent when standard error is not a terminal (a pipe, a file, CI), so logs stay clean.
"""

from __future__ import annotations

import time
from typing import IO


class Progress:
    def __init__(self, stream: IO[str], total_rows: int | None = None, every: float = 0.2):
        self.stream, self.total, self.every = stream, total_rows, every
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.started = self.last = time.perf_counter()
        self.shown = False

    def update(self, rows: int, fraction: float) -> None:
        """``rows`` done so far; ``fraction`` of the input read (for the time left)."""
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.last < self.every and fraction < 1.0:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = rows / elapsed
        if self.total:
            fraction = rows / self.total
        left = elapsed * (1 - fraction) / fraction if fraction > 0 else 0.0
        done = f"{rows:,}" + (f"/{self.total:,}" if self.total else "")
        self.stream.write(f"\r{done} rows  {rate:,.0f} rows/s  {100 * fraction:5.1f}%  about {left:,.0f} s left   ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\n")
            self.stream.flush()
