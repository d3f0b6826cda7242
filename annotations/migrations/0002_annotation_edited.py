"""``Annotation.edited``: when the author last changed an annotation.

Until now the page said "edited" whenever ``modified`` and ``created`` differed, but
``modified`` also moves when staff hide or show an annotation, when its author deletes it and
when re-anchoring moves or orphans it; which change came last is not recorded. The backfill
keeps the old display where the author's edit is the likely last change: an annotation
changed a second or more after it was made that is not hidden, deleted or orphaned gets
``edited = modified``. A hidden, deleted or orphaned one stays unedited (its ``modified`` is
most likely that change's, and an earlier edit's time is lost). One that staff showed again,
or that re-anchoring moved, cannot be told apart from an edited one and keeps "edited".
"""

from datetime import timedelta

from django.db import migrations, models
from django.db.models import F


def backfill_edited(apps, schema_editor):
    Annotation = apps.get_model("annotations", "Annotation")
    Annotation.objects.filter(
        edited__isnull=True,
        modified__gte=F("created") + timedelta(seconds=1),
        hidden_by_staff=False,
        deleted=False,
        orphaned=False,
    ).update(edited=F("modified"))


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="annotation",
            name="edited",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="edited"
            ),
        ),
        migrations.RunPython(backfill_edited, migrations.RunPython.noop, elidable=True),
    ]
