"""The language content is written in, for the `lang` attributes of pages in other languages.

The interface comes in six languages (README "Languages"), the content does not: record
texts, policy and initiative titles and summaries, organisation and section descriptions are
written in English and stay so on /fr/ or /de/ pages, where they are marked lang="en" so
that a screen reader speaks them as English and a browser offers to translate them.

Original names (an organisation's original name, a policy's or initiative's original title)
are in the language of their country. `ORIGINAL_NAME_LANGUAGES` maps a country's code to that
language only where one language is unambiguous for the names of its national bodies and
programmes; states with several official languages at national level (Belgium as a whole,
Switzerland, Luxembourg, Finland, Ireland, Malta, Cyprus, Bosnia and Herzegovina, Kosovo)
and Montenegro, whose names may be written as Montenegrin or Serbian, have none: their
original names carry no lang attribute rather than a wrong one. Belgium (Flanders) has its
own record, written in Dutch. Spain maps to Spanish: its national bodies' names are Spanish
even where a region's co-official language is used for regional ones.
"""

from django.utils import translation

CONTENT_LANGUAGE = "en"

ORIGINAL_NAME_LANGUAGES = {
    "AL": "sq",
    "AT": "de",
    "BE-FL": "nl",
    "BG": "bg",
    "CZ": "cs",
    "DE": "de",
    "DK": "da",
    "EE": "et",
    "ES": "es",
    "FR": "fr",
    "GE": "ka",
    "GR": "el",
    "HR": "hr",
    "HU": "hu",
    "IS": "is",
    "IT": "it",
    "LI": "de",
    "LT": "lt",
    "LV": "lv",
    "MD": "ro",
    "MK": "mk",
    "NL": "nl",
    "NO": "no",
    "PL": "pl",
    "PT": "pt",
    "RO": "ro",
    "RS": "sr",
    "SE": "sv",
    "SI": "sl",
    "SK": "sk",
    "TR": "tr",
    "UA": "uk",
}


def content_lang_needed():
    """Whether the page is read in another language than the content's, so it must say so."""
    return translation.get_language() != CONTENT_LANGUAGE


def original_name_language(country):
    """The language of `country`'s original names, or None where it is not unambiguous."""
    return ORIGINAL_NAME_LANGUAGES.get(getattr(country, "code", None))
