"""Campos de formulário com o jeito brasileiro de escrever valores."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

MILHARES = re.compile(r"\d{1,3}(\.\d{3})+")


class CampoReais(forms.CharField):
    """Valor em reais como as pessoas escrevem: "1.234,56", "1234,56", "R$ 350", "1.234" ou "12.50".

    O portal não agrupa milhares automaticamente (ids e valores crus nos formulários), então a
    leitura do agrupamento brasileiro fica aqui, num lugar só.
    """

    def __init__(self, *args, maximo=Decimal("100000000"), mensagem=None, **kwargs):
        self.maximo = maximo
        self.mensagem = mensagem or _("Escreva só o valor em reais, por exemplo 350,00.")
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def to_python(self, value):
        texto = (super().to_python(value) or "").strip().replace("R$", "").replace(" ", "").replace("\u00a0", "")
        if not texto:
            return None
        if "," in texto:
            texto = texto.replace(".", "").replace(",", ".")
        elif MILHARES.fullmatch(texto):
            texto = texto.replace(".", "")
        try:
            valor = Decimal(texto)
        except InvalidOperation:
            raise forms.ValidationError(self.mensagem) from None
        if not valor.is_finite() or valor < 0:
            raise forms.ValidationError(_("Informe um valor de zero para cima."))
        if valor >= self.maximo:
            raise forms.ValidationError(_("Valor alto demais; confira os números."))
        return valor.quantize(Decimal("0.01"))
