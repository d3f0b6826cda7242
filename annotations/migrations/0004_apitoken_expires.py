"""``ApiToken.expires``: a personal API token stops working after ``settings.API_TOKEN_LIFETIME``
(``API_TOKEN_DAYS``, 90 days by default).

Tokens made before this migration are given the lifetime from now, not from when they were
made: no script stops working on the day of the upgrade, and every token expires in time.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def set_expiry(apps, schema_editor):
    ApiToken = apps.get_model("annotations", "ApiToken")
    ApiToken.objects.filter(expires__isnull=True).update(
        expires=timezone.now() + settings.API_TOKEN_LIFETIME
    )


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0003_tag_sort_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(set_expiry, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]
