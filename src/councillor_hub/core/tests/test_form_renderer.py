"""The form renderer (settings.FORM_RENDERER) draws widgets with Jinja2 from Django's own widget
templates: the same markup as the Django template engine, and the admin's widgets still work."""

import html
import re

import pytest
from django import forms
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget
from django.forms.renderers import DjangoTemplates, get_default_renderer

from councillor_hub.core.form_renderer import FastFormRenderer


class EveryWidget(forms.Form):
    name = forms.CharField(max_length=20, help_text="Help")
    body = forms.CharField(widget=forms.Textarea)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(choices=[("a", "Children's services"), ("b", "<b>Bold</b>")])
    kinds = forms.MultipleChoiceField(
        choices=[("a", "One"), ("b", "Two")], widget=forms.CheckboxSelectMultiple
    )
    way = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    agree = forms.BooleanField()
    upload = forms.FileField()
    secret = forms.CharField(widget=forms.PasswordInput)
    hidden = forms.CharField(widget=forms.HiddenInput)


def _normalised(markup: str) -> str:
    # The engines differ only in insignificant whitespace and in how they write an
    # apostrophe (&#x27; and &#39;): compare what a browser would read.
    return re.sub(r"\s+", " ", html.unescape(markup)).replace("> <", "><").strip()


def test_the_fast_renderer_is_the_default():
    assert isinstance(get_default_renderer(), FastFormRenderer)


@pytest.mark.parametrize("bound", [False, True])
def test_widgets_draw_the_same_markup_as_django_templates(bound):
    data = {"name": "O'Brien <x>", "kind": "b", "kinds": ["a", "b"], "way": "y", "agree": "on"}
    fast = EveryWidget(data if bound else None, renderer=FastFormRenderer())
    django = EveryWidget(data if bound else None, renderer=DjangoTemplates())
    for name in EveryWidget.base_fields:
        assert _normalised(str(fast[name])) == _normalised(str(django[name])), name
    # Still escaped: what people type never becomes markup.
    assert "<x>" not in str(fast["name"]) and "&lt;b&gt;Bold" in str(fast["kind"])


def test_widgets_with_only_django_templates_fall_back_to_them():
    widget = ReadOnlyPasswordHashWidget()
    drawn = widget.render("password", "!unusable", renderer=FastFormRenderer())
    assert "No password set" in drawn
