"""Whose records a person keeps: one rule for every record that belongs to a municipality.

An administrator keeps every municipality's; the centre's staff their own municipality's; a
coordinator what their organisations hold, where a record has organisations; nobody else
anything. A QuerySet says where its municipality and its coordinators are
(``municipality_path``, ``coordinators_path``) and answers ``managed_by(user)``; a model whose
``municipality`` is its own field and which coordinators do not keep takes ``ManagedQuerySet``
as it is (``objects = ManagedQuerySet.as_manager()``).

Every list and selector of such records starts from ``Model.objects.managed_by(user)``; public
pages have their own filters (what is published), and a single record's change is checked by
``User.manages_municipality`` in its service.
"""

from django.db import models


class ManagedQuerySet(models.QuerySet):
    municipality_path = "municipality"
    coordinators_path: str | None = None  # records that organisations' coordinators keep

    def municipality_lookup(self) -> str:
        """The lookup that compares a record's municipality with an id (``pk`` for the
        municipality itself)."""
        return f"{self.municipality_path}_id" if self.municipality_path else "pk"

    def managed_by(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self
        if user.is_centre_staff:
            return self.filter(**{self.municipality_lookup(): user.municipality_id})
        if user.is_coordinator and self.coordinators_path:
            # A subquery, so that a path through several organisations gives a record once.
            kept = self.model._base_manager.filter(**{self.coordinators_path: user})
            return self.filter(pk__in=kept.values("pk"))
        return self.none()
