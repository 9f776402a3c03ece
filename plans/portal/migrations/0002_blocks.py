"""The four thematic blocks of the portal, as seed 003 (item 9) names them."""

from django.db import migrations


def create(apps, schema_editor):
    from plans.portal.services import blocks_ensure

    blocks_ensure(apps.get_model("portal", "Block"))


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
