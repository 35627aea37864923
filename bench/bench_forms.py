"""The fields of an HTML form as a browser would submit them untouched, so the benchmark's
writes go through the app's real forms (bench/run.py reads them once per person; the locust users
fill them in). Standard library only: importable without locust's gevent patching."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class FormFields(HTMLParser):
    """The fields of the page's main POST form (the one holding the CSRF token that is not the
    sign-out form), as a browser would submit them untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = {"action": a.get("action", ""), "fields": {}, "radios": {}}
            self.forms.append(self.current)
            return
        if self.current is None:
            return
        if tag == "option" and self.select:
            self.current["options"][self.select].append(a.get("value", ""))
            if "selected" in a:
                self.current["fields"][self.select] = a.get("value", "")
            return
        if not a.get("name"):
            return
        name, fields = a["name"], self.current["fields"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "radio":
                self.current["radios"].setdefault(name, []).append(a.get("value", ""))
                if "checked" in a:
                    fields[name] = a.get("value", "")
            elif kind == "checkbox":
                if "checked" in a:
                    fields.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in {"file", "submit", "button"}:
                fields[name] = a.get("value", "")
        elif tag == "select":
            self.select = name
            self.current.setdefault("options", {})[name] = []
        elif tag == "textarea":
            self.textarea = name
            fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.textarea:
            self.current["fields"][self.textarea] += data

    def main_form(self) -> dict[str, Any]:
        candidates = [
            f
            for f in self.forms
            if "csrfmiddlewaretoken" in f["fields"] and "sign-out" not in f["action"]
        ]
        if not candidates:
            raise ValueError("no POST form on the page")
        form = max(candidates, key=lambda f: len(f["fields"]) + len(f["radios"]))
        for name, options in form.get("options", {}).items():
            form["fields"].setdefault(name, options[0] if options else "")
        return form


def form_template(html: str, first_choice: tuple[str, ...] = ()) -> dict[str, Any]:
    """The form's fields with their defaults; `first_choice` names radio groups and selects to
    answer with their first real option when nothing is chosen."""
    parser = FormFields()
    parser.feed(html)
    form = parser.main_form()
    fields = dict(form["fields"])
    for name in first_choice:
        if fields.get(name):
            continue
        options = form["radios"].get(name, []) + form.get("options", {}).get(name, [])
        real = [o for o in options if o]
        if real:
            fields[name] = real[0]
    return fields
