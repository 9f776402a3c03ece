from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from programs.choices import Focus
from programs.models import PublishedProgram


def home(request):
    counts = dict(PublishedProgram.objects.values_list("focus").annotate(n=Count("pk")).order_by())
    return render(
        request,
        "home.html",
        {
            "focus_counts": [
                (value, label, counts.get(value, 0)) for value, label in Focus.choices
            ],
            "newest": PublishedProgram.objects.select_related("organisation").order_by(
                "-approved_at"
            )[:6],
        },
    )


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
