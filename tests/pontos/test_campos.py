from decimal import Decimal

import pytest
from django import forms

from pontos.forms.campos import CampoReais


@pytest.mark.parametrize(
    ("escrito", "valor"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("1234,56", Decimal("1234.56")),
        ("R$ 350", Decimal("350.00")),
        ("1.234", Decimal("1234.00")),
        ("12.50", Decimal("12.50")),
        ("1.234.567,8", Decimal("1234567.80")),
    ],
)
def test_valor_em_reais_como_as_pessoas_escrevem(escrito, valor):
    assert CampoReais().clean(escrito) == valor


@pytest.mark.parametrize("escrito", ["abc", "-5", "1e400", "999999999"])
def test_valor_invalido_tem_mensagem_em_portugues(escrito):
    with pytest.raises(forms.ValidationError) as erro:
        CampoReais().clean(escrito)
    assert erro.value.messages[0] in {
        "Escreva só o valor em reais, por exemplo 350,00.",
        "Informe um valor de zero para cima.",
        "Valor alto demais; confira os números.",
    }


def test_valor_salvo_volta_com_virgula():
    assert CampoReais().prepare_value(Decimal("25.00")) == "25,00"
