"""What the written and the uploaded file agree on: styles, headings and the section map.

The section map (record, country, collection year, and every section's entry and version
at download time) is a JSON document stored in the file's core properties (the
"Comments" field of Word's file properties), which Word keeps when it saves the file.
The headings say which text belongs to which section for the reader; the map says it for
the upload, and lets it refuse a file made for another record.
"""

import json
import re

FORMAT = "guidance-inventory-word/1"
CATEGORY = "Lifelong Guidance Inventory record"

# Paragraphs in this style are for reference only (the previous collection's text, the
# sources, the instructions) and are skipped on upload.
REFERENCE_STYLE = "Inventory reference"
HEADING_STYLE = "Heading 1"
HEADING = re.compile(r"^\s*(\d+)\s*[.)]")


def heading_text(section):
    return f"{section.number}. {section.title}"


def heading_number(text):
    """The section number a heading starts with ("3. Access" -> 3), or None."""
    match = HEADING.match(text)
    return int(match.group(1)) if match else None


def dump_map(record, sections, entries):
    """The section map of `record` as JSON: `entries` maps section pk to its entry."""
    return json.dumps(
        {
            "format": FORMAT,
            "record": record.pk,
            "country": record.country.code,
            "collection": record.collection.year,
            "sections": [
                {
                    "number": section.number,
                    "slug": section.slug,
                    "entry": entries[section.pk].pk if section.pk in entries else None,
                    "version": entries[section.pk].version if section.pk in entries else None,
                }
                for section in sections
            ],
        },
        separators=(",", ":"),
    )


def load_map(text):
    """The section map stored in a file, or None when it holds none this module wrote."""
    try:
        data = json.loads(text or "")
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    sections = data.get("sections")
    if not isinstance(sections, list) or not all(_is_section(item) for item in sections):
        return None
    if not isinstance(data.get("record"), int) or not isinstance(data.get("country"), str):
        return None
    return data


def _is_section(item):
    return (
        isinstance(item, dict)
        and isinstance(item.get("number"), int)
        and isinstance(item.get("slug"), str)
        and (item.get("entry") is None or isinstance(item.get("entry"), int))
        and (item.get("version") is None or isinstance(item.get("version"), int))
    )


MAP_VARIABLE = "guidanceInventoryMap"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name):
    return f"{{{W_NS}}}{name}"


def store_map(document, text):
    """Store the map as a document variable (w:docVar in the settings part).

    Word keeps document variables through every save, whatever their length; the core
    properties Word shows hold 255 characters at most, too few for 21 sections.
    """
    settings = document.settings.element
    variables = settings.find(_w("docVars"))
    if variables is None:
        variables = settings.makeelement(_w("docVars"), {})
        compat = settings.find(_w("compat"))
        # The schema orders the settings: document variables come right after w:compat.
        if compat is not None:
            compat.addnext(variables)
        else:
            settings.append(variables)
    variable = variables.makeelement(_w("docVar"), {_w("name"): MAP_VARIABLE, _w("val"): text})
    variables.append(variable)


def stored_map(document):
    """The text of the map stored in `document`, or "" when it has none."""
    for variable in document.settings.element.iter(_w("docVar")):
        if variable.get(_w("name")) == MAP_VARIABLE:
            return variable.get(_w("val"), "")
    return ""
