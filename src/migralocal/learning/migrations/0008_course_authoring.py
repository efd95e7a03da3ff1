from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0006_community_joining_and_profile_offers"),
    ]

    operations = [
        migrations.AddField(
            model_name="course",
            name="version",
            field=models.PositiveIntegerField(default=0, verbose_name="version"),
        ),
    ]
