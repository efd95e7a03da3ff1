"""Discussions: spaces, threads and replies, readers' reports and moderators' decisions, the
e-mail choice, and the topics members propose and vote for before a virtual meeting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.no_store import never_stored
from migralocal.learning import discussion_forms as forms
from migralocal.learning import discussion_selectors as selectors
from migralocal.learning import discussion_services as services
from migralocal.learning.models import (
    DiscussionPost,
    DiscussionSpace,
    DiscussionThread,
    Event,
    MeetingTopic,
    PostAttachment,
)
from migralocal.learning.views import page_of

# ---------------------------------------------------------------- loaders


def space_for(request: HttpRequest, slug: str) -> DiscussionSpace:
    space = get_object_or_404(DiscussionSpace.objects.select_related("country"), slug=slug)
    if not request.user.has_perm("learning.view_discussion_space", space):
        raise Http404
    return space


def thread_for(request: HttpRequest, pk: int) -> DiscussionThread:
    thread = get_object_or_404(DiscussionThread.objects.select_related("space__country"), pk=pk)
    if not request.user.has_perm("learning.view_discussion_space", thread):
        raise Http404
    return thread


def post_for(request: HttpRequest, pk: int) -> DiscussionPost:
    post = get_object_or_404(
        DiscussionPost.objects.select_related("thread__space__country", "author"), pk=pk
    )
    if not request.user.has_perm("learning.view_discussion_space", post):
        raise Http404
    return post


def attachment_for(request: HttpRequest, pk: int) -> PostAttachment:
    attachment = get_object_or_404(
        PostAttachment.objects.select_related("post__thread__space"), pk=pk
    )
    user = request.user
    if not user.has_perm("learning.view_discussion_space", attachment) or (
        attachment.post.is_hidden and not user.has_perm("learning.moderate_discussion", attachment)
    ):
        raise Http404
    return attachment


def meeting_for(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(
        Event.objects.select_related("country").filter(kind=Event.Kind.VIRTUAL_MEETING), slug=slug
    )


def topic_for(request: HttpRequest, pk: int) -> MeetingTopic:
    return get_object_or_404(MeetingTopic.objects.select_related("event"), pk=pk)


def _add_service_errors(form: forms.forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# ---------------------------------------------------------------- spaces and threads


@permission_required("learning.browse_discussions")
def discussions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The spaces the person may read, their e-mail choice, and the coming virtual meetings."""
    return render(
        request,
        "learning/discussions/index.html",
        {
            "spaces": selectors.spaces_visible_to(request.user),
            "email_form": forms.EmailChoiceForm(
                initial={"frequency": selectors.email_frequency_of(request.user)}
            ),
            "meetings": selectors.upcoming_virtual_meetings()[:5],
            "may_moderate": request.user.has_perm("learning.view_discussion_queue"),
        },
    )


@require_POST
@permission_required("learning.choose_discussion_emails")
def discussion_emails(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.EmailChoiceForm(request.POST)
    if form.is_valid():
        services.discussion_settings_update(
            user=request.user, frequency=form.cleaned_data["frequency"]
        )
        messages.success(request, _("Your choice of e-mails was saved."))
    else:
        messages.error(request, _("Choose one of the options."))
    return redirect("learning:discussions")


@never_stored
@permission_required("learning.view_discussion_space", load=space_for)
def discussion_space(request: AuthenticatedHttpRequest, space: DiscussionSpace) -> HttpResponse:
    """The space's threads, most recently active first, and the form to start one."""
    may_start = request.user.has_perm("learning.start_discussion_thread", space)
    form = None
    if may_start:
        form = forms.ThreadForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                thread = services.discussion_thread_start(
                    space=space,
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    attachments=data["attachments"],
                    site_url=_site_url(request),
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Your thread was started."))
                return redirect(thread)
    return render(
        request,
        "learning/discussions/space.html",
        {"space": space, "page": page_of(request, selectors.threads_of(space)), "form": form},
    )


@never_stored
@permission_required("learning.view_discussion_space", load=thread_for)
def discussion_thread(request: AuthenticatedHttpRequest, thread: DiscussionThread) -> HttpResponse:
    """The thread's messages in order (hidden ones shown as hidden, but to moderators), and the
    form to reply while the thread is not locked."""
    user = request.user
    may_reply = user.has_perm("learning.reply_in_discussion", thread)
    form = None
    if may_reply:
        form = forms.ReplyForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                post = services.discussion_reply(
                    thread=thread,
                    author=user,
                    body=form.cleaned_data["body"],
                    attachments=form.cleaned_data["attachments"],
                    site_url=_site_url(request),
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Your reply was posted."))
                return redirect(post.get_absolute_url())
    return render(
        request,
        "learning/discussions/thread.html",
        {
            "thread": thread,
            "space": thread.space,
            "posts": selectors.thread_posts(thread),
            "form": form,
            "may_moderate": user.has_perm("learning.moderate_discussion", thread),
        },
    )


@never_stored
@permission_required("learning.view_discussion_space", load=attachment_for)
def discussion_attachment(
    request: AuthenticatedHttpRequest, attachment: PostAttachment
) -> HttpResponseBase:
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.filename or "file"
    )


# ---------------------------------------------------------------- reports and moderation


@permission_required("learning.report_discussion_post", load=post_for)
def discussion_post_report(request: AuthenticatedHttpRequest, post: DiscussionPost) -> HttpResponse:
    form = forms.ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.discussion_post_report(
                post=post, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at this message."))
            return redirect(post.get_absolute_url())
    return render(request, "learning/discussions/report.html", {"post": post, "form": form})


@require_POST
@permission_required("learning.moderate_discussion", load=post_for)
def discussion_post_moderate(
    request: AuthenticatedHttpRequest, post: DiscussionPost
) -> HttpResponse:
    """Hide a message, or show it again; either way its open reports are resolved."""
    action = request.POST.get("action")
    if action == "hide":
        services.discussion_post_hide(post=post, moderator=request.user)
        messages.success(request, _("The message is hidden from readers."))
    elif action == "show":
        services.discussion_post_unhide(post=post, moderator=request.user)
        messages.success(request, _("The message is shown to readers."))
    else:
        messages.error(request, _("Choose whether to hide or show the message."))
    if request.POST.get("next") == "queue":
        return redirect("learning:discussion_queue")
    return redirect(post.get_absolute_url())


@require_POST
@permission_required("learning.moderate_discussion", load=thread_for)
def discussion_thread_lock(
    request: AuthenticatedHttpRequest, thread: DiscussionThread
) -> HttpResponse:
    locked = request.POST.get("action") == "lock"
    services.discussion_thread_lock(thread=thread, moderator=request.user, locked=locked)
    messages.success(
        request,
        _("The thread is locked: only moderators may reply.")
        if locked
        else _("The thread is open to replies again."),
    )
    return redirect(thread)


@never_stored
@permission_required("learning.view_discussion_queue")
def discussion_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Reported and hidden messages in the spaces the moderator covers."""
    return render(
        request,
        "learning/discussions/queue.html",
        {"page": page_of(request, selectors.moderation_queue_for(request.user))},
    )


# ---------------------------------------------------------------- topics for a meeting


@never_stored
@permission_required("learning.propose_meeting_topic", load=meeting_for)
def meeting_topics(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    """Members propose topics for the meeting and vote for them."""
    form = forms.TopicForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_topic_propose(
                event=event,
                user=request.user,
                title=form.cleaned_data["title"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Your topic was proposed."))
            return redirect("learning:meeting_topics", slug=event.slug)
    return render(
        request,
        "learning/discussions/topics.html",
        {
            "event": event,
            "topics": selectors.topics_of(event, request.user),
            "form": form,
            "is_open": event.starts_at > timezone.now(),
            "may_rank": request.user.has_perm("learning.view_meeting_topic_ranking", event),
        },
    )


@require_POST
@permission_required("learning.propose_meeting_topic", load=topic_for)
def meeting_topic_vote(request: AuthenticatedHttpRequest, topic: MeetingTopic) -> HttpResponse:
    """Vote for a topic, or withdraw the vote."""
    try:
        services.meeting_topic_vote(
            topic=topic, user=request.user, vote=request.POST.get("vote") == "yes"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("learning:meeting_topics", slug=topic.event.slug)


@never_stored
@permission_required("learning.view_meeting_topic_ranking", load=meeting_for)
def meeting_topic_ranking(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    """For those who run the meeting: the topics by votes, to plan its agenda."""
    return render(
        request,
        "learning/discussions/ranking.html",
        {"event": event, "topics": selectors.topics_of(event, request.user)},
    )
