"""Um programa falso se registra em cada ponto de extensão e aparece em cada lugar do portal."""

import datetime
from decimal import Decimal

import pytest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from pontos import extensoes

pytestmark = pytest.mark.django_db


class ProgramaFalso:
    """Registra contribuições em todos os registros e as remove no fim."""

    CHAVE = "falso"

    def __init__(self, ponto):
        self.ponto = ponto

    def agenda(self, *, inicio, fim, ponto=None):
        quando = timezone.now() + datetime.timedelta(days=3)
        if not (inicio <= quando <= fim) or (ponto is not None and ponto.pk != self.ponto.pk):
            return []
        return [
            extensoes.EventoAgenda(
                titulo="Sarau do Programa Falso",
                inicio=quando,
                fim=quando + datetime.timedelta(hours=2),
                tipo="apresentacao",
                programa="Falso",
                ponto_id=self.ponto.pk,
                ponto_nome=self.ponto.nome,
                url="/falso/sarau/",
            )
        ]

    def secao(self, *, request, empreendedor):
        return format_html("<p>Trajetória falsa de {}</p>", empreendedor.nome_exibicao)

    def pendencias(self, *, usuario):
        return [extensoes.Pendencia(titulo="Propostas falsas a avaliar", quantidade=7, url="/gestao/")]

    def indicador(self, *, inicio, fim, pontos=None, secretarias=None):
        return [extensoes.ValorIndicador(valor=Decimal("1234.56"), ponto_id=self.ponto.pk, mes=inicio.replace(day=1))]

    def atividades(self, *, empreendedor):
        return [extensoes.AtividadePessoa(programa="Falso", descricao="Participou do sarau", data=timezone.localdate())]

    def registrar(self):
        extensoes.agenda.registrar(self.agenda, chave="falso.agenda")
        extensoes.minha_conta.registrar(extensoes.SecaoMinhaConta("falso", "Programa Falso", 5, self.secao))
        extensoes.pendencias.registrar(self.pendencias, chave="falso.pendencias")
        extensoes.indicadores.registrar(
            extensoes.Indicador("falso.receita", "Receita falsa", "Falso", "R$", self.indicador, "receita")
        )
        extensoes.atividades_pessoa.registrar(self.atividades, chave="falso.atividades")
        extensoes.menu_publico.registrar(extensoes.ItemMenu("falso", "Programa Falso", "falso_inicio", ordem=99))

    def remover(self):
        for registro, chave in [
            (extensoes.agenda, "falso.agenda"),
            (extensoes.minha_conta, "falso"),
            (extensoes.pendencias, "falso.pendencias"),
            (extensoes.indicadores, "falso.receita"),
            (extensoes.atividades_pessoa, "falso.atividades"),
            (extensoes.menu_publico, "falso"),
        ]:
            registro.remover(chave)


def _inicio_falso(request):
    from django.http import HttpResponse

    return HttpResponse("falso")


urlpatterns = [path("falso/", _inicio_falso, name="falso_inicio")]


@pytest.fixture
def programa(ponto, settings):
    from config import urls as urls_raiz

    settings.ROOT_URLCONF = type(
        "UrlsComFalso", (), {"urlpatterns": [*urls_raiz.urlpatterns, *urlpatterns], "handler404": urls_raiz.handler404}
    )
    falso = ProgramaFalso(ponto)
    falso.registrar()
    yield falso
    falso.remover()


def test_agenda_aparece_no_inicio_na_agenda_e_no_ponto(client, programa, ponto, ponto_svma):
    for url in ("/", reverse("pontos:agenda"), ponto.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Sarau do Programa Falso" in html, url
        assert 'href="/falso/sarau/"' in html
    assert "Sarau do Programa Falso" not in client.get(ponto_svma.get_absolute_url()).content.decode()


def test_secao_de_minha_conta(client, programa, empreendedor, rf):
    pedido = rf.get("/minha-conta/")
    pedido.user = empreendedor.usuario
    secoes = extensoes.secoes_minha_conta(request=pedido, empreendedor=empreendedor)
    assert "Programa Falso" in [s.titulo for s, _html in secoes]
    client.force_login(empreendedor.usuario)
    html = client.get(reverse("pontos:minha_conta")).content.decode()
    assert "Programa Falso" in html and f"Trajetória falsa de {empreendedor.nome_exibicao}" in html


def test_pendencia_na_inicio_da_gestao(client, programa, gestor_smc):
    client.force_login(gestor_smc)
    html = client.get(reverse("gestao:index")).content.decode()
    assert "Propostas falsas a avaliar" in html and "7" in html


def test_indicador_registrado(programa, ponto):
    indicador = next(i for i in extensoes.indicadores if i.chave == "falso.receita")
    valores = indicador.fn(inicio=datetime.date(2026, 11, 15), fim=datetime.date(2026, 11, 30))
    assert indicador.sustentabilidade == "receita"
    assert valores[0].valor == Decimal("1234.56") and valores[0].mes == datetime.date(2026, 11, 1)


def test_atividades_da_pessoa(client, programa, empreendedor):
    assert [a.descricao for a in extensoes.atividades_de(empreendedor=empreendedor)] == ["Participou do sarau"]
    client.force_login(empreendedor.usuario)
    assert "Participou do sarau" in client.get(reverse("pontos:trajetoria")).content.decode()


def test_item_de_menu_no_cabecalho(client, programa):
    html = client.get("/").content.decode()
    assert 'href="/falso/">Programa Falso</a>' in html
    vitrine = client.get("/vitrine/").content.decode()
    assert 'href="/vitrine/" aria-current="page"' in vitrine
