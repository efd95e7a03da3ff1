from django.urls import path

from migralocal.learning.views import (
    agenda,
    authoring,
    community,
    courses,
    discussions,
    events,
    joining,
    mentoring,
    self_assessment,
    series,
)

app_name = "learning"

urlpatterns = [
    path("", courses.catalogue, name="catalogue"),
    path("me/", courses.my_learning, name="my_learning"),
    path("paths/<slug:slug>/", courses.path_detail, name="path_detail"),
    path("courses/<slug:slug>/", courses.course_detail, name="course_detail"),
    path("courses/<slug:slug>/enrol/", courses.course_enrol, name="course_enrol"),
    path("courses/<slug:slug>/lessons/<int:pk>/", courses.lesson_detail, name="lesson_detail"),
    path("courses/<slug:slug>/quizzes/<int:pk>/", courses.quiz_take, name="quiz_take"),
    path("certificates/<str:number>.pdf", courses.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/", courses.certificate_verify, name="certificate_verify"),
    path("progress/", courses.training_progress, name="training_progress"),
    path(
        "organisations/<slug:slug>/self-assessment/",
        self_assessment.self_assessment,
        name="self_assessment",
    ),
    path(
        "self-assessments/<int:pk>/",
        self_assessment.self_assessment_result,
        name="self_assessment_result",
    ),
    path("events/", events.event_list, name="event_list"),
    path("events/figures/", events.event_report, name="event_report"),
    path("events/new/", events.event_create, name="event_create"),
    path("series/<slug:slug>/", series.event_series, name="event_series"),
    path("events/<slug:slug>/", events.event_detail, name="event_detail"),
    path("events/<slug:slug>/attendance/", events.event_attendance, name="event_attendance"),
    path("events/<slug:slug>/attendance/import/", events.event_import, name="event_import"),
    path("events/<slug:slug>/qr.svg", events.event_qr, name="event_qr"),
    path(
        "events/<slug:slug>/check-in/<str:code>/",
        events.event_self_check_in,
        name="event_self_check_in",
    ),
    path("events/<slug:slug>/figures/", events.event_figures, name="event_figures"),
    path("events/<slug:slug>/agenda/", agenda.event_agenda, name="event_agenda"),
    path(
        "events/<slug:slug>/agenda/<int:pk>/",
        agenda.agenda_session_edit,
        name="agenda_session_edit",
    ),
    path("events/<slug:slug>/calendar.ics", agenda.event_calendar, name="event_calendar"),
    path(
        "events/<slug:slug>/questionnaires/",
        agenda.event_questionnaires,
        name="event_questionnaires",
    ),
    path(
        "events/<slug:slug>/questionnaires/results/",
        agenda.event_questionnaire_results,
        name="event_questionnaire_results",
    ),
    path(
        "events/<slug:slug>/questionnaires/<str:kind>/",
        agenda.event_questionnaire,
        name="event_questionnaire",
    ),
    path(
        "events/<slug:slug>/questionnaires/<str:kind>/<str:token>/",
        agenda.event_questionnaire_by_link,
        name="event_questionnaire_by_link",
    ),
    path("mentoring/", mentoring.mentoring_list, name="mentoring_list"),
    path("mentoring/new/", mentoring.mentoring_start, name="mentoring_start"),
    path(
        "organisations/<slug:slug>/mentoring/",
        mentoring.mentoring_request_create,
        name="mentoring_request_create",
    ),
    path("mentoring/requests/", mentoring.mentoring_request_list, name="mentoring_request_list"),
    path(
        "mentoring/requests/<int:pk>/",
        mentoring.mentoring_request_detail,
        name="mentoring_request_detail",
    ),
    path("mentoring/figures/", mentoring.mentoring_figures, name="mentoring_figures"),
    path("mentoring/<int:pk>/", mentoring.mentoring_detail, name="mentoring_detail"),
    path("community/", community.community, name="community"),
    path("community/join/", joining.community_apply, name="community_apply"),
    path(
        "community/applications/",
        joining.community_applications,
        name="community_applications",
    ),
    path(
        "community/applications/<int:pk>/",
        joining.community_application,
        name="community_application",
    ),
    path(
        "community/applications/<int:pk>/proof/",
        joining.community_application_proof,
        name="community_application_proof",
    ),
    path("community/join-requests/<int:pk>/", joining.join_request, name="join_request"),
    path("organisations/<slug:slug>/join/", joining.organisation_join, name="organisation_join"),
    path(
        "organisations/<slug:slug>/members/",
        joining.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisations/<slug:slug>/members/<int:user_id>/",
        joining.member_roles,
        name="member_roles",
    ),
    path(
        "organisations/<slug:slug>/community-profile/",
        joining.community_profile_edit,
        name="community_profile_edit",
    ),
    path("authoring/", authoring.course_list, name="authoring_courses"),
    path("authoring/new/", authoring.course_create, name="authoring_course_create"),
    path("authoring/import/", authoring.course_import, name="authoring_import"),
    path("authoring/<slug:slug>/", authoring.course_edit, name="authoring_course"),
    path("authoring/<slug:slug>/publish/", authoring.course_publish, name="authoring_publish"),
    path("authoring/<slug:slug>/package.zip", authoring.course_export, name="authoring_export"),
    path(
        "authoring/<slug:slug>/move/<str:kind>/<int:pk>/",
        authoring.item_move,
        name="authoring_move",
    ),
    path(
        "authoring/<slug:slug>/modules/new/", authoring.module_edit, name="authoring_module_create"
    ),
    path("authoring/<slug:slug>/modules/<int:pk>/", authoring.module_edit, name="authoring_module"),
    path(
        "authoring/<slug:slug>/modules/<int:pk>/lessons/new/",
        authoring.lesson_create,
        name="authoring_lesson_create",
    ),
    path("authoring/<slug:slug>/lessons/<int:pk>/", authoring.lesson_edit, name="authoring_lesson"),
    path(
        "authoring/<slug:slug>/lessons/<int:pk>/quiz/", authoring.quiz_edit, name="authoring_quiz"
    ),
    path(
        "authoring/<slug:slug>/lessons/<int:pk>/quiz/questions/new/",
        authoring.question_create,
        name="authoring_question_create",
    ),
    path(
        "authoring/<slug:slug>/questions/<int:pk>/",
        authoring.question_edit,
        name="authoring_question",
    ),
    path("community/discussions/", discussions.discussions, name="discussions"),
    path("community/discussions/e-mails/", discussions.discussion_emails, name="discussion_emails"),
    path("community/discussions/review/", discussions.discussion_queue, name="discussion_queue"),
    path(
        "community/discussions/threads/<int:pk>/",
        discussions.discussion_thread,
        name="discussion_thread",
    ),
    path(
        "community/discussions/threads/<int:pk>/lock/",
        discussions.discussion_thread_lock,
        name="discussion_thread_lock",
    ),
    path(
        "community/discussions/posts/<int:pk>/report/",
        discussions.discussion_post_report,
        name="discussion_post_report",
    ),
    path(
        "community/discussions/posts/<int:pk>/moderate/",
        discussions.discussion_post_moderate,
        name="discussion_post_moderate",
    ),
    path(
        "community/discussions/attachments/<int:pk>/",
        discussions.discussion_attachment,
        name="discussion_attachment",
    ),
    path(
        "community/discussions/<slug:slug>/",
        discussions.discussion_space,
        name="discussion_space",
    ),
    path("events/<slug:slug>/topics/", discussions.meeting_topics, name="meeting_topics"),
    path(
        "events/<slug:slug>/topics/ranking/",
        discussions.meeting_topic_ranking,
        name="meeting_topic_ranking",
    ),
    path("topics/<int:pk>/vote/", discussions.meeting_topic_vote, name="meeting_topic_vote"),
]
