from django import forms


class BootstrapFormMixin:
    """Gives every widget the Bootstrap class it needs, so templates render fields plainly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                # Each option a Bootstrap form-check; the list itself no box (Django puts the
                # widget's class on the list too, which drew it 1 em wide over what follows).
                widget.template_name = "core/widgets/choice_list.html"
                widget.option_template_name = "core/widgets/choice_option.html"
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
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
