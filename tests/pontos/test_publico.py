"""Portal público: início, Pontos (lista, mapa, página com ocupação), agenda, vitrine, erros."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pontos import extensoes
from pontos.models import CategoriaProduto, Infraestrutura
from pontos.models.lugares import TipoInfraestrutura
from pontos.services.busca import empreendedor_indexar, texto_normalizar
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, ProdutoFactory, TerritorioFactory
from tests.factories.reservas import FotoPontoFactory, ReservaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda_falsa():
    """Uma fonte de agenda com eventos em cada Ponto, registrada só durante o teste."""
    eventos = []

    def fonte(*, inicio, fim, ponto=None):
        return [e for e in eventos if inicio <= e.inicio <= fim and (ponto is None or e.ponto_id == ponto.pk)]

    extensoes.agenda.registrar(fonte, chave="teste.agenda")
    yield eventos
    extensoes.agenda.remover("teste.agenda")


def _evento(ponto, *, dias=2, titulo="Feira do Butantã", tipo="feira"):
    inicio = timezone.now() + datetime.timedelta(days=dias)
    return extensoes.EventoAgenda(
        titulo=titulo,
        inicio=inicio,
        fim=inicio + datetime.timedelta(hours=4),
        tipo=tipo,
        programa="Feiras",
        ponto_id=ponto.pk,
        ponto_nome=ponto.nome,
    )


def _consultas(client, url):
    with CaptureQueriesContext(connection) as capturadas:
        resposta = client.get(url)
    assert resposta.status_code == 200, url
    return len(capturadas)


# --- Início e Pontos ------------------------------------------------------------------------------


def test_home_mostra_programa_eventos_e_pontos(client, ponto, agenda_falsa):
    agenda_falsa.append(_evento(ponto, titulo="Feira de Natal"))
    html = client.get("/").content.decode()
    assert "<h1" in html and html.count("<h1") == 1
    assert "Feira de Natal" in html
    assert "CRESAN Butantã" in html
    assert 'href="#conteudo"' in html  # pular para o conteúdo
    assert 'href="/vitrine/"' in html  # menu vindo de extensoes.menu_publico


def test_lista_de_pontos_funciona_sem_mapa(client, ponto, settings):
    settings.MAPA_TILES_URL = ""
    html = client.get(reverse("pontos:ponto_lista")).content.decode()
    assert "CRESAN Butantã" in html
    assert "leaflet" not in html
    assert 'id="pontos-mapa"' not in html


def test_lista_de_pontos_entrega_dados_do_mapa_por_json_script(client, ponto, settings):
    settings.MAPA_TILES_URL = "https://blocos.exemplo.org/{z}/{x}/{y}.png"
    resposta = client.get(reverse("pontos:ponto_lista"))
    html = resposta.content.decode()
    assert 'data-tiles="https://blocos.exemplo.org/{z}/{x}/{y}.png"' in html
    assert "js/mapa.js" in html and "leaflet-1.9.4/leaflet.js" in html
    dados = json.loads(html.split('<script id="pontos-mapa" type="application/json">')[1].split("</script>")[0])
    assert dados == [
        {"nome": "CRESAN Butantã", "url": "/pontos/cresan/", "lat": -23.58, "lon": -46.72, "tipo": "Parque"}
    ]
    assert "<script>" not in html  # nada de script inline (CSP)


def test_ponto_inativo_some(client, ponto):
    ponto.ativo = False
    ponto.save()
    assert ponto.nome not in client.get(reverse("pontos:ponto_lista")).content.decode()
    assert client.get(ponto.get_absolute_url()).status_code == 404


def test_pagina_do_ponto_infra_agenda_e_ocupacao(client, ponto, espaco, svma, agenda_falsa):
    Infraestrutura.objects.create(ponto=ponto, tipo=TipoInfraestrutura.COZINHA, capacidade="200 marmitas/dia")
    agenda_falsa.append(_evento(ponto, titulo="Oficina de pães", tipo="oficina"))
    agenda_falsa.append(_evento(PontoFactory(), titulo="Evento de outro Ponto"))
    amanha = timezone.now() + datetime.timedelta(days=1)
    ReservaFactory(
        espaco=espaco, titulo="Turma de Boas Práticas", inicio=amanha, fim=amanha + datetime.timedelta(hours=2)
    )
    ReservaFactory(
        espaco=espaco,
        titulo="Ensaio de teatro",
        secretaria=svma,
        inicio=amanha + datetime.timedelta(hours=3),
        fim=amanha + datetime.timedelta(hours=4),
    )
    ReservaFactory(
        espaco=espaco,
        titulo="Cancelada",
        cancelada=True,
        inicio=amanha + datetime.timedelta(hours=5),
        fim=amanha + datetime.timedelta(hours=6),
    )
    ReservaFactory(
        espaco=espaco,
        titulo="Daqui a dois meses",
        inicio=amanha + datetime.timedelta(days=60),
        fim=amanha + datetime.timedelta(days=60, hours=1),
    )
    html = client.get(ponto.get_absolute_url()).content.decode()
    assert "Cozinha comunitária" in html and "200 marmitas/dia" in html
    assert "Oficina de pães" in html and "Evento de outro Ponto" not in html
    assert "Sala de oficinas" in html
    assert "Turma de Boas Práticas" in html and "Ensaio de teatro" in html and "SVMA" in html
    assert "Cancelada" not in html and "Daqui a dois meses" not in html
    assert 'class="tabela-rolavel" tabindex="0" role="region"' in html


def test_ponto_inexistente_404_em_portugues(client, db):
    resposta = client.get("/pontos/nao-existe/")
    assert resposta.status_code == 404
    assert "Página não encontrada" in resposta.content.decode()


# --- Agenda --------------------------------------------------------------------------------------


def test_agenda_filtra_por_ponto_territorio_tipo_e_periodo(client, ponto, ponto_svma, agenda_falsa):
    outro_territorio = PontoFactory(nome="CEU Longe", territorio=TerritorioFactory(nome="Perus", slug="perus"))
    agenda_falsa.extend(
        [
            _evento(ponto, titulo="Feira CRESAN", dias=2),
            _evento(ponto_svma, titulo="Mutirão no Jockey", tipo="mutirao", dias=3),
            _evento(outro_territorio, titulo="Feira em Perus", dias=4),
            _evento(ponto, titulo="Feira distante", dias=200),
        ]
    )
    url = reverse("pontos:agenda")
    padrao = client.get(url).content.decode()
    assert "Feira CRESAN" in padrao and "Feira em Perus" in padrao and "Feira distante" not in padrao

    so_ponto = client.get(url, {"ponto": "jockey"}).content.decode()
    assert "Mutirão no Jockey" in so_ponto and "Feira CRESAN" not in so_ponto

    territorio = client.get(url, {"territorio": "butanta"}).content.decode()
    assert "Feira CRESAN" in territorio and "Feira em Perus" not in territorio

    tipo = client.get(url, {"tipo": "mutirao"}).content.decode()
    assert "Mutirão no Jockey" in tipo and "Feira CRESAN" not in tipo

    hoje = timezone.localdate()
    periodo = client.get(
        url,
        {
            "de": (hoje + datetime.timedelta(days=190)).isoformat(),
            "ate": (hoje + datetime.timedelta(days=210)).isoformat(),
        },
    ).content.decode()
    assert "Feira distante" in periodo and "Feira CRESAN" not in periodo


def test_agenda_periodo_invertido_mostra_erro_e_nao_quebra(client, db):
    resposta = client.get(reverse("pontos:agenda"), {"de": "2027-02-10", "ate": "2027-01-10", "ponto": "inexistente"})
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "A data final precisa ser igual ou posterior à inicial." in html
    assert 'value="2027-02-10"' in html  # valor digitado mantido


@pytest.mark.parametrize("de", ["9999-12-31", "0001-01-01", "31/12/9999"])
def test_agenda_datas_extremas_com_mensagem(client, db, de):
    resposta = client.get(reverse("pontos:agenda"), {"de": de})
    assert resposta.status_code == 200
    assert "Escolha uma data entre 2000 e 2100." in resposta.content.decode()


def test_agenda_paginada(client, ponto, agenda_falsa):
    agenda_falsa.extend(_evento(ponto, titulo=f"Evento {i:02d}", dias=1 + i % 50) for i in range(45))
    url = reverse("pontos:agenda")
    primeira = client.get(url, {"ponto": ponto.slug}).content.decode()
    assert primeira.count('class="evento"') == 20
    assert "pagina=2" in primeira and "ponto=cresan" in primeira
    terceira = client.get(url, {"ponto": ponto.slug, "pagina": 3}).content.decode()
    assert terceira.count('class="evento"') == 5
    assert "pagina=4" not in terceira
    assert client.get(url, {"pagina": "xyz"}).status_code == 200


# --- Vitrine ---------------------------------------------------------------------------------------


def _publicar(**kwargs):
    pessoa = EmpreendedorFactory(**kwargs)
    empreendedor_indexar(empreendedor=pessoa)
    return pessoa


def test_texto_normalizado_sem_acentos():
    assert texto_normalizar("  Crochê  da LUZIA ") == "croche da luzia"


def test_vitrine_busca_sem_acento_e_so_o_que_foi_publicado(client, territorio):
    luzia = EmpreendedorFactory(nome="Luzia Ferreira Secreta", nome_publico="Crochê da Luzia", territorio=territorio)
    ProdutoFactory(empreendedor=luzia, nome="Bolsa de crochê")
    ProdutoFactory(empreendedor=luzia, nome="Produto escondido", publicado=False)
    empreendedor_indexar(empreendedor=luzia)
    _publicar(nome_publico="Pastel do Toninho", categorias=[CategoriaProduto.ALIMENTOS_PRONTOS])
    url = reverse("pontos:vitrine")
    assert "Crochê da Luzia" in client.get(url, {"q": "croche"}).content.decode()
    assert "Crochê da Luzia" in client.get(url, {"q": "BOLSA Crochê"}).content.decode()
    assert "Pastel do Toninho" not in client.get(url, {"q": "croche"}).content.decode()
    assert "Crochê da Luzia" not in client.get(url, {"q": "secreta"}).content.decode()  # nome civil fora da busca
    assert "Crochê da Luzia" not in client.get(url, {"q": "escondido"}).content.decode()
    assert "Nada encontrado" in client.get(url, {"q": "zzzz"}).content.decode()


def test_vitrine_filtra_categoria_territorio_e_ponto(client, ponto, territorio):
    perus = TerritorioFactory(nome="Perus", slug="perus")
    _publicar(nome_publico="Artesã do Butantã", territorio=territorio, ponto_cadastro=ponto)
    _publicar(nome_publico="Horta de Perus", territorio=perus, categorias=[CategoriaProduto.HORTIFRUTI])
    _publicar(nome_publico="Não quer aparecer", publicar_vitrine=False)
    url = reverse("pontos:vitrine")
    tudo = client.get(url).content.decode()
    assert "Artesã do Butantã" in tudo and "Horta de Perus" in tudo and "Não quer aparecer" not in tudo
    hortifruti = client.get(url, {"categoria": "hortifruti"}).content.decode()
    assert "Horta de Perus" in hortifruti and "Artesã do Butantã" not in hortifruti
    so_perus = client.get(url, {"territorio": "perus"}).content.decode()
    assert "Horta de Perus" in so_perus and "Artesã do Butantã" not in so_perus
    so_ponto = client.get(url, {"ponto": ponto.slug}).content.decode()
    assert "Artesã do Butantã" in so_ponto and "Horta de Perus" not in so_ponto
    invalido = client.get(url, {"territorio": "nao-existe", "categoria": "xyz"})
    assert invalido.status_code == 200


def test_vitrine_paginada_sem_contar_tudo(client, db):
    for i in range(30):
        _publicar(nome_publico=f"Banca {i:02d}")
    url = reverse("pontos:vitrine")
    with CaptureQueriesContext(connection) as capturadas:
        primeira = client.get(url).content.decode()
    assert not any("COUNT(" in q["sql"].upper() for q in capturadas.captured_queries)
    assert primeira.count("cartao-empreendedor") == 24 and "pagina=2" in primeira
    segunda = client.get(url, {"pagina": 2}).content.decode()
    assert segunda.count("cartao-empreendedor") == 6 and "pagina=3" not in segunda


def test_pagina_publica_do_empreendedor_so_mostra_o_publicado(client, territorio):
    pessoa = _publicar(
        nome="Maria Aparecida Souza",
        nome_publico="Quitutes da Cida",
        telefone="(11) 99876-5432",
        publicar_contato=False,
    )
    ProdutoFactory(empreendedor=pessoa, nome="Bolo de fubá", preco_referencia="1234.5")
    ProdutoFactory(empreendedor=pessoa, nome="Rascunho", publicado=False)
    html = client.get(pessoa.get_absolute_url()).content.decode()
    assert "Quitutes da Cida" in html and "Bolo de fubá" in html and "R$ 1.234,50" in html
    for privado in ("Aparecida Souza", pessoa.cpf, "99876-5432", pessoa.email, "Rascunho"):
        assert privado not in html
    pessoa.publicar_contato = True
    pessoa.save()
    assert "99876-5432" in client.get(pessoa.get_absolute_url()).content.decode()


def test_empreendedor_fora_da_vitrine_ou_anonimizado_da_404(client, db):
    escondida = _publicar(publicar_vitrine=False)
    anonimizada = _publicar(anonimizado_em=timezone.now())
    assert client.get(escondida.get_absolute_url()).status_code == 404
    assert client.get(anonimizada.get_absolute_url()).status_code == 404


# --- Erros ---------------------------------------------------------------------------------------


def test_500_em_portugues_sem_depender_do_banco(rf, db):
    from pontos.views.erros import erro_servidor

    with CaptureQueriesContext(connection) as capturadas:
        resposta = erro_servidor(rf.get("/quebrou/"))
    html = resposta.content.decode()
    assert resposta.status_code == 500
    assert "Algo deu errado do nosso lado" in html and 'lang="pt-BR"' in html and "Pular para o conteúdo" in html
    assert len(capturadas) == 0


def test_403_no_layout_do_portal(client, cidadao):
    client.force_login(cidadao)
    resposta = client.get("/gestao/pontos/ponto/")  # logado, mas sem vínculo com secretaria
    assert resposta.status_code in (302, 403)
    from django.core.exceptions import PermissionDenied

    from pontos.views.erros import proibido

    pedido = rf_com_usuario(cidadao)
    resposta = proibido(pedido, PermissionDenied())
    html = resposta.content.decode()
    assert resposta.status_code == 403
    assert "Acesso não permitido" in html and "voltar ao início" in html and 'href="#conteudo"' in html


def rf_com_usuario(usuario):
    from django.test import RequestFactory

    pedido = RequestFactory().get("/algo/")
    pedido.user = usuario
    return pedido


# --- Contagem de consultas: igual com 1 e com muitas linhas ----------------------------------------


def _povoar_pontos(quantos, territorio, secretaria):
    for i in range(quantos):
        novo = PontoFactory(territorio=territorio, secretaria=secretaria)
        Infraestrutura.objects.create(ponto=novo, tipo=TipoInfraestrutura.HORTA, capacidade=f"{i} canteiros")
        Infraestrutura.objects.create(ponto=novo, tipo=TipoInfraestrutura.PALCO)


@pytest.mark.parametrize("rota", ["pontos:home", "pontos:ponto_lista"])
def test_consultas_constantes_inicio_e_pontos(
    client, ponto, smdet, territorio, django_assert_num_queries, rota, settings
):
    settings.MAPA_TILES_URL = "https://blocos.exemplo.org/{z}/{x}/{y}.png"
    url = reverse(rota)
    uma = _consultas(client, url)
    _povoar_pontos(15, territorio, smdet)
    with django_assert_num_queries(uma):
        client.get(url)
    assert uma <= 10


def test_consultas_constantes_pagina_do_ponto(client, ponto, django_assert_num_queries):
    espaco = EspacoFactory(ponto=ponto)
    ReservaFactory(espaco=espaco)
    FotoPontoFactory(ponto=ponto)
    Infraestrutura.objects.create(ponto=ponto, tipo=TipoInfraestrutura.HORTA)
    url = ponto.get_absolute_url()
    uma = _consultas(client, url)
    for _ in range(5):
        outro = EspacoFactory(ponto=ponto)
        for _ in range(4):
            ReservaFactory(espaco=outro)
        FotoPontoFactory(ponto=ponto)
    Infraestrutura.objects.create(ponto=ponto, tipo=TipoInfraestrutura.PALCO)
    with django_assert_num_queries(uma):
        html = client.get(url).content.decode()
    assert html.count("<tr>") > 20
    assert uma <= 10


def test_consultas_constantes_agenda(client, ponto, agenda_falsa, django_assert_num_queries):
    agenda_falsa.append(_evento(ponto))
    url = reverse("pontos:agenda") + "?territorio=butanta&tipo=feira"
    uma = _consultas(client, url)
    agenda_falsa.extend(_evento(ponto, dias=1 + i % 30) for i in range(40))
    with django_assert_num_queries(uma):
        client.get(url)
    assert uma <= 10


@pytest.mark.parametrize("filtros", ["", "?q=banca&categoria=artesanato&territorio=butanta&ponto=cresan"])
def test_consultas_constantes_vitrine(client, ponto, territorio, django_assert_num_queries, filtros):
    url = reverse("pontos:vitrine") + filtros
    primeira = _publicar(nome_publico="Banca inicial", territorio=territorio, ponto_cadastro=ponto)
    ProdutoFactory(empreendedor=primeira)
    uma = _consultas(client, url)
    for i in range(30):
        pessoa = EmpreendedorFactory(nome_publico=f"Banca {i}", territorio=territorio, ponto_cadastro=ponto)
        ProdutoFactory.create_batch(3, empreendedor=pessoa)
        empreendedor_indexar(empreendedor=pessoa)
    with django_assert_num_queries(uma):
        html = client.get(url).content.decode()
    assert html.count("cartao-empreendedor") == 24
    assert uma <= 10


def test_consultas_constantes_empreendedor_publico(client, django_assert_num_queries):
    pessoa = _publicar()
    ProdutoFactory(empreendedor=pessoa)
    uma = _consultas(client, pessoa.get_absolute_url())
    ProdutoFactory.create_batch(20, empreendedor=pessoa)
    with django_assert_num_queries(uma):
        client.get(pessoa.get_absolute_url())
    assert uma <= 10


# --- Entrada ruim nunca dá 500 ------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_texto = st.text(max_size=80)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=_texto, categoria=_texto, territorio=_texto, ponto=_texto, pagina=_texto)
def test_vitrine_aguenta_qualquer_entrada(client, q, categoria, territorio, ponto, pagina):
    resposta = client.get(
        reverse("pontos:vitrine"),
        {"q": q, "categoria": categoria, "territorio": territorio, "ponto": ponto, "pagina": pagina},
    )
    assert resposta.status_code == 200


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    de=_texto | st.dates().map(str),
    ate=_texto | st.dates().map(str),
    tipo=_texto,
    ponto=_texto,
    territorio=_texto,
    pagina=_texto,
)
def test_agenda_aguenta_qualquer_entrada(client, de, ate, tipo, ponto, territorio, pagina):
    resposta = client.get(
        reverse("pontos:agenda"),
        {"de": de, "ate": ate, "tipo": tipo, "ponto": ponto, "territorio": territorio, "pagina": pagina},
    )
    assert resposta.status_code == 200


def test_lista_de_pontos_filtra_por_territorio(client, ponto):
    PontoFactory(nome="CEU Perus", territorio=TerritorioFactory(nome="Perus", slug="perus"))
    url = reverse("pontos:ponto_lista")
    assert "CEU Perus" in client.get(url).content.decode()
    so_butanta = client.get(url, {"territorio": "butanta"}).content.decode()
    assert "CRESAN Butantã" in so_butanta and "CEU Perus" not in so_butanta
    assert client.get(url, {"territorio": "nao-existe"}).status_code == 200


@pytest.mark.postgres
def test_postgres_busca_da_vitrine_usa_indice_de_trigramas(db):
    assert connection.vendor == "postgresql", "Este teste precisa de PostgreSQL (DATABASE_URL)."
    from pontos.models import Empreendedor

    consulta = Empreendedor.objects.filter(texto_busca__icontains="croche")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plano = consulta.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "empreendedor_texto_busca_trgm" in plano, plano


def test_falha_de_csrf_em_portugues_no_layout(db, cidadao):
    from django.test import Client

    cliente = Client(enforce_csrf_checks=True)
    cliente.force_login(cidadao)
    resposta = cliente.post(reverse("account_logout"))
    html = resposta.content.decode()
    assert resposta.status_code == 403
    assert "Não foi possível enviar o formulário" in html and "nada foi gravado" in html
    assert 'href="#conteudo"' in html


@pytest.mark.django_db
def test_lista_de_pontos_paginada_mantem_o_filtro(client, territorio):
    from tests.factories import PontoFactory

    PontoFactory.create_batch(50, territorio=territorio)
    primeira = client.get("/pontos/", {"territorio": territorio.pk}).content.decode()
    assert primeira.count('<article class="card cartao-ponto') == 48
    assert f"territorio={territorio.pk}&amp;pagina=2" in primeira
    segunda = client.get("/pontos/", {"territorio": territorio.pk, "pagina": 2}).content.decode()
    assert segunda.count('<article class="card cartao-ponto') == 2
    assert "pagina=3" not in segunda
