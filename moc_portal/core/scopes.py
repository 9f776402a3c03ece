"""Whose records a person keeps: one rule for every record that belongs to a municipality.

An administrator keeps every municipality's; the centre's staff their own municipality's; a
coordinator what their organisations hold, where a record has organisations; nobody else
anything. A QuerySet says where its municipality and its coordinators are
(``municipality_path``, ``coordinators_path``) and answers ``managed_by(user)``.
"""

from django.db import models


class ManagedQuerySet(models.QuerySet):
    municipality_path = "municipality"
    coordinators_path: str | None = None  # records that organisations' coordinators keep

    def managed_by(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self
        if user.is_centre_staff:
            return self.filter(**{f"{self.municipality_path}_id": user.municipality_id})
        if user.is_coordinator and self.coordinators_path:
            return self.filter(**{self.coordinators_path: user})
        return self.none()
