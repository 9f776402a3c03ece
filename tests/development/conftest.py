from datetime import date

import pytest

from .helpers import make_teacher


@pytest.fixture
def teacher_a(org_a):
    return make_teacher(org_a, patronymic="Александровна", hired_on=date(2015, 9, 1))


@pytest.fixture
def teacher_b(org_b):
    return make_teacher(org_b, surname="Ретюнских", name="Ольга", hired_on=date(2018, 9, 1))
