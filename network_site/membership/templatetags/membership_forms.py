from django import forms, template

register = template.Library()


@register.filter
def ds_widget(bound_field):
    """The field's widget with design-system classes, its error state, and aria-describedby
    pointing at the hint and the message that _field.html prints beside it."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css, error_css = "ds_checkbox__input", ""
    elif isinstance(widget, forms.Select):
        css, error_css = "ds_select", " ds_select--error"
    else:
        css, error_css = "ds_input", " ds_input--error"
    attrs = {"class": css}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
        attrs["aria-invalid"] = "true"
        attrs["class"] += error_css
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
