from django.db import migrations

from migralocal.core.taxonomy_loader import load_taxonomies


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomies, migrations.RunPython.noop)]
