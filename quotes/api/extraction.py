"""POST /api/v1/extract/: run the rule-based extractor on a text and return its candidates.

Nothing is stored. Speakers and organizations are resolved against the database (people,
organizations and their aliases), so ``person`` and ``organization`` are primary keys, and a
named speaker's ``role`` is the affiliation a draft quote of the candidate would get.

Extraction is CPU work in the web worker, so it is bounded: editors only (``add_quote``), at
most ``MAX_TEXT_LENGTH`` characters (413 beyond), ``THROTTLE_EXTRACT`` requests per user, and
``EXTRACT_CONCURRENCY`` extractions at once across all workers (503 with ``Retry-After``
beyond). A longer article is stored first (``POST /articles/``, ``import_articles``) and
proposed from in the admin ("Propose draft quotes").
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from config.api.errors import ErrorSerializer, RequestTooLarge, ValidationErrorSerializer
from config.api.permissions import HasPermissions
from config.api.serializers import StrictInputMixin
from config.api.throttling import ExtractionRateThrottle
from quotes.api.serializers import RoleSerializer
from quotes.choices import Channel, QuoteKind
from quotes.extraction import EXTRACTOR_VERSION, extract
from quotes.proposals import build_gazetteer, extraction_slots, gazetteer_pk, roles_when_said

# Extraction runs in the web worker: the bound keeps a text built to be slow (hundreds of
# parenthesised quotations) from holding it for long.
MAX_TEXT_LENGTH = 10_000
TOO_LONG = (
    "The text has {length:,} characters; /extract/ takes at most {limit:,}. Store a longer "
    "article (POST /articles/ or import_articles) and propose its quotes in the admin."
)


class CanAddQuotes(HasPermissions):
    required = ("quotes.add_quote",)


class ExtractRequestSerializer(StrictInputMixin, serializers.Serializer):
    text = serializers.CharField(
        trim_whitespace=False,
        help_text=f"The article body (at most {MAX_TEXT_LENGTH:,} characters; longer: 413).",
    )

    def validate_text(self, text):
        if len(text) > MAX_TEXT_LENGTH:
            raise RequestTooLarge(TOO_LONG.format(length=len(text), limit=MAX_TEXT_LENGTH))
        return text

    article_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Publication date; relative dates ('on Tuesday') resolve against it.",
    )


class CandidateRoleSerializer(RoleSerializer):
    class Meta(RoleSerializer.Meta):
        fields = ["id", *RoleSerializer.Meta.fields]


class CandidateSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The content, exactly as in the input text.")
    start = serializers.IntegerField(help_text="Offset of the content in the input text.")
    end = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=QuoteKind.choices)
    source_text = serializers.CharField(help_text="The source as worded ('a Hamas official').")
    source_start = serializers.IntegerField()
    source_end = serializers.IntegerField()
    cue = serializers.CharField(help_text="The cue: 'said', 'according to', ...")
    cue_start = serializers.IntegerField()
    cue_end = serializers.IntegerField()
    person = serializers.IntegerField(
        allow_null=True, help_text="The speaker's Person id, when recognised."
    )
    organization = serializers.IntegerField(
        allow_null=True, help_text="The Organization id of the source, when recognised."
    )
    role = CandidateRoleSerializer(
        allow_null=True,
        help_text="The speaker's role on `said_on` (else on `article_date`): its `id` is what "
        "a quote's `role` takes.",
    )
    is_anonymous = serializers.BooleanField()
    said_on = serializers.DateField(allow_null=True)
    channel = serializers.ChoiceField(choices=[("", "Not stated"), *Channel.choices])
    confidence = serializers.FloatField(min_value=0.0, max_value=1.0)


class ExtractResponseSerializer(serializers.Serializer):
    extractor_version = serializers.CharField()
    candidates = CandidateSerializer(many=True)


class ExtractView(APIView):
    """Propose attributions for a text without storing anything (editors only)."""

    permission_classes = [CanAddQuotes]
    throttle_classes = [*api_settings.DEFAULT_THROTTLE_CLASSES, ExtractionRateThrottle]
    serializer_class = ExtractRequestSerializer

    @extend_schema(
        operation_id="extract_attributions",
        summary="Extract quotes and attributions from a text",
        description=(
            "Runs the rule-based extractor: direct quotes, reported speech and 'according to' "
            "claims, each with its source, cue, date and channel. Nothing is stored. "
            f"Needs the add_quote permission; the text has at most {MAX_TEXT_LENGTH:,} "
            "characters (413 beyond); a few extractions run at once across the service (503 "
            "with `Retry-After` beyond), and each user has a rate limit (429)."
        ),
        request=ExtractRequestSerializer,
        responses={
            200: ExtractResponseSerializer,
            400: ValidationErrorSerializer,
            403: ErrorSerializer,
            413: ErrorSerializer,
            503: ErrorSerializer,
        },
        examples=[
            OpenApiExample(
                "A direct quote",
                value={
                    "text": "“We are ready,” the minister said on Tuesday.",
                    "article_date": "2023-12-20",
                },
                request_only=True,
            )
        ],
        tags=["extraction"],
    )
    def post(self, request: Request) -> Response:
        incoming = ExtractRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        text = incoming.validated_data["text"]
        article_date = incoming.validated_data.get("article_date")
        with extraction_slots().take():
            candidates = extract(text, article_date, build_gazetteer())
        roles = roles_when_said(candidates, article_date)
        payload = {
            "extractor_version": EXTRACTOR_VERSION,
            "candidates": [
                {
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "kind": c.kind,
                    "source_text": c.source_text,
                    "source_start": c.source_start,
                    "source_end": c.source_end,
                    "cue": c.cue,
                    "cue_start": c.cue_start,
                    "cue_end": c.cue_end,
                    "person": gazetteer_pk(c.person_key),
                    "organization": gazetteer_pk(c.organization_key),
                    "role": role,
                    "is_anonymous": c.is_anonymous,
                    "said_on": c.said_on,
                    "channel": c.channel,
                    "confidence": c.confidence,
                }
                for c, role in zip(candidates, roles, strict=True)
            ],
        }
        return Response(ExtractResponseSerializer(payload).data, status=status.HTTP_200_OK)


__all__ = ["MAX_TEXT_LENGTH", "ExtractView"]
