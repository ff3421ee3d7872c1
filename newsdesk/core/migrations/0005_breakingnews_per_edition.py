"""A breaking-news banner per edition: the site's one banner becomes the default
edition's; the other editions get theirs, empty, when first looked for."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from wagtail.coreutils import get_supported_content_language_variant

import newsdesk.core.models


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return Locale.objects.get_or_create(language_code=code)[0]


def to_default_edition(apps, schema_editor):
    BreakingNews = apps.get_model("core", "BreakingNews")
    if BreakingNews.objects.exists():
        BreakingNews.objects.update(locale=default_locale(apps))


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_newsroomsettings_feeds"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="breakingnews",
            name="site",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
            ),
        ),
        migrations.AddField(
            model_name="breakingnews",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="edition",
            ),
        ),
        migrations.RunPython(to_default_edition, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="breakingnews",
            name="locale",
            field=models.ForeignKey(
                default=newsdesk.core.models.default_locale_pk,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="edition",
            ),
        ),
        migrations.AlterField(
            model_name="breakingnews",
            name="link",
            field=models.ForeignKey(
                blank=True,
                help_text="The story or live blog the banner points to, in the banner's edition.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.WAGTAIL_PAGE_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="breakingnews",
            constraint=models.UniqueConstraint(
                fields=("site", "locale"), name="core_breakingnews_per_edition"
            ),
        ),
    ]
