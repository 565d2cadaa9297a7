from django.db import migrations, models

DRAFTS = models.Q(("status", "draft"))


class Migration(migrations.Migration):
    dependencies = [("quotes", "0007_search_joins_hyphenated_words")]

    operations = [
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                condition=DRAFTS, fields=["extraction_confidence", "-id"], name="quote_review_queue"
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                condition=DRAFTS,
                fields=["-extraction_confidence", "-id"],
                name="quote_review_queue_desc",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["language"], name="article_language"),
        ),
    ]
