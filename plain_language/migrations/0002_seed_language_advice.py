"""The first language advice list (plain_language/seed.py), added once; editors keep it after."""

from django.db import migrations


def add_first_advice(apps, schema_editor):
    from plain_language.seed import FIRST_ADVICE

    language_advice = apps.get_model("plain_language", "LanguageAdvice")
    for phrase, kind, suggestion, why in FIRST_ADVICE:
        language_advice.objects.get_or_create(
            phrase=phrase, defaults={"kind": kind, "suggestion": suggestion, "why": why}
        )


class Migration(migrations.Migration):
    dependencies = [("plain_language", "0001_initial")]

    operations = [migrations.RunPython(add_first_advice, migrations.RunPython.noop)]
