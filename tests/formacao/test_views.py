import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from formacao import services
from formacao.models import Certificado, Matricula
from tests.factories import EmpreendedorFactory
from tests.factories.formacao import CursoFactory, EncontroFactory, MatriculaFactory, TurmaFactory, encontro_criar

pytestmark = pytest.mark.django_db


def _consultas(client, url, *, limite):
    with CaptureQueriesContext(connection) as contexto:
        assert client.get(url).status_code == 200
    assert len(contexto) <= limite
    return len(contexto)


@pytest.fixture(autouse=True)
def _cache_limpo():
    cache.clear()


def _certificado(turma, operador, nome="Maria Aparecida Souza"):
    m = services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory(nome=nome))
    encontro = encontro_criar(turma, dias=-1)
    services.presenca_lancar(encontro=encontro, presentes=[m.pk], por=operador)
    services.turma_concluir(turma=turma, por=operador)
    return Certificado.objects.get(matricula=m)


def test_catalogo_e_detalhe(client, turma):
    encontro_criar(turma, dias=3)
    resposta = client.get("/cursos/")
    assert resposta.status_code == 200
    assert turma.curso.nome in resposta.content.decode()
    resposta = client.get(turma.curso.get_absolute_url())
    texto = resposta.content.decode()
    assert "2 vagas restantes" in texto and "Quero me matricular" in texto
    assert client.get("/cursos/?eixo=inexistente").status_code == 200
    assert client.get("/cursos/nao-existe/").status_code == 404


def _cursos_com_turmas(smdet, ponto, espaco, n):
    for _ in range(n):
        turma = TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco, curso__secretaria=smdet)
        EncontroFactory(turma=turma)
        EncontroFactory(turma=turma)


def test_catalogo_consultas_constantes(client, smdet, ponto, espaco, django_assert_num_queries):
    _cursos_com_turmas(smdet, ponto, espaco, 1)
    n = _consultas(client, "/cursos/", limite=10)
    _cursos_com_turmas(smdet, ponto, espaco, 8)
    with django_assert_num_queries(n):
        client.get("/cursos/")


def test_detalhe_consultas_constantes(client, smdet, ponto, espaco, django_assert_num_queries):
    curso = CursoFactory(secretaria=smdet)
    turma = TurmaFactory(curso=curso, secretaria=smdet, ponto=ponto, espaco=espaco)
    EncontroFactory(turma=turma)
    n = _consultas(client, curso.get_absolute_url(), limite=10)
    for _ in range(6):
        t = TurmaFactory(curso=curso, secretaria=smdet, ponto=ponto, espaco=espaco)
        EncontroFactory(turma=t)
        EncontroFactory(turma=t)
    with django_assert_num_queries(n):
        resposta = client.get(curso.get_absolute_url())
    assert resposta.content.decode().count("Quero me matricular") == 7


def test_matricula_pela_pagina(client, turma, empreendedor):
    url = reverse("formacao:turma_matricular", args=[turma.pk])
    assert client.get(url).status_code == 302  # login
    client.force_login(empreendedor.usuario)
    assert client.get(url).status_code == 200
    resposta = client.post(url, follow=True)
    assert "Matrícula confirmada" in resposta.content.decode()
    resposta = client.post(url, follow=True)
    assert "já tem matrícula" in resposta.content.decode()
    assert Matricula.objects.filter(turma=turma, empreendedor=empreendedor).count() == 1
    assert client.get(reverse("formacao:turma_matricular", args=[999999])).status_code == 404


def test_lista_de_espera_e_cancelamento_pela_pagina(client, turma):
    for _ in range(2):
        services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    resposta = client.post(reverse("formacao:turma_matricular", args=[turma.pk]), follow=True)
    assert "lista de espera (posição 1)" in resposta.content.decode()
    m = Matricula.objects.get(empreendedor=pessoa)
    resposta = client.post(reverse("formacao:matricula_cancelar", args=[m.pk]), follow=True)
    assert "Matrícula cancelada" in resposta.content.decode()
    # não cancela a de outra pessoa
    outra = Matricula.objects.exclude(empreendedor=pessoa).first()
    assert client.post(reverse("formacao:matricula_cancelar", args=[outra.pk])).status_code == 404


def test_usuario_sem_perfil_vai_completar_cadastro(client, cidadao, turma):
    client.force_login(cidadao)
    resposta = client.get(reverse("formacao:meus_cursos"))
    assert resposta.status_code == 302 and resposta.url == reverse("pontos:perfil_editar")


def test_meus_cursos_consultas_constantes(client, empreendedor, smdet, ponto, espaco, django_assert_num_queries):
    client.force_login(empreendedor.usuario)
    MatriculaFactory(empreendedor=empreendedor, turma=TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco))
    n = _consultas(client, reverse("formacao:meus_cursos"), limite=15)
    for _ in range(5):
        turma = TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco)
        EncontroFactory(turma=turma)
        MatriculaFactory(empreendedor=empreendedor, turma=turma)
    with django_assert_num_queries(n):
        client.get(reverse("formacao:meus_cursos"))


def test_verificacao_publica(client, turma, operador_smdet):
    certificado = _certificado(turma, operador_smdet)
    url = reverse("formacao:certificado_verificar")
    texto = client.get(url, {"codigo": certificado.codigo_exibicao.lower()}).content.decode()
    assert "Válido" in texto and "Maria A. S." in texto and "Maria Aparecida Souza" not in texto
    texto = client.get(url, {"codigo": "AAAA-BBBB-CCCC"}).content.decode()
    assert "Certificado não encontrado" in texto
    services.certificado_revogar(certificado=certificado, motivo="Erro de lançamento", por=operador_smdet)
    assert "Revogado" in client.get(url, {"codigo": certificado.codigo}).content.decode()
    Certificado.objects.filter(pk=certificado.pk).update(
        revogado_em=None, valido_ate=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert "Expirado" in client.get(url, {"codigo": certificado.codigo}).content.decode()


def test_verificacao_limita_tentativas_por_ip(client, settings):
    settings.FORMACAO_LIMITE_TENTATIVAS = 5
    url = reverse("formacao:certificado_verificar")
    for i in range(5):
        assert client.get(url, {"codigo": f"AAAA-BBBB-CCC{i}"}).status_code == 200
    resposta = client.get(url, {"codigo": "AAAA-BBBB-CCCZ"})
    assert resposta.status_code == 429
    assert "Muitas consultas" in resposta.content.decode()
    # outro IP segue livre
    assert client.get(url, {"codigo": "AAAA-BBBB-CCCZ"}, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_verificacao_entrada_invalida_nunca_500(client):
    url = reverse("formacao:certificado_verificar")
    for codigo in ["", " ", "<script>", "x" * 500, "ÇÃÕ-∞", "'; DROP TABLE"]:
        resposta = client.get(url, {"codigo": codigo})
        assert resposta.status_code == 200, codigo


def test_certificado_pdf_da_propria_pessoa(client, turma, operador_smdet):
    certificado = _certificado(turma, operador_smdet)
    client.force_login(certificado.matricula.empreendedor.usuario)
    resposta = client.get(reverse("formacao:certificado_pdf", args=[certificado.pk]))
    assert resposta.status_code == 200 and resposta["Content-Type"] == "application/pdf"
    assert resposta.content.startswith(b"%PDF")
    client.force_login(EmpreendedorFactory().usuario)
    assert client.get(reverse("formacao:certificado_pdf", args=[certificado.pk])).status_code == 404


def test_presenca_por_codigo_pela_pagina(client, turma, empreendedor):
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    agora = timezone.now()
    encontro = services.encontro_criar(turma=turma, inicio=agora, fim=agora + datetime.timedelta(hours=2))
    client.force_login(empreendedor.usuario)
    url = reverse("formacao:presenca_codigo")
    assert encontro.codigo_presenca in client.get(url, {"codigo": encontro.codigo_presenca}).content.decode()
    resposta = client.post(url, {"codigo": "ERRADO"})
    assert resposta.status_code == 200 and "Código não encontrado" in resposta.content.decode()
    assert 'value="ERRADO"' in resposta.content.decode()
    resposta = client.post(url, {"codigo": encontro.codigo_presenca}, follow=True)
    assert "Presença registrada" in resposta.content.decode()


def test_equipe_lanca_presenca_e_conclui(client, turma, operador_smdet):
    m = services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    encontro = encontro_criar(turma, dias=-1)
    client.force_login(operador_smdet)
    url = reverse("formacao:equipe_presenca", args=[encontro.pk])
    resposta = client.get(url)
    assert resposta.status_code == 200 and "O código deste encontro expirou" in resposta.content.decode()
    agora = timezone.now()
    atual = services.encontro_criar(turma=turma, inicio=agora, fim=agora + datetime.timedelta(hours=1))
    texto = client.get(reverse("formacao:equipe_presenca", args=[atual.pk])).content.decode()
    assert atual.codigo_presenca in texto and 'src="data:image/svg+xml' in texto
    atual.delete()
    assert client.post(url, {"presentes": ["999999"]}).status_code == 400
    client.post(url, {"presentes": [str(m.pk)]})
    client.post(reverse("formacao:equipe_turma_concluir", args=[turma.pk]))
    m.refresh_from_db()
    assert m.situacao == "concluida" and m.certificado


def test_equipe_marca_encontro_e_ve_conflito(client, turma, operador_smdet, smdet, ponto, espaco):
    client.force_login(operador_smdet)
    url = reverse("formacao:equipe_turma", args=[turma.pk])
    dia = (timezone.localdate() + datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    resposta = client.post(url, {"data": dia, "hora_inicio": "14:00", "hora_fim": "17:00"})
    assert resposta.status_code == 302
    outra = TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco, curso__secretaria=smdet)
    resposta = client.post(
        reverse("formacao:equipe_turma", args=[outra.pk]), {"data": dia, "hora_inicio": "15:00", "hora_fim": "16:00"}
    )
    assert resposta.status_code == 400 and "já está reservado" in resposta.content.decode()
    resposta = client.post(url, {"data": "31/02/2026", "hora_inicio": "15:00", "hora_fim": "14:00"})
    assert resposta.status_code == 400
    texto = resposta.content.decode()
    assert "dd/mm/aaaa" in texto and "depois do início" in texto


def test_equipe_turmas_consultas_constantes(client, operador_smdet, smdet, ponto, espaco, django_assert_num_queries):
    client.force_login(operador_smdet)
    TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco)
    url = reverse("formacao:equipe_turmas")
    n = _consultas(client, url, limite=15)
    for _ in range(10):
        t = TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco)
        MatriculaFactory(turma=t)
    with django_assert_num_queries(n):
        resposta = client.get(url)
    assert resposta.content.decode().count("/cursos/equipe/turmas/") == 11


def test_equipe_turma_consultas_constantes(client, operador_smdet, turma, django_assert_num_queries):
    client.force_login(operador_smdet)
    MatriculaFactory(turma=turma)
    EncontroFactory(turma=turma)
    url = reverse("formacao:equipe_turma", args=[turma.pk])
    n = _consultas(client, url, limite=15)
    for _ in range(6):
        MatriculaFactory(turma=turma)
        EncontroFactory(turma=turma)
    with django_assert_num_queries(n):
        client.get(url)


def test_equipe_presenca_consultas_constantes(client, operador_smdet, turma, django_assert_num_queries):
    client.force_login(operador_smdet)
    encontro = EncontroFactory(turma=turma)
    MatriculaFactory(turma=turma)
    url = reverse("formacao:equipe_presenca", args=[encontro.pk])
    n = _consultas(client, url, limite=15)
    for _ in range(8):
        MatriculaFactory(turma=turma)
    with django_assert_num_queries(n):
        client.get(url)


def test_revogar_pela_tela(client, turma, operador_smdet):
    certificado = _certificado(turma, operador_smdet)
    client.force_login(operador_smdet)
    url = reverse("formacao:equipe_certificado_revogar", args=[certificado.pk])
    assert client.post(url, {"motivo": ""}).status_code == 400
    client.post(url, {"motivo": "Documento falso"})
    certificado.refresh_from_db()
    assert certificado.revogado_em and not certificado.qualificacao.vigente


def test_cidadao_nao_entra_na_equipe(client, cidadao, turma):
    client.force_login(cidadao)
    assert client.get(reverse("formacao:equipe_turmas")).status_code == 403
    assert client.get(reverse("formacao:equipe_turma", args=[turma.pk])).status_code == 403


def test_equipe_imprime_certificado_de_quem_nao_tem_conta(client, turma, operador_smdet, gestor_svma):
    certificado = _certificado(turma, operador_smdet)
    client.force_login(operador_smdet)
    resposta = client.get(reverse("formacao:equipe_certificado_pdf", args=[certificado.pk]))
    assert resposta.status_code == 200 and resposta.content.startswith(b"%PDF")
    client.force_login(gestor_svma)
    assert client.get(reverse("formacao:equipe_certificado_pdf", args=[certificado.pk])).status_code == 404


def test_limite_por_ip_atras_do_balanceador(client, settings):
    settings.FORMACAO_LIMITE_TENTATIVAS = 2
    settings.FORMACAO_CABECALHO_IP = "HTTP_X_FORWARDED_FOR"
    url = reverse("formacao:certificado_verificar")
    # o cliente forja o primeiro endereço; o balanceador acrescenta o verdadeiro no fim
    for falso in ("1.1.1.1", "2.2.2.2"):
        assert client.get(url, {"codigo": "X"}, HTTP_X_FORWARDED_FOR=f"{falso}, 9.9.9.9").status_code == 200
    assert client.get(url, {"codigo": "X"}, HTTP_X_FORWARDED_FOR="3.3.3.3, 9.9.9.9").status_code == 429
    assert client.get(url, {"codigo": "X"}, HTTP_X_FORWARDED_FOR="8.8.8.8").status_code == 200


def test_link_de_criar_turma_so_para_quem_cria(client, consulta_smdet, operador_smdet):
    client.force_login(consulta_smdet)
    assert "Criar turma" not in client.get(reverse("formacao:equipe_turmas")).content.decode()
    client.force_login(operador_smdet)
    assert "Criar turma" in client.get(reverse("formacao:equipe_turmas")).content.decode()
