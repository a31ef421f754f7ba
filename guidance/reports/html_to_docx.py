"""Sanitised HTML (the stored text of a section, guidance/reading/markdown.py) as Word
paragraphs.

Only the tags the sanitiser lets through arrive here: paragraphs, lists, emphasis,
headings h3-h6, links, quotes, code, small tables, sup/sub. A link is written as its text
followed by its address, as a printed report would; a table row as one paragraph of cells
separated by a bar. Anything else is read for its text alone.
"""

from html.parser import HTMLParser

from docx.shared import Pt

BLOCKS = {"p", "li", "pre", "tr", "h3", "h4", "h5", "h6"}
FORMATS = {
    "strong": "bold",
    "b": "bold",
    "em": "italic",
    "i": "italic",
    "sup": "superscript",
    "sub": "subscript",
    "code": "code",
}
# An entry's h3 sits under its part, a Heading 1 (record, section) or 2 (comparison).
HEADING_LEVELS = {"h3": 3, "h4": 4, "h5": 5, "h6": 6}


def add_html(document, html):
    """Append the paragraphs of `html` to `document`."""
    converter = _Converter(document)
    converter.feed(html)
    converter.close()


class _Converter(HTMLParser):
    """Reads the HTML once, writing each block as a paragraph as soon as it opens."""

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.formats = []
        self.lists = []  # one [kind, count] per open list
        self.links = []
        self.cells_in_row = 0
        self.quotes = 0
        self.fresh = False  # the open paragraph has no text yet (a list item's number aside)

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._end_block()
            self.lists.append([tag, 0])
        elif tag == "blockquote":
            self.quotes += 1
            self.paragraph = None
        elif tag == "p" and self.fresh:
            pass  # a list item's paragraph: the item's own
        elif tag in BLOCKS:
            self._start_block(tag)
        elif tag in FORMATS:
            self.formats.append(FORMATS[tag])
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag in ("td", "th"):
            if self.cells_in_row:
                self._trim_end()
                self._write(" | ")
            self.cells_in_row += 1

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "blockquote":
            self.quotes = max(self.quotes - 1, 0)
            self.paragraph = None
        elif tag in BLOCKS:
            self._end_block()
        elif tag in FORMATS and FORMATS[tag] in self.formats:
            self.formats.remove(FORMATS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("#"):
                self._write(f" ({href})")

    def handle_data(self, data):
        """White space as a browser reads it: a run of it is one space, none at a line's start."""
        words = " ".join(data.split())
        text = words
        if data[:1].isspace() and self._mid_line():
            text = " " + text
        if words and data[-1:].isspace():
            text += " "
        if text:
            self._write(text)

    def _end_block(self):
        """Close the paragraph, without the space its source's line break left at its end."""
        self._trim_end()
        self.paragraph = None
        self.fresh = False

    def _trim_end(self):
        runs = self.paragraph.runs if self.paragraph is not None else []
        if runs and runs[-1].text.endswith(" "):
            runs[-1].text = runs[-1].text.rstrip(" ")

    def _mid_line(self):
        return self.paragraph is not None and self.paragraph.text[-1:] not in ("", " ", "\n")

    def _start_block(self, tag):
        self._end_block()
        if tag in HEADING_LEVELS:
            self.paragraph = self.document.add_heading(level=HEADING_LEVELS[tag])
            return
        if tag == "tr":
            self.cells_in_row = 0
        self.paragraph = self.document.add_paragraph(style=self._style(tag))
        self.fresh = tag == "li"
        if tag == "li" and self.lists and self.lists[-1][0] == "ol":
            self.lists[-1][1] += 1
            self.paragraph.add_run(f"{self.lists[-1][1]}. ")

    def _style(self, tag):
        if tag == "li":
            depth = min(len(self.lists), 3)
            if self.lists and self.lists[-1][0] == "ul":
                return "List Bullet" if depth == 1 else f"List Bullet {depth}"
            return "List Continue" if depth == 1 else f"List Continue {depth}"
        return "Quote" if self.quotes else None

    def _write(self, text):
        self.fresh = False
        if self.paragraph is None:
            self.paragraph = self.document.add_paragraph(style=self._style("p"))
        run = self.paragraph.add_run(text)
        run.bold = "bold" in self.formats or None
        run.italic = "italic" in self.formats or None
        run.font.superscript = "superscript" in self.formats or None
        run.font.subscript = "subscript" in self.formats or None
        if "code" in self.formats:
            run.font.name = "DejaVu Sans Mono"
            run.font.size = Pt(9)
