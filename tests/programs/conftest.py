"""Fixtures of the registry's tests: uploading an import as a person, and confirming it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs.models import SpreadsheetJob
from tests.conftest import login


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    def upload(user, data: bytes, *, kind="programs", name="programmy.xlsx", **form):
        login(client, user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"{reverse('programs:import_new')}?kind={kind}",
                {"file": SimpleUploadedFile(name, data), **form},
            )
        if response.status_code != 302:
            return response
        return SpreadsheetJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])

    return upload


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    def confirm(job):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("programs:job_confirm", args=[job.pk]))
        job.refresh_from_db()
        return job

    return confirm
