"""Template helpers of the record page (guidance/admin/record_page.py)."""

from django import template

register = template.Library()


@register.filter
def in_section_order(inline_admin_formset):
    """The inline's forms in section order, written and empty boxes interleaved."""
    return inline_admin_formset.formset.boxes_in_order(inline_admin_formset)
