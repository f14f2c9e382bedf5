"""Where the content of documents lives: Django's storage API (``STORAGES["default"]``), the
filesystem under var/ by default or an S3-compatible object store through django-storages
(settings: the ``ZAAKWERK_DOCUMENTEN_*`` / ``ZAAKWERK_S3_*`` variables, docs/documenten.md).

Content is addressed per version: ``documenten/<document uuid>/v<versie>-<random>``; a version
that does not change the content shares its predecessor's name (no copy). The parts of an upload
in bestandsdelen are ``documenten/<document uuid>/delen/<part uuid>-<random>`` until the unlock
merges them. Everything is read and written in chunks: a file is never held in memory.

Files are written before the database transaction commits (the response must be able to name
them); the domain deletes what it wrote when its transaction fails, and deletes the files of a
removed document only after the deletion committed (``delete_on_commit``).
"""

from __future__ import annotations

import io
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

logger = logging.getLogger("zaakwerk.documenten")

CHUNK = 1024 * 1024


@dataclass
class Inhoud:
    """Content given by a client, ready to be stored: a readable binary file and its size."""

    file: IO[bytes]
    size: int

    @classmethod
    def from_bytes(cls, data: bytes) -> Inhoud:
        return cls(io.BytesIO(data), len(data))

    def close(self) -> None:
        try:
            self.file.close()
        except Exception:  # pragma: no cover - best effort
            pass


@dataclass
class Stored:
    """Content already written to storage (before the transaction that records it)."""

    name: str
    size: int


def content_name(document_uuid) -> str:
    """A new name for content of a version of this document (each version that brings content
    gets its own file)."""
    return f"documenten/{document_uuid}/{secrets.token_hex(12)}"


def part_name(document_uuid, part_uuid) -> str:
    return f"documenten/{document_uuid}/delen/{part_uuid}-{secrets.token_hex(8)}"


def save(name: str, fileobj: IO[bytes]) -> str:
    """Store a readable binary file under ``name`` (streamed in chunks); returns the name used."""
    if hasattr(fileobj, "seek"):
        try:
            fileobj.seek(0)
        except (OSError, ValueError):
            pass
    return default_storage.save(name, File(fileobj, name=name.rsplit("/", 1)[-1]))


def open_file(name: str):
    return default_storage.open(name, "rb")


def size(name: str) -> int:
    return default_storage.size(name)


def delete(names: Iterable[str]) -> None:
    """Remove stored files now (missing ones are fine: deleting twice is harmless)."""
    for name in set(n for n in names if n):
        try:
            default_storage.delete(name)
        except Exception:  # a storage hiccup must not turn a committed change into an error
            logger.exception("Kon bestand %s niet verwijderen", name)


def delete_on_commit(names: Iterable[str]) -> None:
    """Remove stored files once the current transaction commits (never for a rolled-back one)."""
    names = [n for n in set(names) if n]
    if names:
        transaction.on_commit(lambda: delete(names))


class Concatenation(io.RawIOBase):
    """A readable stream of several stored files one after the other (merging bestandsdelen),
    opened one at a time."""

    def __init__(self, names: list[str]):
        super().__init__()
        self._names = list(names)
        self._current = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._current is None:
                if not self._names:
                    return 0
                self._current = open_file(self._names.pop(0))
            data = self._current.read(len(buffer))
            if data:
                buffer[:len(data)] = data
                return len(data)
            self._current.close()
            self._current = None

    def close(self) -> None:
        if self._current is not None:
            self._current.close()
            self._current = None
        super().close()


def save_concatenation(name: str, names: list[str]) -> str:
    """Store the concatenation of the files ``names`` under ``name`` (streamed)."""
    stream = io.BufferedReader(Concatenation(names), buffer_size=CHUNK)
    try:
        return default_storage.save(name, File(stream, name=name.rsplit("/", 1)[-1]))
    finally:
        stream.close()
