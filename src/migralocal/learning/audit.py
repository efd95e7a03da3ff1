"""Every change to Learning's records is kept by django-auditlog: who, when, which fields."""

from auditlog.registry import auditlog

from migralocal.learning import models

auditlog.register(models.Course, m2m_fields={"organisations", "capacity_areas"})
auditlog.register(models.CourseInvitation)
auditlog.register(models.CourseModule)
auditlog.register(models.Lesson)
auditlog.register(models.Quiz)
auditlog.register(models.Question)
auditlog.register(models.Choice)
auditlog.register(models.Enrolment)
auditlog.register(models.LessonCompletion)
auditlog.register(models.QuizAttempt)
auditlog.register(models.Certificate)
auditlog.register(models.LearningPath, m2m_fields={"target_areas"})
auditlog.register(models.PathStep)
auditlog.register(models.SelfAssessmentQuestion)
auditlog.register(models.SelfAssessment)
auditlog.register(models.Event)
auditlog.register(models.Registration)
auditlog.register(models.MentoringEngagement, m2m_fields={"areas"})
auditlog.register(models.MentoringGoal)
auditlog.register(models.MentoringSession)
auditlog.register(models.CommunityProfile)
auditlog.register(models.PathFollow)
auditlog.register(models.MentoringRequest, m2m_fields={"areas"})
auditlog.register(models.OrganisationApplication, m2m_fields={"areas_of_work"})
auditlog.register(models.JoinRequest)
auditlog.register(models.AgendaSession)
auditlog.register(models.Questionnaire)
auditlog.register(models.QuestionnaireQuestion)
auditlog.register(models.QuestionnaireChoice)
auditlog.register(models.QuestionnaireResponse)
auditlog.register(models.EventSeries)

# Translated text lives in parler's own tables; its changes are part of the record too.
for translatable in (
    models.Course,
    models.CourseModule,
    models.Lesson,
    models.Quiz,
    models.Question,
    models.Choice,
    models.LearningPath,
    models.SelfAssessmentQuestion,
    models.Event,
    models.CommunityProfile,
    models.AgendaSession,
    models.QuestionnaireQuestion,
    models.QuestionnaireChoice,
    models.EventSeries,
):
    auditlog.register(translatable._parler_meta.root_model)

# Discussions: spaces (with their translations), threads, posts, files, reports, e-mail choices,
# notices, topics and votes.
auditlog.register(models.DiscussionSpace)
auditlog.register(models.DiscussionSpace._parler_meta.root_model)
auditlog.register(models.DiscussionThread)
auditlog.register(models.DiscussionPost, m2m_fields={"mentions"})
auditlog.register(models.PostAttachment)
auditlog.register(models.PostReport)
auditlog.register(models.DiscussionSettings)
auditlog.register(models.DiscussionNotice)
auditlog.register(models.MeetingTopic)
auditlog.register(models.TopicVote)
