"""The tags base.html builds its Open Graph and Twitter card from (a link's preview when
a page is shared): absolute addresses, and the page's own title and description again.
"""

import html

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.templatetags.static import static
from django.utils.html import strip_tags

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """What `{% block name %}` renders on this page, once more: the preview repeats the
    <title> and the description without every page defining them twice.

    The rendered HTML is turned back into plain text, which the tag escapes again, so a
    quote in a title cannot end the attribute it is put in. Rendering the block node
    through the BlockContext gives the most derived override (with its `block.super`),
    as `{% block %}` itself does.
    """
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    node = blocks and blocks.get_block(name)
    if not node:
        return ""
    text = html.unescape(strip_tags(node.render(context)))
    return " ".join(text.split())  # plain text, escaped again by the tag for an attribute


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """`path` (by default, this page's path and query) as an absolute address, on the
    host the request came to, as citations' permanent links are (ALLOWED_HOSTS checks
    it, and the page cache keys pages by it). SITE_URL is not used: it defaults to a
    development address for e-mail and need not be set where no mail is sent.
    """
    request = context.get("request")
    if request is None:  # a page rendered without one (500.html): a relative address
        return path or "/"
    return request.build_absolute_uri(request.get_full_path() if path is None else path)


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    """The absolute address of a static file (an og:image must be absolute)."""
    return absolute_url(context, static(path))
