"""Read JSON one value at a time from a text stream: the records of an array, or JSON lines.

``json.loads`` needs the whole document in memory, and the objects it builds are several times
its size: one 50 MB upload grew a web process by 362 MB. This reader holds the text of one
value at a time (it reads on until the value parses, doubling what it reads), so what it keeps
is bounded by the largest record, never by the file. Standard library only.
"""

from __future__ import annotations

import json
import re

WHITESPACE = " \t\n\r"
CHUNK_CHARS = 64 * 1024
_RECORDS_OBJECT = re.compile(r'\{\s*"(records|articles|items)"\s*:\s*\[')


class JsonStreamError(ValueError):
    """The text is not valid JSON; ``lineno`` and ``colno`` say where, counted from 1."""

    def __init__(self, msg: str, lineno: int, colno: int):
        super().__init__(f"{msg}: line {lineno} column {colno}")
        self.msg, self.lineno, self.colno = msg, lineno, colno


class ValueTooLong(ValueError):
    """One value is longer than the reader was told to hold."""


class JsonReader:
    def __init__(self, stream, *, max_value_chars: int):
        self._stream = stream
        self._max = max_value_chars
        self._buffer = ""
        self._pos = 0
        self._eof = False
        # Where the buffer starts in the whole text, for the line and column of errors.
        self._line = 1
        self._column = 1
        self._decoder = json.JSONDecoder()

    # --- reading -----------------------------------------------------------------------------

    def _more(self) -> bool:
        """Drop what was consumed and read at least as much again as is pending."""
        if self._eof:
            return False
        self._drop_consumed()
        if len(self._buffer) > self._max:
            raise ValueTooLong(self._max)
        chunk = self._stream.read(max(CHUNK_CHARS, len(self._buffer)))
        if not chunk:
            self._eof = True
            return False
        self._buffer += chunk
        return True

    def _drop_consumed(self) -> None:
        consumed = self._buffer[: self._pos]
        newlines = consumed.count("\n")
        if newlines:
            self._line += newlines
            self._column = len(consumed) - consumed.rfind("\n")
        else:
            self._column += len(consumed)
        self._buffer = self._buffer[self._pos :]
        self._pos = 0

    def peek(self) -> str:
        """The next character that is not whitespace, without consuming it; "" at the end."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._more():
                return ""

    def expect(self, allowed: str) -> str:
        char = self.peek()
        if not char or char not in allowed:
            names = " or ".join(repr(c) for c in allowed)
            raise self.error(f"Expecting {names}" if char else "Unexpected end of data")
        self._pos += 1
        return char

    def value(self):
        """The next JSON value. A chunk boundary can cut it short, so a value that does not
        parse (or a number that ends where the text read so far ends) is tried again with more
        text, and refused only when the text is all read."""
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._pos)
            except RecursionError:
                raise self.error("Nested too deeply") from None
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                raise self.error(exc.msg, at=exc.pos) from None
            if end == len(self._buffer) and self._more():
                continue
            self._pos = end
            return value

    def array_values(self):
        """The values of the array whose "[" comes next, one at a time."""
        self.expect("[")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            if self.expect(",]") == "]":
                return

    def records_object_ahead(self) -> bool:
        """Whether the text goes on with ``{"records": [`` (or articles, items)."""
        self.peek()
        while len(self._buffer) - self._pos < 200 and self._more():
            pass
        return bool(_RECORDS_OBJECT.match(self._buffer, self._pos))

    def enter_records_object(self) -> None:
        """Consume ``{"records":`` so that the array comes next."""
        match = _RECORDS_OBJECT.match(self._buffer, self._pos)
        self._pos = match.end() - 1

    def rest_of_object(self) -> dict:
        """The other members of an object whose first member was consumed (read whole: they
        are what comes after the records, a few fields at most)."""
        if self.peek() not in ",}":
            raise self.error("Expecting ',' delimiter")
        rest = self._rest().rstrip()
        try:
            members = json.loads("{" + rest[1:]) if rest != "}" else {}
        except RecursionError:
            raise self.error("Nested too deeply") from None
        except json.JSONDecodeError as exc:
            raise self.error(exc.msg, at=self._pos + exc.pos) from None
        self._pos = len(self._buffer)
        return members

    def _rest(self) -> str:
        while self._more():
            pass
        return self._buffer[self._pos :]

    def rest_of_line(self) -> str:
        """The text up to the next line break, consumed with it (JSON lines: one line, one
        value, so a broken line can be passed over and the next one read)."""
        while True:
            end = self._buffer.find("\n", self._pos)
            if end != -1:
                line, self._pos = self._buffer[self._pos : end], end + 1
                return line
            if not self._more():
                line, self._pos = self._buffer[self._pos :], len(self._buffer)
                return line

    def at_end(self) -> bool:
        return self.peek() == ""

    def line(self) -> int:
        """The line the next value starts on."""
        self.peek()
        return self._line + self._buffer.count("\n", 0, self._pos)

    def error(self, msg: str, *, at: int | None = None) -> JsonStreamError:
        at = self._pos if at is None else at
        newlines = self._buffer.count("\n", 0, at)
        column = at - self._buffer.rfind("\n", 0, at) if newlines else self._column + at
        return JsonStreamError(msg, self._line + newlines, column)
