"""The store's writer lock: one writing process at a time, named when it is busy.

A store directory holds a lock file (``writer.lock``). A process that wants to
write takes an exclusive ``fcntl.flock`` on it without waiting and then writes a
one-line JSON record of itself into the file: pid, role, start time and command
line. Another process that finds the lock taken reads that record and can say
*who* holds the store ("in use by another process (pid 4242) …"), instead of the
bare "lock hold by current process" that RocksDB gives.

Why ``flock``: the kernel drops the lock when its holder dies, ``kill -9``
included, so a lock is never stale. The record may be: a holder that exits
cleanly empties the file before unlocking, so a record found by the *next*
holder names a process that died while writing (see :attr:`WriterLock.previous`).
``flock`` locks belong to the open file, so two opens in one process exclude
each other too, as RocksDB's own lock does.

Roles: ``writer`` (an ingest, import or any read-write open) and ``refresh`` (a
reader that briefly opens the primary database to publish a read snapshot after
a crash, see :mod:`chipkg.graph.snapshots`). A writer that meets a ``refresh``
holder waits for it (it takes well under a second) instead of failing.

Example
-------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "writer.lock"
>>> first = WriterLock(path, "/data/store")
>>> first.acquire()
>>> second = WriterLock(path, "/data/store")
>>> second.try_acquire()
False
>>> second.holder().pid == os.getpid()
True
>>> first.release()
>>> second.try_acquire()
True
>>> second.release()
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

from chipkg.ontology.errors import StoreError, StoreInUseError

#: The lock files this process holds open, and their owners: a forked child drops them.
_HELD_FDS: set[int] = set()
_OWNERS: weakref.WeakSet[WriterLock | SharedLease] = weakref.WeakSet()


def _hold(owner: WriterLock | SharedLease, fd: int) -> None:
    _HELD_FDS.add(fd)
    _OWNERS.add(owner)


def _forget_in_child() -> None:
    """Close a forked child's copies of its parent's lock files.

    ``flock`` belongs to the open file, which a forked child shares: ingest's worker
    processes would otherwise keep the store locked after their writer dies (and
    a reader's lease after it ends). Closing the copy drops the child's reference
    only; unlocking it would unlock the parent too, so the child's lock objects
    forget their file instead of releasing it.
    """
    for owner in list(_OWNERS):
        owner._fd = None
    for fd in _HELD_FDS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_FDS.clear()
    _OWNERS.clear()


os.register_at_fork(after_in_child=_forget_in_child)

#: How long a writer waits for a reader's snapshot refresh to finish.
REFRESH_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class LockHolder:
    """The process recorded in a lock file: who holds (or last held) the store."""

    pid: int | None
    role: str = "writer"
    since: float | None = None
    command: str = ""

    def describe(self) -> str:
        """Return a phrase naming the holder: ``pid 42, chipkg ingest …, since 21:06:03``."""
        parts = [f"pid {self.pid}" if self.pid is not None else "pid unknown"]
        if self.command:
            parts.append(self.command)
        if self.since is not None:
            parts.append("since " + time.strftime("%H:%M:%S", time.localtime(self.since)))
        return ", ".join(parts)

    @classmethod
    def parse(cls, text: str) -> LockHolder | None:
        """Return the holder recorded in a lock file's text, or None when it is empty or torn."""
        text = text.strip()
        if not text:
            return None
        try:
            data = json.loads(text)
            pid = data.get("pid")
            since = data.get("since")
            return cls(
                pid=int(pid) if pid is not None else None,
                role=str(data.get("role", "writer")),
                since=float(since) if since is not None else None,
                command=str(data.get("command", "")),
            )
        except (ValueError, TypeError, AttributeError):
            return None


def _command_line() -> str:
    argv = [Path(sys.argv[0]).name if sys.argv else "python", *sys.argv[1:]]
    text = " ".join(argv).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= 80 else text[:79] + "…"


class WriterLock:
    """An exclusive, crash-proof lock on one store, recording its holder."""

    def __init__(self, path: str | Path, store: str | Path) -> None:
        self.path = Path(path)
        self.store = str(store)
        self._fd: int | None = None
        #: The record left by a holder that died without releasing (set by acquire).
        self.previous: LockHolder | None = None

    @property
    def held(self) -> bool:
        """Return True while this object holds the lock."""
        return self._fd is not None

    def try_acquire(self, role: str = "writer") -> bool:
        """Return True after taking the lock, False when another holder has it.

        Raises :class:`StoreError` when the lock file cannot be created (e.g. the
        store directory is not writable).
        """
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the lock file {self.path}: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"cannot lock {self.path}: {exc.strerror}") from exc
        self.previous = LockHolder.parse(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
        record = {
            "pid": os.getpid(),
            "role": role,
            "since": time.time(),
            "command": _command_line(),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(record) + "\n").encode(), 0)
        self._fd = fd
        _hold(self, fd)
        return True

    def acquire(
        self, role: str = "writer", *, wait_for_refresh: float = REFRESH_WAIT_SECONDS
    ) -> None:
        """Take the lock or raise :class:`StoreInUseError` naming the process that has it.

        A holder in the ``refresh`` role (a reader publishing a snapshot) is
        waited for, up to ``wait_for_refresh`` seconds.
        """
        deadline = time.monotonic() + wait_for_refresh
        while not self.try_acquire(role):
            holder = self.holder()
            if holder is not None and holder.role == "refresh" and time.monotonic() < deadline:
                time.sleep(_POLL_SECONDS)
                continue
            who = holder.describe() if holder is not None else "pid unknown"
            raise StoreInUseError(
                f"store {self.store} is in use by another process ({who}); "
                "only one process can write to a store at a time: wait for it to finish "
                "(queries still work meanwhile)"
            )

    def holder(self) -> LockHolder | None:
        """Return the process recorded in the lock file (None when the file is empty)."""
        for _ in range(20):  # the holder may be writing its record right now
            try:
                text = self.path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
            found = LockHolder.parse(text)
            if found is not None or not self.is_locked():
                return found
            time.sleep(_POLL_SECONDS / 5)
        return None

    def is_locked(self) -> bool:
        """Return True when some process (this one included) holds the lock."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing drops the probe's lock
        return False

    def release(self) -> None:
        """Empty the record (a clean exit) and drop the lock."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _HELD_FDS.discard(fd)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


class SharedLease:
    """A shared ``flock`` on a file, held while a reader uses what the file guards.

    Removers take the exclusive lock without waiting and leave the thing alone
    when they cannot get it.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Return True after taking the shared lock, False when the file is gone or taken."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        _hold(self, fd)
        return True

    def release(self) -> None:
        """Drop the shared lock."""
        fd, self._fd = self._fd, None
        if fd is not None:
            _HELD_FDS.discard(fd)
            os.close(fd)


def try_exclusive(path: str | Path) -> int | None:
    """Return an fd holding an exclusive lock on ``path``, or None when a reader holds it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd
