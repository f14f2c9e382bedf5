"""Request bodies of the Documenten API that may be huge.

A JSON create/update may carry up to ~3 GiB of content as a base64 ``inhoud`` string. A body up to
``ZAAKWERK_DOCUMENTEN_STREAM_THRESHOLD`` bytes is decoded normally (msgspec, base64 into bytes).
A larger one is never held in memory: ``read_streamed`` reads it from the request stream in
chunks with a small scanner for the top-level object, decodes the top-level ``"inhoud"`` string
chunk by chunk straight into a temporary file, and hands the rest of the object (with
``"inhoud": null`` in its place; the metadata are small, at most ``MAX_METADATA`` bytes) to the
normal decoder. Either way the adapter gets the same dict, with ``inhoud`` as a
``storage.Inhoud`` (file + size), None or absent.

A bestandsdeel arrives as multipart/form-data (or urlencoded): Django's multipart parser streams
file fields to temporary files beyond FILE_UPLOAD_MAX_MEMORY_SIZE.
"""

from __future__ import annotations

import binascii
import json
import re
import tempfile
from urllib.parse import parse_qs

import msgspec
from django.conf import settings
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser, MultiPartParserError

from zaakwerk.core.api import (
    _refuse_nul,
    patch_schema,
    struct_to_dict,
    validation_error_from_msgspec,
)
from zaakwerk.core.errors import ValidationFailed

from ..storage import Inhoud

CHUNK = 256 * 1024
MAX_METADATA = 16 * 1024 * 1024
WHITESPACE = b" \t\r\n"


def stream_threshold() -> int:
    return int(getattr(settings, "ZAAKWERK_DOCUMENTEN_STREAM_THRESHOLD", 256 * 1024))


def content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def _parse_error(detail: str) -> ValidationFailed:
    return ValidationFailed("nonFieldErrors", "parse_error", f"JSON parse error: {detail}")


def read_document_body(request: HttpRequest, schema: type, *, partial: bool = False) -> dict:
    """The decoded JSON body of a document create/update (snake_case keys, ``inhoud`` as Inhoud)."""
    if partial:
        schema = patch_schema(schema)
    if content_length(request) > stream_threshold():
        rest, inhoud = read_streamed(request)
        data = _decode(rest, schema)
        if inhoud is not None:
            data["inhoud"] = inhoud
        return data
    body = request.body or b"{}"
    data = _decode(body, schema)
    if isinstance(data.get("inhoud"), (bytes, bytearray)):
        data["inhoud"] = Inhoud.from_bytes(bytes(data["inhoud"]))
    return data


def _decode(body: bytes, schema: type) -> dict:
    try:
        if b"\\u0000" in body:
            _refuse_nul(msgspec.json.decode(body))
        decoded = msgspec.json.decode(body, type=schema)
    except msgspec.ValidationError as exc:
        raise validation_error_from_msgspec(str(exc)) from None
    except msgspec.DecodeError as exc:
        raise _parse_error(str(exc)) from None
    return struct_to_dict(decoded)


class _Stream:
    """Buffered reading of the request stream, byte by byte for the (small) structure and in
    chunks for the content."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.buf = b""
        self.pos = 0
        self.eof = False

    def _fill(self) -> bool:
        if self.eof:
            return False
        data = self.request.read(CHUNK)
        if not data:
            self.eof = True
            return False
        self.buf = self.buf[self.pos:] + data
        self.pos = 0
        return True

    def peek(self) -> int | None:
        while self.pos >= len(self.buf):
            if not self._fill():
                return None
        return self.buf[self.pos]

    def take(self) -> int:
        c = self.peek()
        if c is None:
            raise _parse_error("onverwacht einde van de body")
        self.pos += 1
        return c

    def skip_ws(self) -> None:
        while True:
            c = self.peek()
            if c is None or c not in WHITESPACE:
                return
            self.pos += 1

    def expect(self, char: bytes) -> None:
        self.skip_ws()
        if self.take() != char[0]:
            raise _parse_error(f"'{char.decode()}' verwacht")

    def string_raw(self) -> bytes:
        """A JSON string, returned raw (with its quotes and escapes)."""
        out = bytearray()
        if self.take() != ord('"'):
            raise _parse_error("tekst verwacht")
        out += b'"'
        while True:
            c = self.take()
            out.append(c)
            if c == ord("\\"):
                out.append(self.take())
            elif c == ord('"'):
                return bytes(out)
            if len(out) > MAX_METADATA:
                raise ValidationFailed("nonFieldErrors", "too_large", "De metadata van het verzoek zijn te groot.")

    def value_raw(self) -> bytes:
        """Any JSON value, returned raw; nested objects and arrays are tracked by depth."""
        c = self.peek()
        if c == ord('"'):
            return self.string_raw()
        out = bytearray()
        if c in (ord("{"), ord("[")):
            depth = 0
            while True:
                c = self.peek()
                if c == ord('"'):
                    out += self.string_raw()
                    continue
                c = self.take()
                out.append(c)
                if c in (ord("{"), ord("[")):
                    depth += 1
                elif c in (ord("}"), ord("]")):
                    depth -= 1
                    if depth == 0:
                        return bytes(out)
                if len(out) > MAX_METADATA:
                    raise ValidationFailed("nonFieldErrors", "too_large", "De metadata van het verzoek zijn te groot.")
        while True:  # number, true, false, null
            c = self.peek()
            if c is None or c in WHITESPACE or c in b",}]":
                if not out:
                    raise _parse_error("waarde verwacht")
                return bytes(out)
            out.append(self.take())
            if len(out) > 1024:
                raise _parse_error("ongeldige waarde")

    def base64_to_file(self) -> Inhoud:
        """The base64 string at the current position, decoded in chunks into a temporary file."""
        if self.take() != ord('"'):
            raise _parse_error("tekst verwacht")
        target = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR)
        size = 0
        carry = b""
        try:
            while True:
                if self.pos >= len(self.buf) and not self._fill():
                    raise _parse_error("onverwacht einde van de body")
                end = self.buf.find(b'"', self.pos)
                segment = self.buf[self.pos: end if end >= 0 else len(self.buf)]
                self.pos = end + 1 if end >= 0 else len(self.buf)
                data = carry + segment
                if b"\\" in data:
                    if end >= 0 and data.endswith(b"\\"):
                        raise ValidationFailed("inhoud", "invalid", "Ongeldige base64-inhoud.")
                    keep = b"\\" if data.endswith(b"\\") and not data.endswith(b"\\\\") else b""
                    if keep:
                        data = data[:-1]
                    data = data.replace(b"\\/", b"/").replace(b"\\n", b"").replace(b"\\r", b"")
                    if b"\\" in data:
                        raise ValidationFailed("inhoud", "invalid", "Ongeldige base64-inhoud.")
                else:
                    keep = b""
                if end >= 0:
                    rem = len(data) % 4
                    if rem == 1:
                        raise ValidationFailed("inhoud", "invalid", "Ongeldige base64-inhoud (lengte).")
                    if rem:
                        data += b"=" * (4 - rem)
                    size += _decode_into(target, data)
                    break
                usable = len(data) - len(data) % 4
                size += _decode_into(target, data[:usable])
                carry = data[usable:] + keep
            target.seek(0)
            return Inhoud(target, size)
        except BaseException:
            target.close()
            raise


def _decode_into(target, data: bytes) -> int:
    if not data:
        return 0
    try:
        decoded = binascii.a2b_base64(data, strict_mode=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed("inhoud", "invalid", "Ongeldige base64-inhoud.") from None
    target.write(decoded)
    return len(decoded)


def read_streamed(request: HttpRequest) -> tuple[bytes, Inhoud | None]:
    """The body's top-level object without its ``inhoud`` string (replaced by null), and that
    string decoded into a temporary file."""
    stream = _Stream(request)
    rest = bytearray()
    inhoud: Inhoud | None = None
    try:
        stream.expect(b"{")
        rest += b"{"
        stream.skip_ws()
        if stream.peek() == ord("}"):
            stream.take()
            rest += b"}"
        else:
            while True:
                stream.skip_ws()
                key_raw = stream.string_raw()
                try:
                    key = json.loads(key_raw)
                except ValueError:
                    raise _parse_error("ongeldige sleutel") from None
                stream.expect(b":")
                stream.skip_ws()
                if key == "inhoud" and stream.peek() == ord('"') and inhoud is None:
                    inhoud = stream.base64_to_file()
                    rest += key_raw + b":null"
                else:
                    rest += key_raw + b":" + stream.value_raw()
                if len(rest) > MAX_METADATA:
                    raise ValidationFailed("nonFieldErrors", "too_large", "De metadata van het verzoek zijn te groot.")
                stream.skip_ws()
                c = stream.take()
                if c == ord("}"):
                    rest += b"}"
                    break
                if c != ord(","):
                    raise _parse_error("',' of '}' verwacht")
                rest += b","
        stream.skip_ws()
        if stream.peek() is not None:
            raise _parse_error("gegevens na het einde van het object")
    except BaseException:
        if inhoud is not None:
            inhoud.close()
        raise
    return bytes(rest), inhoud


_MULTIPART = re.compile(r"^multipart/form-data", re.IGNORECASE)


def read_bestandsdeel_body(request: HttpRequest) -> tuple[str | None, Inhoud | None]:
    """``lock`` and ``inhoud`` of a bestandsdeel upload (multipart/form-data or urlencoded)."""
    ctype = request.META.get("CONTENT_TYPE", "")
    if _MULTIPART.match(ctype):
        try:
            post, files = MultiPartParser(request.META, request, request.upload_handlers,
                                          request.encoding).parse()
        except MultiPartParserError as exc:
            raise ValidationFailed("nonFieldErrors", "parse_error", f"Ongeldige multipart-body: {exc}") from None
        lock = post.get("lock")
        upload = files.get("inhoud")
        if upload is None:
            raw = post.get("inhoud")
            return lock, (Inhoud.from_bytes(raw.encode("latin-1", "replace")) if raw is not None else None)
        return lock, Inhoud(upload.file if hasattr(upload, "file") else upload, upload.size)
    # latin-1 maps every byte to one character and back: names and values (percent-encoded or
    # not) come out as the bytes that were sent, whatever they are (parse_qs of bytes insists on ASCII)
    fields = parse_qs(request.body.decode("latin-1"), keep_blank_values=True, encoding="latin-1")
    lock = fields.get("lock", [""])[0].encode("latin-1").decode("utf-8", "replace") or None
    raw = fields.get("inhoud", [None])[0]
    return lock, (Inhoud.from_bytes(raw.encode("latin-1")) if raw is not None else None)
