"""Jornada completa de uma feira no Chromium: da criação à venda relatada, com axe em cada página."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from feiras.models import Feira, Inscricao
from pontos import extensoes
from pontos.models import Papel, TipoEspaco
from tests.e2e.conftest import entrar_com_sessao
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, SecretariaFactory, VinculoFactory

pytestmark = pytest.mark.django_db(transaction=True)


def entrar(visita, email):
    """Sessão aberta direto no banco (o formulário de login tem sua própria jornada)."""
    from pontos.models import Usuario

    return entrar_com_sessao(visita, Usuario.objects.get(email=email))


def _campo_data_hora(momento):
    return timezone.localtime(momento).strftime("%Y-%m-%dT%H:%M")


def test_jornada_da_feira(visita, visita_celular):
    smdet = SecretariaFactory(sigla="smdet", nome="Secretaria Municipal de Desenvolvimento Econômico e Trabalho")
    SecretariaFactory(sigla="svma")
    ponto = PontoFactory(nome="Casa de Cultura do Butantã", secretaria=smdet)
    patio = EspacoFactory(ponto=ponto, nome="Pátio das feiras", tipo=TipoEspaco.AREA_FEIRA)
    gestor = VinculoFactory(secretaria=smdet, papel=Papel.GESTOR).usuario
    primeira = EmpreendedorFactory(nome="Luzia Ferreira")
    segunda = EmpreendedorFactory(nome="Antônio Pereira")

    # 1. A equipe cria a feira, as categorias e as bancas.
    equipe = entrar(visita, gestor.email)
    pagina = visita.ir("/feiras/equipe/nova/")
    agora = timezone.now()
    data = timezone.localdate() + datetime.timedelta(days=10)
    pagina.fill("[name=titulo]", "Feira Cultural de Verão")
    pagina.fill("[name=tema]", "Sabores do Butantã")
    pagina.select_option("[name=ponto]", str(ponto.pk))
    pagina.select_option("[name=espaco]", str(patio.pk))
    pagina.fill("[name=data]", data.isoformat())
    pagina.fill("[name=hora_inicio]", "10:00")
    pagina.fill("[name=hora_fim]", "16:00")
    pagina.fill("[name=inscricoes_abrem]", _campo_data_hora(agora - datetime.timedelta(hours=1)))
    pagina.fill("[name=inscricoes_fecham]", _campo_data_hora(agora + datetime.timedelta(days=3)))
    pagina.get_by_role("button", name="Salvar").click()
    visita.conferir_acessibilidade()
    feira = Feira.objects.get(titulo="Feira Cultural de Verão")
    assert feira.secretaria == smdet and feira.reserva is not None
    assert "/categorias/" in equipe.url

    equipe.select_option("[name=categoria]", "artesanato")
    equipe.fill("[name=cota]", "2")
    equipe.get_by_role("button", name="Acrescentar").click()
    visita.conferir_acessibilidade()
    equipe.select_option("[name=categoria]", "alimentos_prontos")
    equipe.fill("[name=cota]", "2")
    equipe.check("input[name=qualificacoes_exigidas][value=boas_praticas_alimentos]")
    equipe.get_by_role("button", name="Acrescentar").click()
    visita.conferir_acessibilidade()
    assert equipe.get_by_text("Boas Práticas de Manipulação de Alimentos").count() >= 1

    visita.ir(f"/feiras/equipe/{feira.pk}/bancas/")
    equipe.fill("[name=gerar-quantidade]", "4")
    equipe.get_by_role("button", name="Acrescentar").click()
    visita.conferir_acessibilidade()
    assert equipe.locator("svg.mapa-bancas rect").count() == 4

    # 2. A primeira empreendedora se inscreve pelo celular.
    celular = entrar(visita_celular, primeira.usuario.email)
    visita_celular.ir(f"/feiras/{feira.pk}/")
    celular.get_by_role("link", name="Quero uma banca").click()
    visita_celular.conferir_acessibilidade()
    celular.get_by_label("Artesanato").check()
    celular.get_by_label("Produtos que vai levar").fill("Bolsas de crochê e tapetes")
    celular.get_by_role("button", name="Enviar inscrição").click()
    visita_celular.conferir_acessibilidade()
    assert celular.locator("#situacao").get_by_text("Recebida").is_visible()

    # 3. O segundo, sem Boas Práticas, é informado do porquê e do que fazer.
    celular.context.clear_cookies()
    entrar(visita_celular, segunda.usuario.email)
    visita_celular.ir(f"/feiras/{feira.pk}/inscrever/")
    celular.get_by_label("Alimentos prontos").check()
    celular.get_by_label("Produtos que vai levar").fill("Pastel e caldo de cana")
    celular.get_by_role("button", name="Enviar inscrição").click()
    visita_celular.conferir_acessibilidade()
    aviso = celular.locator("#impedimentos")
    assert "exige a qualificação" in aviso.inner_text()
    assert "Boas Práticas de Manipulação de Alimentos" in aviso.inner_text()
    assert "O que fazer" in aviso.inner_text()
    assert not Inscricao.objects.filter(empreendedor=segunda).exists()

    # 4. A equipe distribui as bancas; a página do sorteio é pública e descreve o algoritmo.
    visita.ir(f"/feiras/equipe/{feira.pk}/")
    equipe.get_by_role("button", name="Distribuir bancas agora (sorteio)").click()
    visita.conferir_acessibilidade()
    assert "/sorteio/" in equipe.url
    semente = equipe.locator("#semente").inner_text()
    assert len(semente) == 32 and "SHA-256" in equipe.content()

    # 5. A primeira vê a banca no mapa.
    celular.context.clear_cookies()
    entrar(visita_celular, primeira.usuario.email)
    inscricao = Inscricao.objects.get(empreendedor=primeira)
    visita_celular.ir(f"/feiras/minhas/{inscricao.pk}/")
    assert celular.locator("#sua-banca").inner_text().endswith("1")
    assert celular.locator("svg.mapa-bancas rect[stroke='#f5a623']").count() == 1

    # 6. No dia, a equipe faz o check-in pelo nome.
    Feira.objects.filter(pk=feira.pk).update(data=timezone.localdate())  # chega o dia da feira
    visita.ir(f"/feiras/equipe/{feira.pk}/dia/")
    equipe.get_by_label("Nome ou últimos dígitos do CPF").fill("Luzia")
    equipe.get_by_role("button", name="Procurar").click()
    visita.conferir_acessibilidade()
    equipe.get_by_role("button", name=re.compile("Chegou")).click()
    visita.conferir_acessibilidade()
    inscricao.refresh_from_db()
    assert inscricao.status == "presente"

    # 7. Ela relata as vendas no celular.
    visita_celular.ir(f"/feiras/minhas/{inscricao.pk}/")
    celular.get_by_role("link", name="Contar quanto vendi").click()
    visita_celular.conferir_acessibilidade()
    celular.get_by_label("Quanto você vendeu (R$)").fill("350,00")
    celular.get_by_label("PIX").check()
    celular.get_by_role("button", name="Salvar vendas").click()
    visita_celular.conferir_acessibilidade()
    assert "R$ 350,00" in celular.content()

    # 8. O indicador registrado mostra a venda.
    [vendas] = [i for i in extensoes.indicadores if i.chave == "feiras.vendas"]
    assert vendas.sustentabilidade == "receita"
    valores = vendas.fn(inicio=timezone.localdate() - datetime.timedelta(days=1), fim=timezone.localdate())
    assert sum(v.valor for v in valores) == Decimal("350.00")
    assert valores[0].ponto_id == ponto.pk


def test_demais_paginas_das_feiras_sem_violacoes(visita, visita_celular):
    from feiras import services
    from tests.factories.feiras import InscricaoFactory, feira_com_bancas

    smdet = SecretariaFactory(sigla="smdet")
    gestor = VinculoFactory(secretaria=smdet, papel=Papel.GESTOR).usuario
    feira, categoria = feira_com_bancas(secretaria=smdet, bancas=3, cota=3)
    pessoa = EmpreendedorFactory(nome="Rosângela Araújo")
    inscricao = InscricaoFactory(feira=feira, categoria=categoria, empreendedor=pessoa)
    for _ in range(4):
        InscricaoFactory(feira=feira, categoria=categoria)
    services.inscricao_aprovar(inscricao=inscricao, por=gestor)

    entrar(visita, gestor.email)
    for caminho in [
        "/feiras/equipe/",
        f"/feiras/equipe/{feira.pk}/",
        f"/feiras/equipe/{feira.pk}/editar/",
        f"/feiras/equipe/{feira.pk}/inscricoes/",
        f"/feiras/equipe/{feira.pk}/dia/",
        f"/feiras/equipe/{feira.pk}/inscricoes/?status=recebida",
    ]:
        visita.ir(caminho)
    visita.page.get_by_label("Marcar", exact=False).first.check()
    visita.page.select_option("[name=acao]", "espera")
    visita.page.get_by_role("button", name="Aplicar").click()
    visita.conferir_acessibilidade()
    assert "atualizada" in visita.page.content(), visita.page.locator("main").inner_text()[:1500]

    entrar(visita_celular, pessoa.usuario.email)
    for caminho in [
        "/feiras/",
        f"/feiras/{feira.pk}/",
        "/feiras/minhas/",
        f"/feiras/minhas/{inscricao.pk}/",
        f"/feiras/minhas/{inscricao.pk}/cancelar/",
    ]:
        visita_celular.ir(caminho)
    visita_celular.page.get_by_role("button", name="Sim, cancelar").click()
    visita_celular.conferir_acessibilidade()
    assert "Cancelada" in visita_celular.page.content()
