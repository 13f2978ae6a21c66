"""One exception tree for brandcouch. Every message says what went wrong and what to do next.

BrandcouchError
├── ConfigError          bad --brand spec, brandcouch.toml, or setting value
├── StoreError           the DuckDB store cannot be opened or migrated
├── ImportError_         base for import failures (named with a trailing _ to avoid the builtin)
│   ├── UnknownFormatError   no importer recognises the file
│   ├── MalformedInputError  a file or one of its records is broken (names file and record)
│   └── UnreadableSourceError  a path cannot be read (permission, a FIFO or device, I/O)
└── NotEnoughDataError   an analysis was asked for something the store cannot support
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: how much of one data-derived value (a record id, a reason, a file name) a message shows
CLIP = 200


def clip(value: object, limit: int = CLIP) -> str:
    """``value`` as one short line for a message: its first ``limit`` characters, with control
    characters and runs of whitespace made single spaces, and what was cut counted::

        clip("k" * 80_000)  ->  "kkk…k… (+79,800 chars)"   # 200 k's, then the count

    Data can be huge (an 80,000-character Reddit ``parent_id``) and terminals and highlighters
    are slow on long tokens: every data-derived string in a message goes through here.
    """
    text = str(value)
    head = " ".join(_CONTROL.sub(" ", text[:limit]).split())
    if len(text) > limit:
        return f"{head}… (+{len(text) - limit:,} chars)"
    return head


class BrandcouchError(Exception):
    """Base of every error brandcouch raises on purpose."""


class ConfigError(BrandcouchError):
    """A configuration value (brand spec, brandcouch.toml, setting) is invalid."""


class StoreError(BrandcouchError):
    """The store cannot be opened, migrated or written."""


class ImportError_(BrandcouchError):  # noqa: N801 - avoids shadowing the builtin ImportError
    """Base for errors raised while importing a source file."""


class UnknownFormatError(ImportError_):
    """No importer recognises the file."""

    def __init__(self, path: str, known: list[str]):
        self.path = path
        self.known = known
        super().__init__(
            f"{path}: not a format brandcouch recognises; known formats: {', '.join(known)}"
            " (use --format NAME to force one)"
        )


class MalformedInputError(ImportError_):
    """A file or a record in it is broken. ``record`` is a line number, index or id."""

    def __init__(self, path: str, record: str | int | None, problem: str):
        problem = clip(problem, 300)  # always one short line, however big the data quoted
        self.path = path
        self.record = record
        self.problem = problem
        where = f"{path}" if record is None else f"{path}, record {clip(record)}"
        super().__init__(f"{where}: {problem}")


class NotEnoughDataError(BrandcouchError):
    """The store holds too little data for what was asked."""


class UnreadableSourceError(ImportError_):
    """A path given to import cannot be read as a file: permission denied, not a regular file
    (a FIFO, a device, a socket), or an I/O error. Names the path; always one line."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{path}: {self.problem}")
