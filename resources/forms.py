from django import forms


class SelfCheckForm(forms.Form):
    """One radio question per self-check question; every question needs an answer."""

    def __init__(self, questions, data=None):
        super().__init__(data)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[f"question_{number}"] = forms.TypedChoiceField(
                label=f"{number}. {question['question']}",
                template_name="forms/quiz_question_field.html",
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
