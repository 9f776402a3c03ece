"""What the Django admin may do: look. Writing goes through the services, with their rules,
lifecycles and version checks, and the admin cannot offer a second way round them.

``ReadOnlyAdmin`` (and ``ReadOnlyHistoryAdmin``, ``ReadOnlyTabularInline``,
``ReadOnlyStackedInline``) show lists, filters, search and every record, and change nothing:
no adding, saving, deleting or reverting to an old version, and no action but those that only
read (the export) or that call a service (``service_actions``). ``ServiceAdminMixin`` is for
the few admins whose save calls the same service as the portal's form, with the snapshot the
form showed (``SeenAdminMixin``), so a stale save is refused as in the portal;
``ServiceSaveMixin`` joins the two and is the one ``save_model`` of those admins.

This module also makes the libraries' own admins (groups, periodic tasks, sign-in attempts)
read-only, except unlocking a sign-in, which goes through django-axes' own reset.
"""

from collections.abc import Sequence

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django_celery_beat import admin as beat_admin
from django_celery_beat import models as beat_models
from simple_history.admin import SimpleHistoryAdmin

from .concurrency import EditConflict, seen_token
from .errors import DomainError

# Actions that only read, kept on every admin.
READING_ACTIONS = frozenset({"export_admin_action"})


class ServiceAdminMixin:
    """An admin that writes only through services: nothing is deleted here (the portal's pages
    archive, withdraw or refuse instead), no old version is restored past the services, and
    only actions that read or that are named in ``service_actions`` are offered."""

    service_actions: tuple[str, ...] = ()

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        allowed = READING_ACTIONS | set(self.service_actions)
        return {name: action for name, action in actions.items() if name in allowed}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history saves a POST to an old version's page as a revert, even for a
        person who may only view: here the old version is shown and never saved."""
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A service's refusal (someone saved meanwhile, a rule) shown above the form again,
        with nothing saved: the admin's transaction is rolled back."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (DomainError, ValidationError) as refusal:
            messages.error(request, refusal_text(refusal))
            return HttpResponseRedirect(request.get_full_path())


def refusal_text(refusal: DomainError | ValidationError) -> str:
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    text = str(refusal)
    if isinstance(refusal, EditConflict):
        changed = "; ".join(f"{c.label}: «{c.before}» → «{c.after}»" for c in refusal.changes)
        text = f"{text} Изменено: {changed}. Откройте запись заново."
    return text


class SeenAdminMixin:
    """The change form carries what its person saw (``core.concurrency``), as the portal's form
    does: ``seen_state(obj)`` is the snapshot the portal's service checks, and ``save_model``
    hands ``seen(form)`` to that service."""

    def seen_state(self, obj) -> dict[str, str]:
        raise NotImplementedError

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            return super().get_form(request, obj, change=change, **kwargs)
        # «seen» is the form's own field, not the model's: the model form is made without it.
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "seen"]
        form = super().get_form(request, obj, change=change, **kwargs)
        # Required: a change posted without it would skip the check.
        seen = forms.CharField(widget=forms.HiddenInput, initial=seen_token(self.seen_state(obj)))
        return type(form.__name__, (form,), {"seen": seen})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        if any("seen" in options["fields"] for _, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "seen"]}), *rest]

    @staticmethod
    def seen(form) -> str | None:
        return form.cleaned_data.get("seen") or None


class ServiceSaveMixin(SeenAdminMixin, ServiceAdminMixin):
    """An admin that saves through its service: ``service_data`` gives the service the form's
    ``service_fields``, a change goes to ``update`` with what the form showed, and an addition
    to ``create``, which returns the new record. Each admin names only its fields and its
    service's two calls."""

    service_fields: Sequence[str] = ()

    def service_data(self, form, change: bool) -> dict:
        return {name: form.cleaned_data[name] for name in self.service_fields}

    def update(self, request, obj, data: dict, seen: str | None) -> None:
        raise NotImplementedError

    def create(self, request, data: dict, form):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        data = self.service_data(form, change)
        if change:
            self.update(request, obj, data, seen=self.seen(form))
        else:
            # The admin goes on with ``obj`` (its message, log entry and redirect), which the
            # service did not save: it takes the new record's pk.
            obj.pk = self.create(request, data, form).pk


class ReadOnlyAdminMixin(ServiceAdminMixin):
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyHistoryAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only, with the record's history (its old versions are shown, never restored)."""


class ReadOnlyInlineMixin:
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyTabularInline(ReadOnlyInlineMixin, admin.TabularInline):
    pass


class ReadOnlyStackedInline(ReadOnlyInlineMixin, admin.StackedInline):
    pass


# The libraries' admins. Groups and permissions are not how the portal decides who may
# (``User.role`` is); periodic tasks are copied from CELERY_BEAT_SCHEDULE when beat starts.


def read_only(model, model_admin):
    admin.site.unregister(model)
    read_only_admin = type(
        model_admin.__name__, (ReadOnlyAdminMixin, model_admin), {"__module__": __name__}
    )
    admin.site.register(model, read_only_admin)


class ReadOnlyPeriodicTaskInline(ReadOnlyInlineMixin, beat_admin.PeriodicTaskInline):
    pass


read_only(Group, GroupAdmin)
read_only(beat_models.PeriodicTask, beat_admin.PeriodicTaskAdmin)
for schedule, schedule_admin in [
    (beat_models.ClockedSchedule, beat_admin.ClockedScheduleAdmin),
    (beat_models.CrontabSchedule, beat_admin.CrontabScheduleAdmin),
    (beat_models.SolarSchedule, beat_admin.SolarScheduleAdmin),
    (beat_models.IntervalSchedule, beat_admin.IntervalScheduleAdmin),
]:
    admin.site.unregister(schedule)
    admin.site.register(
        schedule,
        type(
            schedule_admin.__name__,
            (ReadOnlyAdminMixin, schedule_admin),
            {"inlines": [ReadOnlyPeriodicTaskInline], "__module__": __name__},
        ),
    )
read_only(AccessLog, AccessLogAdmin)
read_only(AccessFailureLog, AccessFailureLogAdmin)


class SignInLockAdmin(AccessAttemptAdmin):
    """The failed sign-ins that lock an account or an address. Deleting one unlocks earlier,
    through django-axes' own reset (as ``manage.py axes_reset_username`` does); nothing else
    is added or changed here."""

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting goes through delete_queryset below; the clean-up is axes' own handler.
        return {
            name: action
            for name, action in actions.items()
            if name in ("delete_selected", "cleanup_expired_attempts")
        }

    def delete_model(self, request, obj):
        unlock(obj)

    def delete_queryset(self, request, queryset):
        for attempt in queryset:
            unlock(attempt)


def unlock(attempt: AccessAttempt) -> None:
    if attempt.ip_address or attempt.username:  # axes' reset with neither would reset all
        axes_reset(ip=attempt.ip_address, username=attempt.username)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, SignInLockAdmin)
