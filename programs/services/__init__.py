"""Writes to the registry. Every rule of who may change what, and from which state, is here.

Views, forms, admin actions and commands call these; a view shows a ``RegistryError`` (a
``DomainError``) through ``service_call``, and ``PermissionDenied`` becomes 403. Who may act
on a municipality's records is ``User.manages_municipality``.

By subject: ``moderation`` (the lifecycle table, a programme's steps and their letters),
``editing`` (the card, its partners and groups), ``publishing`` (the approved version the
catalogue shows and other systems read), ``organisations`` (their profile),
``coordinators`` (invitations and confirmations). Callers import them from here:
``from programs import services``; importing this package registers the tasks defined
beside the services that queue them.
"""

from .coordinators import (
    CONFIRM_SALT,
    coordinator_confirm,
    coordinator_confirmation,
    coordinator_confirmation_send,
    coordinator_confirmation_send_task,
    coordinator_detach,
    coordinator_invitation_send,
    coordinator_invitation_send_task,
    coordinator_invite,
)
from .editing import (
    COORDINATOR_EDITABLE,
    REFUSALS,
    STAFF_EDITABLE,
    can_edit_card,
    card_seen,
    free_places_update,
    group_delete,
    group_save,
    group_seen,
    program_copy,
    program_create,
    program_update,
)
from .errors import RegistryError
from .moderation import (
    PROGRAM_LIFECYCLE,
    contacts_missing,
    program_approve,
    program_archive,
    program_return,
    program_submit,
    program_transition,
    program_transition_notify_task,
    transition_notify,
)
from .organisations import COORDINATOR_PROFILE_FIELDS, organisation_create, organisation_update
from .publishing import (
    approved_data,
    program_navigator_links_save,
    published_columns,
    republish,
)

__all__ = [
    "CONFIRM_SALT",
    "COORDINATOR_EDITABLE",
    "COORDINATOR_PROFILE_FIELDS",
    "REFUSALS",
    "STAFF_EDITABLE",
    "PROGRAM_LIFECYCLE",
    "RegistryError",
    "approved_data",
    "can_edit_card",
    "card_seen",
    "contacts_missing",
    "coordinator_confirm",
    "coordinator_confirmation",
    "coordinator_confirmation_send",
    "coordinator_confirmation_send_task",
    "coordinator_detach",
    "coordinator_invitation_send",
    "coordinator_invitation_send_task",
    "coordinator_invite",
    "free_places_update",
    "group_delete",
    "group_save",
    "group_seen",
    "organisation_create",
    "organisation_update",
    "program_approve",
    "program_archive",
    "program_copy",
    "program_create",
    "program_navigator_links_save",
    "program_return",
    "program_submit",
    "program_transition",
    "program_transition_notify_task",
    "program_update",
    "published_columns",
    "republish",
    "transition_notify",
]
