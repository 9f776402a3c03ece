from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower


class Role(models.TextChoices):
    STAFF = "staff", "Сотрудник МОЦ"
    COORDINATOR = "coordinator", "Координатор организации"
    EXPERT = "expert", "Эксперт"
    ADMINISTRATOR = "administrator", "Администратор"


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """The first account (``createsuperuser``) is the installation's administrator, on the
        portal as in Django's admin: never a coordinator of no organisation."""
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. Parents use the portal anonymously and have no account.

    Centre staff work within one municipality; coordinators are bound to organisations
    (``Organisation.coordinators``); an administrator sees every municipality.
    """

    role = models.CharField("роль", max_length=20, choices=Role.choices, default=Role.COORDINATOR)
    middle_name = models.CharField("отчество", max_length=150, blank=True)
    position = models.CharField("должность", max_length=255, blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    municipality = models.ForeignKey(
        "programs.Municipality",
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_users",
        help_text="Для сотрудников МОЦ: муниципалитет, в котором они работают.",
    )

    objects = UserManager()

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="users_user_email_unique_ci",
                violation_error_message="Пользователь с таким адресом электронной почты уже есть.",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        parts = [self.last_name, self.first_name, self.middle_name]
        return " ".join(p for p in parts if p) or self.username

    @property
    def role_label(self) -> str:
        """The role as the header names it: a superuser is an administrator whatever the field
        says."""
        if self.is_superuser:
            return Role.ADMINISTRATOR.label
        return self.get_role_display()

    @property
    def is_centre_staff(self) -> bool:
        return self.is_active and self.role == Role.STAFF

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.role == Role.COORDINATOR

    @property
    def is_expert(self) -> bool:
        return self.is_active and self.role == Role.EXPERT

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.role == Role.ADMINISTRATOR or self.is_superuser)

    @property
    def manages_registry(self) -> bool:
        """Centre staff and administrators moderate and keep the registry."""
        return self.is_centre_staff or self.is_administrator

    def manages_municipality(self, municipality_id: int | None) -> bool:
        """The one rule for a municipality's records: its centre's staff, or an administrator."""
        if self.is_administrator:
            return True
        return (
            self.is_centre_staff
            and municipality_id is not None
            and (self.municipality_id == municipality_id)
        )


class PersonalDataAction(models.TextChoices):
    VIEWED = "viewed", "просмотр"
    ANSWERED = "answered", "ответ"
    EXPORTED = "exported", "выгрузка"
    ERASED = "erased", "удаление по просьбе"
    PURGED = "purged", "удаление по сроку хранения"


class PersonalDataEvent(models.Model):
    """Who viewed, answered, exported or erased personal data, and when (152-ФЗ): the audit
    trail administrators read. It names the record, never copies the data itself."""

    at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Пусто — сам портал (удаление по сроку хранения).",
    )
    action = models.CharField("действие", max_length=20, choices=PersonalDataAction.choices)
    subject = models.CharField("с чем", max_length=255)
    municipality = models.ForeignKey(
        "programs.Municipality",
        verbose_name="муниципалитет",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "действие с персональными данными"
        verbose_name_plural = "журнал персональных данных"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_action_display()}: {self.subject}"
