"""Offline editing in Word: a record's draft as a DOCX file, and that file read back.

template.py writes the file (one heading per section, its Markdown as plain paragraphs,
the previous collection's text and the sources as grey reference blocks); layout.py holds
what both sides agree on (the styles, the map of sections stored in the file); upload.py
reads an uploaded file back into proposed section texts, refusing anything it cannot
trust; saving.py saves the sections an expert accepts, through the admin's own form.
The admin pages are guidance/admin/word.py.
"""
