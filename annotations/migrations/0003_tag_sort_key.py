"""``Tag.sort_key``: tags listed in a reader's order, not by code point (``annotations/text.py``).

The key is computed in Python (``reading_key``), so every existing tag gets it here; a later
change of ``reading_key`` needs a migration like this one that sets it again.
"""

from django.db import migrations, models

from annotations.text import reading_key


def set_sort_keys(apps, schema_editor):
    Tag = apps.get_model("annotations", "Tag")
    tags = list(Tag.objects.only("pk", "name"))
    for tag in tags:
        tag.sort_key = reading_key(tag.name)
    Tag.objects.bulk_update(tags, ["sort_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0002_annotation_edited"),
    ]

    operations = [
        migrations.AddField(
            model_name="tag",
            name="sort_key",
            field=models.TextField(default="", editable=False, verbose_name="sort key"),
            preserve_default=False,
        ),
        migrations.RunPython(set_sort_keys, migrations.RunPython.noop, elidable=True),
        migrations.AlterModelOptions(
            name="tag",
            options={
                "ordering": ["sort_key", "name"],
                "verbose_name": "tag",
                "verbose_name_plural": "tags",
            },
        ),
        migrations.AlterModelOptions(
            name="articletag",
            options={
                "ordering": ["tag__sort_key", "tag__name"],
                "verbose_name": "article tag",
                "verbose_name_plural": "article tags",
            },
        ),
    ]
