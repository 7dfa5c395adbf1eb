"""Varredura de isolamento: todo modelo da Gestão e toda rota com parâmetro, vistos por outra secretaria.

Lê ``tests/isolamento/casos_*.py`` (um por app) com ``MODELOS``, ``ROTAS_EQUIPE``,
``ROTAS_PESSOAIS``, ``ROTAS_PUBLICAS`` e, opcionalmente, ``COMPARTILHADOS`` (modelo -> motivo).
Modelo registrado ou rota com parâmetro que nenhum arquivo classifica faz o teste falhar.
"""

import importlib
import pkgutil
import re

import pytest
from django.urls import URLResolver, get_resolver, reverse

from pontos.gestao import gestao_site
from pontos.models import Papel
from tests import isolamento
from tests.factories import EmpreendedorFactory, SecretariaFactory, UsuarioFactory, VinculoFactory
from tests.isolamento import linhas_da_lista


def _carregar_casos():
    juntos = {"MODELOS": {}, "COMPARTILHADOS": {}, "ROTAS_EQUIPE": {}, "ROTAS_PESSOAIS": {}, "ROTAS_PUBLICAS": set()}
    for info in pkgutil.iter_modules(isolamento.__path__):
        if not info.name.startswith("casos_"):
            continue
        modulo = importlib.import_module(f"tests.isolamento.{info.name}")
        for nome, acumulado in juntos.items():
            acumulado.update(getattr(modulo, nome, {} if isinstance(acumulado, dict) else set()))
    return juntos


CASOS = _carregar_casos()
PAPEIS = [Papel.GESTOR, Papel.OPERADOR, Papel.CONSULTA]

# Exceções documentadas: rotas com parâmetro que não apontam para objetos de uma secretaria.
EXCECOES = {
    "contas/": "allauth: chaves de confirmação de e-mail e de redefinição de senha (tokens, não objetos)",
    "plataforma/": "admin da plataforma: só superusuários (test_plataforma_so_para_superusuario)",
    "media/": "arquivos enviados servidos só com DEBUG",
}


def _rotas(resolver=None, prefixo="", espaco=""):
    """(rota completa, nome com namespace, padrão) de todos os URLconfs."""
    resolver = resolver or get_resolver()
    for padrao in resolver.url_patterns:
        if isinstance(padrao, URLResolver):
            novo = espaco
            if padrao.namespace:
                novo = f"{espaco}:{padrao.namespace}" if espaco else padrao.namespace
            yield from _rotas(padrao, prefixo + str(padrao.pattern), novo)
        else:
            nome = f"{espaco}:{padrao.name}" if espaco and padrao.name else padrao.name
            yield prefixo + str(padrao.pattern), nome, padrao


def _tem_parametro(rota):
    return "<" in rota or "(?P" in rota or re.search(r"\([^?]", rota) is not None


def _rotas_padrao_da_gestao():
    """Rotas que o próprio AdminSite cria para cada modelo registrado (cobertas pela parte 1)."""
    rotas = {
        f"{gestao_site.name}/r/<path:content_type_id>/<path:object_id>/",  # "ver no site": só redireciona
        f"{gestao_site.name}/(?P<url>.*)$",  # pega-tudo do admin (404)
    }
    for modelo in gestao_site._registry:
        base = f"gestao/{modelo._meta.app_label}/{modelo._meta.model_name}/<path:object_id>/"
        rotas |= {base, base + "change/", base + "delete/", base + "history/"}
    return rotas


def _rota_excecao(rota, padroes_gestao):
    if rota in padroes_gestao or rota.startswith("gestao/^(?P<app_label>"):
        return True
    return any(rota.startswith(prefixo) for prefixo in EXCECOES)


# --- Parte 1: modelos da Gestão -------------------------------------------------------------------


def test_todo_modelo_da_gestao_esta_classificado():
    classificados = set(CASOS["MODELOS"]) | set(CASOS["COMPARTILHADOS"])
    faltando = sorted(m._meta.label for m in gestao_site._registry if m not in classificados)
    assert not faltando, f"Modelos da Gestão sem caso em tests/isolamento/casos_*.py: {faltando}"


def _url_admin(modelo, acao, *args):
    return reverse(f"gestao:{modelo._meta.app_label}_{modelo._meta.model_name}_{acao}", args=args)


@pytest.fixture
def secretarias(db):
    return SecretariaFactory(sigla="dona", nome="Secretaria Dona"), SecretariaFactory(sigla="outra", nome="Outra")


def _equipe(secretaria, papel):
    return VinculoFactory(secretaria=secretaria, papel=papel).usuario


@pytest.mark.django_db
@pytest.mark.parametrize("papel", PAPEIS)
@pytest.mark.parametrize("modelo", list(CASOS["MODELOS"]), ids=lambda m: m._meta.label)
def test_objeto_de_outra_secretaria_nao_aparece_na_gestao(client, secretarias, modelo, papel):
    dona, outra = secretarias
    objeto = CASOS["MODELOS"][modelo](dona)

    # Controle: o objeto existe e a rota funciona para quem pode tudo.
    client.force_login(UsuarioFactory(is_staff=True, is_superuser=True))
    assert client.get(_url_admin(modelo, "change", objeto.pk)).status_code == 200

    client.force_login(_equipe(outra, papel))
    for acao in ("change", "delete", "history"):
        url = _url_admin(modelo, acao, objeto.pk)
        assert client.get(url).status_code in (403, 404), f"{papel} de outra secretaria abriu {url}"
        assert client.post(url, {"post": "yes"}).status_code in (403, 404), f"{papel} gravou em {url}"
    lista_url = _url_admin(modelo, "changelist")
    client.post(lista_url, {"action": "delete_selected", "_selected_action": [objeto.pk], "post": "yes"})
    assert type(objeto).objects.filter(pk=objeto.pk).exists(), "o objeto foi apagado por outra secretaria"
    lista = client.get(lista_url)
    if lista.status_code == 200:
        visiveis = {o.pk for o in linhas_da_lista(lista)}
        assert objeto.pk not in visiveis, f"{modelo._meta.label} de outra secretaria na lista da Gestão"
    else:
        assert lista.status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("modelo", list(CASOS["COMPARTILHADOS"]), ids=lambda m: m._meta.label)
def test_modelo_compartilhado_fechado_para_quem_nao_e_equipe(client, modelo):
    client.force_login(UsuarioFactory())
    assert client.get(_url_admin(modelo, "changelist")).status_code in (302, 403)
    assert CASOS["COMPARTILHADOS"][modelo], "modelo compartilhado sem motivo documentado"


# --- Parte 2: rotas com parâmetro -----------------------------------------------------------------


def test_toda_rota_com_parametro_esta_classificada():
    conhecidas = set(CASOS["ROTAS_EQUIPE"]) | set(CASOS["ROTAS_PESSOAIS"]) | set(CASOS["ROTAS_PUBLICAS"])
    padroes_gestao = _rotas_padrao_da_gestao()
    sem_classe = []
    for rota, nome, _padrao in _rotas():
        if not _tem_parametro(rota) or _rota_excecao(rota, padroes_gestao):
            continue
        if nome not in conhecidas:
            sem_classe.append(f"{nome or '(sem nome)'} -> /{rota}")
    assert not sem_classe, (
        "Rotas com parâmetro sem classificação (ROTAS_EQUIPE, ROTAS_PESSOAIS ou ROTAS_PUBLICAS em "
        "tests/isolamento/casos_<app>.py):\n" + "\n".join(sorted(sem_classe))
    )


def test_classificacoes_apontam_para_rotas_que_existem():
    nomes = {nome for _rota, nome, _p in _rotas() if nome}
    todas = set(CASOS["ROTAS_EQUIPE"]) | set(CASOS["ROTAS_PESSOAIS"]) | set(CASOS["ROTAS_PUBLICAS"])
    assert not sorted(todas - nomes), "classificação de rota inexistente"


def _responde_sem_mostrar(client, url):
    resposta = client.get(url)
    if resposta.status_code == 405:  # rota só de POST
        resposta = client.post(url, {})
    return resposta.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("papel", PAPEIS)
@pytest.mark.parametrize("nome", sorted(CASOS["ROTAS_EQUIPE"]))
def test_rota_de_equipe_com_outra_secretaria(client, secretarias, nome, papel):
    dona, outra = secretarias
    caso = CASOS["ROTAS_EQUIPE"][nome](dona)
    # Um caso pode devolver (kwargs, usuário dono) quando o objeto é pessoal de alguém da equipe
    # (ex.: um relatório pedido): o controle entra como esse usuário.
    kwargs, controle = caso if isinstance(caso, tuple) else (caso, None)
    url = reverse(nome, kwargs=kwargs)
    client.force_login(controle or _equipe(dona, Papel.GESTOR))
    assert client.get(url).status_code != 404, f"controle: {url} não abre nem para a secretaria dona"
    client.force_login(_equipe(outra, papel))
    assert _responde_sem_mostrar(client, url) in (403, 404), f"{papel} de outra secretaria abriu {url}"


@pytest.mark.django_db
@pytest.mark.parametrize("nome", sorted(CASOS["ROTAS_PESSOAIS"]))
def test_rota_pessoal_com_outra_pessoa(client, nome):
    dona = EmpreendedorFactory()
    url = reverse(nome, kwargs=CASOS["ROTAS_PESSOAIS"][nome](dona))
    client.force_login(dona.usuario)
    assert client.get(url).status_code != 404, f"controle: {url} não abre nem para a dona"
    client.force_login(EmpreendedorFactory().usuario)
    assert _responde_sem_mostrar(client, url) in (403, 404), f"outra pessoa abriu {url}"
