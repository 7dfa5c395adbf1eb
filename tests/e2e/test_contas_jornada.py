"""Jornadas de contas no Chromium: cadastro até o produto com foto, cadastro assistido, LGPD."""

import json
import re

import pytest
from django.core import mail

from pontos.models import Empreendedor, Produto, Usuario
from tests.factories import EmpreendedorFactory, PontoFactory, SecretariaFactory, TerritorioFactory, VinculoFactory
from tests.factories.contas import exif_com_gps, imagem_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tarefas_na_hora():
    """Roda as tarefas Celery no próprio processo (no passe PostgreSQL+Redis não há worker aqui)."""
    from celery import current_app

    antes = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = antes


def _link_de_confirmacao():
    corpo = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/contas/confirm-email/[\w:-]+/)", corpo).group(1)


def test_cadastro_ate_produto_com_foto(tarefas_na_hora, visita, tmp_path):
    TerritorioFactory(nome="Butantã", slug="butanta")
    page = visita.ir("/contas/signup/")
    page.get_by_label("Seu nome").fill("Joana Souza")
    page.get_by_label("E-mail").fill("joana@exemplo.org")
    page.get_by_label("Senha", exact=False).first.fill("pao-de-queijo-42")
    page.get_by_label("Senha (novamente)").fill("pao-de-queijo-42")
    page.get_by_label("Li e aceito os termos").check()
    page.get_by_role("button", name="Criar conta").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    assert Usuario.objects.filter(email="joana@exemplo.org").exists()

    page = visita.ir(_link_de_confirmacao())
    page.get_by_role("button", name="Confirmar").click()
    page.wait_for_load_state("load")
    # Logado e guiado ao perfil.
    assert page.url.endswith("/minha-conta/perfil/")
    assert "complete seu perfil" in page.content()
    visita.conferir_acessibilidade()

    page.get_by_label("CPF").fill("52998224725")
    page.get_by_label("Data de nascimento").fill("17/05/1980")
    page.get_by_label("Telefone / WhatsApp").fill("11912345678")
    page.get_by_label("CEP").fill("05508-000")
    page.get_by_label("Território onde mora").select_option(label="Butantã")
    page.get_by_label("Alimentos prontos").check()
    page.get_by_label("Nome na vitrine").fill("Quitutes da Jo")
    page.get_by_label("Aparecer na vitrine").check()
    page.get_by_role("button", name="Salvar").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/minha-conta/")
    visita.conferir_acessibilidade()

    foto = tmp_path / "bolo.jpg"
    foto.write_bytes(imagem_bytes("JPEG", tamanho=(800, 600), exif=exif_com_gps()))
    page.get_by_role("link", name="Cadastrar produto").first.click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    page.locator("#id_nome").fill("Bolo de fubá")
    page.get_by_label("Categoria").select_option("alimentos_prontos")
    page.get_by_label("Preço de referência").fill("25,00")
    page.get_by_label("Foto").set_input_files(str(foto))
    page.get_by_role("button", name="Salvar produto").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/minha-conta/produtos/")
    visita.conferir_acessibilidade()
    imagem = page.get_by_role("img", name="Foto de Bolo de fubá")
    assert imagem.is_visible()
    assert "/media/produtos/miniaturas/" in imagem.get_attribute("src") or "/media/produtos/" in imagem.get_attribute(
        "src"
    )
    produto = Produto.objects.get()
    assert produto.miniatura  # a tarefa rodou depois do commit
    pessoa = Empreendedor.objects.get(usuario__email="joana@exemplo.org")
    assert pessoa.publicar_vitrine and pessoa.cpf == "52998224725"
    # TODO(integrador): com a vitrine do ajudante "portal" na main, conferir também:
    # page = visita.ir(f"/vitrine/?q=fubá"); assert "Bolo de fubá" in page.content()
    # page = visita.ir(pessoa.get_absolute_url()); assert "Quitutes da Jo" in page.content()


def test_cadastro_so_com_teclado(visita):
    page = visita.ir("/contas/signup/")
    page.locator("#id_nome").focus()
    page.keyboard.type("Teclado Silva")
    page.keyboard.press("Tab")
    page.keyboard.type("teclado@exemplo.org")
    page.keyboard.press("Tab")
    page.keyboard.type("pao-de-queijo-42")
    page.keyboard.press("Tab")
    page.keyboard.type("pao-de-queijo-42")
    page.keyboard.press("Tab")  # link dos termos
    assert page.evaluate("document.activeElement.textContent").strip().startswith("Ler os termos")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # aceite
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visita.conferir_acessibilidade()
    assert Usuario.objects.filter(email="teclado@exemplo.org", nome="Teclado Silva").exists()


def test_primeiro_tab_e_o_link_de_pular(visita):
    page = visita.ir("/contas/signup/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Pular para o conteúdo"


def test_cadastro_assistido_e_reivindicacao(visita, settings):
    from tests.e2e.conftest import entrar

    settings.MFA_OBRIGATORIO_GESTORES = False
    territorio = TerritorioFactory(nome="Butantã", slug="butanta")
    smdet = SecretariaFactory(sigla="smdet")
    PontoFactory(nome="CRESAN", secretaria=smdet, territorio=territorio)
    operador = VinculoFactory(secretaria=smdet, papel="operador").usuario

    entrar(visita, operador.email)
    page = visita.ir("/equipe/cadastro-assistido/")
    page.get_by_label("Ponto onde foi feito o cadastro").select_option(label="CRESAN")
    page.get_by_label("Nome civil").fill("Sebastiana Costa")
    page.get_by_label("CPF").fill("390.533.447-05")
    page.get_by_label("Data de nascimento").fill("02/03/1960")
    page.get_by_label("Telefone / WhatsApp").fill("(11) 3333-4444")
    page.get_by_label("Território onde mora").select_option(label="Butantã")
    page.get_by_label("Produtos naturais").check()
    page.get_by_role("button", name="Salvar").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    codigo = page.locator(".codigo-reivindicacao").inner_text().strip()
    assert len(codigo) == 8
    page.get_by_role("button", name="Sair").click()
    page.wait_for_load_state("load")

    # A pessoa cria a conta depois e assume o cadastro.
    from tests.factories import UsuarioFactory

    UsuarioFactory(email="sebastiana@exemplo.org")
    page = entrar(visita, "sebastiana@exemplo.org")
    assert page.url.endswith("/minha-conta/perfil/")
    page.get_by_role("link", name="Assuma seu cadastro aqui").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    page.get_by_label("CPF").fill("39053344705")
    page.get_by_label("Código recebido no Ponto").fill(codigo)
    page.get_by_role("button", name="Assumir cadastro").click()
    page.wait_for_load_state("load")
    assert "agora é da sua conta" in page.content()
    assert Empreendedor.objects.get(cpf="39053344705").usuario.email == "sebastiana@exemplo.org"


def test_exportar_e_excluir_conta(visita):
    from tests.e2e.conftest import entrar

    pessoa = EmpreendedorFactory(nome="Luzia Ferreira", cpf="71428793860")
    email = pessoa.usuario.email
    entrar(visita, email)
    page = visita.ir("/minha-conta/dados/")
    with page.expect_download() as baixado:
        page.get_by_role("link", name="Baixar meus dados (JSON)").click()
    with open(baixado.value.path(), encoding="utf-8") as arquivo:
        dados = json.load(arquivo)
    assert dados["perfil"]["nome"] == "Luzia Ferreira" and dados["perfil"]["cpf"] == "71428793860"

    page.get_by_role("link", name="Excluir minha conta").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    page.get_by_label("Sua senha").fill("senha-segura-123")
    page.get_by_label("Entendo que meus dados pessoais serão apagados").check()
    page.get_by_role("button", name="Excluir minha conta definitivamente").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    assert "Sua conta foi excluída" in page.content()
    pessoa.refresh_from_db()
    assert pessoa.cpf is None and pessoa.anonimizado_em is not None
    page = visita.ir("/contas/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Senha").fill("senha-segura-123")
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_load_state("load")
    assert "/contas/login/" in page.url


def test_gestor_ativa_totp_antes_de_entrar_na_gestao(visita, settings):
    from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

    from tests.e2e.conftest import entrar

    settings.MFA_OBRIGATORIO_GESTORES = True
    gestor = VinculoFactory(secretaria=SecretariaFactory(sigla="svma"), papel="gestor").usuario
    page = entrar(visita, gestor.email)
    page.wait_for_url("**/contas/reauthenticate/**")
    visita.conferir_acessibilidade()
    page.get_by_label("Senha").fill("senha-segura-123")
    page.get_by_role("button", name="Confirmar").click()
    page.wait_for_url("**/contas/2fa/totp/activate/")
    visita.conferir_acessibilidade()
    segredo = page.locator("#authenticator_secret").input_value()
    contadores = list(yield_hotp_counters_from_time())
    page.locator("#id_code").fill(f"{hotp_value(segredo, contadores[len(contadores) // 2]):06d}")
    page.get_by_role("button", name="Ativar").click()
    page.wait_for_load_state("load")
    visita.conferir_acessibilidade()
    page = visita.ir("/gestao/")
    assert "/gestao/" in page.url and "/contas/" not in page.url
