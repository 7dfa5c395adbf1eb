import datetime
import socket

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from formacao import services, tasks
from formacao.models import Certificado, Matricula, SituacaoMatricula, SituacaoTurma, Turma
from pontos.models import Notificacao, Qualificacao, TarefaPendente, TipoQualificacao
from pontos.services.reservas import ConflitoReserva
from tests.factories import EmpreendedorFactory
from tests.factories.formacao import TurmaFactory, encontro_criar

pytestmark = pytest.mark.django_db


def test_vagas_confirmadas_ate_lotar_depois_lista_de_espera(turma):
    a, b, c, d = (services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory()) for _ in range(4))
    assert [m.situacao for m in (a, b, c, d)] == ["confirmada", "confirmada", "espera", "espera"]
    turma.refresh_from_db()
    assert turma.vagas_ocupadas == 2
    assert services.posicao_na_espera(c) == 1
    assert services.posicao_na_espera(d) == 2


def test_matricula_duplicada_recusada(turma, empreendedor):
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    with pytest.raises(ValidationError, match="já tem matrícula"):
        services.matricula_criar(turma=turma, empreendedor=empreendedor)
    turma.refresh_from_db()
    assert turma.vagas_ocupadas == 1


def test_turma_encerrada_nao_aceita_matricula(turma, empreendedor):
    Turma.objects.filter(pk=turma.pk).update(situacao=SituacaoTurma.ENCERRADA)
    with pytest.raises(ValidationError, match="encerradas"):
        services.matricula_criar(turma=turma, empreendedor=empreendedor)


def test_cancelar_promove_primeira_da_espera_e_avisa(turma):
    a, _b = (services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory()) for _ in range(2))
    c = services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    d = services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    promovida = services.matricula_cancelar(matricula=a)
    assert promovida.pk == c.pk
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.situacao == SituacaoMatricula.CONFIRMADA and d.situacao == SituacaoMatricula.ESPERA
    assert services.posicao_na_espera(d) == 1
    turma.refresh_from_db()
    assert turma.vagas_ocupadas == 2
    assert Notificacao.objects.filter(usuario=c.empreendedor.usuario, titulo__contains="vaga").exists()


def test_cancelar_sem_espera_libera_vaga(turma, empreendedor):
    m = services.matricula_criar(turma=turma, empreendedor=empreendedor)
    assert services.matricula_cancelar(matricula=m) is None
    turma.refresh_from_db()
    assert turma.vagas_ocupadas == 0
    # pode voltar depois de cancelar
    assert services.matricula_criar(turma=turma, empreendedor=empreendedor).situacao == "confirmada"
    with pytest.raises(ValidationError):
        services.matricula_cancelar(matricula=m)


def test_banco_recusa_ocupacao_acima_das_vagas(turma):
    with pytest.raises(IntegrityError), transaction.atomic():
        Turma.objects.filter(pk=turma.pk).update(vagas_ocupadas=3)


def test_aumentar_vagas_promove_espera(turma):
    for _ in range(3):
        services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    Turma.objects.filter(pk=turma.pk).update(vagas=3)
    assert len(services.turma_promover_espera(turma=turma)) == 1
    assert turma.matriculas.filter(situacao="confirmada").count() == 3


def test_encontro_reserva_espaco_e_conflito_tem_motivo(turma, smdet, ponto, espaco):
    encontro = encontro_criar(turma, dias=3)
    assert encontro.reserva.espaco == espaco and not encontro.reserva.cancelada
    outra = TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco, curso__secretaria=smdet)
    with pytest.raises(ConflitoReserva, match="já está reservado"):
        services.encontro_criar(turma=outra, inicio=encontro.inicio + datetime.timedelta(hours=1), fim=encontro.fim)
    assert not outra.encontros.exists()


def test_encontro_fim_antes_do_inicio_recusado(turma):
    agora = timezone.now()
    with pytest.raises(ValidationError):
        services.encontro_criar(turma=turma, inicio=agora, fim=agora - datetime.timedelta(hours=1))


def _turma_pronta(turma, n_encontros=4):
    encontros = [encontro_criar(turma, dias=-10 + i) for i in range(n_encontros)]
    return encontros


def test_conclusao_pela_frequencia_emite_certificado_e_qualificacao_uma_vez(turma, operador_smdet):
    turma.vagas = 5
    turma.save()
    boa = services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    fraca = services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    encontros = _turma_pronta(turma)
    for i, encontro in enumerate(encontros):
        presentes = [boa.pk] + ([fraca.pk] if i < 2 else [])
        services.presenca_lancar(encontro=encontro, presentes=presentes, por=operador_smdet)
    resumo = services.turma_concluir(turma=turma, por=operador_smdet)
    assert resumo == {"concluidas": 1, "nao_concluidas": 1}
    boa.refresh_from_db()
    fraca.refresh_from_db()
    assert (boa.situacao, boa.frequencia) == ("concluida", 100)
    assert (fraca.situacao, fraca.frequencia) == ("nao_concluida", 50)
    certificado = Certificado.objects.get(matricula=boa)
    qualificacao = Qualificacao.objects.get(empreendedor=boa.empreendedor)
    assert qualificacao.referencia == f"formacao.certificado:{certificado.pk}"
    assert qualificacao.tipo == TipoQualificacao.BOAS_PRATICAS and qualificacao.vigente
    assert Qualificacao.objects.filter(empreendedor=boa.empreendedor).vigentes().exists()
    # idempotente
    services.turma_concluir(turma=turma, por=operador_smdet)
    services.matricula_concluir(matricula=boa, turma=turma, frequencia=100)
    assert Certificado.objects.count() == 1
    assert Qualificacao.objects.count() == 1
    assert not Certificado.objects.filter(matricula=fraca).exists()
    turma.refresh_from_db()
    assert turma.situacao == SituacaoTurma.ENCERRADA


def test_conclusao_recusada_antes_do_ultimo_encontro(turma, operador_smdet):
    encontro_criar(turma, dias=2)
    with pytest.raises(ValidationError, match="encontros por acontecer"):
        services.turma_concluir(turma=turma, por=operador_smdet)


def test_outra_secretaria_nao_lanca_nem_conclui(turma, gestor_svma, consulta_smdet):
    encontro = encontro_criar(turma, dias=-1)
    for usuario in (gestor_svma, consulta_smdet):
        with pytest.raises(PermissionDenied):
            services.presenca_lancar(encontro=encontro, presentes=[], por=usuario)
        with pytest.raises(PermissionDenied):
            services.turma_concluir(turma=turma, por=usuario)


def test_presenca_nao_aceita_pessoa_de_fora(turma, operador_smdet):
    encontro = encontro_criar(turma, dias=-1)
    with pytest.raises(ValidationError):
        services.presenca_lancar(encontro=encontro, presentes=[999999], por=operador_smdet)


def test_presenca_antes_do_encontro_recusada(turma, operador_smdet):
    encontro = encontro_criar(turma, dias=2)
    with pytest.raises(ValidationError, match="a partir do início"):
        services.presenca_lancar(encontro=encontro, presentes=[], por=operador_smdet)


def test_presenca_por_codigo(turma, empreendedor):
    matricula = services.matricula_criar(turma=turma, empreendedor=empreendedor)
    agora = timezone.now()
    encontro = services.encontro_criar(
        turma=turma, inicio=agora - datetime.timedelta(minutes=10), fim=agora + datetime.timedelta(hours=2)
    )
    codigo = encontro.codigo_presenca.lower()
    presenca = services.presenca_por_codigo(codigo=f" {codigo[:3]}-{codigo[3:]} ", empreendedor=empreendedor)
    assert presenca.matricula == matricula and presenca.presente and presenca.origem == "codigo"
    # outra pessoa, sem matrícula
    with pytest.raises(ValidationError, match="matrícula confirmada"):
        services.presenca_por_codigo(codigo=codigo, empreendedor=EmpreendedorFactory())
    # código de outro encontro não serve para este: cada encontro tem o seu
    outro = encontro_criar(turma, dias=5)
    assert outro.codigo_presenca != encontro.codigo_presenca


def test_codigo_expirado_ou_errado(turma, empreendedor):
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    encontro = encontro_criar(turma, dias=-2)
    for codigo in (encontro.codigo_presenca, "ZZZZZZ", ""):
        with pytest.raises(ValidationError, match="Código não encontrado"):
            services.presenca_por_codigo(codigo=codigo, empreendedor=empreendedor)


def _certificado(turma, operador):
    m = services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory(nome="Maria Aparecida Souza"))
    encontro = encontro_criar(turma, dias=-1)
    services.presenca_lancar(encontro=encontro, presentes=[m.pk], por=operador)
    services.turma_concluir(turma=turma, por=operador)
    return Certificado.objects.get(matricula=m)


def test_certificado_dados_codigo_e_mascara(turma, operador_smdet):
    certificado = _certificado(turma, operador_smdet)
    assert len(certificado.codigo) == 12 and set(certificado.codigo) <= set(services.ALFABETO)
    assert certificado.nome_mascarado == "Maria A. S."
    assert certificado.situacao == "valido"
    assert certificado.valido_ate == services._somar_meses(timezone.localdate(), 24)
    assert services.certificado_buscar(certificado.codigo_exibicao.lower()) == certificado
    assert services.certificado_buscar("AAAA-BBBB-CCCC") is None
    assert services.certificado_buscar("x") is None


def test_revogar_termina_qualificacao(turma, operador_smdet, gestor_svma):
    certificado = _certificado(turma, operador_smdet)
    with pytest.raises(ValidationError):
        services.certificado_revogar(certificado=certificado, motivo="  ", por=operador_smdet)
    with pytest.raises(PermissionDenied):
        services.certificado_revogar(certificado=certificado, motivo="fraude", por=gestor_svma)
    services.certificado_revogar(certificado=certificado, motivo="Frequência lançada por engano", por=operador_smdet)
    certificado.refresh_from_db()
    assert certificado.situacao == "revogado"
    assert not certificado.qualificacao.vigente
    assert certificado.qualificacao.motivo_revogacao == "Frequência lançada por engano"
    with pytest.raises(ValidationError, match="já foi revogado"):
        services.certificado_revogar(certificado=certificado, motivo="de novo", por=operador_smdet)


def test_certificado_expirado(turma, operador_smdet):
    certificado = _certificado(turma, operador_smdet)
    Certificado.objects.filter(pk=certificado.pk).update(valido_ate=timezone.localdate() - datetime.timedelta(days=1))
    certificado.refresh_from_db()
    assert certificado.situacao == "expirado"


def test_somar_meses_fim_de_mes():
    assert services._somar_meses(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services._somar_meses(datetime.date(2026, 11, 15), 14) == datetime.date(2028, 1, 15)


def test_lembretes_uma_vez_so(turma, empreendedor, mailoutbox):
    cache.clear()
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    agora = timezone.now()
    services.encontro_criar(
        turma=turma, inicio=agora + datetime.timedelta(hours=5), fim=agora + datetime.timedelta(hours=8)
    )
    encontro_criar(turma, dias=5)  # longe demais
    assert tasks.lembretes_enviar() == 1
    assert tasks.lembretes_enviar() == 0
    avisos = Notificacao.objects.filter(usuario=empreendedor.usuario, titulo__startswith="Lembrete")
    assert avisos.count() == 1
    pendente = TarefaPendente.objects.get(tarefa="formacao.aviso_email")
    assert pendente.argumentos == {"notificacao_id": avisos[0].pk}
    # a tarefa é idempotente: repetida, manda um e-mail só
    assert tasks.aviso_email(avisos[0].pk) is True
    assert tasks.aviso_email(avisos[0].pk) is False
    assert [m.subject for m in mailoutbox if "Lembrete" in m.subject]
    assert len(mailoutbox) == 1
    avisos[0].refresh_from_db()
    assert avisos[0].email_enviado_em is not None


def test_aviso_email_que_falha_nao_fica_marcado_e_sai_na_nova_tentativa(empreendedor, mailoutbox, settings):
    """A marca de enviado fica no banco, na transação do envio: o cache pode esquecer, e um
    servidor de e-mail fora do ar não faz o aviso parecer mandado."""
    aviso = Notificacao.objects.create(usuario=empreendedor.usuario, titulo="Turma confirmada")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        porta_fechada = s.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", porta_fechada, 2
    with pytest.raises(OSError):
        tasks.aviso_email(aviso.pk)
    aviso.refresh_from_db()
    assert aviso.email_enviado_em is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.aviso_email(aviso.pk) is True
    assert tasks.aviso_email(aviso.pk) is False
    assert [m.subject for m in mailoutbox] == ["[Rede de Pontos] Turma confirmada"]


def test_cancelar_turma_cancela_reservas_e_matriculas(turma, empreendedor, gestor_smdet):
    encontro = encontro_criar(turma, dias=3)
    m = services.matricula_criar(turma=turma, empreendedor=empreendedor)
    services.turma_cancelar(turma=turma, por=gestor_smdet)
    encontro.reserva.refresh_from_db()
    m.refresh_from_db()
    assert encontro.reserva.cancelada and m.situacao == "cancelada"
    assert Matricula.objects.filter(turma=turma, situacao="confirmada").count() == 0
