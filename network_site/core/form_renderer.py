"""The one way a form field is drawn: Django's form renderer with the design system's templates.

`settings.FORM_RENDERER` points here, so `{{ form }}` and `{{ form.field.as_field_group }}` give the
design system's markup on every site form (allauth's too). Wagtail's admin draws its own fields and
never asks the renderer for these two templates, so it keeps its look. The hint and error ids are
Django's own (`<id>_helptext`, `<id>_error`), the ones Django puts in `aria-describedby`.

A field whose options are laid out another way (a listing's filters, the self-check's questions)
names a template of its own in templates/forms/ with the form field's `template_name`; each of them
includes the same hint and error markup, so every form on the site has one error-id scheme.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

# The design system's class for each kind of widget, and the one it adds when the answer is wrong.
WIDGET_CLASSES: dict[str, tuple[str, str]] = {
    "select": ("ds_select", "ds_select--error"),
    "checkbox": ("ds_checkbox__input", ""),
    "clearablefile": ("ds_file-upload__input", "ds_file-upload__input--error"),
    "file": ("ds_file-upload__input", "ds_file-upload__input--error"),
}
INPUT_CLASSES = ("ds_input", "ds_input--error")


def widget_attrs(field: BoundField) -> dict[str, str]:
    """The design system's classes for the field's widget, added to any it already has."""
    css_class, error_class = WIDGET_CLASSES.get(field.widget_type, INPUT_CLASSES)
    classes = [field.field.widget.attrs.get("class", ""), css_class]
    if field.errors and error_class:
        classes.append(error_class)
    return {"class": " ".join(name for name in classes if name)}


class DesignSystemFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        field = context.get("field")
        # Radios and checkbox lists (fieldsets) are drawn option by option in the template. A field
        # may name a template of its own (`template_name`); its widget gets the same classes.
        is_single_widget = isinstance(field, BoundField) and not field.use_fieldset
        if is_single_widget and template_name == field.template_name:
            context = {**context, "widget": field.as_widget(attrs=widget_attrs(field))}
        return super().render(template_name, context, request=request)
