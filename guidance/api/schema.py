"""OpenAPI details drf-spectacular cannot infer: optional auth on reads, every error answer."""

import copy

import django_filters
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, models
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import list_hash
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from guidance.api.brief import BriefRelatedField
from guidance.api.serializers import OptionalURLField, StrictCharField
from guidance.query.filters import SeveralChoicesFilter, SeveralModelsFilter
from guidance.reading import demo
from guidance.rules import permissions

ERROR_BODY = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "additionalProperties": True,
                "description": "`detail`, or a list of messages per parameter or field name.",
            }
        }
    }
}
# What Django's URLValidator accepts, narrowed to what a schema can say: http(s), a
# dotted host name, any path; or nothing.
WEB_ADDRESS = r"^(https?://([a-z0-9]+\.)+[a-z]{2,63}(/\S*)?)?$"
# What the models store (guidance/models/clean_text.py): a single-line field no control
# character nor line separator; a text no control character but tab and line breaks; and
# no blank text where a value is required.
LINE_CONTROLS = r"\u0000-\u001f\u007f-\u009f\u2028\u2029"
TEXT_CONTROLS = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
LINE = rf"^[^{LINE_CONTROLS}]*$"
SOME_LINE = rf"^[^{LINE_CONTROLS}]*[^\s{LINE_CONTROLS}][^{LINE_CONTROLS}]*$"
TEXT = rf"^[^{TEXT_CONTROLS}]*$"
SOME_TEXT = rf"^[^{TEXT_CONTROLS}]*[^\s{TEXT_CONTROLS}][^{TEXT_CONTROLS}]*$"
# A query parameter holds no control character but tab (guidance/rules/control_characters.py).
CONTROLS = r"\u0000-\u0008\u000a-\u001f\u007f-\u009f"
PARAMETER_TEXT = rf"^[^{CONTROLS}]*[^\s{CONTROLS}][^{CONTROLS}]*$"
READ_ERRORS = {
    "400": "A parameter is invalid or unknown: messages keyed by the parameter's name.",
    "401": "The token sent is invalid (reads need none).",
    "404": "Not found, not visible to you, or a page past the last one.",
    "429": "Too many requests: wait the seconds given in Retry-After.",
}
WRITE_ERRORS = {
    **READ_ERRORS,
    "400": "A field or parameter is invalid: messages keyed by its name.",
    "401": "Writing needs a token (Authorization: Token ...).",
    "403": "Your role or country does not allow this.",
    "409": "A stale version, or a workflow move not possible now: nothing was changed.",
}


def text_pattern(field):
    """The pattern of a text field: one line unless the model stores it in a TextField."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    try:
        multi_line = isinstance(model._meta.get_field(field.source), models.TextField)
    except (AttributeError, FieldDoesNotExist):
        multi_line = False
    if multi_line:
        return TEXT if field.allow_blank else SOME_TEXT
    return LINE if field.allow_blank else SOME_LINE


# The most ids a writable relation lists as its enum (see InventoryAutoSchema._list_ids).
ID_ENUM_LIMIT = 1000


class InventoryAutoSchema(AutoSchema):
    _direction = None

    def get_auth(self):
        """Reads need no token (anonymous clients see published content); writes do."""
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = READ_ERRORS if self.method in SAFE_METHODS else WRITE_ERRORS
        for code, description in errors.items():
            responses.setdefault(code, {"description": description, **ERROR_BODY})
        return responses

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """Writable references by code or slug list the values that exist now."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction != "request" or field.read_only:
            return schema
        if isinstance(field, serializers.URLField):
            schema["pattern"] = WEB_ADDRESS
        elif type(field) in (serializers.CharField, StrictCharField):
            schema["pattern"] = text_pattern(field)
        related = getattr(field, "child_relation", field)
        if isinstance(related, serializers.SlugRelatedField):
            values = values_schema(related.queryset, related.slug_field, several=False)
            target = schema.get("items", schema)
            target.update(values)
        elif isinstance(related, BriefRelatedField) and related is not field:
            self._list_ids(schema, field, related)
        return schema

    def _list_ids(self, schema, field, related):
        """The ids a writer may send are those the schema's reader sees, as for codes.

        Up to ID_ENUM_LIMIT of them: past that the schema, built per request, would grow
        with the inventory (thousands of sources), and an integer is all it says.

        Their enum is named after the field: providers and responsible_organisations list
        the same organisations, yet one is not the other.
        """
        user = getattr(getattr(self.view, "request", None), "user", None) or AnonymousUser()
        visible = permissions.visible(related.queryset, user)
        if _more_than(visible, ID_ENUM_LIMIT):
            schema["items"]["type"] = "integer"
            return
        values = values_schema(visible, "pk", several=True)
        schema["items"].update(values["items"], type="integer")
        if "enum" in values["items"]:
            schema["items"]["x-spec-enum-id"] = list_hash(
                [(field.field_name, value) for value in values["items"]["enum"]]
            )
        if "maxItems" in values:
            schema["maxItems"] = 0

    def _map_basic_serializer(self, serializer, direction):
        self._direction = direction
        return super()._map_basic_serializer(serializer, direction)

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        if isinstance(field, OptionalURLField) and self._direction == "response":
            shown_address_or_null(schema)

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None or not self._is_list_view():
            return parameters
        for parameter in parameters:
            found = filterset_class.base_filters.get(parameter["name"])
            if found is not None:
                describe_filter(parameter, found)
        return parameters

    def _get_pagination_parameters(self):
        parameters = super()._get_pagination_parameters()
        for parameter in parameters:
            if parameter["name"] == "page":
                parameter["schema"] = {"type": "integer", "minimum": 1}
            if parameter["name"] == "page_size":
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": settings.API_MAX_PAGE_SIZE,
                }
        return parameters


def shown_address_or_null(schema):
    """A read shows an address or null, never "": the "" branch of a writable field goes."""
    branches = schema.pop("oneOf", None)
    if branches:
        schema.update(next(branch for branch in branches if "format" in branch))
    schema["nullable"] = True


def describe_filter(parameter, found):
    _describe_values(parameter, found)
    schema = parameter.get("schema", {})
    if schema.get("type") == "array" and schema.get("maxItems") != 0:
        schema["minItems"] = 1


def _describe_values(parameter, found):
    """Tell clients the values a filter accepts, so that the schema and the 400s agree.

    Codes, slugs and years that name rows are listed as they stand when the schema is
    generated: a value outside the list is answered 400 naming the parameter.
    """
    several = isinstance(found, (SeveralModelsFilter, SeveralChoicesFilter))
    if several:
        parameter["description"] = (
            f"{parameter.get('description', '')} Several values: repeat the parameter "
            "or separate them with commas (IT,DE)."
        ).strip()
    if isinstance(found, django_filters.ModelChoiceFilter | SeveralModelsFilter):
        parameter["schema"] = values_schema(found.queryset, found.extra["to_field_name"], several)
    elif isinstance(found, django_filters.CharFilter):
        parameter["schema"] = {
            "type": "string",
            "pattern": PARAMETER_TEXT,
            "maxLength": found.extra.get("max_length", 200),
        }
    elif isinstance(found, django_filters.NumberFilter):
        bounds = {
            key: found.extra[name]
            for key, name in (("minimum", "min_value"), ("maximum", "max_value"))
            if name in found.extra
        }
        parameter["schema"] = {"type": "integer", **bounds}


def _more_than(queryset, limit):
    try:
        return queryset[: limit + 1].count() > limit
    except DatabaseError:  # generating the schema without a database, e.g. at build time
        return False


def values_schema(queryset, field, several):
    """The codes, slugs or years that exist now, as an enum (an empty list if none do)."""
    try:
        values = list(queryset.order_by(field).values_list(field, flat=True))
    except DatabaseError:  # generating the schema without a database, e.g. at build time
        values = []
    item = {"type": "integer" if values and isinstance(values[0], int) else "string"}
    if values:
        item["enum"] = values
    if several:
        return {"type": "array", "items": item, **({} if values else {"maxItems": 0})}
    return item


class BriefRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A brief object when read (guidance/api/brief.py), an id when written."""

    target_class = BriefRelatedField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {"type": "integer", "description": "The id of the related object."}
        field = self.target
        properties = {
            "id": {"type": "integer", "readOnly": True},
            "url": {"type": "string", "format": "uri", "readOnly": True},
            "display": {"type": "string", "readOnly": True},
        }
        if field.link:
            properties["link"] = {
                "type": "string",
                "format": "uri",
                "nullable": True,
                "readOnly": True,
                "description": "Where the document is published, if known.",
            }
        return {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "description": "A related object in brief: its id, its API address and its name.",
        }


def mark_demo_content(result, generator, request, public):
    """Postprocessing hook: the description opens with the demo notice while the site holds demo content."""
    if demo.is_demo():
        info = result.setdefault("info", {})
        info["description"] = (
            f"**Demo content.** {demo.NOTICE} Every response carries the header "
            f"`{demo.HEADER}: true`.\n\n" + info.get("description", "")
        )
    return result


def require_version_to_change(result, generator, request, public):
    """Postprocessing hook: a PUT or PATCH body must carry `version` (optimistic concurrency).

    One serializer serves create and change, and only a change needs the version it started
    from (guidance/api/serializers.py `ValidatedModelSerializer.validate`), so the schema
    drf-spectacular infers calls it optional everywhere. A PATCH body has its own component
    (`Patched...Request`); a PUT body shares its component with POST, so it gets a copy,
    `...UpdateRequest`, that requires `version`.
    """
    components = result.get("components", {}).get("schemas", {})
    for operations in result.get("paths", {}).values():
        for method in ("put", "patch"):
            body = operations.get(method, {}).get("requestBody", {})
            for media in body.get("content", {}).values():
                name = media.get("schema", {}).get("$ref", "").rpartition("/")[2]
                if "version" not in components.get(name, {}).get("properties", {}):
                    continue
                if method == "put":
                    update = name.removesuffix("Request") + "UpdateRequest"
                    components.setdefault(update, copy.deepcopy(components[name]))
                    media["schema"] = {"$ref": f"#/components/schemas/{update}"}
                    name = update
                required = components[name].setdefault("required", [])
                if "version" not in required:
                    required.append("version")
    return result
