from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with the newsroom's front page."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("news.HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="news")
    root = Page.objects.get(depth=1)
    homepage = HomePage.objects.create(
        title="Front page",
        draft_title="Front page",
        slug="home",
        content_type=content_type,
        locale=Locale.objects.order_by("pk").first(),
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        has_unpublished_changes=False,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": homepage, "site_name": "The Newsdesk"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("news.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
