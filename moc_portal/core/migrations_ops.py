from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """SQL that only PostgreSQL understands (GIN and trigram indexes); SQLite skips it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def move_to_public(app_label: str, model_name: str, field: str) -> migrations.RunPython:
    """Move the pictures of ``field`` already uploaded from MEDIA_ROOT to MEDIA_ROOT/public/,
    where the field keeps them now (core.storage); the names in the database stay as they are.
    Backwards moves them back."""
    import os
    import shutil

    from django.conf import settings

    from .storage import PUBLIC_FOLDER

    def move(apps, schema_editor, *, forwards: bool):
        model = apps.get_model(app_label, model_name)
        public = os.path.join(settings.MEDIA_ROOT, PUBLIC_FOLDER)
        source, target = (
            (settings.MEDIA_ROOT, public) if forwards else (public, settings.MEDIA_ROOT)
        )
        names = model.objects.exclude(**{field: ""}).values_list(field, flat=True)
        for name in names.iterator():
            old, new = os.path.join(source, name), os.path.join(target, name)
            if os.path.isfile(old) and not os.path.exists(new):
                os.makedirs(os.path.dirname(new), exist_ok=True)
                shutil.move(old, new)

    return migrations.RunPython(
        lambda apps, editor: move(apps, editor, forwards=True),
        lambda apps, editor: move(apps, editor, forwards=False),
    )
