"""Input errors that name the file, the place in it and what to do about it."""

from __future__ import annotations

from pathlib import Path


class RetoldError(Exception):
    """A problem with the input that stops the build; printed without a traceback."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        byte: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.byte = byte
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        elif self.byte is not None:
            where += f" (byte {self.byte})"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text
