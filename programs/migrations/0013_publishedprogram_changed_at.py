import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("programs", "0012_spreadsheetjob_attempts_spreadsheetjob_worker_and_more")]

    operations = [
        migrations.AddField(
            model_name="publishedprogram",
            name="changed_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
