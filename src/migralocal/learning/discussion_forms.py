"""Forms at the boundary of discussions: a thread, a reply, a report, the e-mail choice, a
topic for a meeting. The services check the same limits again, whoever calls them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from migralocal.core import text_limits
from migralocal.learning import discussion_services as services
from migralocal.learning.models import DiscussionSettings
from migralocal.learning.models.discussions import TITLE_LENGTH


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to three files; each is checked by its size and content, not its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(services.ATTACHMENT_TYPES)})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        for upload in files:
            super().clean(upload, initial)
        try:
            services.check_attachments(files)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["attachments"]) from error
        return files


BODY_HELP = _(
    "Markdown is accepted. Mention a member with @ followed by their e-mail address, such as "
    "@maria@example.org: they are told by e-mail."
)
ATTACHMENTS_HELP = _("Up to three files of 5 MB: PDF, PNG, JPEG, DOCX, XLSX or ODT.")


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=services.BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=BODY_HELP,
    )
    attachments = AttachmentsField(label=_("Attachments"), help_text=ATTACHMENTS_HELP)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH)
    body = forms.CharField(
        label=_("Message"),
        max_length=services.BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
    )
    attachments = AttachmentsField(label=_("Attachments"), help_text=ATTACHMENTS_HELP)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this message?"),
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EmailChoiceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("E-mails about replies and mentions"),
        choices=DiscussionSettings.Frequency.choices,
        widget=forms.RadioSelect,
    )


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=TITLE_LENGTH)
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
