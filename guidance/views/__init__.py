"""Public pages, one module per page family. Every query of publishable content goes
through permissions.visible."""
