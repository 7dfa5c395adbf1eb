"""Os programas se encontram no núcleo: jornadas que atravessam dois apps no navegador.

1. Formação → Feiras: sem o curso de Boas Práticas, a banca de alimentos prontos é recusada
   com o nome do curso e a próxima turma (pela agenda); concluído o curso, a mesma pessoa se
   inscreve — pela ``Qualificacao``, sem ``feiras`` importar ``formacao``.
2. Cultura → Feiras: a apresentação marcada no mesmo Ponto durante a feira aparece na
   programação cultural da página pública da feira — pela agenda, sem ``feiras`` importar
   ``cultura``.
"""

import datetime

import pytest
from django.utils import timezone

from feiras.models import Inscricao
from formacao import services as formacao
from formacao.models import Encontro
from pontos.models import CategoriaProduto, Papel, Qualificacao, TipoQualificacao
from tests.e2e.conftest import entrar_com_sessao
from tests.factories import EmpreendedorFactory, PontoFactory, SecretariaFactory, VinculoFactory
from tests.factories.cultura import ApresentacaoFactory
from tests.factories.feiras import feira_com_bancas
from tests.factories.formacao import TurmaFactory, encontro_criar

pytestmark = pytest.mark.django_db(transaction=True)


def _inscrever(visita, feira, produtos):
    page = visita.ir(f"/feiras/{feira.pk}/inscrever/")
    page.get_by_label("Alimentos prontos").check()
    page.get_by_label("Produtos que vai levar").fill(produtos)
    page.get_by_role("button", name="Enviar inscrição").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    return page


def test_curso_de_boas_praticas_abre_a_banca_de_alimentos(visita_celular):
    smdet = SecretariaFactory(sigla="smdet", nome="Secretaria Municipal de Desenvolvimento Econômico e Trabalho")
    SecretariaFactory(sigla="svma", nome="Secretaria Municipal do Verde e do Meio Ambiente")
    equipe = VinculoFactory(secretaria=smdet, papel=Papel.GESTOR).usuario
    ponto = PontoFactory(nome="CRESAN Butantã", slug="cresan", secretaria=smdet)
    turma = TurmaFactory(secretaria=smdet, ponto=ponto, curso__nome="Boas Práticas de Manipulação de Alimentos")
    encontro = encontro_criar(turma, dias=6)
    feira, categoria = feira_com_bancas(
        secretaria=smdet, ponto=ponto, categoria=CategoriaProduto.ALIMENTOS_PRONTOS, titulo="Feira do CRESAN"
    )
    categoria.qualificacoes_exigidas = [TipoQualificacao.BOAS_PRATICAS]
    categoria.save()
    pessoa = EmpreendedorFactory(nome="Joana Marmitas", categorias=[CategoriaProduto.ALIMENTOS_PRONTOS])
    entrar_com_sessao(visita_celular, pessoa.usuario)

    # Sem a qualificação: recusa explicada, com o curso e a próxima turma vindos da agenda.
    page = _inscrever(visita_celular, feira, "Marmitas e bolos")
    texto = page.locator("#impedimentos").inner_text()
    assert "Boas Práticas de Manipulação de Alimentos" in texto
    assert timezone.localtime(encontro.inicio).strftime("%d/%m/%Y") in texto
    assert not Inscricao.objects.filter(empreendedor=pessoa).exists()

    # A pessoa faz o curso: matrícula, o encontro acontece, a equipe lança a presença e conclui.
    matricula = formacao.matricula_criar(turma=turma, empreendedor=pessoa)
    passado = timezone.now() - datetime.timedelta(days=1)
    Encontro.objects.filter(pk=encontro.pk).update(inicio=passado, fim=passado + datetime.timedelta(hours=3))
    encontro.refresh_from_db()
    formacao.presenca_lancar(encontro=encontro, presentes=[matricula.pk], por=equipe)
    formacao.turma_concluir(turma=turma, por=equipe)
    assert Qualificacao.objects.vigentes().filter(empreendedor=pessoa, tipo=TipoQualificacao.BOAS_PRATICAS).exists()

    # Agora a mesma pessoa se inscreve na banca de alimentos prontos.
    page = _inscrever(visita_celular, feira, "Marmitas e bolos")
    assert page.locator("#situacao").get_by_text("Recebida").is_visible()
    assert Inscricao.objects.filter(empreendedor=pessoa, feira=feira).exists()


def test_apresentacao_no_ponto_durante_a_feira_entra_na_programacao(visita_celular):
    smdet = SecretariaFactory(sigla="smdet", nome="Secretaria Municipal de Desenvolvimento Econômico e Trabalho")
    smc = SecretariaFactory(sigla="smc", nome="Secretaria Municipal de Cultura")
    ponto = PontoFactory(nome="Casa de Cultura do Butantã", slug="casa-de-cultura", secretaria=smc)
    outro = PontoFactory(nome="Parque do Jockey", slug="jockey", secretaria=smc)
    feira, _categoria = feira_com_bancas(secretaria=smdet, ponto=ponto, titulo="Feira da Casa de Cultura")
    meio_da_feira = timezone.make_aware(datetime.datetime.combine(feira.data, datetime.time(11, 0)))
    ApresentacaoFactory(secretaria=smc, ponto=ponto, titulo="Maracatu na feira", inicio=meio_da_feira)
    ApresentacaoFactory(secretaria=smc, ponto=outro, titulo="Show em outro Ponto", inicio=meio_da_feira)
    ApresentacaoFactory(
        secretaria=smc, ponto=ponto, titulo="Show na semana seguinte", inicio=meio_da_feira + datetime.timedelta(days=7)
    )

    texto = visita_celular.ir(f"/feiras/{feira.pk}/").locator("main").inner_text()
    assert "Maracatu na feira" in texto
    assert "Show em outro Ponto" not in texto
    assert "Show na semana seguinte" not in texto
