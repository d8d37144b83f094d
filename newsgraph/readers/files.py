"""Files: paths, directories, standard input, gzip, size caps and decoding.

Everything here deals in bytes and file names; no article structure.  A file is
read whole only when it is one article (capped by ``max_bytes``); corpus files
are streamed by :mod:`newsgraph.readers.corpus`.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import sys
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from ..errors import InputError
from ..safetext import safe_path

__all__ = ["Found", "walk", "open_binary", "read_capped", "decode", "is_gzip_name",
           "base_name", "extension", "READABLE"]

#: Extensions read when walking a directory (after an optional ``.gz``).
READABLE = frozenset({".txt", ".text", ".htm", ".html", ".xhtml", ".jsonl", ".ndjson", ".csv"})

_GZIP_MAGIC = b"\x1f\x8b"
# Magic numbers of common binary formats that can never be an article.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF",
                 b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"SQLite format 3",
                 b"\x00\x00\x01\x00",
                 b"ID3", b"OggS", b"RIFF")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
#: Text in cp1252 (English, French, German, Spanish...) is mostly ASCII: where more of
#: the bytes than this are not, the file is no Western text (random bytes, Cyrillic or
#: Greek in a one-byte code page) and decoding it as cp1252 would store mojibake.
MAX_CP1252_HIGH = 0.30
_HIGH_BYTES = bytes(range(0x80, 0x100))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    """One path a walk turned up: a file to read, or a problem to report."""

    path: str
    error: InputError | None = None


def extension(path: str) -> str:
    """The format extension of ``path``, lower-case, looking through a ``.gz``."""
    name = os.path.basename(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def base_name(path: str) -> str:
    """``path`` without its format extension and ``.gz`` (for sidecar look-ups)."""
    p = path[:-3] if path.lower().endswith(".gz") else path
    return os.path.splitext(p)[0]


def is_gzip_name(path: str) -> bool:
    return path.lower().endswith(".gz")


def walk(root: str) -> Iterator[Found]:
    """Files under ``root`` that newsgraph reads, recursively and in sorted order.

    Hidden files and folders are skipped, and so are files of other types (images,
    sidecar ``NAME.json`` files, manifests).  A folder that cannot be listed, and a
    name that is no regular file (a FIFO, a socket, a device: reading one could wait
    forever), are reported, and the walk goes on.
    """
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            err = errors.pop()
            yield Found(err.filename or dirpath, InputError(
                f"cannot list folder: {err.strerror or err}", code="E101"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and extension(name) in READABLE:
                yield _regular(os.path.join(dirpath, name))
    for err in errors:
        yield Found(err.filename or root, InputError(f"cannot list folder: {err.strerror or err}",
                                                     code="E101"))


def _regular(path: str) -> Found:
    """``path`` found in a folder: to read if it is a regular file (or a link to one)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return Found(path)  # opening it reports why (a broken link: E101)
    if stat.S_ISREG(mode):
        return Found(path)
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return Found(path, InputError(f"{kind} in a folder: not read (give it by name to read it)",
                                  code="E101"))


def open_binary(path: str) -> BinaryIO:
    """Open ``path`` (``-``: standard input) for reading bytes, un-gzipping transparently."""
    if path == "-":
        if sys.stdin is None or getattr(sys.stdin, "buffer", None) is None:
            raise InputError("standard input is closed", code="E101")
        stream: BinaryIO = sys.stdin.buffer
        try:
            head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
        except OSError as exc:
            raise InputError(f"cannot read standard input: {exc.strerror or exc}",
                             code="E101") from None
        return gzip.GzipFile(fileobj=stream) if head == _GZIP_MAGIC else stream
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise InputError("no such file", code="E101") from None
    except IsADirectoryError:
        raise InputError("is a folder", code="E101") from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", code="E101") from None
    try:
        head = f.peek(2)[:2]
    except OSError as exc:
        f.close()
        raise InputError(f"cannot read: {exc.strerror or exc}", code="E101") from None
    if head == _GZIP_MAGIC:
        f.close()
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return f


def read_capped(stream: BinaryIO, *, max_bytes: int) -> bytes:
    """All bytes of ``stream`` (decompressed), or :class:`InputError` past ``max_bytes``."""
    try:
        data = stream.read(max_bytes + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"corrupt or truncated gzip data ({exc})", code="E104") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", code="E101") from None
    finally:
        if stream is not getattr(sys.stdin, "buffer", None):
            stream.close()
    if len(data) > max_bytes:
        raise InputError(
            f"larger than {max_bytes // 1_000_000} MB, too large for one article "
            "(split it, or give a JSON Lines / CSV corpus)", code="E105")
    return data


def decode(data: bytes, *, html: bool = False) -> tuple[str, tuple[str, ...]]:
    """Decode one document's bytes to text; returns ``(text, warnings)``.

    Byte-order marks (UTF-8, UTF-16, UTF-32) are honoured, UTF-16 without a mark is
    recognised by its zero bytes, UTF-8 is tried next, then an HTML page's declared
    charset, then cp1252 (the usual Windows encoding of Western text) with a warning.
    Raises :class:`InputError` for empty and binary data.
    """
    if not data.strip():
        raise InputError("empty file", code="E102")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict(data, enc), ()
    enc = _utf16_without_bom(data)
    if enc:
        text = _strict(data, enc)
        if len(_TEXT_CONTROL.findall(text, 0, 4096)) > max(8, min(len(text), 4096) // 20):
            raise InputError("binary file, not text", code="E103")
        return text, ()
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head or \
            len(_CONTROL.findall(head)) > max(8, len(head) // 20):
        raise InputError("binary file, not text", code="E103")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if html:
        m = _CHARSET.search(data[:4096])
        if m:
            try:
                declared = codecs.lookup(m.group(1).decode("ascii")).name
                if declared not in ("utf-8",):
                    return data.decode(declared, "replace"), ()
            except (LookupError, UnicodeDecodeError):
                pass
    sample = data[:65536]
    high = 1 - len(sample.translate(None, _HIGH_BYTES)) / len(sample)
    if high > MAX_CP1252_HIGH:
        # too many high bytes for Western text: a legacy encoding of another script
        # (cp1251, cp1253, ...) when charset detection finds one that reads as language
        found = _detected(sample)
        if found is None:
            raise InputError(f"not UTF-8, and {high:.0%} of its bytes are not ASCII: no "
                             "encoding reads it as text (random bytes? save it as UTF-8)",
                             code="E115")
        return data.decode(found, "replace"), (
            f"[W101] not valid UTF-8 (first bad byte at {first_bad}); decoded as {found}, "
            "the encoding its bytes read best in",)
    return data.decode("cp1252", "replace"), (
        f"[W101] not valid UTF-8 (first bad byte at {first_bad}); decoded as cp1252",)


#: Most "chaos" (mess detected in the decoded text) a detected encoding may leave.
MAX_CHAOS = 0.1


def _detected(sample: bytes) -> str | None:
    """The encoding charset detection reads ``sample`` in as language, or None."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(sample).best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    return best.encoding


def _strict(data: bytes, enc: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {enc} text at byte {exc.start}", code="E114") from None
    return text.lstrip("\ufeff")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.4 and z_even < 0.05:
        return "utf-16-le"
    if z_even > 0.4 and z_odd < 0.05:
        return "utf-16-be"
    return None


def text_stream(stream: BinaryIO, *, sample: bytes) -> io.TextIOWrapper:
    """A text view of a corpus stream: UTF-8 (BOM allowed), or cp1252 when ``sample``
    is not UTF-8."""
    enc = "utf-8-sig"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not merely a character cut at the sample's end
            enc = "cp1252"
    return io.TextIOWrapper(stream, encoding=enc, errors="replace", newline="")


def display(path: str | os.PathLike) -> str:
    """``path`` as shown in a failure line (``<stdin>``; a name that is not UTF-8 escaped)."""
    path = os.fspath(path)
    return "<stdin>" if path == "-" else safe_path(path)
