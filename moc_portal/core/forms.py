from django import forms


class BootstrapFormMixin:
    """Gives every widget the Bootstrap class it needs, so templates render fields plainly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            choice_boxes = (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.CheckboxInput)
            if isinstance(widget, choice_boxes):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def apply_validation_error(form: forms.BaseForm, error) -> None:
    """Put a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class FilterForm(BootstrapFormMixin, forms.Form):
    """Filter forms render with the portal's styles, like every other form."""
