"""Names the EU writes with a footnote: Kosovo, wherever a list or a map legend names it."""

from django.utils.translation import gettext_lazy as _

KOSOVO = "XK"
# Domain README, section D: the EU designation footnote, as printed in the ETF paper cited there.
KOSOVO_DESIGNATION = _(
    "This designation is without prejudice to positions on status, and is in line with "
    "UNSC 1244 and the ICJ Opinion on the Kosovo Declaration of Independence."
)
