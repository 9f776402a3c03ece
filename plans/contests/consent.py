"""The parent's consent to the processing of a child's personal data, printed filled in for
the child: the municipality's centre as the operator, the child's and the contest's data,
blank lines for the parent's name, passport and signature. One child a page; a document for
one child, for an entry's children, or for all children of an organisation in a contest."""

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

from moc_portal.core import word
from programs.territory.centres import centre_of

from .models import Contest, Participant

LINE = "_" * 60
PURPOSES = (
    "участия в конкурсе, подготовки протокола, дипломов и сертификатов, передачи сведений о "
    "победителях и призёрах на следующий этап конкурса"
)
DATA = (
    "фамилия, имя, отчество; дата рождения; класс (возраст); наименование образовательной "
    "организации; сведения о педагоге-наставнике; результаты участия в конкурсе"
)


def consent_document(contest: Contest, participants: list[Participant]) -> bytes:
    """A Word document with a filled consent form per child, a page each."""
    centre = centre_of(contest.municipality_id)
    document = word.new_document(
        title=f"Согласия на обработку персональных данных: {contest.title}", centre=centre
    )
    word.a4(document.sections[0], landscape=False)
    for index, participant in enumerate(participants):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _page(document, contest, participant, centre)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document, contest: Contest, child: Participant, centre) -> None:
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(
        "СОГЛАСИЕ\nродителя (законного представителя) на обработку персональных данных "
        "несовершеннолетнего"
    )
    run.bold = True
    birth = f"{child.birth_date:%d.%m.%Y}" if child.birth_date else LINE[:12]
    paragraphs = [
        f"Я, {LINE},",
        "(фамилия, имя, отчество родителя (законного представителя) полностью)",
        f"паспорт: серия ______ № __________, выдан {LINE[:40]}",
        f"{LINE}, дата выдачи ____________,",
        f"являясь родителем (законным представителем) ребёнка {child.full_name}, "
        f"{birth} г. р., обучающегося {child.grade or '_____'} "
        f"{child.entry.organisation.short_name or child.entry.organisation.full_name},",
        f"даю согласие оператору — {centre.full_name}"
        + (f", {centre.address}" if centre.address else "")
        + f" — на обработку персональных данных моего ребёнка ({DATA}) в целях {PURPOSES} "
        f"конкурса «{contest.title}» ({contest.applications_from:%d.%m.%Y} — "
        f"{contest.results_on:%d.%m.%Y}).",
        "Согласие даётся на сбор, запись, систематизацию, хранение, уточнение, использование, "
        "передачу организаторам следующего этапа конкурса, обезличивание и уничтожение "
        "персональных данных, с использованием средств автоматизации и без них.",
        "Публикацию фамилии и инициала ребёнка с наименованием организации в итогах конкурса "
        "на сайте оператора:   □ разрешаю   □ не разрешаю.",
        "Согласие действует до окончания срока хранения материалов конкурса и может быть "
        "отозвано моим письменным заявлением оператору.",
        "",
        "«____» ______________ 20___ г.        ______________ / ______________________",
        "                                                    (подпись)          (расшифровка)",
    ]
    for text in paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.space_after = Pt(4)
        if text.startswith("("):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.font.size = Pt(9)
