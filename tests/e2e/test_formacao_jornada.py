"""Jornada da formação no Chromium: matrícula → presença → conclusão → certificado verificado →
qualificação de alimentos vigente em Minha conta.

(A etapa "agora pode se inscrever numa banca de alimentos" é ligada pelo integrador com o app de
feiras, que lê ``Qualificacao`` sem importar a formação; aqui a jornada vai até a qualificação vigente.)
"""

import datetime

import pytest
from django.utils import timezone

from formacao import services
from formacao.models import Certificado, Matricula
from pontos.models import Papel, Qualificacao, TipoQualificacao
from tests.e2e.conftest import entrar_com_sessao
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, SecretariaFactory, VinculoFactory
from tests.factories.formacao import CursoFactory, TurmaFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_jornada_do_curso_ao_certificado_verificado(visita, visita_celular):
    smdet = SecretariaFactory(sigla="smdet", nome="Secretaria Municipal de Desenvolvimento Econômico e Trabalho")
    SecretariaFactory(sigla="svma", nome="Secretaria Municipal do Verde e do Meio Ambiente")
    ponto = PontoFactory(nome="CRESAN Butantã", slug="cresan", secretaria=smdet)
    cozinha = EspacoFactory(ponto=ponto, nome="Cozinha escola")
    curso = CursoFactory(
        nome="Boas Práticas de Manipulação de Alimentos",
        slug="boas-praticas",
        secretaria=smdet,
        concede=TipoQualificacao.BOAS_PRATICAS,
    )
    turma = TurmaFactory(curso=curso, secretaria=smdet, ponto=ponto, espaco=cozinha, vagas=10)
    agora = timezone.now()
    encontro = services.encontro_criar(
        turma=turma, inicio=agora - datetime.timedelta(hours=3), fim=agora - datetime.timedelta(minutes=30)
    )
    pessoa = EmpreendedorFactory(nome="Joana D'Arc Almeida")
    operadora = VinculoFactory(secretaria=smdet, papel=Papel.OPERADOR).usuario

    # 1. a pessoa acha o curso no catálogo e se matricula
    entrar_com_sessao(visita, pessoa.usuario)
    page = visita.ir("/cursos/")
    page.get_by_role("link", name="Boas Práticas de Manipulação de Alimentos").click()
    visita.conferir_acessibilidade()
    assert page.get_by_text("10 vagas restantes").is_visible()
    page.get_by_role("link", name="Quero me matricular").click()
    visita.conferir_acessibilidade()
    page.get_by_role("button", name="Confirmar matrícula").click()
    visita.conferir_acessibilidade()
    assert page.get_by_text("Matrícula confirmada").is_visible()
    assert Matricula.objects.get(empreendedor=pessoa).situacao == "confirmada"

    # 2. a pessoa registra presença com o código do encontro
    page.get_by_role("link", name="Registrar presença com o código do encontro").click()
    visita.conferir_acessibilidade()
    page.get_by_label("Código").fill(encontro.codigo_presenca.lower())
    page.get_by_role("button", name="Estou presente").click()
    visita.conferir_acessibilidade()
    assert page.get_by_text("Presença registrada").is_visible()

    # 3. a equipe confere a presença no celular e conclui a turma
    entrar_com_sessao(visita_celular, operadora)
    celular = visita_celular.ir(f"/cursos/equipe/encontros/{encontro.pk}/presenca/")
    marca = celular.get_by_label("Joana D'Arc Almeida")
    assert marca.is_checked()  # veio do código
    celular.get_by_role("button", name="Salvar presença").click()
    visita_celular.conferir_acessibilidade()
    assert celular.get_by_text("Presença lançada: 1 de 1 presentes").is_visible()
    celular.get_by_role("button", name="Concluir turma e emitir certificados").click()
    visita_celular.conferir_acessibilidade()
    assert celular.get_by_text("1 pessoa(s) concluíram").is_visible()

    # 4. o certificado em PDF baixa e verifica na página pública
    certificado = Certificado.objects.get(matricula__empreendedor=pessoa)
    page = visita.ir("/cursos/meus-cursos/")
    with page.expect_download() as baixado:
        page.get_by_role("link", name="Baixar certificado (PDF)").first.click()
    with open(baixado.value.path(), "rb") as arquivo:
        assert arquivo.read(4) == b"%PDF"
    codigo = page.locator("strong", has_text=certificado.codigo_exibicao).inner_text()
    page = visita.ir("/cursos/certificados/verificar/")
    page.get_by_label("Código de verificação do certificado").fill(codigo)
    page.get_by_role("button", name="Verificar").click()
    visita.conferir_acessibilidade()
    assert page.get_by_text("Válido", exact=True).is_visible()
    assert page.get_by_text("Joana D. A.").is_visible()
    assert page.get_by_text("Joana D'Arc Almeida").count() == 0

    # 5. a qualificação de alimentos está vigente e aparece para a pessoa
    qualificacao = Qualificacao.objects.vigentes().get(empreendedor=pessoa, tipo=TipoQualificacao.BOAS_PRATICAS)
    assert qualificacao.referencia == f"formacao.certificado:{certificado.pk}"
    page = visita.ir("/cursos/meus-cursos/")
    item = page.locator(".lista-qualificacoes li", has_text="Boas Práticas de Manipulação de Alimentos")
    assert item.get_by_text("vigente").is_visible()
