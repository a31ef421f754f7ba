"""The organisations register lists each real body once, under one country.

A body entered in two country files (a European network entered per country, a ministry's
address reused for another country's body) shows twice in the register, counted twice.
Two entries are the same body when they share a web address (host and path), a name in
the original language, or an English name and an acronym; a European or international
body is the same wherever it is entered. Identical generic English names of different
national bodies ("National Guidance Forum" in CZ and IE) are allowed: the register shows
each with its country.
"""

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from guidance.data.loading import read_yaml

INTERNATIONAL = re.compile(
    r"\b(euroguidance network|cedefop|european training foundation|etf|elgpn|"
    r"european commission|careersnet|oecd|international labour|unesco|helvetas)\b"
)


def _words(text):
    return " ".join(re.sub(r"[^\w]+", " ", str(text).lower()).split())


def _address(url):
    parts = urlsplit(url.strip().lower())
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else ""


def identities(organisation):
    """The keys under which two entries are taken for the same body."""
    name = _words(organisation["name"])
    keys = []
    if _address(organisation.get("url") or ""):
        keys.append(("web address", _address(organisation["url"])))
    if organisation.get("original_name"):
        keys.append(("original name", _words(organisation["original_name"])))
    if organisation.get("acronym"):
        keys.append(("name and acronym", f"{name} ({_words(organisation['acronym'])})"))
    if INTERNATIONAL.search(name):
        keys.append(("international body", name))
    return keys


def duplicate_organisations(paths):
    """One message per body entered under more than one country, naming every entry."""
    seen = defaultdict(set)
    for path in paths:
        data = read_yaml(path)
        for key, organisation in (data.get("organisations") or {}).items():
            for identity in identities(organisation):
                seen[identity].add((data["country"], f"{Path(path).name}: organisations.{key}"))
    return [
        f"{kind} {value!r}: " + ", ".join(where for _, where in sorted(entries))
        for (kind, value), entries in sorted(seen.items())
        if len({country for country, _ in entries}) > 1
    ]


def test_the_demo_register_has_no_body_under_two_countries():
    paths = sorted((settings.BASE_DIR / "fixtures" / "demo").glob("*.yaml"))
    assert paths
    assert duplicate_organisations(paths) == []


def _country_file(tmp_path, code, organisations):
    lines = [f"country: {code}", "organisations:"]
    for key, fields in organisations.items():
        lines.append(f"  {key}:")
        lines += [f"    {name}: {value}" for name, value in fields.items()]
    path = tmp_path / f"{code.lower()}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_european_network_entered_per_country_is_a_duplicate(tmp_path):
    network = {"name": "Euroguidance network", "type": "forum"}
    paths = [
        _country_file(tmp_path, "IT", {"euroguidance": network}),
        _country_file(tmp_path, "DE", {"eg": network}),
    ]
    assert duplicate_organisations(paths) == [
        "international body 'euroguidance network': "
        "de.yaml: organisations.eg, it.yaml: organisations.euroguidance"
    ]


def test_one_web_address_or_original_name_under_two_countries_is_a_duplicate(tmp_path):
    paths = [
        _country_file(
            tmp_path,
            "AL",
            {"eye": {"name": "EYE project", "type": "ngo", "url": "https://www.example.org/eye/"}},
        ),
        _country_file(
            tmp_path,
            "XK",
            {
                "eye-project": {
                    "name": "Enhancing Youth Employment",
                    "type": "ngo",
                    "url": "https://example.org/eye",
                    "original_name": "Nxitja e Punësimit të të Rinjve",
                },
            },
        ),
        _country_file(
            tmp_path,
            "MK",
            {
                "eye": {
                    "name": "EYE",
                    "type": "ngo",
                    "original_name": "Nxitja e punësimit të të rinjve",
                }
            },
        ),
    ]
    messages = duplicate_organisations(paths)
    assert len(messages) == 2
    assert messages[0].startswith("original name") and "mk.yaml" in messages[0]
    assert messages[1].startswith("web address 'example.org/eye'") and "al.yaml" in messages[1]


def test_different_national_bodies_of_the_same_english_name_are_not(tmp_path):
    forum = {"name": "National Guidance Forum", "type": "forum"}
    paths = [
        _country_file(tmp_path, "CZ", {"forum": forum}),
        _country_file(tmp_path, "IE", {"forum": forum}),
    ]
    assert duplicate_organisations(paths) == []
