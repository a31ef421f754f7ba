"""The query parameters of the public pages, held to the API's rules (README "Filters").

A page names the parameters it reads. Any other name, a parameter given twice that takes
one value, or a value that names nothing is a 400 with a message per parameter: on the
page itself, beside the form that corrects it, or on the 400 page for a download. Unlike
the API, a blank value means "any": the pages' own forms send one for an empty select or
search box. A page number that is not a whole number is a 400; one below the first page
or past the last is a 404, as in the API.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render

from guidance.query.grid_query import read_year
from guidance.query.params import NOT_A_WHOLE_NUMBER, whole_number
from guidance.query.validation import repeated_params, unknown_params


def param_errors(params, known, several=()):
    """A message per parameter the page does not read, or gives twice though it takes one."""
    errors = repeated_params(params, several)
    errors.update(unknown_params(params, known))
    return errors


def collection_year(params, years, default):
    """(year, errors) of a page whose one parameter is `collection`; a bad one shows `default`."""
    errors = param_errors(params, {"collection"})
    year, message = read_year(params, years, default)
    if message:
        errors.setdefault("collection", []).append(message)
    return year, errors


def page_number(params):
    """(the `page` asked for, errors); no page or a blank one is the first."""
    raw = params.get("page", "")
    if raw == "":
        return 1, {}
    number = whole_number(raw)
    if number is None:
        return None, {"page": [NOT_A_WHOLE_NUMBER]}
    return number, {}


def page_or_404(rows, per_page, number):
    try:
        return Paginator(rows, per_page).page(number)
    except InvalidPage as error:
        raise Http404("There is no such page of results.") from error


def bad_request(request, errors):
    """The friendly 400 page, naming each parameter that is wrong and why."""
    return render(request, "400.html", {"errors": errors}, status=400)
