from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from parler.admin import TranslatableAdmin, TranslatableTabularInline

from migralocal.core.uploads import with_content_check
from migralocal.learning import models
from migralocal.learning.authoring_services import LESSON_FILE_EXTENSIONS


class CourseModuleInline(TranslatableTabularInline):
    model = models.CourseModule
    extra = 0
    show_change_link = True


class CourseInvitationInline(admin.TabularInline):
    model = models.CourseInvitation
    extra = 0


@admin.register(models.Course)
class CourseAdmin(TranslatableAdmin):
    list_display = (
        "__str__",
        "slug",
        "country",
        "is_published",
        "enrolment",
        "certification_module",
    )
    list_filter = ("is_published", "enrolment", "country")
    search_fields = ("slug", "translations__title")
    filter_horizontal = ("organisations", "capacity_areas")
    inlines = (CourseModuleInline, CourseInvitationInline)


class LessonInline(TranslatableTabularInline):
    model = models.Lesson
    fields = ("title", "position", "estimated_minutes", "video_url")
    extra = 0
    show_change_link = True


@admin.register(models.CourseModule)
class CourseModuleAdmin(TranslatableAdmin):
    list_display = ("__str__", "course", "position")
    list_filter = ("course",)
    inlines = (LessonInline,)


@admin.register(models.Lesson)
class LessonAdmin(TranslatableAdmin):
    list_display = ("__str__", "module", "position", "estimated_minutes")
    list_filter = ("module__course",)
    search_fields = ("translations__title",)

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "attachment":
            return with_content_check(field, LESSON_FILE_EXTENSIONS)
        return field


class QuestionInline(TranslatableTabularInline):
    model = models.Question
    extra = 0
    show_change_link = True


@admin.register(models.Quiz)
class QuizAdmin(TranslatableAdmin):
    list_display = ("__str__", "lesson", "pass_mark", "max_attempts")
    inlines = (QuestionInline,)


class ChoiceInline(TranslatableTabularInline):
    model = models.Choice
    extra = 0


@admin.register(models.Question)
class QuestionAdmin(TranslatableAdmin):
    list_display = ("__str__", "quiz", "kind", "position")
    inlines = (ChoiceInline,)


@admin.register(models.Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("user", "course", "organisation", "enrolled_at", "completed_at")
    list_filter = ("course",)
    search_fields = ("user__email",)
    raw_id_fields = ("user", "organisation")


@admin.register(models.QuizAttempt)
class QuizAttemptAdmin(admin.ModelAdmin):
    list_display = ("enrolment", "quiz", "number", "score", "passed", "submitted_at")
    raw_id_fields = ("enrolment",)


@admin.register(models.Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "learner_name", "enrolment", "issued_at")
    search_fields = ("number", "learner_name")
    raw_id_fields = ("enrolment",)


class PathStepInline(admin.TabularInline):
    model = models.PathStep
    extra = 0


@admin.register(models.LearningPath)
class LearningPathAdmin(TranslatableAdmin):
    list_display = ("__str__", "slug", "position")
    filter_horizontal = ("target_areas",)
    inlines = (PathStepInline,)


@admin.register(models.SelfAssessmentQuestion)
class SelfAssessmentQuestionAdmin(TranslatableAdmin):
    list_display = ("code", "__str__", "area", "position")
    list_filter = ("area",)


@admin.register(models.SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    list_display = ("organisation", "submitted_at", "recommended_path")
    raw_id_fields = ("organisation", "submitted_by")


@admin.register(models.Event)
class EventAdmin(TranslatableAdmin):
    list_display = ("__str__", "kind", "format", "country", "starts_at", "capacity")
    list_filter = ("kind", "format", "country")
    search_fields = ("slug", "translations__title")


@admin.register(models.Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "event", "status", "attended_at", "attendance_mode")
    list_filter = ("status", "attendance_mode", "gender")
    search_fields = ("name", "email", "department")
    raw_id_fields = ("event", "user", "organisation")


class MentoringGoalInline(admin.TabularInline):
    model = models.MentoringGoal
    extra = 0


class MentoringSessionInline(admin.TabularInline):
    model = models.MentoringSession
    extra = 0


@admin.register(models.MentoringEngagement)
class MentoringEngagementAdmin(admin.ModelAdmin):
    list_display = ("organisation", "mentor", "status", "started_on", "ended_on")
    list_filter = ("status",)
    raw_id_fields = ("mentor", "organisation")
    filter_horizontal = ("areas",)
    inlines = (MentoringGoalInline, MentoringSessionInline)


@admin.register(models.CommunityProfile)
class CommunityProfileAdmin(TranslatableAdmin):
    list_display = ("organisation", "joined_on", "contact_email")
    search_fields = ("organisation__name",)
    raw_id_fields = ("organisation",)


from migralocal.learning import discussion_admin  # noqa: E402, F401  (discussions' admin)
