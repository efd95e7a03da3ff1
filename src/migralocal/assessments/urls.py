from django.urls import path

from migralocal.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("apply/<slug:slug>/", views.apply, name="apply"),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("<int:pk>/letter/", views.application_letter, name="application_letter"),
    path("<int:pk>/do/<slug:name>/", views.transition, name="transition"),
    path("<int:pk>/training/", views.training, name="training"),
    path("<int:pk>/sections/<slug:code>/", views.section, name="section"),
    path("<int:pk>/answers/<int:question_pk>/", views.answer_save, name="answer_save"),
    path("<int:pk>/answers/<int:question_pk>/comment/", views.comment_add, name="comment_add"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/workshop/", views.workshop, name="workshop"),
    path("<int:pk>/priorities/", views.priorities, name="priorities"),
    path("<int:pk>/plan/", views.work_plan, name="work_plan"),
    path("<int:pk>/plan.xlsx", views.work_plan_xlsx, name="work_plan_xlsx"),
    path(
        "<int:pk>/plan/actions/<int:action_pk>/report/",
        views.progress_report,
        name="progress_report",
    ),
    path("<int:pk>/renew/", views.renew, name="renew"),
    path("<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("certified/", views.certified_list, name="certified_list"),
    path("certified/<slug:slug>/", views.public_summary, name="public_summary"),
]
