from django.db import migrations

AUDIENCES = [
    ("practitioners", "Practitioners"),
    ("managers", "Managers"),
    ("unpaid-carers", "Unpaid carers"),
    ("young-carers", "Young carers"),
    ("people-using-support", "People using support"),
    ("educators", "Educators"),
]

SECTORS = [
    ("health", "Health"),
    ("social-care", "Social care"),
    ("housing", "Housing"),
    ("third-sector", "Third and independent sector"),
    ("education", "Education"),
    ("wider-public-services", "Wider public services"),
]


def add_terms(apps, schema_editor):
    for model_name, terms in (("Audience", AUDIENCES), ("Sector", SECTORS)):
        model = apps.get_model("resources", model_name)
        for order, (slug, name) in enumerate(terms):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
