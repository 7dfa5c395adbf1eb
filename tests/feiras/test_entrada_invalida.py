"""Entrada ruim nunca dá 500: mensagens em português e nada gravado pela metade."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feiras.models import Feira, Inscricao, RelatoVendas
from tests.factories import EmpreendedorFactory
from tests.factories.feiras import InscricaoFactory, feira_com_bancas

pytestmark = pytest.mark.django_db

texto = st.text(max_size=1200)
campo = st.one_of(texto, st.integers().map(str), st.just(""), st.floats(allow_nan=True).map(str))
AJUSTE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@AJUSTE
@given(categoria=campo, produtos=texto)
def test_inscricao_com_lixo_nao_quebra(client, smdet, categoria, produtos):
    feira, _cat = feira_com_bancas(secretaria=smdet)
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    resposta = client.post(
        reverse("feiras:inscricao_criar", kwargs={"pk": feira.pk}), {"categoria": categoria, "produtos": produtos}
    )
    assert resposta.status_code == 200
    assert not Inscricao.objects.filter(feira=feira).exists()


@AJUSTE
@given(valor=campo, notas=texto, pix=st.sampled_from(["on", "", "xyz"]))
def test_relato_com_lixo_nao_quebra(client, smdet, valor, notas, pix):
    feira, cat = feira_com_bancas(secretaria=smdet)
    Feira.objects.filter(pk=feira.pk).update(data=timezone.localdate())
    inscricao = InscricaoFactory(feira=feira, categoria=cat, status="presente")
    client.force_login(inscricao.empreendedor.usuario)
    resposta = client.post(
        reverse("feiras:relato_vendas", kwargs={"pk": inscricao.pk}), {"valor_bruto": valor, "notas": notas, "pix": pix}
    )
    assert resposta.status_code in {200, 302}
    if resposta.status_code == 200:
        assert not RelatoVendas.objects.filter(inscricao=inscricao).exists()
        assert "campo" in resposta.content.decode() or "valor" in resposta.content.decode().lower()


@AJUSTE
@given(
    dados=st.dictionaries(
        st.sampled_from(
            [
                "titulo",
                "data",
                "hora_inicio",
                "hora_fim",
                "inscricoes_abrem",
                "inscricoes_fecham",
                "repeticoes",
                "recorrencia",
                "ponto",
                "espaco",
            ]
        ),
        campo,
    )
)
def test_criar_feira_com_lixo_nao_quebra(client, gestor_smdet, dados):
    client.force_login(gestor_smdet)
    resposta = client.post(reverse("feiras:gestao_feira_criar"), dados)
    assert resposta.status_code == 200
    assert not Feira.objects.exists()


def test_janela_invertida_mostra_erro_no_campo(client, gestor_smdet, ponto):
    from pontos.models import TipoEspaco
    from tests.factories import EspacoFactory

    area = EspacoFactory(ponto=ponto, tipo=TipoEspaco.AREA_FEIRA)
    client.force_login(gestor_smdet)
    data = timezone.localdate() + datetime.timedelta(days=10)
    resposta = client.post(
        reverse("feiras:gestao_feira_criar"),
        {
            "titulo": "Feira",
            "ponto": ponto.pk,
            "espaco": area.pk,
            "data": data.isoformat(),
            "hora_inicio": "10:00",
            "hora_fim": "09:00",
            "inscricoes_abrem": f"{data.isoformat()}T08:00",
            "inscricoes_fecham": f"{(data - datetime.timedelta(days=2)).isoformat()}T08:00",
            "recorrencia": "unica",
            "repeticoes": 1,
        },
    )
    texto = resposta.content.decode()
    assert resposta.status_code == 200 and "O fim precisa ser depois do início" in texto
    assert 'value="Feira"' in texto and not Feira.objects.exists()
