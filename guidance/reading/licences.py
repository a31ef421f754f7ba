"""The licences of the inventory's content and of its code (docs/decisions.md, "Licences").

Named once here, so the licence page, the API description, the downloads and the
citations all say the same thing.
"""

CONTENT_LICENCE = "CC BY 4.0"
CONTENT_LICENCE_NAME = "Creative Commons Attribution 4.0 International"
CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENCE = "EUPL-1.2"
CODE_LICENCE_NAME = "European Union Public Licence 1.2"
CODE_LICENCE_URL = "https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12"


def rights_statement():
    """One line for a file or a citation: what may be reused, on which terms."""
    return (
        f"Content: {CONTENT_LICENCE} ({CONTENT_LICENCE_URL}); cited sources keep their "
        f"publishers' terms. Code: {CODE_LICENCE}."
    )
