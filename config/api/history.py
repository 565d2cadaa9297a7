"""``{resource}/{id}/history/``: who changed what, and when (django-simple-history records)."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}
HISTORY_LIMIT = 500


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="history_id")
    date = serializers.DateTimeField(source="history_date")
    type = serializers.SerializerMethodField()
    user = serializers.SerializerMethodField(
        help_text="Who made the change, shown to staff and to the user who made it; "
        "otherwise null, as for imports."
    )
    reason = serializers.CharField(source="history_change_reason", allow_null=True)
    changes = serializers.SerializerMethodField(
        help_text="What this change set, each field with its value before and after "
        "(empty for the first entry)."
    )

    def get_type(self, record) -> str:
        return HISTORY_TYPES[record.history_type]

    def get_user(self, record) -> str | None:
        reader = self.context["request"].user
        if record.history_user is None or not (
            reader.is_staff or record.history_user_id == reader.pk
        ):
            return None
        return record.history_user.get_username()

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, record):
        return record.changes


def _plain(value):
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


def with_changes(records: list) -> list:
    """Each record (newest first) gets ``changes``: its difference from the one before it."""
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        delta = [] if previous is None else record.diff_against(previous).changes
        record.changes = [
            {"field": change.field, "old": _plain(change.old), "new": _plain(change.new)}
            for change in delta
        ]
    return records


class HistoryMixin:
    """Adds ``GET {detail}/history/``, newest change first, for a model with ``history``."""

    @extend_schema(
        summary="Its change history, newest first",
        description=f"Who changed what, and when; the latest {HISTORY_LIMIT} changes.",
        responses=HistoryEntrySerializer(many=True),
        filters=False,
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def history(self, request, *args, **kwargs):
        instance = self.get_object()
        records = instance.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )
        # One more than shown, so the oldest shown entry still gets its changes.
        entries = with_changes(list(records[: HISTORY_LIMIT + 1]))[:HISTORY_LIMIT]
        serializer = HistoryEntrySerializer(
            entries, many=True, context=self.get_serializer_context()
        )
        return Response(serializer.data)
