"""Sanitised HTML (the stored text of a section, guidance/reading/markdown.py) as Word
paragraphs.

Only the tags the sanitiser lets through arrive here: paragraphs, lists, emphasis,
headings h3-h6, links, quotes, code, small tables, sup/sub. A link is written as its text
followed by its address, as a printed report would; a table row as one paragraph of cells
separated by a bar. Anything else is read for its text alone.
"""

from html.parser import HTMLParser

from docx.shared import Pt

BLOCKS = {"p", "li", "blockquote", "pre", "tr", "h3", "h4", "h5", "h6"}
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
    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.formats = []
        self.lists = []  # one [kind, count] per open list
        self.links = []
        self.cells_in_row = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
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
                self._write(" | ")
            self.cells_in_row += 1

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in BLOCKS:
            self.paragraph = None
        elif tag in FORMATS and FORMATS[tag] in self.formats:
            self.formats.remove(FORMATS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("#"):
                self._write(f" ({href})")

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            if data and self.paragraph is not None and self.paragraph.text:
                self._write(" ")
            return
        if data[:1].isspace() and self.paragraph is not None and self.paragraph.text:
            text = " " + text
        if data[-1:].isspace():
            text += " "
        self._write(text)

    def _start_block(self, tag):
        if tag in HEADING_LEVELS:
            self.paragraph = self.document.add_heading(level=HEADING_LEVELS[tag])
            return
        if tag == "tr":
            self.cells_in_row = 0
        self.paragraph = self.document.add_paragraph(style=self._style(tag))
        if tag == "li" and self.lists and self.lists[-1][0] == "ol":
            self.lists[-1][1] += 1
            self.paragraph.add_run(f"{self.lists[-1][1]}. ")

    def _style(self, tag):
        if tag == "li":
            depth = min(len(self.lists), 3)
            if self.lists and self.lists[-1][0] == "ul":
                return "List Bullet" if depth == 1 else f"List Bullet {depth}"
            return "List Continue" if depth == 1 else f"List Continue {depth}"
        if tag == "blockquote":
            return "Quote"
        return None

    def _write(self, text):
        if self.paragraph is None:
            self.paragraph = self.document.add_paragraph()
        run = self.paragraph.add_run(text)
        run.bold = "bold" in self.formats or None
        run.italic = "italic" in self.formats or None
        run.font.superscript = "superscript" in self.formats or None
        run.font.subscript = "subscript" in self.formats or None
        if "code" in self.formats:
            run.font.name = "DejaVu Sans Mono"
            run.font.size = Pt(9)
