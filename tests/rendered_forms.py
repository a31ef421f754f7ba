"""Forms as a browser submits them: read the page the server rendered, change fields, post.

A test that posts a dict built by hand can pass while the real page misses a field (a
hidden version, an inline's management form); posting what the page rendered cannot.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

UNSENT_INPUT_TYPES = {"submit", "button", "image", "reset", "file"}


@dataclass
class RenderedForm:
    attrs: dict
    fields: list = field(default_factory=list)
    buttons: list = field(default_factory=list)

    @property
    def action(self):
        return self.attrs.get("action", "")

    def data(self, changes=None, button=None):
        """The body a browser posts: every successful control, `changes` replacing values."""
        data = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        for name, value in (changes or {}).items():
            data[name] = value if isinstance(value, list) else [value]
        if button is not None:
            name, value = self.button(button)
            data[name] = [value]
        return data

    def button(self, label_or_name):
        for name, value, label in self.buttons:
            if label_or_name in (name, label):
                return name, value
        raise LookupError(f"No button {label_or_name!r} in the form: {self.buttons}")


class _FormsParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._options = []
        self._option = None
        self._textarea = None
        self._button = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self._form = RenderedForm(attrs)
            self.forms.append(self._form)
        elif self._form is None or "disabled" in attrs:
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "select":
            self._select, self._options = attrs, []
        elif tag == "option" and self._select is not None:
            self._option = {**attrs, "text": ""}
            self._options.append(self._option)
        elif tag == "textarea":
            self._textarea = {**attrs, "text": ""}
        elif tag == "button":
            self._button = {**attrs, "text": ""}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        for open_element in (self._option, self._textarea, self._button):
            if open_element is not None:
                open_element["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            self._close_select()
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None
        elif tag == "button" and self._button is not None:
            button = self._button
            if button.get("type", "submit") == "submit":
                self._form.buttons.append(
                    (button.get("name", ""), button.get("value", ""), button["text"].strip())
                )
            self._button = None

    def _input(self, attrs):
        kind = attrs.get("type", "text").lower()
        if kind == "submit":
            self._form.buttons.append(
                (attrs.get("name", ""), attrs.get("value", ""), attrs.get("value", ""))
            )
        elif kind in UNSENT_INPUT_TYPES:
            return
        elif kind in {"checkbox", "radio"}:
            if "checked" in attrs:
                self._add(attrs, attrs.get("value", "on"))
        else:
            self._add(attrs, attrs.get("value", ""))

    def _close_select(self):
        chosen = [option for option in self._options if "selected" in option]
        if not chosen and "multiple" not in self._select and self._options:
            chosen = self._options[:1]
        for option in chosen:
            self._add(self._select, option.get("value", option["text"].strip()))
        self._select = None

    def _add(self, attrs, value):
        if attrs.get("name"):
            self._form.fields.append((attrs["name"], value))


def rendered_forms(html):
    parser = _FormsParser()
    parser.feed(html)
    return parser.forms


def rendered_form(response, form_id=None, button=None):
    """The form with id `form_id`, or the one holding a button labelled `button`."""
    html = response.content.decode()
    for form in rendered_forms(html):
        if form_id is not None and form.attrs.get("id") == form_id:
            return form
        if button is not None and any(button in (name, label) for name, _, label in form.buttons):
            return form
    raise LookupError(f"No form {form_id or button!r} on the page")


def post_rendered(client, url, form_id, changes=None, button="_save"):
    """GET `url`, then post its form `form_id` as rendered, with `changes`, by `button`."""
    form = rendered_form(client.get(url), form_id=form_id)
    return client.post(form.action or url, form.data(changes, button))


def press(client, url, label):
    """GET `url` and press the button labelled `label` (its own small form)."""
    form = rendered_form(client.get(url), button=label)
    return client.post(form.action or url, form.data(button=label))
