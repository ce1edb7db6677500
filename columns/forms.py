"""The reader's comment form, with its spam and abuse guards."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comment

MIN_COMMENT_LENGTH = 3


class CommentForm(forms.ModelForm):
    # A honeypot: hidden from people by CSS, filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Comment
        fields = ["name", "email", "body"]
        labels = {"name": _("Your name"), "email": _("Email (optional, not shown)")}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def clean_name(self):
        return unicodedata.normalize("NFC", self.cleaned_data["name"].strip())

    def clean_body(self):
        body = unicodedata.normalize("NFC", self.cleaned_data["body"].strip())
        if len(body) < MIN_COMMENT_LENGTH:
            raise forms.ValidationError(_("Your comment is too short."))
        return body

    def is_spam(self):
        return bool(self.data.get("website"))
