"""Widgets montados em Python, para formulários de filtro que aparecem em páginas muito pedidas."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class SelectRapido(forms.Select):
    """``<select>`` montado em Python: cada opção não passa por um template de widget."""

    def render(self, name, value, attrs=None, renderer=None):
        atributos = self.build_attrs(self.attrs, attrs)
        atributos["name"] = name
        atual = "" if value is None else str(value)
        opcoes = "".join(
            f'<option value="{escape(v)}"{" selected" if str(v) == atual else ""}>{escape(rotulo)}</option>'
            for v, rotulo in self.choices
        )
        return mark_safe(f"<select{flatatt(atributos)}>{opcoes}</select>")  # noqa: S308  # nosec B308 B703 — tudo passou por escape()
