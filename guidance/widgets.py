"""Form widgets of the editing interface."""

from django import forms
from django.urls import reverse_lazy


class MarkdownTextarea(forms.Textarea):
    """A textarea for Markdown with a one-click preview (static JS; plain textarea without it).

    The preview is rendered on the server by guidance/reading/markdown.py, exactly as readers see it.
    """

    template_name = "guidance/widgets/markdown_textarea.html"

    class Media:
        js = ["guidance/js/markdown_preview.js"]

    def __init__(self, attrs=None):
        super().__init__({"rows": 12, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = reverse_lazy("admin:guidance_markdown_preview")
        return context
