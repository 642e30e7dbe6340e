"""Members-only stories moved under one restricted page (0004) without redirects, so their old
links answered 404. Every page whose saved revisions knew it at another address gets a redirect
from there; a site that already ran 0004 gets them now too."""

from django.db import migrations

from network_site.core.page_moves import leave_redirects_for_moved_pages


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0007_sectors_from_core"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(leave_redirects_for_moved_pages, migrations.RunPython.noop),
    ]
