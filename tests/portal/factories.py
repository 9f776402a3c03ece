"""The portal's objects: news."""

import factory

from plans.portal.models import News
from tests.programs.factories import MunicipalityFactory


class NewsFactory(factory.django.DjangoModelFactory):
    """A draft news item; ``services.news_save`` publishes it as staff would."""

    class Meta:
        model = News

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Открыта запись в кружки"
    lead = "Записаться можно через Навигатор."
    body = "Запись на **новый учебный год** открыта."
