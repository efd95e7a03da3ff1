from django.urls import path

from migralocal.commitments import views
from migralocal.commitments.feeds import CommitmentFeed
from migralocal.core.public_cache import public_page

app_name = "commitments"

urlpatterns = [
    path("", views.commitment_list, name="list"),
    path("feed/", public_page("commitments")(CommitmentFeed()), name="feed"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("submit/", views.commitment_submit, name="submit"),
    path("thanks/", views.thanks, name="thanks"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm"),
    path("edit/<str:token>/", views.edit_with_link, name="edit_with_link"),
    path("review/", views.moderation_queue, name="queue"),
    path("review/<slug:slug>/", views.moderate, name="moderate"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("<slug:slug>/", views.commitment_detail, name="detail"),
    path("<slug:slug>/edit/", views.commitment_edit, name="edit"),
    path("<slug:slug>/updates/new/", views.progress_update_add, name="add_update"),
    path("<slug:slug>/flag/", views.commitment_flag, name="flag"),
]
