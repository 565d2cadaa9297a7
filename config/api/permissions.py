"""Who may do what: Django's model permissions guard every plain write; reads are public."""

from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    DjangoModelPermissionsOrAnonReadOnly,
)


class ModelPermissionsOrAnonReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads; a write needs the model permission (``quotes.change_quote``, ...).

    DRF's class builds the view's queryset on every request to learn its model, although a
    read needs no permission whatever the model.
    """

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)


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
