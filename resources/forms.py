from django import forms

from network_site.core.forms import SEARCH_QUERY_MAX_LENGTH, WORD_PATTERN

from .models import ResourceType

UNKNOWN_CHOICE = "We do not have that option. Choose from the list."


class LibraryFilterForm(forms.Form):
    """The library's search box and filters. Values not in the lists are refused, never queried."""

    q = forms.CharField(
        label="Search the library",
        required=False,
        max_length=SEARCH_QUERY_MAX_LENGTH,
        error_messages={
            "max_length": "Search for %(limit_value)s characters or fewer "
            "(you entered %(show_value)s)."
        },
    )
    type = forms.MultipleChoiceField(
        label="Type",
        required=False,
        choices=ResourceType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    audience = forms.MultipleChoiceField(
        label="Audience",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    topic = forms.MultipleChoiceField(
        label="Topic",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    sector = forms.MultipleChoiceField(
        label="Sector",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )

    FACETS = ["type", "audience", "topic", "sector"]

    def __init__(self, data, *, audiences, topics, sectors):
        super().__init__(data)
        self.fields["audience"].choices = audiences
        self.fields["topic"].choices = topics
        self.fields["sector"].choices = sectors

    def clean_q(self):
        # Words only: quotes and operators are query syntax to the full-text backends.
        return " ".join(WORD_PATTERN.findall(self.cleaned_data["q"]))

    def valid_values(self):
        """What the listing may use: each field that is valid, even when another is not."""
        self.is_valid()
        values = {"q": self.cleaned_data.get("q", "")}
        for name in self.FACETS:
            values[name] = self.cleaned_data.get(name, [])
        return values


class SelfCheckForm(forms.Form):
    """One radio question per self-check question; every question needs an answer."""

    def __init__(self, questions, data=None):
        super().__init__(data)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[f"question_{number}"] = forms.TypedChoiceField(
                label=question["question"],
                choices=[
                    (str(index), option["text"]) for index, option in enumerate(question["options"])
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose an answer to question {number}.",
                    "invalid_choice": f"Choose one of the answers to question {number}.",
                },
            )

    def results(self):
        """Each question with the reader's answer, the right answer and why."""
        results = []
        for number, question in enumerate(self.questions, start=1):
            options = question["options"]
            chosen = options[self.cleaned_data[f"question_{number}"]]
            correct = next(option for option in options if option["is_correct"])
            results.append(
                {
                    "number": number,
                    "question": question["question"],
                    "chosen": chosen["text"],
                    "correct": correct["text"],
                    "is_right": chosen["is_correct"],
                    "explanation": question["explanation"],
                }
            )
        return results

    def bound_questions(self):
        return [self[f"question_{number}"] for number in range(1, len(self.questions) + 1)]
