from django.db import models


class QuoteKind(models.TextChoices):
    DIRECT = "direct", "Direct quote"
    PARAPHRASE = "paraphrase", "Paraphrase / indirect speech"
    CLAIM = "claim", "Attributed claim"


class Channel(models.TextChoices):
    STATEMENT = "statement", "Statement"
    INTERVIEW = "interview", "Interview"
    TEXT_MESSAGE = "text_message", "Text message"
    PRESS_CONFERENCE = "press_conference", "Press conference"
    SPEECH = "speech", "Speech"
    SOCIAL_MEDIA = "social_media", "Social media post"
    DOCUMENT = "document", "Document"
    OTHER = "other", "Other / not stated"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    VERIFIED = "verified", "Verified"
    RETRACTED = "retracted", "Retracted"


class Problem(models.TextChoices):
    """What a reader reports as wrong with a published quote."""

    WRONG_SPEAKER = "wrong_speaker", "Wrong speaker"
    WRONG_WORDS = "wrong_words", "Wrong words"
    WRONG_DATE = "wrong_date", "Wrong date"
    OTHER = "other", "Something else"
