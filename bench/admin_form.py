"""What a browser would post back from an admin change form, read from the HTML as rendered.

Every control of the form counts: inputs (hidden inline management forms, checked boxes and
radios only), textareas, and selects with their selected options (a single select with none
selected posts its first option, as browsers do). Buttons and file inputs post nothing.
"""

from html.parser import HTMLParser

NOT_POSTED = ("submit", "button", "reset", "image", "file")


class FormFields(HTMLParser):
    """The (name, value) pairs of the form with id `form_id`, in document order."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.found = False
        self.fields = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
            self.found = self.found or self.in_form
            return
        if not self.in_form or "disabled" in attrs:
            return
        if tag == "input":
            self._input(attrs)
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
        elif tag == "select" and attrs.get("name"):
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # The HTML parser keeps the newline a browser drops right after <textarea>.
            self.fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.extend(_selected(self._select))
            self._select = None

    def _input(self, attrs):
        kind = attrs.get("type", "text").lower()
        name = attrs.get("name")
        if not name or kind in NOT_POSTED:
            return
        if kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self.fields.append((name, attrs.get("value", "on")))
            return
        self.fields.append((name, attrs.get("value", "")))


def _selected(select):
    chosen = [value for value, selected in select["options"] if selected]
    if not chosen and not select["multiple"] and select["options"]:
        chosen = [select["options"][0][0]]
    return [(select["name"], value) for value in chosen]


def form_fields(html, form_id):
    """The fields of form `form_id` in `html`; ValueError when the page has no such form."""
    parser = FormFields(form_id)
    parser.feed(html)
    parser.close()
    if not parser.found:
        raise ValueError(f"no form with id {form_id!r} on the page")
    return parser.fields


def edit_first_written(fields, suffix, marker, text):
    """`fields` with the first written field named `*suffix` ending in `marker` + `text`.

    A paragraph starting with `marker` left by an earlier edit is replaced, not added to,
    so that repeated runs do not grow the text.
    """
    edited = list(fields)
    for index, (name, value) in enumerate(edited):
        if name.endswith(suffix) and value.strip():
            kept = value.replace("\r\n", "\n").split(f"\n\n{marker}")[0].rstrip()
            edited[index] = (name, f"{kept}\n\n{marker}{text}")
            return edited
    raise ValueError(f"no written field ending with {suffix!r} in the form")
