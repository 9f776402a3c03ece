"""The demo centre's portal: pages of the four blocks, news (two of them counted in the media
plan), the documents library with the regulation (seed 001) and the approved plan of seed 000,
and hotline questions, some answered and published as the FAQ."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from moc_portal.core import word
from moc_portal.users.models import User
from plans import services as plan_services
from plans.models import Plan, PlanKind, PlanState
from plans.portal import services
from plans.portal.models import Block, Document, DocumentKind, News, Page, Question
from programs.models import Municipality
from programs.territory.centres import centre_of

PAGES = [
    (
        "information",
        "О центре",
        "Муниципальный опорный центр: кто мы и чем помогаем.",
        "Муниципальный опорный центр дополнительного образования детей (МОЦ) создан, чтобы "
        "в районе работала **единая система дополнительного образования**: каждый ребёнок "
        "мог найти кружок по душе, а организации — методическую помощь.\n\n"
        "## Что делает центр\n\n"
        "- ведёт реестр программ и их модерацию в «Навигаторе»;\n"
        "- организует независимую оценку качества программ;\n"
        "- проводит семинары, конкурсы и методические недели для педагогов;\n"
        "- ведёт публичный перечень мероприятий для детей и молодёжи;\n"
        "- отвечает на вопросы родителей на горячей линии.\n",
    ),
    (
        "methodical",
        "Как подготовить программу к независимой оценке качества",
        "Памятка для педагогов и методистов.",
        "Независимая оценка качества проверяет **содержание**, **результаты** и "
        "**условия реализации** программы.\n\n"
        "1. Сверьте структуру программы с методическими рекомендациями.\n"
        "2. Пропишите планируемые результаты так, чтобы их можно было измерить.\n"
        "3. Приложите оценочные материалы и календарный учебный график.\n\n"
        "Шаблон программы — в разделе «Документы».",
    ),
    (
        "methodical",
        "Методическая копилка",
        "Материалы семинаров и методических недель.",
        "Здесь собраны презентации и конспекты семинаров МОЦ. Материалы методической недели "
        "педагогов дополнительного образования — в библиотеке документов.",
    ),
    (
        "distance",
        "Программы с дистанционными технологиями",
        "Как заниматься из дома.",
        "Часть программ района идёт с применением **дистанционных технологий**: занятия в "
        "сети, задания и консультации онлайн. В каталоге их отмечает фильтр "
        "«С дистанционными технологиями».",
    ),
    (
        "analytics",
        "Итоги 2022–2023 учебного года",
        "Цифры отчёта МОЦ для регионального модельного центра.",
        "| Показатель | Значение |\n|---|---|\n"
        "| Организаций, реализующих программы | 17 |\n"
        "| Опубликованных программ | 154 |\n"
        "| Охват детей 5–18 лет | 75,8 % |\n\n"
        "Подробности — в годовом отчёте МОЦ.",
    ),
]

NEWS = [
    (
        "Запись в объединения на новый учебный год открыта",
        "Выбирайте кружки в каталоге и записывайтесь через «Навигатор».",
        "Запись на новый учебный год **открыта**. Найдите программу в каталоге портала, "
        "откройте её страницу и нажмите «Записаться в Навигаторе».",
        ["запись", "Навигатор", "родителям"],
        "information",
        "2",
        (33, 110, 180),
        "Дети за партами в кабинете робототехники",
    ),
    (
        "Фестиваль детского технического творчества «Твори, выдумывай, пробуй»",
        "Приглашаем детей и родителей на фестиваль в Доме школьника.",
        "На фестивале — выставка работ, мастер-классы по робототехнике и 3D-моделированию.",
        ["фестиваль", "родителям"],
        "information",
        "1",
        (200, 90, 40),
        "Робот из конструктора на выставочном столе",
    ),
    (
        "Семинар для ответственных за «Навигатор» в школах района",
        "Разобрали приём заявок и работу с сертификатами.",
        "На семинаре обсудили приём заявок, подтверждение зачисления и сертификаты "
        "дополнительного образования.",
        ["Навигатор", "педагогам"],
        "methodical",
        "",
        None,
        "",
    ),
    (
        "Сертификат дополнительного образования: ответы на вопросы родителей",
        "Что такое сертификат и как им пользоваться.",
        "Сертификат — электронная запись в «Навигаторе». Его номер нужен при записи на "
        "программы, оплачиваемые по сертификату.",
        ["сертификат", "родителям"],
        "information",
        "",
        (60, 140, 90),
        "Родитель с ребёнком выбирают кружок на планшете",
    ),
]

FAQ = [
    (
        "navigator",
        "Как записать ребёнка в кружок через «Навигатор»?",
        "Зарегистрируйтесь в «Навигаторе», добавьте ребёнка в личный кабинет, найдите "
        "программу и нажмите «Записаться». Организация подтвердит заявку.",
    ),
    (
        "certificate",
        "Нужен ли сертификат для бесплатных кружков?",
        "Для программ за счёт бюджета сертификат не нужен; он нужен для программ, которые "
        "оплачиваются по сертификату (ПФДО).",
    ),
    (
        "programs",
        "Есть ли кружки для детей с ОВЗ?",
        "Да. В каталоге включите фильтр «Для детей с ОВЗ»: программа покажет, для каких "
        "категорий она адаптирована.",
    ),
]


def _cover(color: tuple[int, int, int], name: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (1800, 1000), color)
    draw = ImageDraw.Draw(image)
    for index in range(6):
        shade = tuple(min(255, c + 25 * index) for c in color)
        draw.ellipse([200 * index, 120 + 60 * index, 200 * index + 700, 820 + 60 * index], shade)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _docx(title: str, paragraphs: list[str], centre) -> ContentFile:
    document = word.new_document(title=title, centre=centre)
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return ContentFile(buffer.getvalue(), name="document.docx")


def demo_portal_load(*, staff: User, administrator: User, home: Municipality) -> None:
    services.blocks_ensure()
    blocks = {block.slug: block for block in Block.objects.all()}
    for slug, title, summary, body in PAGES:
        services.page_save(
            user=staff,
            page=Page(
                block=blocks[slug], title=title, summary=summary, body=body, is_published=True
            ),
        )
    media = _home_media_plan(administrator=administrator, home=home)
    items = {item.number.rstrip("."): item for item in media.items.all()}
    now = timezone.now()
    for days, (title, lead, body, tags, block, item, color, alt) in enumerate(NEWS):
        news = News(
            title=title,
            lead=lead,
            body=body,
            block=blocks[block],
            media_item=items.get(item),
            cover_alt=alt,
            is_published=True,
            published_at=now - timedelta(days=7 * days + 1),
        )
        cover = _cover(color, f"news-{days + 1}.png") if color else None
        services.news_save(user=staff, news=news, tags=tags, cover=cover)
    services.news_save(
        user=staff,
        news=News(
            title="Итоги муниципального конкурса программ «Новый формат» (черновик)",
            lead="Черновик: публикуется после заседания жюри.",
            body="Победители будут объявлены после заседания жюри.",
        ),
    )
    _documents(staff=staff, administrator=administrator)
    _hotline(staff=staff, home=home)


def _home_media_plan(*, administrator: User, home: Municipality) -> Plan:
    """This year's media plan of the demo centre, a copy of seed 000's."""
    orenburg = Plan.objects.filter(kind=PlanKind.MEDIA).order_by("pk").first()
    year = timezone.localdate().year
    media = plan_services.plan_copy(
        user=administrator,
        plan=orenburg,
        title="Медиаплан муниципального опорного центра Задонского района",
        period_label=f"{year} год",
        period_start=orenburg.period_start.replace(year=year),
        period_end=orenburg.period_end.replace(year=year),
        into=home,
    )
    return media


def _documents(*, staff: User, administrator: User) -> None:
    regulation = [
        "1. Общие положения. Настоящее Положение определяет цель, условия и порядок "
        "деятельности муниципального опорного центра дополнительного образования детей (МОЦ).",
        "2. Цель МОЦ — создание условий для обеспечения в муниципалитете согласованного "
        "развития дополнительных общеобразовательных программ для детей различных "
        "направленностей.",
        "3. МОЦ обеспечивает ведение публичного перечня мероприятий для детей и молодёжи, "
        "создание и поддержку информационного портала МОЦ.",
        "7. Публичность (открытость) информации о деятельности МОЦ обеспечивается размещением "
        "оперативной информации на информационном портале МОЦ.",
    ]
    centre = centre_of(staff.municipality)
    records = [
        (
            DocumentKind.REGULATION,
            "Положение о муниципальном опорном центре дополнительного образования детей",
            "",
            "information",
            _docx("Положение о МОЦ", regulation, centre),
        ),
        (
            DocumentKind.ORDER,
            "О создании муниципального опорного центра дополнительного образования детей",
            "214",
            "information",
            _docx("Приказ", ["Создать муниципальный опорный центр на базе МБО ДО."], centre),
        ),
        (
            DocumentKind.METHODICAL,
            "Методические рекомендации по проектированию дополнительных общеразвивающих программ",
            "",
            "methodical",
            _docx("Методические рекомендации", ["Структура программы и её разделы."], centre),
        ),
    ]
    today = timezone.localdate()
    for index, (kind, title, number, block, file) in enumerate(records):
        services.document_save(
            user=staff,
            document=Document(
                kind=kind,
                title=title,
                number=number,
                signed_on=today.replace(day=1) - timedelta(days=365 * (2 - index)),
                block=Block.objects.get(slug=block),
                is_published=True,
            ),
            file=file,
        )
    approved = Plan.objects.filter(kind=PlanKind.WORK, state=PlanState.APPROVED).first()
    if approved:
        services.plan_document_publish(user=administrator, plan=approved)


def _hotline(*, staff: User, home: Municipality) -> None:
    for topic, question_text, answer in FAQ:
        question = services.question_ask(
            question=Question(
                municipality=home,
                asker_kind="parent",
                name="Родитель (демо)",
                email="parent@example.org",
                topic=topic,
                text=question_text,
            ),
            consent=True,
        )
        services.question_answer(user=staff, question=question, answer=answer)
        services.question_faq_save(
            user=staff,
            question=question,
            faq_question=question_text,
            faq_answer=answer,
            published=True,
        )
    services.question_ask(
        question=Question(
            municipality=home,
            asker_kind="parent",
            name="Ольга (демо)",
            email="olga@example.org",
            topic="navigator",
            text="Сын занимается в двух кружках. Можно ли записаться в третий по сертификату?",
        ),
        consent=True,
    )
