"""Verificação em duas etapas (TOTP): disponível para a equipe, obrigatória para gestores."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value, yield_hotp_counters_from_time


@pytest.fixture(autouse=True)
def _mfa_obrigatorio(settings):
    settings.MFA_OBRIGATORIO_GESTORES = True


@pytest.mark.django_db
def test_gestor_sem_totp_e_levado_a_ativar(client, gestor_smdet):
    client.force_login(gestor_smdet)
    resposta = client.get("/gestao/", follow=True)
    assert resposta.redirect_chain[0][0] == "/contas/2fa/totp/activate/"
    html = resposta.content.decode()
    assert "gestores precisam ativar a verificação em duas etapas" in html
    assert client.get("/equipe/cadastro-assistido/").status_code == 302


@pytest.mark.django_db
def test_gestor_com_totp_entra(client, gestor_smdet):
    TOTP.activate(gestor_smdet, generate_totp_secret())
    client.force_login(gestor_smdet)
    assert client.get("/gestao/").status_code == 200


@pytest.mark.django_db
def test_operador_nao_e_obrigado_mas_pode_ativar(client, operador_smdet):
    client.force_login(operador_smdet)
    assert client.get("/gestao/").status_code == 200
    pagina = client.get("/contas/2fa/")
    assert pagina.status_code == 200
    assert "Pular para o conteúdo" in pagina.content.decode()
    ativar = client.get("/contas/2fa/totp/activate/")  # pede a senha de novo antes de ativar
    assert ativar.status_code == 302 and ativar.url.startswith("/contas/reauthenticate/")
    client.post(ativar.url, {"password": "senha-segura-123"})
    pagina = client.get("/contas/2fa/totp/activate/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert 'src="data:image/svg+xml' in html and 'id="authenticator_secret"' in html
    assert "Pular para o conteúdo" in html


@pytest.mark.django_db
def test_login_do_gestor_vai_para_ativacao_e_com_totp_pede_codigo(client, gestor_smdet):
    resposta = client.post("/contas/login/", {"login": gestor_smdet.email, "password": "senha-segura-123"})
    assert resposta.url == "/contas/2fa/totp/activate/"
    client.logout()

    segredo = generate_totp_secret()
    TOTP.activate(gestor_smdet, segredo)
    resposta = client.post("/contas/login/", {"login": gestor_smdet.email, "password": "senha-segura-123"})
    assert resposta.url == "/contas/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    pagina = client.get("/contas/2fa/authenticate/").content.decode()
    assert "Pular para o conteúdo" in pagina  # no layout do portal
    contadores = list(yield_hotp_counters_from_time())
    codigo = f"{hotp_value(segredo, contadores[len(contadores) // 2]):06d}"
    resposta = client.post("/contas/2fa/authenticate/", {"code": codigo})
    assert resposta.status_code == 302
    assert client.get("/gestao/").status_code == 200


@pytest.mark.django_db
def test_pessoa_comum_nao_e_afetada(client, empreendedor):
    client.force_login(empreendedor.usuario)
    assert client.get("/minha-conta/").status_code == 200
