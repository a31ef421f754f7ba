"""The record page's "Download for Word" and "Upload from Word", and the review between.

An expert downloads the draft as a DOCX file (guidance/word/template.py), edits it in
Word, and uploads it: the review page shows, section by section, what the upload would
change (the readable diff of the public "what changed" page) with a box "Apply this
change" for each; saving applies only the ticked sections, through the record page's
own form and version check, all or none (guidance/word/saving.py).

Who may: whoever may edit the record's country downloads it (permissions.can_edit_country);
uploading and saving also need the record to be changeable by them now
(permissions.can_change: not in review, and for experts not published - a published
record is changed in its revision, which is downloaded in its turn).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guidance.models import PublicationStatus
from guidance.reading.readable_diff import readable_diff
from guidance.rules import permissions
from guidance.word import saving, template, upload


class WordUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Word file (.docx)"),
        help_text=gettext_lazy(
            "The file you downloaded with “Download for Word”, edited and saved in Word. "
            "At most 5 MB. Nothing is saved before you review the changes."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document"
            }
        ),
    )


class WordAdminMixin:
    """Adds the Word download, upload and save views to the country-record admin."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/word/download/",
                view(self.word_download_view),
                name="{}_{}_word_download".format(*info),
            ),
            path(
                "<path:object_id>/word/upload/",
                view(self.word_upload_view),
                name="{}_{}_word_upload".format(*info),
            ),
            path(
                "<path:object_id>/word/save/",
                view(self.word_save_view),
                name="{}_{}_word_save".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and permissions.can_edit_country(request.user, obj.country):
            context["word"] = {"may_upload": permissions.can_change(request.user, obj)}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def word_download_view(self, request, object_id):
        record = self._word_record(request, object_id)
        response = HttpResponse(template.record_docx(record), content_type=template.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{template.filename(record)}"'
        return response

    def word_upload_view(self, request, object_id):
        record = self._word_record(request, object_id, changing=True)
        form = WordUploadForm(request.POST or None, request.FILES or None)
        if request.method != "POST":
            return self._word_page(request, record, "word_upload.html", {"form": form})
        if form.is_valid():
            try:
                proposals = upload.read_upload(form.cleaned_data["file"], record)
            except upload.UploadRefused as refusal:
                form.add_error("file", str(refusal))
            else:
                return self._word_review(request, record, proposals)
        return self._word_page(request, record, "word_upload.html", {"form": form}, status=400)

    def word_save_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = self._word_record(request, object_id, changing=True)
        try:
            texts = saving.unsign(request.POST.get("proposal"), record, request.user)
            ticked = set(request.POST.getlist("apply"))
            accepted = [text for text in texts if str(text.number) in ticked]
            if not accepted:
                self.message_user(
                    request, _("No change was ticked, so nothing was saved."), messages.WARNING
                )
                return HttpResponseRedirect(self._word_change_url(record))
            entries = saving.save_accepted(record, request.user, accepted)
        except saving.SaveRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(self._word_change_url(record))
        numbers = ", ".join(str(text.number) for text in accepted)
        self.log_change(
            request, record, _("Sections %(numbers)s uploaded from Word.") % {"numbers": numbers}
        )
        self.message_user(
            request,
            _("Saved %(count)d sections from Word (%(numbers)s).")
            % {"count": len(entries), "numbers": numbers},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._word_change_url(record))

    def _word_record(self, request, object_id, changing=False):
        """The record, or a refusal saying why this user may not download or upload it."""
        record = self._get_object_or_404(request, object_id)
        if not permissions.can_edit_country(request.user, record.country):
            raise PermissionDenied(_("Only the national experts of its country and editors may."))
        if changing and not permissions.can_change(request.user, record):
            raise PermissionDenied(_frozen_reason(request.user, record))
        return record

    def _word_review(self, request, record, proposals):
        changed = [p for p in proposals if p.changed]
        context = {
            "changes": [
                {"proposal": p, "diff": readable_diff(p.stored, p.uploaded)} for p in changed
            ],
            "unchanged": [p for p in proposals if not p.changed],
            "acceptable": any(not p.conflict for p in changed),
            "proposal_token": saving.sign(record, request.user, proposals),
        }
        return self._word_page(request, record, "word_review.html", context)

    def _word_page(self, request, record, name, extra, status=200):
        titles = {
            "word_upload.html": _("Upload “%s” from Word"),
            "word_review.html": _("Review the changes to “%s” from Word"),
        }
        context = {
            **self.admin_site.each_context(request),
            "title": titles[name] % record,
            "opts": self.opts,
            "original": record,
            "change_url": self._word_change_url(record),
            **extra,
        }
        return TemplateResponse(
            request, f"admin/guidance/guidancesystem/{name}", context, status=status
        )

    def _word_change_url(self, record):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]
        )


def _frozen_reason(user, record):
    if record.status == PublicationStatus.IN_REVIEW:
        return _("This record is waiting for an editor's review, so it cannot be changed now.")
    if permissions.can_start_revision(user, record):
        return _(
            "This record is published. Press “Change in a revision” on its page, then "
            "download and upload that revision for Word."
        )
    return _("You cannot change this record.")
