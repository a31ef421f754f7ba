from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guidance.reading import content_language, demo, designations, language
from guidance.reading.browse import highlight
from guidance.reading.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.filter(name="highlight")
def highlight_filter(text, words):
    """`text` escaped, with the searched `words` marked."""
    return highlight(text, words)


@register.simple_tag(takes_context=True)
def designation_mark(context, country, plain=False):
    """After Kosovo's name, an asterisk leading to its designation footnote; else nothing.

    Put it after the name's link, not inside it (a link in a link is not allowed).
    `plain=True` gives the bare asterisk (for a <title> or an <option>). Either way the
    page's footer then prints the footnote (templates/includes/footnotes.html)."""
    if getattr(country, "code", None) != designations.KOSOVO:
        return ""
    footnotes = context.get("page_footnotes")
    if footnotes is not None:
        footnotes.add(designations.KOSOVO)
    if plain:
        return "*"
    return format_html(
        '<sup class="designation-mark"><a href="#footnote-xk">*<span class="visually-hidden">'
        " {}</span></a></sup>",
        _("(see the footnote on the designation)"),
    )


@register.simple_tag(takes_context=True)
def note_designations(context, countries):
    """Print nothing, but have the page's footer print the designation footnote if Kosovo is
    among `countries`: for a cached part (guidance/views/fragments.py) that marks their
    names, rendered apart from the page whose footnotes it cannot reach."""
    footnotes = context.get("page_footnotes")
    if footnotes is not None and any(
        getattr(country, "code", None) == designations.KOSOVO for country in countries
    ):
        footnotes.add(designations.KOSOVO)
    return ""


@register.simple_tag
def kosovo_designation():
    return designations.KOSOVO_DESIGNATION


@register.simple_tag
def demo_site():
    """Whether the site holds demo content (settings.INVENTORY_DEMO_CONTENT), for any template."""
    return demo.is_demo()


@register.simple_tag
def site_url(name):
    """`{% url name %}` for a page without arguments, reversed once per process.

    base.html links the same twenty pages from every page; reversing them on every
    request was a fifth of its rendering (make bench profile). The language is part of the
    memo's key: /fr/ pages link /fr/ pages.
    """
    return _reversed(name, get_script_prefix(), get_urlconf(), get_language())


@lru_cache(maxsize=256)
def _reversed(name, prefix, urlconf, language):
    return reverse(name, urlconf=urlconf)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The page being read in each interface language (guidance/reading/language.py), with
    absolute addresses for the hreflang links; none for a template rendered without a request."""
    request = context.get("request")
    if request is None:
        return []
    links = language.language_links(request)
    for link in links:
        link["absolute_url"] = request.build_absolute_uri(link["url"])
    return links


@register.simple_tag
def content_lang():
    """` lang="en"` for an element holding content (written in English) on a page in another
    language; nothing on an English page (guidance/reading/content_language.py)."""
    if not content_language.content_lang_needed():
        return ""
    return format_html(' lang="{}"', content_language.CONTENT_LANGUAGE)


@register.filter
def content_block(html):
    """Content's rendered HTML, inside a <div lang="en"> on a page in another language."""
    if not html or not content_language.content_lang_needed():
        return mark_safe(html)
    return format_html(
        '<div lang="{}">{}</div>', content_language.CONTENT_LANGUAGE, mark_safe(html)
    )


@register.simple_tag
def original_lang(country):
    """` lang="xx"` for an original name of `country`'s, where its language is unambiguous."""
    code = content_language.original_name_language(country)
    return format_html(' lang="{}"', code) if code else ""
