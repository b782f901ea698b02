"""Run real child processes in tests and wait for what they print, with a deadline."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class Child:
    """A child process whose standard output lines are read by a thread into a queue."""

    def __init__(self, args: Sequence[str], *, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            list(args),
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    @classmethod
    def python(cls, module: str, *args: str, env: dict[str, str] | None = None) -> Child:
        """Return a child running ``python -m module args``."""
        return cls([sys.executable, "-m", module, *args], env=env)

    @property
    def pid(self) -> int:
        """Return the child's process id."""
        return self.proc.pid

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, predicate: str, timeout: float = 30.0) -> str:
        """Return the first output line starting with ``predicate``; fail at the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"no line {predicate!r} within {timeout}s; saw {self.seen[-5:]}"
                )
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                err = self.proc.stderr.read() if self.proc.stderr else ""
                raise AssertionError(f"child exited before {predicate!r}: {err[-2000:]}")
            self.seen.append(line)
            if line.startswith(predicate):
                return line

    def drain(self, timeout: float = 30.0) -> list[str]:
        """Return every output line, once the child has closed its standard output."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                self.lines.put(None)  # keep the end marker for later calls
                return self.seen
            self.seen.append(line)
        raise AssertionError(f"the child's output did not end within {timeout}s")

    def send(self, text: str) -> None:
        """Write a line to the child's standard input."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        """Send SIGKILL and reap the child."""
        self.proc.kill()
        self.proc.wait(timeout=30)

    def finish(self, timeout: float = 60.0) -> int:
        """Return the exit status once the child ends."""
        return self.proc.wait(timeout=timeout)

    def close(self) -> None:
        """Kill the child if it still runs (test clean-up)."""
        if self.proc.poll() is None:
            self.kill()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Return the finished run of the real ``chipkg`` CLI in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "chipkg.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )
