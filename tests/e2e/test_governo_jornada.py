"""Jornada do Governo no Chromium: filtra por Ponto e trimestre, confere números e gráficos,
exporta XLSX e PDF, baixa os dados abertos sem dados pessoais; a secretaria vê só o seu."""

import datetime
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from governo import services
from governo.periodos import periodo_trimestre, somar_meses
from governo.templatetags.governo_tags import formatar
from pontos.models import Empreendedor, Papel
from tests.e2e.conftest import entrar_com_sessao
from tests.factories import EmpreendedorFactory, PontoFactory, SecretariaFactory, TerritorioFactory, VinculoFactory
from tests.factories.governo import FonteFalsa, ItemCustoFactory


@pytest.fixture
def dados(transactional_db):
    from config.celery_app import app

    ansioso_antes = app.conf.task_always_eager
    app.conf.task_always_eager = True
    fonte = FonteFalsa()
    fonte.registrar()
    smdet = SecretariaFactory(sigla="smdet")
    smc = SecretariaFactory(sigla="smc")
    sgm = SecretariaFactory(sigla="sgm", eh_governo=True)
    butanta = TerritorioFactory(nome="Butantã", slug="butanta")
    cresan = PontoFactory(nome="CRESAN Butantã", secretaria=smdet, territorio=butanta)
    jockey = PontoFactory(nome="Parque do Jockey", secretaria=smdet, territorio=butanta)
    casa = PontoFactory(nome="Casa de Cultura", secretaria=smc, territorio=butanta)
    hoje = datetime.date.today()
    este = hoje.replace(day=1)
    for n in range(6):
        mes = somar_meses(este, -n) + datetime.timedelta(days=2)
        fonte.add("teste.vendas", ponto=cresan, secretaria=smdet, data=mes, valor=Decimal("1000.50") + n * 100)
        fonte.add("teste.vendas", ponto=jockey, secretaria=smdet, data=mes, valor=700)
        fonte.add("teste.publico", ponto=casa, secretaria=smc, data=mes, valor=150)
        ItemCustoFactory(secretaria=smdet, ponto=cresan, mes=somar_meses(este, -n), valor=Decimal("800.00"))
    for i in range(7):
        EmpreendedorFactory(
            territorio=butanta, ponto_cadastro=cresan, situacao_formalizacao="mei" if i % 2 else "informal"
        )
    services.resumo_atualizar()
    governo = VinculoFactory(secretaria=sgm, papel=Papel.CONSULTA).usuario
    gestor_smc = VinculoFactory(secretaria=smc, papel=Papel.GESTOR).usuario
    yield {"fonte": fonte, "cresan": cresan, "governo": governo, "gestor_smc": gestor_smc, "hoje": hoje}
    fonte.remover()
    app.conf.task_always_eager = ansioso_antes


def test_jornada_governo(visita, dados, tmp_path):
    hoje = dados["hoje"]
    trimestre = (hoje.month - 1) // 3 + 1
    periodo = periodo_trimestre(hoje.year, trimestre)
    cresan = dados["cresan"]
    esperado = dados["fonte"].soma(
        "teste.vendas", inicio=periodo.inicio, fim=periodo.fim, filtro=lambda r: r.ponto == cresan
    )

    entrar_com_sessao(visita, dados["governo"])
    page = visita.ir("/governo/")
    page.get_by_label("Período", exact=True).select_option("trimestre")
    page.get_by_label("Ano", exact=True).fill(str(hoje.year))
    page.get_by_label("Trimestre", exact=True).select_option(str(trimestre))
    page.get_by_label("Ponto", exact=True).select_option(label="CRESAN Butantã")
    page.get_by_label("Indicador dos gráficos", exact=True).select_option("teste.vendas")
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    assert f"ponto={cresan.pk}" in page.url and f"trimestre={trimestre}" in page.url

    cartao = page.locator('[data-indicador="teste.vendas"] .valor')
    assert cartao.inner_text().strip() == formatar(esperado, "moeda")
    assert page.locator('[data-indicador="teste.publico"]').count() == 0  # a Casa de Cultura não entra
    assert page.locator("svg.grafico").count() >= 3
    ultima = page.locator('table[data-tabela="serie_mensal"] tbody tr').last
    este = hoje.replace(day=1)
    do_mes = dados["fonte"].soma("teste.vendas", inicio=este, fim=periodo.fim, filtro=lambda r: r.ponto == cresan)
    assert ultima.locator("td").inner_text().strip() == formatar(do_mes, "moeda")
    por_ponto = page.locator('table[data-tabela="por_ponto"] tbody tr').first
    assert por_ponto.locator("th").inner_text().strip() == "CRESAN Butantã"
    assert por_ponto.locator("td").inner_text().strip() == formatar(esperado, "moeda")

    with page.expect_download() as baixado:
        page.get_by_role("link", name="Exportar XLSX").click()
    caminho = tmp_path / "painel.xlsx"
    baixado.value.save_as(caminho)
    linhas = [linha for linha in load_workbook(caminho, read_only=True).active.iter_rows(values_only=True)]
    vendas = next(linha for linha in linhas if len(linha) > 3 and linha[1] == "Vendas relatadas")
    assert Decimal(str(vendas[3])) == esperado

    page.get_by_role("button", name="Relatório PDF").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    page.get_by_text("Pronto").wait_for()
    with page.expect_download() as baixado:
        page.get_by_role("link", name="Baixar o relatório (PDF)").click()
    pdf = tmp_path / "relatorio.pdf"
    baixado.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    page = visita.ir("/governo/dados-abertos/")
    with page.expect_download() as baixado:
        page.get_by_role("link", name="Baixar tudo (ZIP)").click()
    zip_caminho = tmp_path / "dados.zip"
    baixado.value.save_as(zip_caminho)
    with zipfile.ZipFile(zip_caminho) as pacote:
        conteudo = "".join(pacote.read(n).decode("utf-8-sig") for n in pacote.namelist())
    assert "teste.vendas" in conteudo
    for pessoa in Empreendedor.objects.all():
        assert pessoa.cpf not in conteudo and pessoa.nome not in conteudo and pessoa.email not in conteudo

    entrar_com_sessao(visita, dados["gestor_smc"])
    page = visita.ir(f"/governo/?periodo=trimestre&ano={hoje.year}&trimestre={trimestre}")
    assert page.locator('[data-indicador="teste.publico"]').count() == 1
    assert page.locator('[data-indicador="teste.vendas"]').count() == 0
    assert page.get_by_role("link", name="Equidade").count() == 0
