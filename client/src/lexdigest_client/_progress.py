"""The progress line of ``lexdigest batch``: done, rate, ETA and failures, on a terminal."""

from __future__ import annotations

import shutil
import time
from typing import TextIO


class Progress:
    """A one-line progress bar with rate and ETA on a terminal's stderr."""

    def __init__(self, total: int, enabled: bool, stream: TextIO) -> None:
        self.total, self.enabled, self.stream = total, enabled, stream
        self.start, self.done, self.failed = time.monotonic(), 0, 0
        self._last = 0.0

    def tick(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.1 and self.done < self.total):
            return
        self._last = now
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        frac = self.done / self.total if self.total else 1.0
        width = max(min(shutil.get_terminal_size().columns - 50, 30), 10)
        bar = "#" * int(frac * width)
        eta = (self.total - self.done) / rate if rate else 0.0
        fail = f" {self.failed} failed" if self.failed else ""
        self.stream.write(f"\r[{bar:<{width}}] {self.done}/{self.total} {rate:.1f}/s "
                          f"ETA {duration(eta)}{fail}  ")
        self.stream.flush()

    def abort(self) -> None:
        """End the bar's line so that an error message starts on a line of its own."""
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
        elapsed = time.monotonic() - self.start
        self.stream.write(f"lexdigest batch: {self.done} clusters, {self.done - self.failed} "
                          f"ok, {self.failed} failed in {duration(elapsed)}\n")
        self.stream.flush()


def duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f}s"
    m, s = divmod(int(seconds), 60)
    return f"{m}m{s:02d}s" if m < 60 else f"{m // 60}h{m % 60:02d}m"
