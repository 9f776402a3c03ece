import pytest
from django.urls import reverse


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    def confirm(job):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("programs:job_confirm", args=[job.pk]))
        job.refresh_from_db()
        return job

    return confirm
