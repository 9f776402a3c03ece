"""The people: users of every role, shared by every app's tests (the apps' own objects are in
``tests/<app>/factories.py``)."""

import factory

from moc_portal.users.models import Role, User
from tests.programs.factories import MunicipalityFactory

PASSWORD = "test-pass-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    last_name = "Иванова"
    first_name = "Мария"
    role = Role.COORDINATOR
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    role = Role.STAFF
    municipality = factory.SubFactory(MunicipalityFactory)


class ExpertFactory(UserFactory):
    role = Role.EXPERT


class AdministratorFactory(UserFactory):
    role = Role.ADMINISTRATOR
    is_staff = True
    is_superuser = True
