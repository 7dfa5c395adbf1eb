"""Gestão do núcleo: escopo por secretaria, Governo só lê, plataforma só para superusuários."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pontos import extensoes
from pontos.models import AcessoDadosPessoais, Papel, Reserva, Vinculo
from tests.factories import (
    EmpreendedorFactory,
    EspacoFactory,
    PontoFactory,
    QualificacaoFactory,
    UsuarioFactory,
    VinculoFactory,
)
from tests.factories.reservas import ReservaFactory

pytestmark = pytest.mark.django_db


def _admin(nome, acao="changelist", *args):
    return reverse(f"gestao:pontos_{nome}_{acao}", args=args)


def test_inicio_da_gestao_mostra_a_secretaria_e_as_pendencias(client, gestor_svma):
    def pendencias(*, usuario):
        return [extensoes.Pendencia(titulo="Inscrições a analisar", quantidade=3, url="/gestao/")]

    extensoes.pendencias.registrar(pendencias, chave="teste.pendencias")
    try:
        client.force_login(gestor_svma)
        html = client.get(reverse("gestao:index")).content.decode()
    finally:
        extensoes.pendencias.remover("teste.pendencias")
    assert "Secretaria Municipal do Verde e do Meio Ambiente" in html
    assert "Gestão SVMA" in html
    assert "Inscrições a analisar" in html and ">3<" in html.replace(": 3", ">3<")


def test_pendencias_param_de_contar_no_teto(client, gestor_svma, ponto, ponto_svma):
    from pontos.models import Ponto

    assert extensoes.contar_pendencias(Ponto.objects.all()) == 2
    teto = extensoes.PENDENCIAS_TETO
    try:
        extensoes.PENDENCIAS_TETO = 0
        assert extensoes.contar_pendencias(Ponto.objects.all()) == 1  # conta até teto + 1 e para
        extensoes.PENDENCIAS_TETO = 1
        assert extensoes.Pendencia("x", 2, "/").quantidade_exibida == "mais de 1"
        assert extensoes.Pendencia("x", 1, "/").quantidade_exibida == 1
    finally:
        extensoes.PENDENCIAS_TETO = teto


def test_lista_da_gestao_para_de_contar_no_limite(client, gestor_svma, ponto_svma, monkeypatch):
    from pontos.models import Ponto
    from pontos.paginacao import ContagemLimitadaPaginator
    from tests.factories import PontoFactory

    PontoFactory(secretaria=ponto_svma.secretaria, territorio=ponto_svma.territorio)
    assert Ponto.objects.filter(secretaria=ponto_svma.secretaria).count() == 2
    client.force_login(gestor_svma)
    assert "2 Pontos" in client.get(_admin("ponto")).content.decode()
    monkeypatch.setattr(ContagemLimitadaPaginator, "limite", 1)
    assert "mais de 1 Pontos" in client.get(_admin("ponto")).content.decode()


def test_sem_vinculo_nao_entra_na_gestao(client, cidadao):
    client.force_login(cidadao)
    resposta = client.get(reverse("gestao:index"), follow=True)
    assert resposta.status_code == 403
    assert "Acesso não permitido" in resposta.content.decode()
    client.logout()
    anonimo = client.get(reverse("gestao:index"), follow=True)
    assert anonimo.request["PATH_INFO"] == "/contas/login/"


def test_ponto_so_da_propria_secretaria(client, gestor_svma, ponto, ponto_svma):
    client.force_login(gestor_svma)
    html = client.get(_admin("ponto")).content.decode()
    assert "Parque do Jockey" in html and "CRESAN" not in html
    assert client.get(_admin("ponto", "change", ponto.pk)).status_code == 404
    assert client.get(_admin("ponto", "change", ponto_svma.pk)).status_code == 200


def test_ponto_criado_recebe_a_secretaria_do_usuario(client, gestor_svma, svma, territorio, smdet):
    client.force_login(gestor_svma)
    dados = {
        "nome": "Horta do Morumbi",
        "slug": "horta-morumbi",
        "tipo": "parque",
        "territorio": territorio.pk,
        "secretaria": smdet.pk,  # tentativa de escolher outra secretaria: ignorada
        "cep": "05508-000",
        "endereco": "Rua A, 1",
        "ativo": "on",
    }
    for prefixo in ("infraestruturas", "espacos", "fotos"):
        dados.update({f"{prefixo}-TOTAL_FORMS": "0", f"{prefixo}-INITIAL_FORMS": "0"})
    dados.update(
        {
            "espacos-TOTAL_FORMS": "1",
            "espacos-0-nome": "Sala verde",
            "espacos-0-tipo": "sala",
            "espacos-0-capacidade": "20",
        }
    )
    resposta = client.post(_admin("ponto", "add"), dados)
    assert resposta.status_code == 302, resposta.content.decode()[:3000]
    from pontos.models import Ponto

    novo = Ponto.objects.get(slug="horta-morumbi")
    assert novo.secretaria == svma
    assert novo.espacos.get().nome == "Sala verde"


def test_vinculo_restrito_a_pontos_estreita_a_visao(client, smdet, ponto):
    outro = PontoFactory(nome="Sacolão do Butantã", secretaria=smdet)
    vinculo = VinculoFactory(secretaria=smdet, papel=Papel.OPERADOR)
    vinculo.pontos.add(ponto)
    client.force_login(vinculo.usuario)
    html = client.get(_admin("ponto")).content.decode()
    assert "CRESAN Butantã" in html and "Sacolão do Butantã" not in html
    assert client.get(_admin("ponto", "change", outro.pk)).status_code == 404


def test_governo_ve_tudo_e_nao_edita(client, usuario_governo, ponto, ponto_svma):
    client.force_login(usuario_governo)
    html = client.get(_admin("ponto")).content.decode()
    assert "Parque do Jockey" in html and "CRESAN" in html
    detalhe = client.get(_admin("ponto", "change", ponto.pk)).content.decode()
    assert 'name="_save"' not in detalhe
    assert client.post(_admin("ponto", "change", ponto.pk), {"nome": "Outro"}).status_code == 403
    assert client.get(_admin("ponto", "add")).status_code == 403


def test_consulta_so_le(client, consulta_smdet, ponto):
    client.force_login(consulta_smdet)
    assert client.get(_admin("ponto", "change", ponto.pk)).status_code == 200
    assert 'name="_save"' not in client.get(_admin("ponto", "change", ponto.pk)).content.decode()
    assert client.get(_admin("ponto", "add")).status_code == 403


def test_plataforma_so_para_superusuario(client, gestor_smdet):
    client.force_login(gestor_smdet)  # is_staff, mas não superusuário
    assert client.get("/plataforma/").status_code == 302
    assert client.get("/plataforma/pontos/usuario/").status_code == 302
    superusuario = UsuarioFactory(is_staff=True, is_superuser=True)
    client.force_login(superusuario)
    assert client.get("/plataforma/").status_code == 200
    assert client.get("/plataforma/pontos/usuario/").status_code == 200


def test_secretaria_e_territorio_so_superusuario(client, gestor_smdet, smdet, territorio):
    client.force_login(gestor_smdet)
    indice = client.get(reverse("gestao:index")).content.decode()
    assert "/gestao/pontos/territorio/" not in indice and "/gestao/pontos/secretaria/" not in indice
    assert client.get(_admin("secretaria", "change", smdet.pk)).status_code in (403, 404)
    assert client.get(_admin("territorio")).status_code == 403
    client.force_login(UsuarioFactory(is_staff=True, is_superuser=True))
    assert client.get(_admin("territorio", "change", territorio.pk)).status_code == 200


def test_reserva_somente_leitura_e_cancelar(client, gestor_smdet, espaco, svma):
    minha = ReservaFactory(espaco=espaco, titulo="Turma SMDET")
    alheia = ReservaFactory(espaco=EspacoFactory(ponto=PontoFactory(secretaria=svma)), titulo="Mutirão SVMA")
    client.force_login(gestor_smdet)
    html = client.get(_admin("reserva")).content.decode()
    assert "Turma SMDET" in html and "Mutirão SVMA" not in html
    assert client.get(_admin("reserva", "add")).status_code == 403
    assert 'name="_save"' not in client.get(_admin("reserva", "change", minha.pk)).content.decode()
    resposta = client.post(
        _admin("reserva"), {"action": "cancelar", "_selected_action": [minha.pk, alheia.pk]}, follow=True
    )
    assert "1 reserva(s) cancelada(s)" in resposta.content.decode()
    assert Reserva.objects.get(pk=minha.pk).cancelada
    assert not Reserva.objects.get(pk=alheia.pk).cancelada


def test_empreendedor_cpf_mascarado_e_acesso_registrado(client, operador_smdet):
    pessoa = EmpreendedorFactory(nome="Francisca Oliveira", cpf="74682489070")
    client.force_login(operador_smdet)
    lista = client.get(_admin("empreendedor")).content.decode()
    assert "Francisca Oliveira" in lista
    assert "***.824.***-70" in lista and "74682489070" not in lista
    assert not AcessoDadosPessoais.objects.exists()
    assert client.get(_admin("empreendedor", "change", pessoa.pk)).status_code == 200
    acesso = AcessoDadosPessoais.objects.get()
    assert acesso.usuario == operador_smdet and acesso.empreendedor == pessoa
    busca = client.get(_admin("empreendedor"), {"q": "746.824.890-70"}).content.decode()
    assert "Francisca Oliveira" in busca


def test_empreendedor_editado_na_gestao_valida_cpf_e_reindexa(client, operador_smdet, territorio):
    pessoa = EmpreendedorFactory(nome_publico="Antigo", territorio=territorio)
    outro = EmpreendedorFactory()
    client.force_login(operador_smdet)
    dados = {
        "nome": pessoa.nome,
        "nome_publico": "Doces da Vó Nena",
        "cpf": outro.cpf,
        "situacao_formalizacao": "informal",
        "territorio": territorio.pk,
        "publicar_vitrine": "on",
    }
    resposta = client.post(_admin("empreendedor", "change", pessoa.pk), dados)
    assert "Já existe um cadastro com este CPF." in resposta.content.decode()
    dados["cpf"] = pessoa.cpf
    assert client.post(_admin("empreendedor", "change", pessoa.pk), dados).status_code == 302
    pessoa.refresh_from_db()
    assert "doces da vo nena" in pessoa.texto_busca


def test_qualificacao_verificar_e_revogar(client, gestor_smdet, usuario_governo):
    qualificacao = QualificacaoFactory(verificada_em=None)  # comprovante enviado pela pessoa
    client.force_login(usuario_governo)
    client.post(_admin("qualificacao"), {"action": "verificar", "_selected_action": [qualificacao.pk]})
    qualificacao.refresh_from_db()
    assert qualificacao.verificada_em is None  # Governo só lê

    client.force_login(gestor_smdet)
    client.post(_admin("qualificacao"), {"action": "verificar", "_selected_action": [qualificacao.pk]})
    qualificacao.refresh_from_db()
    assert qualificacao.verificada_por == gestor_smdet

    pagina = client.post(_admin("qualificacao"), {"action": "revogar", "_selected_action": [qualificacao.pk]})
    assert "Motivo da revogação" in pagina.content.decode()
    qualificacao.refresh_from_db()
    assert qualificacao.revogada_em is None
    client.post(
        _admin("qualificacao"),
        {"action": "revogar", "_selected_action": [qualificacao.pk], "motivo": "Certificado falso"},
    )
    qualificacao.refresh_from_db()
    assert qualificacao.revogada_em and qualificacao.motivo_revogacao == "Certificado falso"


def test_vinculo_so_gestor_da_propria_secretaria_gerencia(
    client, gestor_smdet, operador_smdet, gestor_svma, smdet, ponto
):
    nova = UsuarioFactory(email="nova@exemplo.org")
    client.force_login(operador_smdet)
    assert client.get(_admin("vinculo")).status_code == 200
    assert client.get(_admin("vinculo", "add")).status_code == 403

    client.force_login(gestor_svma)
    lista = client.get(_admin("vinculo")).content.decode()
    assert operador_smdet.email not in lista
    vinculo_alheio = Vinculo.objects.get(usuario=operador_smdet)
    assert client.get(_admin("vinculo", "change", vinculo_alheio.pk)).status_code == 404

    client.force_login(gestor_smdet)
    formulario = client.get(_admin("vinculo", "add")).content.decode()
    assert 'name="secretaria"' not in formulario
    resposta = client.post(
        _admin("vinculo", "add"),
        {"email": "NOVA@exemplo.org", "papel": Papel.OPERADOR, "pontos": [ponto.pk], "ativo": "on"},
    )
    assert resposta.status_code == 302, resposta.content.decode()[:2000]
    criado = Vinculo.objects.get(usuario=nova)
    assert criado.secretaria == smdet and list(criado.pontos.all()) == [ponto]
    repetido = client.post(
        _admin("vinculo", "add"), {"email": "nova@exemplo.org", "papel": Papel.CONSULTA, "ativo": "on"}
    )
    assert "já tem vínculo com esta secretaria" in repetido.content.decode()
    inexistente = client.post(_admin("vinculo", "add"), {"email": "ninguem@exemplo.org", "papel": Papel.CONSULTA})
    assert "Nenhuma conta com este e-mail" in inexistente.content.decode()


# --- Contagem de consultas ----------------------------------------------------------------------------


def _consultas(client, url):
    with CaptureQueriesContext(connection) as capturadas:
        resposta = client.get(url)
    assert resposta.status_code == 200, url
    return len(capturadas)


def _muitos(modelo, smdet, ponto):
    if modelo == "ponto":
        PontoFactory.create_batch(20, secretaria=smdet)
        EspacoFactory.create_batch(10, ponto=ponto)
    elif modelo == "reserva":
        espaco = EspacoFactory(ponto=PontoFactory(secretaria=smdet))
        ReservaFactory.create_batch(20, espaco=espaco)
    elif modelo == "empreendedor":
        EmpreendedorFactory.create_batch(20)
    elif modelo == "qualificacao":
        QualificacaoFactory.create_batch(20)
    elif modelo == "vinculo":
        VinculoFactory.create_batch(20, secretaria=smdet)


def _um(modelo, smdet, ponto):
    return {
        "ponto": lambda: ponto,
        "reserva": lambda: ReservaFactory(espaco=EspacoFactory(ponto=ponto)),
        "empreendedor": lambda: EmpreendedorFactory(),
        "qualificacao": lambda: QualificacaoFactory(),
        "vinculo": lambda: VinculoFactory(secretaria=smdet),
    }[modelo]()


@pytest.mark.parametrize("modelo", ["ponto", "reserva", "empreendedor", "qualificacao", "vinculo"])
def test_consultas_constantes_na_gestao(client, gestor_smdet, smdet, ponto, modelo, django_assert_num_queries):
    client.force_login(gestor_smdet)
    objeto = _um(modelo, smdet, ponto)
    lista = _admin(modelo)
    detalhe = _admin(modelo, "change", objeto.pk)
    _consultas(client, detalhe)  # aquece o cache de ContentType
    n_lista, n_detalhe = _consultas(client, lista), _consultas(client, detalhe)
    _muitos(modelo, smdet, ponto)
    with django_assert_num_queries(n_lista):
        client.get(lista)
    with django_assert_num_queries(n_detalhe):
        client.get(detalhe)
    print(f"consultas gestão {modelo}: lista={n_lista} detalhe={n_detalhe}")
    assert n_lista <= 15 and n_detalhe <= 15, (n_lista, n_detalhe)


def test_secretaria_dona_aparece_sem_link_no_detalhe(client, gestor_svma, ponto_svma):
    client.force_login(gestor_svma)
    html = client.get(_admin("ponto", "change", ponto_svma.pk)).content.decode()
    assert "Secretaria Municipal do Verde e do Meio Ambiente" in html
    assert "/gestao/pontos/secretaria/" not in html
    assert 'name="secretaria"' not in html


def test_consultas_constantes_no_inicio_da_gestao(client, gestor_smdet, smdet, django_assert_num_queries):
    client.force_login(gestor_smdet)
    uma = _consultas(client, reverse("gestao:index"))
    PontoFactory.create_batch(10, secretaria=smdet)
    VinculoFactory.create_batch(5, secretaria=smdet)
    with django_assert_num_queries(uma):
        client.get(reverse("gestao:index"))
    assert uma <= 15


def test_foto_do_ponto_recusa_formato_errado(client, gestor_smdet, ponto):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from pontos.admin import FotoPontoForm

    saida = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(saida, "GIF")
    gif = SimpleUploadedFile("foto.gif", saida.getvalue(), content_type="image/gif")
    formulario = FotoPontoForm(data={"legenda": "Fachada"}, files={"imagem": gif})
    assert not formulario.is_valid()
    assert formulario.errors["imagem"] == [
        "Envie uma foto em JPEG, PNG ou WebP. Este arquivo não é uma imagem nesses formatos."
    ]


@pytest.mark.django_db
def test_foto_do_ponto_recodificada_sem_gps(ponto):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from pontos.admin import FotoPontoForm

    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (23.0, 35.0, 0.0)}  # GPSInfo
    saida = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(saida, "JPEG", exif=exif)
    assert b"Exif" in saida.getvalue()
    foto = SimpleUploadedFile("fachada.jpg", saida.getvalue(), content_type="image/jpeg")
    formulario = FotoPontoForm(data={"legenda": "Fachada"}, files={"imagem": foto})
    assert formulario.is_valid(), formulario.errors
    assert b"Exif" not in formulario.cleaned_data["imagem"].read()


@pytest.mark.django_db
def test_cada_secretaria_ve_so_os_modulos_dos_seus_programas(client, svma, gestor_svma, usuario_governo):
    svma.programas = ["hortas", "feiras"]
    svma.save()
    client.force_login(gestor_svma)
    html = client.get("/gestao/").content.decode()
    assert "/gestao/feiras/" in html
    assert "/gestao/cultura/" not in html and "/gestao/formacao/" not in html
    assert "/gestao/pontos/" in html  # o núcleo é de todos
    assert client.get("/gestao/cultura/chamada/").status_code == 403
    client.force_login(usuario_governo)
    assert "/gestao/cultura/" in client.get("/gestao/").content.decode()
