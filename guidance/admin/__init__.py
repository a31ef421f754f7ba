"""The experts' and editors' editing interface (Django admin).

base.py holds the scoping every country-bound page inherits; records.py, content.py and
structure.py register the models; workflow.py adds review buttons and actions; comments.py
registers review comments and shows their threads beside what they are about.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from guidance.admin import comments, content, records, structure

admin.site.site_header = _("Lifelong Guidance Inventory: editing")
admin.site.site_title = _("Lifelong Guidance Inventory")
admin.site.index_title = _("Records, policies and initiatives")

__all__ = ["comments", "content", "records", "structure"]
