"""Read snapshots: queries keep answering, consistently, while one process writes.

The problem
-----------
RocksDB (under pyoxigraph) lets one process open a database read-write; a
read-only open (``pyoxigraph.Store.read_only``) of a database that another
process is writing is documented as undefined behaviour (the writer compacts
and deletes files the reader still needs). Yet ``chipkg query``, ``stats`` and
the endpoint must keep answering during a long ingest, and must never see half
an article.

The design
----------
A store directory holds::

    store/
      db/                 the primary database; only the lock holder opens it
      writer.lock         flock'd by the one writer; names it (chipkg.graph.locking)
      PENDING             exists while db/ has writes no snapshot holds yet
      snapshots/
        CURRENT           JSON pointer to the newest snapshot (replaced atomically)
        000041/ 000042/   RocksDB checkpoints of db/ (hard links: cheap), newest two kept
        000041.lock ...   readers hold a shared flock on these while they read

* The **writer** (any read-write open) takes ``writer.lock``, opens ``db/`` and
  publishes a snapshot with ``Store.backup`` (a RocksDB checkpoint): at open when
  the last snapshot is behind or missing, then before a write once
  :data:`EVERY_WRITES` writes or :data:`EVERY_SECONDS` seconds have gone by since
  the last one, and at ``flush``/``close``. A write is one transaction (a changed
  article) or one atomic bulk load of whole new articles (each counted as one
  write), and publishing happens between writes, so every snapshot holds whole
  articles only. A snapshot is built in ``snapshots/.tmp-N`` and renamed
  into place, then ``CURRENT`` is rewritten through a temporary file and
  ``os.replace``: a reader sees the old snapshot or the new one, never a torn one.
  Before the first write after a publish the writer creates ``PENDING``; a
  publish that covers every write removes it.
* A **reader** (a read-only open) never opens ``db/``. It reads the newest
  snapshot, holding a shared lock on its ``.lock`` file; the writer prunes all
  but the newest two snapshots and skips any that a reader still holds. When no
  writer holds the lock but ``PENDING`` is there (the last writer was killed
  between publishes), the reader takes the lock in the ``refresh`` role, opens
  ``db/``, publishes a fresh snapshot and lets go (a writer arriving meanwhile
  waits for it), so with no writer running a reader sees every committed article.
  While a writer runs, the reader's view is that of the newest snapshot, at most
  :data:`EVERY_SECONDS` behind, and :meth:`ReadView.notice` says so.
* **Crashes.** ``kill -9`` of the writer leaves ``db/`` with whole transactions
  only (RocksDB's write-ahead log), the kernel drops the flock, ``PENDING`` and
  perhaps a ``.tmp-N`` directory remain: the next writer (or reader refresh)
  removes the temporary directory and publishes a snapshot of what ``db/`` holds.

Costs (pyoxigraph 0.5.13, 2 shared cores): a checkpoint takes 0.1–0.3 s on a
store of 0.5 M quads (mostly flushing the memtable), a few ms on a small one.
Publishing every second cost an ingest of 2,500 small articles 15 % (2.4 s of
15.6 s); so the writer publishes every :data:`EVERY_SECONDS` seconds or
:data:`EVERY_WRITES` articles but never sooner than the last publish's cost
divided by :data:`MAX_OVERHEAD`, which caps the cost at 2.5 % of the ingest
(measured: throughput unchanged within the run-to-run noise of ±10 %); readers
lag a running writer by about five seconds on small stores, up to ~20 s on
big ones (a 2,500-article ingest: 3 publishes, 0.46 s of 18 s).
Snapshots share unchanged files with ``db/``
through hard links; after compactions the two kept snapshots can pin old files,
up to about twice the size of ``db/`` until the next publish.

A directory that *is* a RocksDB database (the layout before snapshots) is moved
into ``db/`` by the first writer that opens it; readers open such a directory
read-only directly.

Example
-------
>>> layout = StoreLayout("/data/store")
>>> layout.db, layout.snapshots
(PosixPath('/data/store/db'), PosixPath('/data/store/snapshots'))
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from chipkg.graph.locking import LockHolder, SharedLease, WriterLock, try_exclusive
from chipkg.ontology.errors import StoreError, StoreInUseError

#: Publish a snapshot after this many writes (articles) ...
EVERY_WRITES = int(os.environ.get("CHIPKG_SNAPSHOT_WRITES", "2000"))
#: ... or when this many seconds have passed since the last one, whichever comes first.
EVERY_SECONDS = float(os.environ.get("CHIPKG_SNAPSHOT_SECONDS", "5"))
#: Largest share of a writer's time spent publishing: after a publish that took
#: ``t`` seconds the next waits at least ``t / MAX_OVERHEAD`` (0.3 s -> 12 s).
MAX_OVERHEAD = float(os.environ.get("CHIPKG_SNAPSHOT_OVERHEAD", "0.025"))
#: Snapshots kept (older ones are removed when no reader holds them).
KEEP = 2
#: How long a reader waits for a starting writer's first snapshot.
FIRST_SNAPSHOT_WAIT = 5.0

Backup = Callable[[Path], None]


class StoreLayout:
    """The paths inside one store directory (see the module docstring)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.db = self.root / "db"
        self.snapshots = self.root / "snapshots"
        self.lock_file = self.root / "writer.lock"
        self.pending = self.root / "PENDING"
        self.pointer = self.snapshots / "CURRENT"
        self._migrating = self.root / ".db-migrating"

    def is_legacy(self) -> bool:
        """Return True when the directory is itself a database (the layout before snapshots)."""
        if self.db.is_dir():
            return False
        return (self.root / "CURRENT").is_file() or self._migrating.is_dir()

    def exists(self) -> bool:
        """Return True when the directory holds a store in either layout."""
        return self.db.is_dir() or self.is_legacy()

    def migrate(self) -> None:
        """Move a legacy database into ``db/`` (the caller holds the writer lock).

        Entries move one by one into ``.db-migrating/``, which is then renamed to
        ``db/``; a migration cut short is resumed by the next call.
        """
        if not self.is_legacy():
            return
        ours = {self.lock_file.name, self._migrating.name, self.pending.name, "snapshots", "db"}
        self._migrating.mkdir(exist_ok=True)
        for entry in list(self.root.iterdir()):
            if entry.name not in ours:
                os.rename(entry, self._migrating / entry.name)
        os.rename(self._migrating, self.db)


@dataclass(frozen=True)
class Snapshot:
    """One published snapshot: its directory, when and by which process it was made."""

    name: str
    path: Path
    published: float
    pid: int | None = None

    @property
    def lock_file(self) -> Path:
        """Return the file readers lock while they read this snapshot."""
        return self.path.with_name(self.name + ".lock")

    def describe(self) -> str:
        """Return e.g. ``snapshot 000042 of 21:06:03``."""
        stamp = time.strftime("%H:%M:%S", time.localtime(self.published))
        return f"snapshot {self.name} of {stamp}"


def _listed(layout: StoreLayout) -> list[Path]:
    try:
        entries = list(layout.snapshots.iterdir())
    except FileNotFoundError:
        return []
    return sorted((e for e in entries if e.name.isdigit() and e.is_dir()), key=lambda e: e.name)


def newest_snapshot(layout: StoreLayout) -> Snapshot | None:
    """Return the snapshot ``CURRENT`` points to (else the highest-numbered one), or None."""
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        data = json.loads(layout.pointer.read_text(encoding="utf-8"))
        path = layout.snapshots / str(data["name"])
        if path.is_dir():
            return Snapshot(str(data["name"]), path, float(data["published"]), data.get("pid"))
    listed = _listed(layout)
    if not listed:
        return None
    path = listed[-1]
    return Snapshot(path.name, path, path.stat().st_mtime)


def view_token(location: str | Path) -> str:
    """Return a value that changes whenever a new snapshot of the store is published.

    Long-lived readers (endpoint workers) compare it between requests and reopen
    the store when it changes; reading it costs one small file read.
    """
    layout = StoreLayout(location)
    try:
        return layout.pointer.read_text(encoding="utf-8")
    except OSError:
        return ""


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _publish(layout: StoreLayout, backup: Backup) -> Snapshot:
    """Return a new snapshot of the primary, made with ``backup`` and published atomically.

    The caller holds the writer lock (as ``writer`` or ``refresh``).
    """
    layout.snapshots.mkdir(parents=True, exist_ok=True)
    listed = _listed(layout)
    number = int(listed[-1].name) + 1 if listed else 1
    name = f"{number:06d}"
    tmp = layout.snapshots / f".tmp-{name}"
    if tmp.exists():
        shutil.rmtree(tmp)
    try:
        backup(tmp)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreError(f"cannot write a read snapshot of {layout.root}: {exc}") from exc
    target = layout.snapshots / name
    (layout.snapshots / f"{name}.lock").touch()
    os.rename(tmp, target)
    snapshot = Snapshot(name, target, time.time(), os.getpid())
    pointer_tmp = layout.snapshots / ".CURRENT.tmp"
    pointer_tmp.write_text(
        json.dumps({"name": name, "published": snapshot.published, "pid": snapshot.pid}) + "\n",
        encoding="utf-8",
    )
    os.replace(pointer_tmp, layout.pointer)
    _fsync_dir(layout.snapshots)
    _prune(layout)
    return snapshot


def _prune(layout: StoreLayout) -> None:
    """Remove leftovers of cut-short publishes and snapshots older than the newest KEEP."""
    for entry in list(layout.snapshots.glob(".tmp-*")):
        shutil.rmtree(entry, ignore_errors=True)
    listed = _listed(layout)
    for old in listed[: max(len(listed) - KEEP, 0)]:
        lock = old.with_name(old.name + ".lock")
        fd = try_exclusive(lock) if lock.exists() else None
        if lock.exists() and fd is None:
            continue  # a reader is using it; a later publish removes it
        try:
            shutil.rmtree(old, ignore_errors=True)
            lock.unlink(missing_ok=True)
        finally:
            if fd is not None:
                os.close(fd)


class SnapshotPublisher:
    """The writer's side: publishes snapshots of the primary at article boundaries."""

    def __init__(
        self,
        layout: StoreLayout,
        backup: Backup,
        *,
        every_writes: int | None = None,
        every_seconds: float | None = None,
    ) -> None:
        self.layout = layout
        self.backup = backup
        self.every_writes = EVERY_WRITES if every_writes is None else every_writes
        self.every_seconds = EVERY_SECONDS if every_seconds is None else every_seconds
        self._unpublished = 0
        self._last = time.monotonic()
        self._min_gap = 0.0
        #: How many snapshots this publisher made (for tests and reports).
        self.published = 0
        #: Seconds spent publishing, in total.
        self.seconds = 0.0

    def recover(self) -> Snapshot | None:
        """Return a snapshot published now when the last one is behind ``db/`` or missing."""
        if self.layout.pending.exists() or newest_snapshot(self.layout) is None:
            return self.publish()
        if self.layout.snapshots.is_dir():
            _prune(self.layout)
        return None

    def before_write(self, writes: int = 1) -> None:
        """Record that ``writes`` writes (articles) follow; publish first when a snapshot is due."""
        if self._unpublished:
            elapsed = time.monotonic() - self._last
            if elapsed >= self._min_gap and (
                self._unpublished >= self.every_writes or elapsed >= self.every_seconds
            ):
                self.publish()
        if self._unpublished == 0 and not self.layout.pending.exists():
            self.layout.pending.touch()
        self._unpublished += writes

    def publish(self) -> Snapshot:
        """Return a snapshot of everything written so far, published atomically."""
        started = time.monotonic()
        snapshot = _publish(self.layout, self.backup)
        self._unpublished = 0
        self._last = time.monotonic()
        cost = self._last - started
        self.seconds += cost
        self._min_gap = cost / MAX_OVERHEAD if MAX_OVERHEAD > 0 else 0.0
        self.published += 1
        self.layout.pending.unlink(missing_ok=True)
        return snapshot

    def finish(self) -> None:
        """Publish the writes not yet in a snapshot, if any."""
        if self._unpublished:
            self.publish()


@dataclass
class ReadView:
    """What a reader opened: a snapshot directory (or the primary as a fallback)."""

    path: Path
    snapshot: Snapshot | None = None
    writer: LockHolder | None = None
    lease: SharedLease | None = field(default=None, repr=False)

    def notice(self) -> str | None:
        """Return a one-line note when the view may lag behind the store, else None."""
        if self.writer is None or self.snapshot is None:
            return None
        return (
            f"another process ({self.writer.describe()}) is writing to the store; "
            f"reading its {self.snapshot.describe()}, which holds whole articles only"
        )

    def release(self) -> None:
        """Let the snapshot be pruned again."""
        if self.lease is not None:
            self.lease.release()
            self.lease = None


def open_read_view(layout: StoreLayout, backup_primary: Backup) -> ReadView:
    """Return the view a reader should open, holding a lease on its snapshot.

    ``backup_primary(target)`` opens ``db/`` read-write and backs it up to
    ``target``; it is called only when no writer holds the lock and the newest
    snapshot is behind (or missing).
    """
    if not layout.db.is_dir():
        raise StoreError(f"no chipkg store at {layout.root} (run `chipkg ingest` to create one)")
    lock = WriterLock(layout.lock_file, layout.root)
    writer: LockHolder | None = None
    try:
        free = lock.try_acquire("refresh")
    except StoreError:  # cannot create the lock file: a read-only directory
        free = None
    if free:
        try:
            if layout.pending.exists() or newest_snapshot(layout) is None:
                _publish(layout, backup_primary)
                layout.pending.unlink(missing_ok=True)
        finally:
            lock.release()
    elif free is False:
        writer = lock.holder() or LockHolder(pid=None)
    deadline = time.monotonic() + FIRST_SNAPSHOT_WAIT
    while True:
        snapshot = newest_snapshot(layout)
        if snapshot is None:
            if writer is not None and time.monotonic() < deadline:
                time.sleep(0.05)  # a new writer publishes its first snapshot as it opens
                continue
            break
        lease = SharedLease(snapshot.lock_file)
        if lease.acquire():
            if snapshot.path.is_dir():
                return ReadView(snapshot.path, snapshot, writer, lease)
            lease.release()
        if time.monotonic() > deadline:
            break
        time.sleep(0.01)  # pruned under our feet: look again
    if free is None:
        return ReadView(layout.db)  # nobody can write here either
    who = writer.describe() if writer is not None else "pid unknown"
    raise StoreInUseError(
        f"store {layout.root} is in use by another process ({who}) and has no read "
        "snapshot yet; try again in a moment"
    )
