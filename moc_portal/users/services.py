"""Accounts kept by an administrator.

Staff and coordinators are invited on the portal's own pages
(``programs.territory.services.staff_invite``, ``programs.services.coordinator_invite``), both
over the one builder of an invited account (``invitations.invitation_account``). Experts and
administrators, a change of role or municipality and switching an account off have no page of
their own yet: the Django admin saves them here, and a page made for them later calls the same
functions.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from moc_portal.access import check_changes_only
from moc_portal.core.concurrency import check_seen, snapshot

from .models import User

ACCOUNT_FIELDS = [
    "username",
    "last_name",
    "first_name",
    "middle_name",
    "email",
    "position",
    "phone",
    "role",
    "municipality",
    "is_active",
    "is_staff",
    "is_superuser",
]


def account_seen(account: User) -> dict[str, str]:
    """The account as its form shows it: what a save must not overwrite unseen."""
    return snapshot(account, ACCOUNT_FIELDS)


def _check_administrator(user: User) -> None:
    if not user.is_administrator:
        raise PermissionDenied("Учётные записи ведёт администратор.")


@transaction.atomic
def account_create(*, user: User, data: dict, password: str | None) -> User:
    """``password``: None for an account that signs in only after setting one by e-mail."""
    _check_administrator(user)
    check_changes_only(data, ACCOUNT_FIELDS)
    account = User(**data)
    if password is None:
        account.set_unusable_password()
    else:
        account.set_password(password)
    account.full_clean()
    account.save()
    return account


@transaction.atomic
def account_update(*, user: User, account: User, data: dict, seen: str | None = None) -> User:
    """``seen``: what the person's form showed (``core.concurrency``); an account saved by
    someone else since is refused with their change."""
    _check_administrator(user)
    check_changes_only(data, ACCOUNT_FIELDS)
    account = User.objects.select_for_update().get(pk=account.pk)
    check_seen(seen, account_seen(account))
    for name, value in data.items():
        setattr(account, name, value)
    account.full_clean()
    account.save()
    return account
