"""Two versions of a Markdown text as a person reads them: rendered, old | new, with marks.

Both texts are rendered and sanitised by guidance/reading/markdown.py first, so nothing here ever
shows raw `**` or `[..](..)`, and every mark sits in HTML that has already passed the
allow-list. The comparison then narrows in three steps, each only where the one before
found a difference:

1. blocks (paragraphs, list items, headings, table cells) are aligned by their words;
   a block with no similar counterpart is wholly removed or added;
2. inside a changed block, sentences are aligned the same way;
3. inside a changed sentence, words are compared.

Each side keeps its own HTML as rendered: the marks only wrap runs of words between two
tags, so they can never break the nesting of a list or a link. Removed words are wrapped
in `<del>` on the old side, added ones in `<ins>` on the new side, each with visually
hidden "removed:"/"added:" words for screen readers (the CSS adds strike-through and
underline, so colour is never the only cue).
"""

import difflib
import html
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from guidance.reading.markdown import render_markdown

# A tag, a run of spaces, an entity, a word, or a run of punctuation: a comma added after
# a word marks the comma, not the word.
TOKEN = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>|\s+|&#?\w+;|\w+|[^\w\s<&]+|&""")
WORD = re.compile(r"\w")
TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
BLOCK_TAGS = frozenset(
    {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table"}
    | {"thead", "tbody", "tr", "th", "td", "hr"}
)
SENTENCE_END = re.compile(r"""[.!?…]+[")\]'’”»]*""")
SENTENCE_BREAK = re.compile(r"(?<=[.!?…]) ")
# Two blocks or sentences sharing less than this share of their words are not one that
# changed, but one removed and another added.
SIMILAR = 0.5


@dataclass
class Token:
    text: str
    kind: str  # "tag", "space" or "word"

    @property
    def key(self):
        return " " if self.kind == "space" else self.text


@dataclass
class ReadableDiff:
    """The old and the new HTML, marked, and how many words each side has marked."""

    old_html: str
    new_html: str
    words_removed: int
    words_added: int

    @property
    def changed(self):
        return bool(self.words_removed or self.words_added)


def readable_diff(old, new):
    """Compare the Markdown texts `old` and `new` (either may be empty)."""
    before, after = tokens(render_markdown(old)), tokens(render_markdown(new))
    removed, added = set(), set()
    pairs = align(blocks(before), blocks(after), (before, after), _similar_blocks)
    for kind, old_block, new_block in pairs:
        if kind == "changed":
            _compare_sentences(before, after, old_block, new_block, removed, added)
        elif kind != "equal":
            removed.update(old_block or ())
            added.update(new_block or ())
    return ReadableDiff(
        old_html=marked_html(before, removed, "del", _("removed:")),
        new_html=marked_html(after, added, "ins", _("added:")),
        words_removed=_words(before, removed),
        words_added=_words(after, added),
    )


def tokens(html):
    return [Token(text, _kind(text)) for text in TOKEN.findall(html)]


def _kind(text):
    if text.startswith("<"):
        return "tag"
    return "space" if text.isspace() else "word"


def blocks(stream):
    """Runs of token positions between two block tags, as lists; only runs with words."""
    found, current = [], []
    for position, token in enumerate(stream):
        if token.kind == "tag" and _tag_name(token) in BLOCK_TAGS:
            found.append(current)
            current = []
        else:
            current.append(position)
    found.append(current)
    return [block for block in found if any(stream[i].kind == "word" for i in block)]


def _tag_name(token):
    match = TAG_NAME.match(token.text)
    return match.group(1).lower() if match else ""


def sentences(stream, block):
    """The positions of `block` cut after each full stop (or ! ? …) that a space follows."""
    found, current = [], []
    for index, position in enumerate(block):
        current.append(position)
        following = stream[block[index + 1]] if index + 1 < len(block) else None
        if SENTENCE_END.fullmatch(stream[position].text) and (
            following is None or following.kind == "space"
        ):
            found.append(current)
            current = []
    found.append(current)
    return [part for part in found if any(stream[i].kind == "word" for i in part)]


def align(old_units, new_units, streams, similar):
    """(kind, old unit or None, new unit or None) for units of positions, in order.

    `kind` is "equal", "changed", "removed" or "added". Units are compared by their words
    in `streams` (old, new); in a replaced stretch, each old unit is paired with the next
    new one that is `similar`, and what lies between is added.
    """
    old_words = [_unit_words(streams[0], unit) for unit in old_units]
    new_words = [_unit_words(streams[1], unit) for unit in new_units]
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from (("equal", old_units[i], new_units[i - i1 + j1]) for i in range(i1, i2))
            continue
        yield from _pair(
            old_units[i1:i2], new_units[j1:j2], old_words[i1:i2], new_words[j1:j2], similar
        )


def _pair(old_units, new_units, old_words, new_words, similar):
    j = 0
    for i, unit in enumerate(old_units):
        match = next(
            (k for k in range(j, len(new_units)) if similar(old_words[i], new_words[k])), None
        )
        if match is None:
            yield "removed", unit, None
            continue
        yield from (("added", None, new_units[k]) for k in range(j, match))
        yield "changed", unit, new_units[match]
        j = match + 1
    yield from (("added", None, new_units[k]) for k in range(j, len(new_units)))


def _similar(old_words, new_words):
    """Most words in common."""
    words = difflib.SequenceMatcher(None, old_words.split(), new_words.split(), autojunk=False)
    return words.ratio() >= SIMILAR


def _similar_blocks(old_words, new_words):
    """Most words in common, or a sentence of one like a sentence of the other: a paragraph
    that keeps one sentence of five, reworded, is still that paragraph, changed."""
    if _similar(old_words, new_words):
        return True
    new_sentences = SENTENCE_BREAK.split(new_words)
    return any(
        _similar(old, new) for old in SENTENCE_BREAK.split(old_words) for new in new_sentences
    )


def _unit_words(stream, unit):
    return " ".join(stream[i].text for i in unit if stream[i].kind == "word")


def _compare_sentences(before, after, old_block, new_block, removed, added):
    old_parts, new_parts = sentences(before, old_block), sentences(after, new_block)
    for kind, old_part, new_part in align(old_parts, new_parts, (before, after), _similar):
        if kind == "changed":
            _compare_words(before, after, old_part, new_part, removed, added)
        elif kind != "equal":
            removed.update(old_part or ())
            added.update(new_part or ())


def _compare_words(before, after, old_part, new_part, removed, added):
    old_keys = [before[i].key for i in old_part]
    new_keys = [after[j].key for j in new_part]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed.update(old_part[i1:i2])
            added.update(new_part[j1:j2])


def marked_html(stream, marked, element, label):
    """`stream` joined again, each run of marked words wrapped in `element`.

    A run stops at any tag, so a mark never crosses an element's boundary; spaces at either
    end of a run stay outside it, and one between two marked words joins them.
    """
    opening = f'<{element}><span class="visually-hidden">[{escape(label)} </span>'
    closing = f'<span class="visually-hidden">]</span></{element}>'
    out, run = [], []
    for position, token in enumerate(stream):
        if _extends_run(stream, marked, position, bool(run)):
            run.append(token.text)
            continue
        _close_run(run, out, opening, closing)
        out.append(token.text)
    _close_run(run, out, opening, closing)
    return mark_safe("".join(out))


def _extends_run(stream, marked, position, in_run):
    """A marked word, or inside a run a marked space or one between two marked words."""
    token = stream[position]
    if token.kind == "tag":
        return False
    if token.kind == "word":
        return position in marked
    following = position + 1 < len(stream) and position + 1 in marked
    return in_run and (position in marked or (following and stream[position + 1].kind == "word"))


def _close_run(run, out, opening, closing):
    trailing = []
    while run and run[-1].isspace():
        trailing.insert(0, run.pop())
    if run:
        out.append(opening + "".join(run) + closing)
    out.extend(trailing)
    run.clear()


def _words(stream, marked):
    return sum(1 for i in marked if WORD.search(html.unescape(stream[i].text)))
