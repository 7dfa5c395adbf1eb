"""Cadastro, confirmação de e-mail, login, bloqueio, senha e termos — em pt-BR, no layout do portal."""

import re

import pytest
from django.conf import settings
from django.core import mail
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pontos.models import Consentimento, Usuario
from pontos.models.pessoas import TipoConsentimento
from tests.factories import UsuarioFactory


def cadastro(**extra):
    dados = {
        "nome": "Joana Souza",
        "email": "joana@exemplo.org",
        "password1": "pao-de-queijo-42",
        "password2": "pao-de-queijo-42",
        "aceite_termos": "on",
    }
    dados.update(extra)
    return {k: v for k, v in dados.items() if v is not None}


@pytest.mark.django_db
def test_cadastro_registra_termos_e_envia_confirmacao(client):
    resposta = client.post("/contas/signup/", cadastro())
    assert resposta.status_code == 302
    usuario = Usuario.objects.get(email="joana@exemplo.org")
    assert usuario.nome == "Joana Souza"
    consentimento = Consentimento.objects.get(usuario=usuario)
    assert (consentimento.tipo, consentimento.versao, consentimento.aceito) == (
        TipoConsentimento.TERMOS,
        settings.TERMOS_VERSAO,
        True,
    )
    assert len(mail.outbox) == 1
    assert "Confirme seu e-mail" in mail.outbox[0].subject
    corpo = mail.outbox[0].body
    assert "Olá!" in corpo and "Rede de Pontos" in corpo
    link = re.search(r"http://testserver(/contas/confirm-email/[\w:-]+/)", corpo).group(1)
    pagina = client.get(link)
    assert pagina.status_code == 200
    assert "Confirm" in pagina.content.decode() or "onfirm" in pagina.content.decode()
    resposta = client.post(link, follow=True)
    # Confirmado e já logado: Minha conta leva a completar o perfil.
    assert resposta.redirect_chain[-1][0] == "/minha-conta/perfil/"
    assert usuario.emailaddress_set.get().verified


@pytest.mark.django_db
def test_senhas_diferentes_mensagem_em_portugues_valores_mantidos(client):
    resposta = client.post("/contas/signup/", cadastro(password2="outra-senha-99"))
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "mesma senha" in html or "senhas" in html.lower()
    assert 'value="Joana Souza"' in html and 'value="joana@exemplo.org"' in html
    assert not Usuario.objects.exists()
    assert not Consentimento.objects.exists()


@pytest.mark.django_db
def test_sem_aceite_dos_termos_nao_cadastra(client):
    resposta = client.post("/contas/signup/", cadastro(aceite_termos=None))
    assert "é preciso aceitar os termos" in resposta.content.decode()
    assert not Usuario.objects.exists()


@pytest.mark.django_db
def test_email_duplicado_nao_cria_outra_conta(client):
    UsuarioFactory(email="joana@exemplo.org")
    client.post("/contas/signup/", cadastro())
    assert Usuario.objects.filter(email="joana@exemplo.org").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "caminho",
    ["/contas/login/", "/contas/signup/", "/contas/password/reset/", "/termos/"],
)
def test_paginas_de_conta_em_portugues_no_layout(client, caminho):
    html = client.get(caminho).content.decode()
    assert 'lang="pt-BR"' in html
    assert "Pular para o conteúdo" in html  # nosso base.html
    assert html.count("<h1") == 1
    for ingles in ("Sign In", "Sign Up", "Password Reset", "Forgot Password", ">Email<"):
        assert ingles not in html, (caminho, ingles)


@pytest.mark.django_db
def test_termos_mostram_versao(client):
    assert settings.TERMOS_VERSAO in client.get("/termos/").content.decode()


@pytest.mark.django_db
def test_login_e_troca_de_senha(client):
    usuario = UsuarioFactory(email="ana@exemplo.org")
    resposta = client.post("/contas/login/", {"login": "ana@exemplo.org", "password": "senha-segura-123"})
    assert resposta.status_code == 302
    pagina = client.get("/contas/password/change/")
    assert pagina.status_code == 200
    assert "Senha atual" in pagina.content.decode()
    resposta = client.post(
        "/contas/password/change/",
        {"oldpassword": "senha-segura-123", "password1": "nova-senha-forte-77", "password2": "nova-senha-diferente"},
    )
    assert resposta.status_code == 200
    usuario.refresh_from_db()
    assert usuario.check_password("senha-segura-123")


@pytest.mark.django_db
def test_redefinicao_de_senha_envia_email_em_portugues(client):
    UsuarioFactory(email="ana@exemplo.org")
    client.post("/contas/password/reset/", {"email": "ana@exemplo.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[Rede de Pontos]")
    assert "senha" in mail.outbox[0].body.lower()


@pytest.mark.django_db
def test_bloqueio_apos_falhas_repetidas_tambem_para_a_gestao(client, settings, gestor_smdet):
    from django.core.cache import cache

    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
    for _ in range(5):
        resposta = client.post("/contas/login/", {"login": gestor_smdet.email, "password": "errada"})
        assert resposta.status_code == 200
    resposta = client.post("/contas/login/", {"login": gestor_smdet.email, "password": "senha-segura-123"})
    assert "_auth_user_id" not in client.session
    assert "tentativas" in resposta.content.decode().lower()
    # A Gestão usa o mesmo login (com os mesmos limites).
    resposta = client.get("/gestao/", follow=True)
    assert resposta.redirect_chain[-1][0].startswith("/contas/login/")
    cache.clear()


@pytest.mark.django_db
@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    nome=st.text(max_size=200),
    email=st.one_of(st.emails(), st.text(max_size=50)),
    senha1=st.text(max_size=30),
    senha2=st.text(max_size=30),
    aceite=st.sampled_from(["", "on"]),
)
def test_cadastro_nunca_500(client, nome, email, senha1, senha2, aceite):
    limpar = lambda v: v.replace("\x00", "")  # noqa: E731
    dados = {"nome": limpar(nome), "email": limpar(email), "password1": limpar(senha1), "password2": limpar(senha2)}
    if aceite:
        dados["aceite_termos"] = aceite
    assert client.post("/contas/signup/", dados).status_code in (200, 302)


@pytest.mark.django_db
@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(login=st.text(max_size=80), senha=st.text(max_size=40), lembrar=st.sampled_from(["", "on", "x"]))
def test_login_e_redefinicao_nunca_500(client, login, senha, lembrar):
    limpar = lambda v: v.replace("\x00", "")  # noqa: E731
    dados = {"login": limpar(login), "password": limpar(senha), "remember": lembrar}
    assert client.post("/contas/login/", dados).status_code in (200, 302)
    assert client.post("/contas/password/reset/", {"email": limpar(login)}).status_code in (200, 302)
