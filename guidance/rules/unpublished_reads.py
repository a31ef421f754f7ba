"""Which request has read unpublished content: an answer built from it is never shared.

The page cache serves one stored answer to every anonymous reader, so an answer that
was built from a draft, or from content in review, must never be stored, whoever asked
for it. Rather than trusting every view to say so, publishable models report each row
they load (`Publishable.from_db`), and the cache middleware asks at the end of the
request. A row loaded without its status (`.only()`, `.defer()`) or read with
`.values()` is not seen here: this is a second line of defence behind
guidance/rules/permissions.py, which decides what a reader may see.
"""

from contextvars import ContextVar


class _Reads:
    __slots__ = ("unpublished",)

    def __init__(self):
        self.unpublished = False


_current = ContextVar("guidance_unpublished_reads", default=None)


def start_tracking():
    """Begin a request: nothing unpublished read yet."""
    _current.set(_Reads())


def note_unpublished():
    reads = _current.get()
    if reads is not None:
        reads.unpublished = True


def unpublished_was_read():
    reads = _current.get()
    return reads is not None and reads.unpublished
