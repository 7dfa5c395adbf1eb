"""O painel bate com contas independentes das linhas de origem, para várias combinações de filtro."""

import datetime
from decimal import Decimal

import pytest

from governo import selectors, services
from governo.forms import filtros_de
from governo.models import ResumoIndicador
from governo.periodos import periodo_ano, periodo_mes, periodo_personalizado, periodo_trimestre, somar_meses, ultimo_dia
from pontos.models import Empreendedor
from tests.factories.governo import ItemCustoFactory

pytestmark = pytest.mark.django_db


def _destaque(itens, chave):
    return next((d for d in itens if d.chave == chave), None)


def _periodos(hoje):
    este = hoje.replace(day=1)
    tri = (este.month - 1) // 3 + 1
    return [
        periodo_mes(este.year, este.month),
        periodo_trimestre(este.year, tri),
        periodo_ano(este.year),
        periodo_personalizado(somar_meses(este, -5), somar_meses(este, -2)),
    ]


def test_destaques_iguais_as_somas_das_linhas_de_origem(cenario, fonte, usuario_governo, hoje, ponto, ponto_svma, smc):
    services.resumo_atualizar()
    casa, oeste = cenario["casa"], cenario["oeste"]
    combinacoes = [
        ({}, lambda r: True),
        ({"ponto_id": ponto.pk}, lambda r: r.ponto == ponto),
        ({"territorio_id": oeste.pk}, lambda r: r.ponto is not None and r.ponto.territorio_id == oeste.pk),
        ({"programa": "Feiras"}, lambda r: r.chave in {"teste.vendas", "teste.taxas", "teste.ocupacao"}),
        ({"secretaria_id": smc.pk}, lambda r: r.secretaria == smc),
        ({"ponto_id": casa.pk, "secretaria_id": smc.pk}, lambda r: r.ponto == casa and r.secretaria == smc),
    ]
    verificados = 0
    for periodo in _periodos(hoje):
        anterior = periodo.anterior()
        for kwargs, filtro in combinacoes:
            filtros = selectors.Filtros(periodo=periodo, **kwargs)
            itens = selectors.destaques(usuario=usuario_governo, filtros=filtros)
            for chave in ("teste.vendas", "teste.publico", "teste.taxas"):
                esperado = fonte.soma(chave, inicio=periodo.inicio, fim=periodo.fim, filtro=filtro)
                esperado_ant = fonte.soma(chave, inicio=anterior.inicio, fim=anterior.fim, filtro=filtro)
                d = _destaque(itens, chave)
                if esperado == 0 and esperado_ant == 0:
                    assert d is None or not d.valor, (periodo, kwargs, chave)
                    continue
                assert Decimal(d.valor or 0) == esperado, (periodo, kwargs, chave)
                assert Decimal(d.anterior or 0) == esperado_ant, (periodo, kwargs, chave)
                verificados += 1
    assert verificados > 20


def test_percentual_e_media_e_nao_soma(cenario, fonte, usuario_governo, hoje):
    services.resumo_atualizar()
    periodo = periodo_ano(hoje.year) if hoje.month > 1 else periodo_mes(hoje.year, 1)
    d = _destaque(
        selectors.destaques(usuario=usuario_governo, filtros=selectors.Filtros(periodo=periodo)), "teste.ocupacao"
    )
    assert Decimal(d.valor) == Decimal(70)


def test_serie_mensal_e_por_ponto_batem_com_a_origem(cenario, fonte, usuario_governo, hoje, ponto):
    services.resumo_atualizar()
    periodo = periodo_trimestre(hoje.year, (hoje.month - 1) // 3 + 1)
    filtros = selectors.Filtros(periodo=periodo, indicador="teste.vendas")
    serie = selectors.serie_mensal(usuario=usuario_governo, filtros=filtros)
    assert len(serie.linhas) == 12
    for mes, (_rotulo, valor) in zip(filtros.janela_serie.meses, serie.linhas, strict=True):
        assert Decimal(valor) == fonte.soma("teste.vendas", inicio=mes, fim=ultimo_dia(mes))
    tabela = selectors.por_ponto(usuario=usuario_governo, filtros=filtros)
    por_nome = {linha[0]: Decimal(linha[1]) for linha in tabela.linhas}
    assert por_nome[ponto.nome] == fonte.soma(
        "teste.vendas", inicio=periodo.inicio, fim=periodo.fim, filtro=lambda r: r.ponto == ponto
    )


def test_indicadores_do_nucleo_contam_empreendedores(cenario, usuario_governo, hoje, ponto):
    services.resumo_atualizar()
    total = Empreendedor.objects.filter(anonimizado_em__isnull=True).count()
    linhas = ResumoIndicador.objects.filter(chave="nucleo.cadastros")
    assert sum(linha.valor for linha in linhas) == total
    assert (
        sum(linha.valor for linha in linhas.filter(ponto=ponto))
        == Empreendedor.objects.filter(ponto_cadastro=ponto).count()
    )
    assert (
        sum(linha.valor for linha in linhas.filter(detalhe="mei"))
        == Empreendedor.objects.filter(situacao_formalizacao="mei").count()
    )

    periodo = periodo_ano(hoje.year)
    for kwargs, consulta in [
        ({}, Empreendedor.objects.all()),
        ({"ponto_id": ponto.pk}, Empreendedor.objects.filter(ponto_cadastro=ponto)),
        ({"territorio_id": cenario["oeste"].pk}, Empreendedor.objects.filter(territorio=cenario["oeste"])),
    ]:
        itens = selectors.destaques(usuario=usuario_governo, filtros=selectors.Filtros(periodo=periodo, **kwargs))
        ativos = consulta.filter(anonimizado_em__isnull=True, criado_em__date__lte=periodo.fim)
        assert _destaque(itens, "nucleo.ativos").valor == ativos.count()
        taxa = Decimal(ativos.exclude(situacao_formalizacao="informal").count() * 100) / ativos.count()
        assert _destaque(itens, "nucleo.taxa_formalizacao").valor == taxa


def test_sustentabilidade_receita_sobre_custo(cenario, fonte, usuario_governo, hoje, ponto, smdet):
    este = hoje.replace(day=1)
    ItemCustoFactory(secretaria=smdet, ponto=ponto, mes=este, valor=Decimal("400.00"))
    ItemCustoFactory(secretaria=smdet, ponto=ponto, mes=este, valor=Decimal("100.00"), categoria="transporte")
    services.resumo_atualizar()
    filtros = selectors.Filtros(periodo=periodo_mes(este.year, este.month), ponto_id=ponto.pk)
    resumo, serie, pontos = selectors.sustentabilidade(usuario=usuario_governo, filtros=filtros)
    receita = fonte.soma(
        "teste.vendas", inicio=este, fim=ultimo_dia(este), filtro=lambda r: r.ponto == ponto
    ) + fonte.soma("teste.taxas", inicio=este, fim=ultimo_dia(este), filtro=lambda r: r.ponto == ponto)
    assert resumo["receita"] == receita
    assert resumo["custo"] == Decimal("500.00")
    assert resumo["indice"] == receita * 100 / Decimal("500.00")
    assert pontos.linhas[0][0] == ponto.nome and pontos.linhas[0][3] == resumo["indice"]


def test_secretaria_ve_so_os_seus_programas(cenario, fonte, gestor_smc, usuario_governo, hoje):
    services.resumo_atualizar()
    filtros = selectors.Filtros(periodo=periodo_ano(hoje.year))
    chaves = {d.chave for d in selectors.destaques(usuario=gestor_smc, filtros=filtros)}
    assert "teste.publico" in chaves
    assert "teste.taxas" not in chaves and "nucleo.ativos" not in chaves
    vendas = _destaque(selectors.destaques(usuario=gestor_smc, filtros=filtros), "teste.vendas")
    assert Decimal(vendas.valor) == fonte.soma(
        "teste.vendas",
        inicio=filtros.periodo.inicio,
        fim=filtros.periodo.fim,
        filtro=lambda r: r.secretaria.sigla == "smc",
    )
    todos = {d.chave for d in selectors.destaques(usuario=usuario_governo, filtros=filtros)}
    assert {"teste.taxas", "nucleo.ativos"} <= todos


def test_indicador_com_defeito_nao_derruba_o_resumo(cenario, usuario_governo):
    from pontos import extensoes
    from pontos.extensoes import Indicador

    def quebra(**kwargs):
        raise RuntimeError("tabela sumiu")

    extensoes.indicadores.registrar(Indicador("teste.quebrado", "Quebrado", "Feiras", "R$", quebra))
    try:
        atualizacao = services.resumo_atualizar()
    finally:
        extensoes.indicadores.remover("teste.quebrado")
    assert "teste.quebrado" in atualizacao.erros
    assert ResumoIndicador.objects.filter(chave="teste.vendas").exists()


def test_reconstrucao_substitui_e_trava_evita_duas_ao_mesmo_tempo(cenario, fonte, ponto, smdet):
    from django.core.cache import cache

    services.resumo_atualizar()
    antes = ResumoIndicador.objects.count()
    services.resumo_atualizar()
    assert ResumoIndicador.objects.count() == antes  # não duplica
    cache.add(services.TRAVA_RESUMO, "1")
    assert services.resumo_atualizar() is None


def test_trajetorias_renda_por_coorte(cenario, fonte, usuario_governo, hoje):
    services.resumo_atualizar()
    antiga = cenario["meses"][-1]
    filtros = selectors.Filtros(periodo=periodo_personalizado(antiga, hoje))
    tabela = selectors.trajetorias(usuario=usuario_governo, filtros=filtros)
    linhas = {linha[0]: linha for linha in tabela.linhas}
    from governo.periodos import rotulo_mes

    linha = linhas[rotulo_mes(antiga)]
    assert linha[1] == 6 and linha[2] == 6 and linha[3] is None  # 2 formalizados: suprimido (< 5)
    renda_3 = fonte.soma(
        "teste.vendas",
        inicio=antiga,
        fim=ultimo_dia(somar_meses(antiga, 2)),
        filtro=lambda r: r.detalhe.startswith("coorte:"),
    )
    assert linha[5] == renda_3 / 6
    recente = linhas[rotulo_mes(cenario["meses"][1])]
    assert recente[1] is None  # coorte de 3 pessoas: suprimida


def test_equidade_suprime_celulas_pequenas_e_respeita_consentimento(cenario, usuario_governo, hoje):
    services.resumo_atualizar()
    tabelas = {t.chave: t for t in selectors.equidade(filtros=selectors.Filtros(periodo=periodo_ano(hoje.year)))}
    genero = {linha[0]: linha for linha in tabelas["equidade_genero"].linhas}
    assert genero["Mulher"][1] == 5
    assert "Homem" not in genero  # o único homem não consentiu: conta como "não informado"
    assert genero["Não informado / sem consentimento"][1] is None  # 4 pessoas: suprimido
    territorio = {linha[0]: linha for linha in tabelas["equidade_territorio"].linhas}
    assert territorio["Butantã"][1] == 6 and territorio["Pinheiros"][1] is None


def test_filtros_da_url_com_lixo_nao_quebram(usuario_governo):
    form, filtros = filtros_de(
        {"periodo": "xyz", "ano": "abc", "de": "13/2026", "ponto": "999999"}, usuario=usuario_governo
    )
    assert not form.is_valid()
    assert filtros.periodo.tipo == "trimestre"
    form, filtros = filtros_de({"periodo": "personalizado", "de": "2026-01", "ate": "03/2026"}, usuario=usuario_governo)
    assert form.is_valid(), form.errors
    assert filtros.periodo.inicio == datetime.date(2026, 1, 1) and filtros.periodo.fim == datetime.date(2026, 3, 31)
