from django.db import migrations

from migralocal.core.country_loader import load_countries


class Migration(migrations.Migration):
    dependencies = [("core", "0006_free_text_maximum_lengths")]

    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
