from django import template

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
