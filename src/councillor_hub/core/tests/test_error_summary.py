from django import forms
from django.template import Context, Template

from councillor_hub.core.forms import GovukForm


class ExampleForm(GovukForm):
    name = forms.CharField(label="Name")
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect
    )


def test_error_summary_links_reach_text_inputs_and_the_first_radio():
    form = ExampleForm(data={})
    form.is_valid()
    html = Template("{% load crispy_forms_gds crispy_forms_tags %}{% error_summary form %}").render(
        Context({"form": form})
    )
    assert 'href="#id_name"' in html
    assert 'href="#id_colour_1"' in html
    assert "There is a problem" in html
    assert "Enter name" in html
    assert "Select colour" in html
