"""Sealed files under ``UNSOCIAL_DB_KEY``: parsed batches wait on disk for the loader, under the DAG on storage
that several hosts share; with a key set, each batch file is sealed whole with AES-256-GCM under a key of its own,
derived from ``UNSOCIAL_DB_KEY`` and a random salt by HKDF-SHA256, and bound to its file name (so that a sealed
file renamed into another table's place does not open). Sealed files are opened in memory by the loader: no
plaintext copy is written. The database itself is DuckDB's encrypted format (``database.connect``).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UnsocialError

KEY_VARIABLE = "UNSOCIAL_DB_KEY"
SEALED = b"unsocial-sealed-1\n"  # format marker: salt (16 bytes), nonce (12), AES-GCM ciphertext and tag
SUFFIX = ".sealed"


def database_key() -> str | None:
    """The encryption key from the environment (never from the command line), or None."""
    return os.environ.get(KEY_VARIABLE) or None


def _file_key(key: str, salt: bytes):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"unsocial batch file").derive(key.encode())
    return AESGCM(derived)


def seal(data: bytes, key: str, name: str) -> bytes:
    """``data`` encrypted and authenticated under ``key``, bound to the file ``name``."""
    salt, nonce = os.urandom(16), os.urandom(12)
    return SEALED + salt + nonce + _file_key(key, salt).encrypt(nonce, data, name.encode())


def unseal(blob: bytes, key: str | None, path: Path) -> bytes:
    """The plaintext of a sealed file; a clear error when the key is missing or does not open it."""
    from cryptography.exceptions import InvalidTag

    if key is None:
        raise UnsocialError(path, "this parsed batch is encrypted", f"set {KEY_VARIABLE} to the key it was written with")
    head = len(SEALED)
    if not blob.startswith(SEALED) or len(blob) < head + 28:
        raise UnsocialError(path, "not a sealed batch (damaged?)", "run again: the export is parsed again")
    salt, nonce = blob[head:head + 16], blob[head + 16:head + 28]
    try:
        return _file_key(key, salt).decrypt(nonce, blob[head + 28:], path.name.encode())
    except InvalidTag:
        raise UnsocialError(path, f"{KEY_VARIABLE} does not open this parsed batch (another key, or damaged)",
                            "run again with the database's key: the export is parsed again") from None


def write_private(path: Path, data: bytes) -> None:
    """Write a new owner-only file (refusing to follow a link or reuse a file planted there)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def sync_path(path: Path) -> None:
    """fsync a file, or a folder (so that a rename in it is on disk)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
