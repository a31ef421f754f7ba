"""The API asks guidance/rules/permissions.py, like the admin: reads are narrowed by `visible`,
writes need a token (or session) of someone who may change the object's country."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from guidance.rules import permissions

PUBLISHED_MESSAGE = (
    "This is published: experts change published content in a revision, which they "
    "start in the editing interface (/admin/); readers keep this version until an editor "
    "publishes the change."
)


class InventoryPermission(BasePermission):
    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return permissions.can_view(request.user, obj)
        if permissions.can_change(request.user, obj):
            return True
        content = permissions.governing_content(obj)
        if content is not None and permissions.can_start_revision(request.user, content):
            self.message = PUBLISHED_MESSAGE
        return False
