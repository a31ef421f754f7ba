"""Reports: a country record, one section across countries, or a comparison, as PDF and DOCX.

`model` holds what a report says, built once (`build`) from the rows the matching page
reads; `pdf` and `docx_writer` write that one Report in their format, so both files say the
same thing (docs/decisions.md, "Reports").
"""
