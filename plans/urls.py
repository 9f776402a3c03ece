from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("due/", views.items_due, name="due"),
    path("<int:pk>/renumber/", views.plan_renumber, name="renumber"),
    path("items/<int:pk>/move/<str:direction>/", views.item_move, name="item_move"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/copy/", views.plan_copy, name="copy"),
    path("<int:pk>/actions/<str:action>/", views.plan_action, name="action"),
    path("<int:pk>/sections/new/", views.section_add, name="section_add"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/", views.item_row, name="item_row"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
]
