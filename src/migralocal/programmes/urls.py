from django.urls import path

from migralocal.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/edit/", views.programme_edit, name="edit"),
    path("<slug:slug>/activities/", views.programme_activities, name="activities"),
    path("<slug:slug>/iati.xml", views.programme_iati, name="iati"),
]
