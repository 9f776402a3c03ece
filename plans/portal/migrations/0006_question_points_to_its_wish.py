"""The link between a parent's wish and the hotline question asking an answer to it turns
round: the question points to its wish (``Question.wish``), so that the wish (territory) need
not know the hotline. Every existing link is copied before the old column goes."""

import django.db.models.deletion
from django.db import migrations, models


def question_to_wish(apps, schema_editor):
    Wish = apps.get_model("portal", "Wish")
    Question = apps.get_model("portal", "Question")
    for wish_id, question_id in Wish.objects.exclude(question=None).values_list("pk", "question"):
        Question.objects.filter(pk=question_id).update(wish_id=wish_id)


def wish_to_question(apps, schema_editor):
    Wish = apps.get_model("portal", "Wish")
    Question = apps.get_model("portal", "Question")
    for question_id, wish_id in Question.objects.exclude(wish=None).values_list("pk", "wish"):
        Wish.objects.filter(pk=wish_id).update(question_id=question_id)


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_demand")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="wish",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="question",
                to="portal.wish",
                verbose_name="пожелание родителей",
            ),
        ),
        migrations.RunPython(question_to_wish, wish_to_question),
        migrations.RemoveField(model_name="wish", name="question"),
    ]
