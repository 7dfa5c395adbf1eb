import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from formacao import services
from formacao.models import EtapaFormalizacao
from pontos.models import AcessoDadosPessoais
from tests.factories import EmpreendedorFactory

pytestmark = pytest.mark.django_db
HOJE = datetime.date.today


def _ate_mei(pessoa):
    services.etapa_registrar(empreendedor=pessoa, passo="govbr", feito_em=HOJE(), dado="Prata")
    return services.etapa_registrar(empreendedor=pessoa, passo="mei", feito_em=HOJE(), dado="11.222.333/0001-81")


def test_ordem_da_trilha(empreendedor):
    with pytest.raises(ValidationError, match="Antes deste passo"):
        services.etapa_registrar(empreendedor=empreendedor, passo="mei", feito_em=HOJE(), dado="11222333000181")
    with pytest.raises(ValidationError):
        services.etapa_registrar(empreendedor=empreendedor, passo="govbr", feito_em=HOJE(), dado="bronze")
    with pytest.raises(ValidationError, match="futuro"):
        services.etapa_registrar(
            empreendedor=empreendedor, passo="govbr", feito_em=HOJE() + datetime.timedelta(days=2), dado="ouro"
        )
    with pytest.raises(ValidationError, match="obrigatório"):
        services.etapa_registrar(empreendedor=empreendedor, passo="ccm", nao_se_aplica=True)
    # opcional pode ser "não se aplica"
    etapa = services.etapa_registrar(empreendedor=empreendedor, passo="nota_fiscal", nao_se_aplica=True)
    assert etapa.concluida and etapa.feito_em is None


def test_mei_atualiza_situacao_do_perfil(empreendedor):
    services.etapa_registrar(empreendedor=empreendedor, passo="govbr", feito_em=HOJE(), dado="ouro")
    with pytest.raises(ValidationError, match="CNPJ inválido"):
        services.etapa_registrar(empreendedor=empreendedor, passo="mei", feito_em=HOJE(), dado="11.111.111/1111-11")
    empreendedor.refresh_from_db()
    assert empreendedor.situacao_formalizacao == "informal"
    _ate_mei(empreendedor)
    empreendedor.refresh_from_db()
    assert (empreendedor.situacao_formalizacao, empreendedor.cnpj) == ("mei", "11222333000181")
    services.etapa_desfazer(empreendedor=empreendedor, passo="mei")
    empreendedor.refresh_from_db()
    assert (empreendedor.situacao_formalizacao, empreendedor.cnpj) == ("informal", "")


def test_quem_ja_tem_outro_cnpj_nao_e_rebaixado(empreendedor):
    empreendedor.situacao_formalizacao = "cooperativa"
    empreendedor.save()
    _ate_mei(empreendedor)
    empreendedor.refresh_from_db()
    assert empreendedor.situacao_formalizacao == "cooperativa"


def test_equipe_confirma_passo(turma, empreendedor, operador_smdet, gestor_svma, usuario_governo):
    etapa = services.etapa_registrar(empreendedor=empreendedor, passo="govbr", feito_em=HOJE(), dado="ouro")
    # sem matrícula em turma da SMDET, a equipe não alcança a pessoa
    with pytest.raises(PermissionDenied):
        services.etapa_confirmar(etapa=etapa, por=operador_smdet)
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    services.etapa_confirmar(etapa=etapa, por=operador_smdet)
    etapa.refresh_from_db()
    assert etapa.confirmado_por == operador_smdet
    for usuario in (gestor_svma, usuario_governo):
        with pytest.raises(PermissionDenied):
            services.etapa_confirmar(etapa=etapa, por=usuario)


def test_pagina_da_trilha(client, empreendedor):
    client.force_login(empreendedor.usuario)
    url = reverse("formacao:formalizacao")
    texto = client.get(url).content.decode()
    posicoes = [texto.index(t) for t in ["Conta gov.br", "Inscrição MEI", "Inscrição municipal", "Senha Web", "DAS mensal",
                                          "Emissão de nota fiscal", "Curso de Boas Práticas", "Licença / cadastro sanitário", "Permissão de uso"]]  # fmt: skip
    assert posicoes == sorted(posicoes)
    assert "https://tolegal.prefeitura.sp.gov.br" in texto
    # erro: valores mantidos, mensagem junto ao campo, nada salvo
    resposta = client.post(url, {"passo": "govbr", "feito_em": "32/13/2026", "dado": "prata"})
    assert resposta.status_code == 400
    texto = resposta.content.decode()
    assert "dd/mm/aaaa" in texto and 'value="prata"' in texto
    assert not EtapaFormalizacao.objects.exists()
    resposta = client.post(url, {"passo": "mei", "feito_em": HOJE().strftime("%d/%m/%Y"), "dado": "11222333000181"})
    assert resposta.status_code == 400 and "Antes deste passo" in resposta.content.decode()
    pdf = SimpleUploadedFile("conta.pdf", b"%PDF-1.4 comprovante", content_type="application/pdf")
    resposta = client.post(
        url, {"passo": "govbr", "feito_em": HOJE().strftime("%d/%m/%Y"), "dado": "ouro", "comprovante": pdf}
    )
    assert resposta.status_code == 302
    etapa = EtapaFormalizacao.objects.get()
    assert etapa.comprovante and etapa.dado == "ouro"
    exe = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 executavel", content_type="application/pdf")
    resposta = client.post(
        url, {"passo": "govbr", "feito_em": HOJE().strftime("%d/%m/%Y"), "dado": "ouro", "comprovante": exe}
    )
    assert resposta.status_code == 400 and "PDF, JPEG ou PNG" in resposta.content.decode()
    assert client.post(url, {"passo": "inexistente"}).status_code == 400


def test_tela_da_equipe_registra_acesso(client, turma, empreendedor, operador_smdet):
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    services.etapa_registrar(empreendedor=empreendedor, passo="govbr", feito_em=HOJE(), dado="ouro")
    client.force_login(operador_smdet)
    url = reverse("formacao:equipe_formalizacao", args=[empreendedor.pk])
    assert client.get(url).status_code == 200
    assert AcessoDadosPessoais.objects.filter(usuario=operador_smdet, empreendedor=empreendedor).exists()
    client.post(url, {"passo": "govbr"})
    assert EtapaFormalizacao.objects.get().confirmado_em is not None
    outra = EmpreendedorFactory()
    assert client.get(reverse("formacao:equipe_formalizacao", args=[outra.pk])).status_code == 404


def test_boas_praticas_concluido_marca_passo_da_trilha(turma, operador_smdet, empreendedor):
    m = services.matricula_criar(turma=turma, empreendedor=empreendedor)
    agora = timezone.now()
    encontro = services.encontro_criar(
        turma=turma, inicio=agora - datetime.timedelta(hours=3), fim=agora - datetime.timedelta(hours=1)
    )
    services.presenca_lancar(encontro=encontro, presentes=[m.pk], por=operador_smdet)
    services.turma_concluir(turma=turma, por=operador_smdet)
    assert (
        EtapaFormalizacao.objects.get(empreendedor=empreendedor, passo="boas_praticas").feito_em == timezone.localdate()
    )


def _marcar_todos(pessoa, n):
    passos = ["govbr", "mei", "ccm", "senha_web", "das_dasn", "nota_fiscal"]
    services.etapa_registrar(empreendedor=pessoa, passo="govbr", feito_em=HOJE(), dado="ouro")
    if n > 1:
        services.etapa_registrar(empreendedor=pessoa, passo="mei", feito_em=HOJE(), dado="11222333000181")
        for passo in passos[2:n]:
            services.etapa_registrar(empreendedor=pessoa, passo=passo, feito_em=HOJE())


def test_paginas_da_trilha_com_consultas_constantes(client, turma, operador_smdet, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    contagens = []
    for n in (1, 6):
        pessoa = EmpreendedorFactory()
        _marcar_todos(pessoa, n)
        client.force_login(pessoa.usuario)
        with CaptureQueriesContext(connection) as propria:
            assert client.get(reverse("formacao:formalizacao")).status_code == 200
        contagens.append(len(propria))
    assert contagens[0] == contagens[1] <= 15
    pessoa = EmpreendedorFactory()
    services.matricula_criar(turma=turma, empreendedor=pessoa)
    client.force_login(operador_smdet)
    url = reverse("formacao:equipe_formalizacao", args=[pessoa.pk])
    with CaptureQueriesContext(connection) as equipe:
        client.get(url)
    _marcar_todos(pessoa, 6)
    with django_assert_num_queries(len(equipe)):
        client.get(url)


def test_comprovante_so_para_a_equipe(client, turma, empreendedor, operador_smdet, gestor_svma):
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    pdf = SimpleUploadedFile("conta.pdf", b"%PDF-1.4 comprovante", content_type="application/pdf")
    services.etapa_registrar(empreendedor=empreendedor, passo="govbr", feito_em=HOJE(), dado="ouro", comprovante=pdf)
    url = reverse("formacao:equipe_comprovante", args=[empreendedor.pk, "govbr"])
    client.force_login(operador_smdet)
    resposta = client.get(url)
    assert resposta.status_code == 200 and b"".join(resposta.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("formacao:equipe_comprovante", args=[empreendedor.pk, "mei"])).status_code == 404
    client.force_login(gestor_svma)
    assert client.get(url).status_code == 404
    client.force_login(empreendedor.usuario)
    assert client.get(url).status_code == 403
