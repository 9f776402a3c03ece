"""The staff area of the portal (/portal/): news, pages and their blocks, documents, the
hotline's questions. Every write goes through ``services``, which checks who may make it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import staff_required
from moc_portal.core.views import service_call
from moc_portal.querystring import query_without
from plans.models import Plan

from . import selectors, services
from .filters import DocumentFilter
from .forms import AnswerForm, BlockForm, DocumentForm, FaqForm, NewsForm, PageForm
from .markup import render_markdown
from .models import Block, Document, News, Page, Question

PER_PAGE = 30


@staff_required
def manage(request):
    """The portal's desk: what is new on the hotline, the blocks with their pages in order."""
    user = request.user
    questions = Question.objects.managed_by(user)
    pages = Page.objects.select_related("block", "municipality").managed_by(user)
    return render(
        request,
        "portal/manage.html",
        {
            "blocks": [
                (block, [page for page in pages if page.block_id == block.pk])
                for block in selectors.blocks()
            ],
            "counts": {
                "news": News.objects.managed_by(user).aggregate(
                    all=Count("pk"), drafts=Count("pk", filter=Q(is_published=False))
                ),
                "documents": Document.objects.managed_by(user).count(),
                "new_questions": questions.filter(
                    answered_at=None, personal_data_purged_at=None
                ).count(),
            },
            "can_create": user.is_centre_staff,
        },
    )


@staff_required
@require_POST
def preview(request):
    """What a Markdown text will look like on the page (htmx, beside the editor); ``field``
    names the form field the text is posted in."""
    text = request.POST.get(request.POST.get("field", "text"), "")
    return render(request, "portal/_preview.html", {"html": render_markdown(text)})


# --- news ------------------------------------------------------------------------------------


@staff_required
def news_list(request):
    news = News.objects.select_related("block", "media_item", "municipality").managed_by(
        request.user
    )
    if request.GET.get("q"):
        news = news.filter(title__icontains=request.GET["q"])
    return render(
        request,
        "portal/manage_news.html",
        {
            "page": Paginator(news, PER_PAGE).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "q": request.GET.get("q", ""),
            "can_create": request.user.is_centre_staff,
        },
    )


def _news_form(request, news: News) -> NewsForm:
    municipality_id = news.municipality_id or request.user.municipality_id
    return NewsForm(
        request.POST or None,
        request.FILES or None,
        instance=news,
        media_items=selectors.media_items_for(municipality_id),
        seen=services.news_seen(news) if news.pk else None,
    )


@staff_required
def news_edit(request, pk=None):
    if pk is None:
        if not request.user.is_centre_staff:
            raise PermissionDenied("Новости пишут сотрудники МОЦ своего муниципалитета.")
        news = News()
    else:
        news = get_object_or_404(News.objects.managed_by(request.user), pk=pk)
    form = _news_form(request, news)

    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form) as call:
            services.news_save(
                user=request.user,
                news=form.instance,
                tags=form.tag_names,
                cover=form.cleaned_data.get("cover_upload") or None,
                seen=form.seen,
            )
        if call.ok:
            state = "опубликована" if form.instance.is_published else "сохранена как черновик"
            messages.success(request, f"Новость «{form.instance.title}» {state}.")
            return redirect("portal:manage_news")
    return render(request, "portal/news_form.html", {"form": form, "news": news})


@staff_required
@require_POST
def news_delete(request, pk):
    news = get_object_or_404(News.objects.managed_by(request.user), pk=pk)
    services.news_delete(user=request.user, news=news)
    messages.success(request, f"Новость «{news.title}» удалена.")
    return redirect("portal:manage_news")


# --- blocks and pages ------------------------------------------------------------------------


@staff_required
def block_edit(request, pk=None):
    if not request.user.is_administrator:
        raise PermissionDenied("Тематические блоки портала меняет администратор.")
    block = get_object_or_404(Block, pk=pk) if pk else Block()
    form = BlockForm(request.POST or None, instance=block)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form) as call:
            services.block_save(user=request.user, block=form.instance)
        if call.ok:
            messages.success(request, f"Блок «{form.instance.title}» сохранён.")
            return redirect("portal:manage")
    return render(request, "portal/block_form.html", {"form": form, "block": block})


@staff_required
@require_POST
def block_move(request, pk, direction):
    block = get_object_or_404(Block, pk=pk)
    services.block_move(user=request.user, block=block, direction=direction)
    return redirect("portal:manage")


@staff_required
def page_edit(request, pk=None):
    if pk is None:
        if not request.user.is_centre_staff:
            raise PermissionDenied("Страницы пишут сотрудники МОЦ своего муниципалитета.")
        page = Page(block_id=request.GET.get("block") or None)
    else:
        page = get_object_or_404(Page.objects.managed_by(request.user), pk=pk)
    seen = services.page_seen(page) if page.pk else None
    form = PageForm(request.POST or None, instance=page, seen=seen)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form) as call:
            services.page_save(user=request.user, page=form.instance, seen=form.seen)
        if call.ok:
            messages.success(request, f"Страница «{form.instance.title}» сохранена.")
            return redirect("portal:manage")
    return render(request, "portal/page_form.html", {"form": form, "page": page})


@staff_required
@require_POST
def page_move(request, pk, direction):
    page = get_object_or_404(Page.objects.managed_by(request.user), pk=pk)
    services.page_move(user=request.user, page=page, direction=direction)
    return redirect("portal:manage")


@staff_required
@require_POST
def page_delete(request, pk):
    page = get_object_or_404(Page.objects.managed_by(request.user), pk=pk)
    services.page_delete(user=request.user, page=page)
    messages.success(request, f"Страница «{page.title}» удалена.")
    return redirect("portal:manage")


# --- documents -------------------------------------------------------------------------------


@staff_required
def document_list(request):
    filterset = DocumentFilter(
        request.GET,
        queryset=Document.objects.select_related("block", "plan", "municipality").managed_by(
            request.user
        ),
    )
    return render(
        request,
        "portal/manage_documents.html",
        {
            "filter": filterset,
            "page": Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "can_create": request.user.is_centre_staff,
        },
    )


@staff_required
def document_edit(request, pk=None):
    if pk is None:
        if not request.user.is_centre_staff:
            raise PermissionDenied("Документы загружают сотрудники МОЦ своего муниципалитета.")
        document = Document()
    else:
        document = get_object_or_404(Document.objects.managed_by(request.user), pk=pk)
    seen = services.document_seen(document) if document.pk else None
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document, seen=seen)

    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("upload")
        with service_call(request, form=form) as call:
            services.document_save(
                user=request.user, document=form.instance, file=upload or None, seen=form.seen
            )
        if call.ok:
            messages.success(request, f"Документ «{form.instance.title}» сохранён.")
            return redirect("portal:manage_documents")
    return render(request, "portal/document_form.html", {"form": form, "document": document})


@staff_required
@require_POST
def document_delete(request, pk):
    document = get_object_or_404(Document.objects.managed_by(request.user), pk=pk)
    services.document_delete(user=request.user, document=document)
    messages.success(request, f"Документ «{document.title}» удалён.")
    return redirect("portal:manage_documents")


@staff_required
@require_POST
def plan_publish(request, pk):
    """The approved plan goes to the documents library as its printed (Word) version."""
    plan = get_object_or_404(Plan.objects.managed_by(request.user), pk=pk)
    with service_call(request, success="План опубликован в библиотеке документов портала."):
        services.plan_document_publish(user=request.user, plan=plan)
    return redirect("plans:detail", pk)


# --- hotline ---------------------------------------------------------------------------------


@staff_required
def question_list(request):
    questions = Question.objects.select_related("municipality", "answered_by").managed_by(
        request.user
    )
    state = request.GET.get("state", "new")
    if state == "new":
        questions = questions.filter(answered_at=None, personal_data_purged_at=None)
    elif state == "answered":
        questions = questions.exclude(answered_at=None)
    elif state == "faq":
        questions = questions.filter(faq_published=True)
    return render(
        request,
        "portal/questions.html",
        {
            "page": Paginator(questions, PER_PAGE).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "state": state,
            "states": [
                ("new", "Новые"),
                ("answered", "С ответом"),
                ("faq", "В FAQ"),
                ("all", "Все"),
            ],
        },
    )


@staff_required
def question_detail(request, pk):
    question = get_object_or_404(Question.objects.managed_by(request.user), pk=pk)
    answer_form = AnswerForm(
        request.POST if "answer" in request.POST else None,
        initial={"answer": question.answer},
    )
    faq_form = FaqForm(
        request.POST if "faq" in request.POST else None,
        initial={
            "faq_question": question.faq_question,
            "faq_answer": question.faq_answer,
            "faq_published": question.faq_published,
        },
    )
    if "erase" in request.POST:
        with service_call(request, success="Персональные данные автора удалены."):
            services.question_erase(user=request.user, question=question)
        return redirect("portal:question", pk)
    if request.method == "GET":
        services.question_viewed(user=request.user, question=question)
    if "answer" in request.POST and answer_form.is_valid():
        with service_call(
            request, form=answer_form, success="Ответ сохранён и отправлен автору на e-mail."
        ) as call:
            services.question_answer(
                user=request.user, question=question, answer=answer_form.cleaned_data["answer"]
            )
        if call.ok:
            return redirect("portal:question", pk)
    if "faq" in request.POST and faq_form.is_valid():
        with service_call(request, form=faq_form, success="Вопрос для FAQ сохранён.") as call:
            services.question_faq_save(
                user=request.user,
                question=question,
                faq_question=faq_form.cleaned_data["faq_question"],
                faq_answer=faq_form.cleaned_data["faq_answer"],
                published=faq_form.cleaned_data["faq_published"],
            )
        if call.ok:
            return redirect("portal:question", pk)
    return render(
        request,
        "portal/question.html",
        {"question": question, "answer_form": answer_form, "faq_form": faq_form},
    )
