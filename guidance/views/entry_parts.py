"""Section entries side by side as cached parts: the cells of /compare/ and /sections/<slug>/.

Both pages show build_comparison's section cells, each rendered once per version of what
it shows (guidance/views/fragments.py). The grid is built from the entries' key columns
only (`entry_stubs`); an entry is loaded in full, with what its part shows, only when its
part is missing from the cache. A cell without an entry (no record, or no text under the
section) is named by its record alone and needs no loading.
"""

from dataclasses import replace

from guidance.models import SectionEntry
from guidance.query.stamps import related_stamp
from guidance.reading import readable
from guidance.views.fragments import FragmentBatch, row

# What the cells' templates never show: the Markdown (its stored HTML is shown) and the
# search vector, the widest columns of an entry.
UNSHOWN_IN_CELLS = ["body", "search_vector"]
# The columns an entry's part is named by, and `completeness` for `Cell.reported`.
ENTRY_KEY_COLUMNS = ["system_id", "section_id", "version", "updated_at", "completeness"]
ENTRY_SOURCES = related_stamp(SectionEntry, "sources")


def entry_stubs(*, with_sources=False):
    """Entries by their key columns, and with a stamp of their sources if their part lists them."""
    stubs = SectionEntry.objects.only(*ENTRY_KEY_COLUMNS)
    return stubs.annotate(sources_stamp=ENTRY_SOURCES) if with_sources else stubs


def add_entry_parts(cells, template, reader, *, with_sources=False):
    """Set each cell's HTML as `cell.html`: `template` rendered with the cell and its section,
    for `reader` (the sources listed are those they may read).

    `cells` come from a comparison built with `entry_stubs(with_sources=...)`.
    """
    batch = FragmentBatch(reader)
    load = _loader(with_sources, reader)
    for cell in cells:
        cell.html = _part(batch, template, cell, entry_identity(cell, with_sources), load)
    batch.read()


def entry_identity(cell, with_sources=False):
    """All that a cell's part shows: its section, country, record and entry, and with
    `with_sources` the entry's sources."""
    identity = (
        cell.subject.slug,
        cell.country.code,
        cell.country.name,
        cell.year,
        row(cell.record),
        row(cell.item),
    )
    if with_sources and cell.item is not None:
        identity += (cell.item.sources_stamp,)
    return identity


def _part(batch, template, cell, identity, load):
    context = {"cell": cell, "section": cell.subject}
    if cell.item is None:
        return batch.add(template, context, identity)
    return batch.add_loaded(
        template,
        cell.item,
        identity,
        load,
        lambda entry: {**context, "cell": replace(cell, item=entry)},
    )


def _loader(with_sources, reader):
    """Loads the entries with the given pks in full, as {pk: entry}, in one query (two with
    the sources `reader` may read)."""
    entries = SectionEntry.objects.defer(*UNSHOWN_IN_CELLS)
    if with_sources:
        entries = entries.prefetch_related(readable.linked_rows(reader, SectionEntry, "sources"))
    return lambda pks: {entry.pk: entry for entry in entries.filter(pk__in=pks).order_by()}
