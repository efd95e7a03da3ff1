"""Courses, learning paths, self-assessments, events, mentoring and the community directory.

One module per concern; every model is imported here, where Django and the rest of the platform
look for them (`from migralocal.learning.models import Course`).
"""

from migralocal.learning.models.agenda import (
    AgendaSession,
    Questionnaire,
    QuestionnaireChoice,
    QuestionnaireQuestion,
    QuestionnaireResponse,
)
from migralocal.learning.models.capacity import SelfAssessment, SelfAssessmentQuestion
from migralocal.learning.models.common import CAPACITY_AREAS, new_token, validate_time_zone
from migralocal.learning.models.community import (
    CommunityProfile,
    Decision,
    JoinRequest,
    OrganisationApplication,
)
from migralocal.learning.models.courses import (
    Certificate,
    Choice,
    Course,
    CourseInvitation,
    CourseModule,
    Enrolment,
    Lesson,
    LessonCompletion,
    Question,
    Quiz,
    QuizAttempt,
)
from migralocal.learning.models.discussions import (
    DiscussionNotice,
    DiscussionPost,
    DiscussionSettings,
    DiscussionSpace,
    DiscussionThread,
    MeetingTopic,
    PostAttachment,
    PostReport,
    TopicVote,
)
from migralocal.learning.models.events import Event, Gender, Mode, ParticipantRole, Registration
from migralocal.learning.models.mentoring import (
    MentoringEngagement,
    MentoringGoal,
    MentoringRequest,
    MentoringSession,
)
from migralocal.learning.models.paths import LearningPath, PathFollow, PathStep
from migralocal.learning.models.series import EventSeries

__all__ = [
    "CAPACITY_AREAS",
    "AgendaSession",
    "Certificate",
    "Choice",
    "CommunityProfile",
    "Course",
    "CourseInvitation",
    "CourseModule",
    "Decision",
    "DiscussionNotice",
    "DiscussionPost",
    "DiscussionSettings",
    "DiscussionSpace",
    "DiscussionThread",
    "Enrolment",
    "Event",
    "EventSeries",
    "Gender",
    "JoinRequest",
    "LearningPath",
    "Lesson",
    "LessonCompletion",
    "MeetingTopic",
    "MentoringEngagement",
    "MentoringGoal",
    "MentoringRequest",
    "MentoringSession",
    "Mode",
    "OrganisationApplication",
    "ParticipantRole",
    "PathFollow",
    "PathStep",
    "PostAttachment",
    "PostReport",
    "Question",
    "Questionnaire",
    "QuestionnaireChoice",
    "QuestionnaireQuestion",
    "QuestionnaireResponse",
    "Quiz",
    "QuizAttempt",
    "Registration",
    "SelfAssessment",
    "SelfAssessmentQuestion",
    "TopicVote",
    "new_token",
    "validate_time_zone",
]
