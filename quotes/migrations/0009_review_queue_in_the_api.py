from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import migrations, models


def version_field():
    return models.CharField(
        blank=True,
        help_text="The extractor that proposed the quote ('rules-1.8'); empty if entered by hand.",
        max_length=40,
    )


def confidence_field():
    return models.FloatField(
        blank=True,
        help_text="How sure the extractor was, from 0 to 1; null if entered by hand.",
        null=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )


class Migration(migrations.Migration):
    dependencies = [("quotes", "0008_admin_list_indexes")]

    operations = [
        *(
            migrations.AlterField(model_name=model, name=name, field=new_field())
            for model in ("quote", "historicalquote")
            for name, new_field in (
                ("extractor_version", version_field),
                ("extraction_confidence", confidence_field),
            )
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                models.F("extraction_confidence").desc(nulls_last=True),
                models.F("id").desc(),
                condition=models.Q(status="draft"),
                name="quote_review_confident_first",
            ),
        ),
        migrations.AddConstraint(
            model_name="quote",
            constraint=models.CheckConstraint(
                condition=models.Q(extraction_confidence__isnull=True)
                | models.Q(extraction_confidence__gte=0, extraction_confidence__lte=1),
                name="quote_confidence_in_range",
                violation_error_message="A confidence is a number from 0 to 1.",
            ),
        ),
    ]
