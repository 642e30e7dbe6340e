"""What a browser would send for a form on a page, read from the page's HTML as it stands.

A test that submits a page's form "unchanged" must send what the markup holds (the options
marked selected, the boxes checked, the text in each textarea), not what the test believes the
record holds: that is how a select that never shows its stored value loses it.
"""

from html.parser import HTMLParser

TEXT_INPUT_TYPES = {
    "",
    "text",
    "email",
    "hidden",
    "search",
    "url",
    "tel",
    "number",
    "date",
    "datetime-local",
    "time",
    "password",
    "color",
}


class FormReader(HTMLParser):
    """Collects every form on a page: its attributes and the pairs a browser would submit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = {"attrs": attrs, "fields": [], "buttons": []}
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        disabled = "disabled" in attrs
        if tag == "input" and name and not disabled:
            kind = (attrs.get("type") or "").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.form["fields"].append((name, attrs.get("value", "on")))
            elif kind in ("submit", "image", "button"):
                self.form["buttons"].append((name, attrs.get("value", "")))
            elif kind in TEXT_INPUT_TYPES:
                self.form["fields"].append((name, attrs.get("value", "")))
        elif tag == "button" and name and not disabled:
            self.form["buttons"].append((name, attrs.get("value", "")))
        elif tag == "select" and name and not disabled:
            self.select = {"name": name, "chosen": [], "first": None}
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "text": "", "selected": "selected" in attrs}
        elif tag == "textarea" and name and not disabled:
            self.textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            self.close_option()
        elif tag == "select" and self.select is not None:
            self.close_option()
            chosen = self.select["chosen"] or (
                [self.select["first"]] if self.select["first"] is not None else []
            )
            self.form["fields"].extend((self.select["name"], value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that may follow the opening tag.
            text = self.textarea["text"]
            text = text[1:] if text.startswith("\n") else text
            self.form["fields"].append((self.textarea["name"], text.replace("\n", "\r\n")))
            self.textarea = None
        elif tag == "form":
            self.form = None

    def close_option(self):
        if self.option is None:
            return
        value = self.option["value"]
        value = self.option["text"].strip() if value is None else value
        if self.select["first"] is None:
            self.select["first"] = value
        if self.option["selected"]:
            self.select["chosen"].append(value)
        self.option = None


def forms_on(html):
    reader = FormReader()
    reader.feed(html)
    reader.close()
    return reader.forms


def submission(form, button=None):
    """The form's pairs as the test client's POST data (a list for a repeated name)."""
    data = {}
    pairs = list(form["fields"])
    if button is not None:
        pairs.append(button)
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def form_posting_to(html, action, page_url=None):
    """The one form on the page whose action is `action` (a form with no action posts to the
    page itself: pass `page_url`)."""
    found = [form for form in forms_on(html) if form["attrs"].get("action", page_url) == action]
    if len(found) > 1:
        # Wagtail's edit views also draw a field-less form for editing sessions; its editor form
        # is the one marked data-edit-form.
        found = [form for form in found if "data-edit-form" in form["attrs"]]
    assert len(found) == 1, f"{len(found)} forms post to {action!r}"
    return found[0]
