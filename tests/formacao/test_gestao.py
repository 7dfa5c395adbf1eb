import pytest
from django.urls import reverse

from formacao import services
from formacao.models import Curso, Turma
from pontos.models import Papel
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory, VinculoFactory
from tests.factories.formacao import CursoFactory

pytestmark = pytest.mark.django_db


def test_smc_cria_oficina_em_ponto_de_outra_secretaria(client, smc, smdet, ponto, espaco):
    """SMC organiza oficinas artísticas como Turmas (um só mecanismo), em qualquer Ponto ativo."""
    gestora = VinculoFactory(secretaria=smc, papel=Papel.GESTOR).usuario
    client.force_login(gestora)
    resposta = client.post(
        reverse("gestao:formacao_curso_add"),
        {
            "nome": "Oficina de percussão",
            "slug": "oficina-percussao",
            "eixo": "formacao_artistica",
            "ementa": "Ritmos brasileiros.",
            "carga_horaria": "12",
            "frequencia_minima": "75",
            "concede": "formacao_artistica",
            "ativo": "on",
            "secretaria": str(smdet.pk),  # ignorado: a secretaria vem do vínculo
        },
    )
    assert resposta.status_code == 302, resposta.content.decode()[:2000]
    curso = Curso.objects.get(slug="oficina-percussao")
    assert curso.secretaria == smc
    resposta = client.post(
        reverse("gestao:formacao_turma_add"),
        {
            "curso": str(curso.pk),
            "ponto": str(ponto.pk),
            "espaco": str(espaco.pk),
            "nome": "Oficina de verão",
            "instrutor": "Mestre Dinho",
            "vagas": "15",
            "encontros-TOTAL_FORMS": "0",
            "encontros-INITIAL_FORMS": "0",
        },
    )
    assert resposta.status_code == 302, resposta.content.decode()[:3000]
    turma = Turma.objects.get(nome="Oficina de verão")
    assert turma.secretaria == smc and turma.ponto == ponto


def test_turma_com_espaco_de_outro_ponto_recusada(client, smdet, ponto, territorio):
    gestora = VinculoFactory(secretaria=smdet, papel=Papel.GESTOR).usuario
    client.force_login(gestora)
    curso = CursoFactory(secretaria=smdet)
    alheio = EspacoFactory(ponto=PontoFactory(territorio=territorio))
    resposta = client.post(
        reverse("gestao:formacao_turma_add"),
        {"curso": curso.pk, "ponto": ponto.pk, "espaco": alheio.pk, "instrutor": "X", "vagas": "10",
         "encontros-TOTAL_FORMS": "0", "encontros-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert resposta.status_code == 200
    assert "próprio Ponto" in resposta.content.decode()
    assert not Turma.objects.exists()


def test_reduzir_vagas_abaixo_das_confirmadas_recusado_e_aumentar_promove(client, turma, gestor_smdet):
    for _ in range(3):
        services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    client.force_login(gestor_smdet)
    url = reverse("gestao:formacao_turma_change", args=[turma.pk])
    dados = {"curso": turma.curso_id, "ponto": turma.ponto_id, "espaco": turma.espaco_id, "instrutor": "X",
             "encontros-TOTAL_FORMS": "0", "encontros-INITIAL_FORMS": "0"}  # fmt: skip
    resposta = client.post(url, {**dados, "vagas": "1"})
    assert resposta.status_code == 200 and "não podem ser menos" in resposta.content.decode()
    assert client.post(url, {**dados, "vagas": "3"}).status_code == 302
    assert turma.matriculas.filter(situacao="confirmada").count() == 3


def test_lista_da_gestao_consultas_constantes(
    client, gestor_smdet, smdet, ponto, espaco, django_assert_max_num_queries
):
    from tests.factories.formacao import MatriculaFactory, TurmaFactory

    client.force_login(gestor_smdet)
    for _ in range(12):
        MatriculaFactory(turma=TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco))
    for modelo in ("turma", "matricula", "curso"):
        with django_assert_max_num_queries(15):
            assert client.get(reverse(f"gestao:formacao_{modelo}_changelist")).status_code == 200


def test_acao_cancelar_turma(client, turma, gestor_smdet, empreendedor):
    from tests.factories.formacao import encontro_criar

    encontro = encontro_criar(turma, dias=2)
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    client.force_login(gestor_smdet)
    client.post(
        reverse("gestao:formacao_turma_changelist"), {"action": "cancelar_turmas", "_selected_action": [turma.pk]}
    )
    turma.refresh_from_db()
    encontro.reserva.refresh_from_db()
    assert turma.situacao == "cancelada" and encontro.reserva.cancelada
    assert empreendedor.usuario.notificacoes.filter(titulo__contains="cancelada").exists()
