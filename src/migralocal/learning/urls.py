from django.urls import path

from migralocal.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("me/", views.my_learning, name="my_learning"),
    path("courses/<slug:slug>/", views.course_detail, name="course_detail"),
    path("courses/<slug:slug>/enrol/", views.course_enrol, name="course_enrol"),
    path("courses/<slug:slug>/lessons/<int:pk>/", views.lesson_detail, name="lesson_detail"),
    path("courses/<slug:slug>/quizzes/<int:pk>/", views.quiz_take, name="quiz_take"),
    path("certificates/<str:number>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("progress/", views.training_progress, name="training_progress"),
    path(
        "organisations/<slug:slug>/self-assessment/",
        views.self_assessment,
        name="self_assessment",
    ),
    path("self-assessments/<int:pk>/", views.self_assessment_result, name="self_assessment_result"),
    path("events/", views.event_list, name="event_list"),
    path("events/figures/", views.event_report, name="event_report"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/attendance/", views.event_attendance, name="event_attendance"),
    path("events/<slug:slug>/attendance/import/", views.event_import, name="event_import"),
    path("events/<slug:slug>/qr.svg", views.event_qr, name="event_qr"),
    path(
        "events/<slug:slug>/check-in/<str:code>/",
        views.event_self_check_in,
        name="event_self_check_in",
    ),
    path("events/<slug:slug>/figures/", views.event_figures, name="event_figures"),
    path("mentoring/", views.mentoring_list, name="mentoring_list"),
    path("mentoring/new/", views.mentoring_start, name="mentoring_start"),
    path("mentoring/figures/", views.mentoring_figures, name="mentoring_figures"),
    path("mentoring/<int:pk>/", views.mentoring_detail, name="mentoring_detail"),
    path("community/", views.community, name="community"),
]
