"""Permissions beyond Django's model permissions (which guard every plain write)."""

from rest_framework.permissions import BasePermission


class HasPermissions(BasePermission):
    """The user holds every one of ``required`` (Django permission names)."""

    required: tuple[str, ...] = ()

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(self.required))


class CanMergePeople(HasPermissions):
    required = ("actors.change_person", "actors.delete_person")


class CanReviewQuotes(HasPermissions):
    required = ("quotes.verify_quote",)
