from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Courses"),
        "learning:catalogue",
        description=_("Bilingual courses, learning paths and certificates."),
        order=40,
    ),
    NavEntry(
        _("Events"),
        "learning:event_list",
        description=_("Workshops, webinars, virtual meetings and summits."),
        order=41,
    ),
    NavEntry(
        _("Community"),
        "learning:community",
        description=_("The regional community of civil-society organisations."),
        in_menu=False,
        order=42,
    ),
    NavEntry(
        _("My learning"),
        "learning:my_learning",
        "learning.follow_own_learning",
        _("Your courses, quiz results, certificates, and your organisation's learning path."),
        order=43,
    ),
    NavEntry(
        _("Training progress"),
        "learning:training_progress",
        "learning.view_training_progress",
        _("Progress per course, organisation and country, with CSV and XLSX exports."),
        in_menu=False,
        order=44,
    ),
    NavEntry(
        _("Attendance figures"),
        "learning:event_report",
        "learning.view_event_reports",
        _("Attendees by gender, mode, organisation, country and role over a period."),
        in_menu=False,
        order=45,
    ),
    NavEntry(
        _("Mentoring"),
        "learning:mentoring_list",
        "learning.browse_mentoring",
        _("Mentoring engagements: goals, sessions and outcomes."),
        in_menu=False,
        order=46,
    ),
    NavEntry(
        _("Applications to join the community"),
        "learning:community_applications",
        "learning.browse_community_applications",
        _("Organisations that apply to join the community, and the answers of reviewers."),
        in_menu=False,
        order=47,
    ),
    NavEntry(
        _("Course authoring"),
        "learning:authoring_courses",
        "learning.author_courses",
        _("Write courses in both languages, publish them, export and import course packages."),
        in_menu=False,
        order=48,
    ),
    NavEntry(
        _("Discussions"),
        "learning:discussions",
        "learning.browse_discussions",
        _("Discussion spaces of the community and of hub staff, by country and by topic."),
        in_menu=False,
        order=49,
    ),
]
