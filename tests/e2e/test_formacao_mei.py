"""Trilha MEI no Chromium: a pessoa marca os passos em ordem (celular) e a equipe confirma."""

import datetime

import pytest

from formacao import services
from formacao.models import EtapaFormalizacao
from pontos.models import Empreendedor, Papel
from tests.e2e.conftest import entrar_com_sessao
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, SecretariaFactory, VinculoFactory
from tests.factories.formacao import CursoFactory, TurmaFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_trilha_mei_da_conta_gov_ao_cnpj(visita_celular, visita):
    smdet = SecretariaFactory(sigla="smdet", nome="Secretaria Municipal de Desenvolvimento Econômico e Trabalho")
    ponto = PontoFactory(nome="CRESAN Butantã", secretaria=smdet)
    CursoFactory(nome="MEI na prática", slug="mei-na-pratica", eixo="formalizacao", secretaria=smdet, concede="")
    turma = TurmaFactory(secretaria=smdet, ponto=ponto, espaco=EspacoFactory(ponto=ponto), curso__secretaria=smdet)
    pessoa = EmpreendedorFactory(nome="Francisca Oliveira")
    services.matricula_criar(turma=turma, empreendedor=pessoa)
    hoje = datetime.date.today().strftime("%d/%m/%Y")

    entrar_com_sessao(visita_celular, pessoa.usuario)
    page = visita_celular.ir("/cursos/formalizacao/")
    assert page.get_by_role("link", name="MEI na prática").is_visible()
    passo1 = page.locator("#passo-govbr")
    passo1.get_by_text("Marcar este passo").click()
    passo1.get_by_label("Quando fez").fill(datetime.date.today().isoformat())
    passo1.get_by_label("Nível da conta (prata ou ouro)").fill("prata")
    passo1.get_by_role("button", name="Salvar").click()
    visita_celular.conferir_acessibilidade()
    assert page.get_by_text("Passo registrado").is_visible()

    passo2 = page.locator("#passo-mei")
    passo2.get_by_text("Marcar este passo").click()
    passo2.get_by_label("Quando fez").fill(datetime.date.today().isoformat())
    passo2.get_by_label("CNPJ").fill("11.111.111/1111-11")
    passo2.get_by_role("button", name="Salvar").click()
    visita_celular.conferir_acessibilidade()
    assert page.locator("#passo-mei").get_by_text("CNPJ inválido").is_visible()
    page.locator("#passo-mei").get_by_label("CNPJ").fill("11.222.333/0001-81")
    page.locator("#passo-mei").get_by_role("button", name="Salvar").click()
    visita_celular.conferir_acessibilidade()
    assert page.get_by_text("Situação no seu perfil: MEI").is_visible()
    pessoa.refresh_from_db()
    assert (pessoa.situacao_formalizacao, pessoa.cnpj) == ("mei", "11222333000181")
    assert hoje in page.locator("#passo-mei").inner_text()

    operadora = VinculoFactory(secretaria=smdet, papel=Papel.OPERADOR).usuario
    entrar_com_sessao(visita, operadora)
    equipe = visita.ir(f"/cursos/equipe/pessoas/{pessoa.pk}/formalizacao/")
    equipe.get_by_role("button", name="Confirmar — Inscrição MEI (CNPJ e CCMEI)").click()
    visita.conferir_acessibilidade()
    assert equipe.get_by_text("Passo confirmado").is_visible()
    assert EtapaFormalizacao.objects.get(empreendedor=pessoa, passo="mei").confirmado_por == operadora
    assert Empreendedor.objects.get(pk=pessoa.pk).situacao_formalizacao == "mei"
