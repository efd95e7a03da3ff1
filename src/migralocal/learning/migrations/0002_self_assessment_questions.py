from django.db import migrations

from migralocal.learning.self_assessment_loader import load_self_assessment_questions


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial"), ("core", "0002_taxonomies")]

    operations = [migrations.RunPython(load_self_assessment_questions, migrations.RunPython.noop)]
