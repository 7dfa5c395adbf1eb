"""Acesso, contagem de consultas, exportações, PDF, dados abertos e lançamento de custo."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from governo import services
from governo.models import ItemCusto, Relatorio
from pontos.models import Empreendedor
from tests.factories import EmpreendedorFactory, PontoFactory, VinculoFactory
from tests.factories.governo import ItemCustoFactory

pytestmark = pytest.mark.django_db

PAINEL = "/governo/"


def test_acesso_anonimo_vai_ao_login_empreendedor_leva_403(client, empreendedor):
    resposta = client.get(PAINEL)
    assert resposta.status_code == 302 and "/contas/login/" in resposta["Location"]
    client.force_login(empreendedor.usuario)
    assert client.get(PAINEL).status_code == 403
    assert client.get("/governo/exportar/?formato=csv").status_code == 403


def test_governo_ve_tudo_e_secretaria_so_o_seu(client, cenario, usuario_governo, gestor_smc, hoje):
    services.resumo_atualizar()
    client.force_login(usuario_governo)
    html = client.get(PAINEL, {"periodo": "ano", "ano": hoje.year}).content.decode()
    assert "Taxas pagas" in html and "Público das apresentações" in html and "Empreendedores ativos" in html
    assert "Números atualizados em" in html
    for caminho in ("sustentabilidade/", "trajetorias/", "equidade/"):
        assert client.get(PAINEL + caminho).status_code == 200
    client.force_login(gestor_smc)
    html = client.get(PAINEL, {"periodo": "ano", "ano": hoje.year}).content.decode()
    assert "Público das apresentações" in html
    assert 'data-indicador="teste.publico"' in html
    assert 'data-indicador="teste.taxas"' not in html and 'data-indicador="nucleo.ativos"' not in html
    assert "só os programas da sua secretaria" in html
    assert client.get(PAINEL + "sustentabilidade/").status_code == 200
    assert client.get(PAINEL + "trajetorias/").status_code == 403
    assert client.get(PAINEL + "equidade/").status_code == 403


def test_graficos_svg_com_tabela_ao_lado(client, cenario, usuario_governo, hoje):
    services.resumo_atualizar()
    client.force_login(usuario_governo)
    html = client.get(PAINEL, {"periodo": "ano", "ano": hoje.year, "indicador": "teste.vendas"}).content.decode()
    assert html.count('<svg class="grafico"') >= 3
    assert 'role="img"' in html and 'data-tabela="serie_mensal"' in html and 'data-tabela="por_ponto"' in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def _contar(client, url):
    with CaptureQueriesContext(connection) as contexto:
        assert client.get(url).status_code == 200
    return len(contexto)


@pytest.mark.parametrize("caminho", ["", "sustentabilidade/", "trajetorias/", "equidade/"])
def test_consultas_nao_crescem_com_os_dados(client, fonte, usuario_governo, smdet, territorio, hoje, caminho):
    from governo.periodos import somar_meses

    ponto = PontoFactory(secretaria=smdet, territorio=territorio)
    fonte.add("teste.vendas", ponto=ponto, secretaria=smdet, data=hoje, valor=10)
    EmpreendedorFactory(territorio=territorio)
    services.resumo_atualizar()
    client.force_login(usuario_governo)
    url = f"{PAINEL}{caminho}?periodo=ano&ano={hoje.year}"
    poucos = _contar(client, url)
    for n in range(15):
        outro = PontoFactory(secretaria=smdet, territorio=territorio)
        for m in range(6):
            fonte.add(
                "teste.vendas", ponto=outro, secretaria=smdet, data=somar_meses(hoje.replace(day=1), -m), valor=n + m
            )
            fonte.add(
                "teste.publico", ponto=outro, secretaria=smdet, data=somar_meses(hoje.replace(day=1), -m), valor=n
            )
        EmpreendedorFactory(territorio=territorio, ponto_cadastro=outro)
        ItemCustoFactory(secretaria=smdet, ponto=outro)
    services.resumo_atualizar()
    muitos = _contar(client, url)
    assert poucos == muitos
    assert 5 <= muitos <= 15


def test_exporta_csv_e_xlsx_com_os_numeros_da_tela(client, cenario, fonte, usuario_governo, hoje, ponto):
    services.resumo_atualizar()
    client.force_login(usuario_governo)
    este = hoje.replace(day=1)
    filtros = {"periodo": "mes", "ano": este.year, "mes": este.month, "ponto": ponto.pk}
    esperado = fonte.soma(
        "teste.vendas", inicio=este, fim=hoje + datetime.timedelta(days=31), filtro=lambda r: r.ponto == ponto
    )
    resposta = client.get("/governo/exportar/", {"visao": "painel", "formato": "csv", **filtros})
    assert resposta.status_code == 200 and resposta.streaming
    texto = b"".join(resposta.streaming_content).decode("utf-8-sig")
    linhas = list(csv.reader(io.StringIO(texto), delimiter=";"))
    vendas = next(linha for linha in linhas if len(linha) > 3 and linha[1] == "Vendas relatadas")
    assert Decimal(vendas[3]) == esperado
    resposta = client.get("/governo/exportar/", {"visao": "painel", "formato": "xlsx", **filtros})
    assert resposta.status_code == 200
    livro = load_workbook(io.BytesIO(b"".join(resposta.streaming_content)), read_only=True)
    valores = [
        linha for linha in livro.active.iter_rows(values_only=True) if len(linha) > 3 and linha[1] == "Vendas relatadas"
    ]
    assert Decimal(str(valores[0][3])) == esperado
    resposta = client.get("/governo/exportar/", {"visao": "dados", "formato": "csv", **filtros})
    texto = b"".join(resposta.streaming_content).decode("utf-8-sig")
    assert "teste.vendas" in texto and "Casa de Cultura" not in texto
    assert client.get("/governo/exportar/", {"visao": "nada", "formato": "csv"}).status_code == 404


def test_relatorio_pdf_gerado_pela_tarefa_e_so_do_dono(
    client, cenario, usuario_governo, gestor_smc, hoje, django_capture_on_commit_callbacks, celery_ansioso
):
    services.resumo_atualizar()
    client.force_login(usuario_governo)
    with django_capture_on_commit_callbacks(execute=True):
        resposta = client.post("/governo/relatorios/", {"periodo": "ano", "ano": hoje.year})
    relatorio = Relatorio.objects.get()
    assert resposta["Location"] == reverse("governo:relatorio_detalhe", kwargs={"pk": relatorio.pk})
    assert relatorio.situacao == "pronto" and relatorio.progresso == 100
    pagina = client.get(resposta["Location"]).content.decode()
    assert "Baixar o relatório" in pagina
    pdf = b"".join(client.get(f"/governo/relatorios/{relatorio.pk}/baixar/").streaming_content)
    assert pdf.startswith(b"%PDF")
    client.force_login(gestor_smc)
    assert client.get(f"/governo/relatorios/{relatorio.pk}/").status_code == 404
    assert client.get(f"/governo/relatorios/{relatorio.pk}/baixar/").status_code == 404


def test_relatorio_pendente_mostra_progresso(client, usuario_governo):
    client.force_login(usuario_governo)
    relatorio = Relatorio.objects.create(usuario=usuario_governo, progresso=40, situacao="gerando")
    html = client.get(f"/governo/relatorios/{relatorio.pk}/").content.decode()
    assert (
        '<progress class="w-100" max="100" value="40"' in html and "data-atualizar=" in html and "relatorio.js" in html
    )


def test_dados_abertos_sem_dados_pessoais(client, cenario):
    services.resumo_atualizar()
    assert client.get("/governo/dados-abertos/").status_code == 200
    resposta = client.get("/governo/dados-abertos/todos.zip")
    assert resposta.status_code == 200
    pacote = zipfile.ZipFile(io.BytesIO(b"".join(resposta.streaming_content)))
    nomes = pacote.namelist()
    assert "LEIAME.txt" in nomes and "feiras.csv" in nomes and "nucleo.csv" in nomes
    conteudo = "".join(pacote.read(n).decode("utf-8-sig") for n in nomes)
    assert "teste.vendas" in conteudo
    for pessoa in Empreendedor.objects.all():
        assert pessoa.cpf not in conteudo
        assert pessoa.nome not in conteudo
        assert pessoa.email not in conteudo
        assert pessoa.usuario.email not in conteudo
    # contagem de 3 pessoas (coorte recente na Casa de Cultura) sai suprimida
    nucleo = list(csv.reader(io.StringIO(pacote.read("nucleo.csv").decode("utf-8-sig")), delimiter=";"))
    assert any(linha[-1] == "sim" and linha[-2] == "" for linha in nucleo[1:])
    resposta = client.get("/governo/dados-abertos/csv/", {"programa": "Feiras", "ano": datetime.date.today().year})
    assert resposta.status_code == 200
    assert client.get("/governo/dados-abertos/csv/", {"programa": "Nada"}).status_code == 404


def test_menu_publico_tem_dados_abertos(client, db):
    assert 'href="/governo/dados-abertos/"' in client.get("/").content.decode()


def test_custo_lancado_na_gestao_leva_a_secretaria_de_quem_lanca(client, gestor_smdet, gestor_svma, ponto, svma, hoje):
    client.force_login(gestor_smdet)
    resposta = client.post(
        "/gestao/governo/itemcusto/add/",
        {
            "ponto": ponto.pk,
            "programa": "Geral",
            "mes": hoje.strftime("%Y-%m-%d"),
            "categoria": "transporte",
            "valor": "350.00",
            "descricao": "Frete para a feira",
            "secretaria": svma.pk,  # ignorado: vem do usuário
        },
    )
    assert resposta.status_code == 302, resposta.content.decode()[:3000]
    item = ItemCusto.objects.get()
    assert item.secretaria.sigla == "smdet" and item.mes == hoje.replace(day=1) and item.criado_por == gestor_smdet
    client.force_login(gestor_svma)
    assert client.get(f"/gestao/governo/itemcusto/{item.pk}/change/").status_code == 404


def test_pendencia_de_custos_do_mes_anterior(gestor_smdet, usuario_governo, ponto, smdet):
    from governo.extensoes_governo import pendencias
    from governo.periodos import somar_meses

    assert len(pendencias(usuario=gestor_smdet)) == 1
    assert pendencias(usuario=usuario_governo) == []
    ItemCustoFactory(secretaria=smdet, ponto=ponto, mes=somar_meses(datetime.date.today().replace(day=1), -1))
    assert pendencias(usuario=gestor_smdet) == []


def test_usuario_de_duas_secretarias_ve_as_duas(client, cenario, smdet, smc, hoje):
    usuario = VinculoFactory(secretaria=smdet).usuario
    VinculoFactory(usuario=usuario, secretaria=smc)
    services.resumo_atualizar()
    client.force_login(usuario)
    html = client.get(PAINEL, {"periodo": "ano", "ano": hoje.year}).content.decode()
    assert 'data-indicador="teste.taxas"' in html and 'data-indicador="teste.publico"' in html


def test_dados_abertos_tambem_na_raiz(client):
    resposta = client.get("/dados-abertos/")
    assert resposta.status_code == 302 and resposta["Location"] == "/governo/dados-abertos/"


def test_html_da_visao_em_cache_varia_com_filtros_e_com_o_resumo(client, cenario, usuario_governo, hoje):
    from governo.models import ResumoIndicador

    services.resumo_atualizar()
    client.force_login(usuario_governo)

    def visao(**filtros):
        html = client.get(PAINEL, {"periodo": "ano", "ano": hoje.year, **filtros}).content.decode()
        # o bloco da visão: depois dos botões de exportação (onde fica o token CSRF) até o fim do conteúdo
        depois = html.split('class="d-flex flex-wrap gap-2 mb-4 exportacoes"')[1]
        return depois.split("</div>", 1)[1].split("</main>")[0]

    vendas = visao(indicador="teste.vendas")
    assert visao(indicador="teste.vendas") == vendas  # a segunda vem do cache
    assert visao(indicador="teste.publico") != vendas  # outro filtro, outra chave
    ResumoIndicador.objects.all().delete()  # o resumo muda sem nova atualização: a tela não muda
    assert visao(indicador="teste.vendas") == vendas
    services.resumo_atualizar()  # nova atualização, nova chave: a tela é montada de novo
    assert 'data-tabela="serie_mensal"' in visao(indicador="teste.vendas")


def test_pagina_pronta_por_pessoa_ate_o_proximo_resumo(client, cenario, usuario_governo, gestor_smc):
    from unittest import mock

    from governo import views

    services.resumo_atualizar()
    with mock.patch.object(views, "_visao_montar", wraps=views._visao_montar) as montar:
        client.force_login(usuario_governo)
        assert client.get(PAINEL).cookies  # a primeira visita recebe o cookie CSRF: não guarda
        pronta = client.get(PAINEL)
        assert client.get(PAINEL).content == pronta.content
        assert montar.call_count == 2  # a terceira veio pronta
        client.get(PAINEL, {"indicador": "teste.vendas"})
        assert montar.call_count == 3  # outros filtros, outra página
        client.force_login(gestor_smc)  # outra pessoa (e outro escopo): nunca a página de quem veio antes
        html = client.get(PAINEL).content.decode()
        assert montar.call_count == 4 and 'data-indicador="teste.taxas"' not in html
        services.resumo_atualizar()  # resumo novo: página montada de novo
        client.get(PAINEL)
        assert montar.call_count == 5
