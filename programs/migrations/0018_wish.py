"""Parents' wishes join the territory (``programs.territory.models.Wish``). Only Django's
idea of whose model it is changes: the table ``portal_wish`` and its rows stay as they are."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0017_search_indexes_without_pending_list"),
        ("portal", "0006_question_points_to_its_wish"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Wish",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "age",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(
                                        5, "Укажите возраст от 5 до 17 лет."
                                    ),
                                    django.core.validators.MaxValueValidator(
                                        17, "Укажите возраст от 5 до 17 лет."
                                    ),
                                ],
                                verbose_name="возраст ребёнка, лет",
                            ),
                        ),
                        (
                            "focus",
                            models.CharField(
                                choices=[
                                    ("technical", "Техническая"),
                                    ("natural_science", "Естественнонаучная"),
                                    ("sport", "Физкультурно-спортивная"),
                                    ("arts", "Художественная"),
                                    ("tourism", "Туристско-краеведческая"),
                                    ("social", "Социально-гуманитарная"),
                                ],
                                max_length=20,
                                verbose_name="направленность",
                            ),
                        ),
                        (
                            "text",
                            models.TextField(
                                blank=True, max_length=1000, verbose_name="какой кружок нужен"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="получено"
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="programs.municipality",
                                verbose_name="муниципалитет",
                            ),
                        ),
                        (
                            "settlement",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="wishes",
                                to="programs.settlement",
                                verbose_name="населённый пункт",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "пожелание родителей",
                        "verbose_name_plural": "пожелания родителей",
                        "db_table": "portal_wish",
                        "ordering": ["-created_at", "-pk"],
                    },
                )
            ],
            database_operations=[],
        )
    ]
