"""The experts' and editors' editing interface (Django admin).

base.py holds the scoping every country-bound page inherits; records.py, content.py and
structure.py register the models; workflow.py adds review buttons and actions; comments.py
registers review comments and shows their threads beside what they are about. The site
itself (the workspace home page, models grouped as Content and Structure) is
guidance/admin_site.py.
"""

from guidance.admin import comments, content, people, records, releases, structure

__all__ = ["comments", "content", "people", "records", "releases", "structure"]
