"""The information portal lets go of the wish model (now ``programs.Wish``, same table); its
questions point to it there."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_question_points_to_its_wish"),
        ("programs", "0018_wish"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="question",
                    name="wish",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="question",
                        to="programs.wish",
                        verbose_name="пожелание родителей",
                    ),
                ),
                migrations.DeleteModel(name="Wish"),
            ],
            database_operations=[],
        )
    ]
