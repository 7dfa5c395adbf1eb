"""LGPD: exportação dos dados (inclusive dos programas) e exclusão por anonimização."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile

from pontos import extensoes
from pontos.models import AcessoDadosPessoais, Consentimento, Empreendedor, Notificacao, Produto, Qualificacao, Usuario
from tests.factories import EmpreendedorFactory, ProdutoFactory, QualificacaoFactory


@pytest.fixture
def atividade_de_programa():
    def fonte(*, empreendedor):
        return [extensoes.AtividadePessoa("Feiras", f"Inscrição de {empreendedor.pk}", datetime.date(2026, 10, 1))]

    extensoes.atividades_pessoa.registrar(fonte, chave="teste-contas")
    yield
    extensoes.atividades_pessoa.remover("teste-contas")


@pytest.mark.django_db
def test_exportacao_json_com_tudo_da_pessoa(client, atividade_de_programa):
    pessoa = EmpreendedorFactory(cpf="52998224725", genero="mulher", consentiu_dados_sensiveis=True)
    ProdutoFactory(empreendedor=pessoa, nome="Bolo de fubá")
    QualificacaoFactory(empreendedor=pessoa, origem="SENAC")
    Consentimento.objects.create(usuario=pessoa.usuario, tipo="termos", versao="2026-11")
    Notificacao.objects.create(usuario=pessoa.usuario, titulo="Inscrição aprovada")
    AcessoDadosPessoais.objects.create(usuario=None, empreendedor=pessoa, finalidade="análise de inscrição")
    client.force_login(pessoa.usuario)

    assert "Baixar meus dados" in client.get("/minha-conta/dados/").content.decode()
    resposta = client.get("/minha-conta/dados/baixar/")
    assert resposta.status_code == 200
    assert resposta["Content-Type"].startswith("application/json")
    assert "attachment" in resposta["Content-Disposition"]
    dados = json.loads(resposta.content)
    assert dados["conta"]["email"] == pessoa.usuario.email
    assert dados["perfil"]["cpf"] == "52998224725"
    assert dados["perfil"]["genero"] == "mulher"
    assert [p["nome"] for p in dados["produtos"]] == ["Bolo de fubá"]
    assert dados["qualificacoes"][0]["origem"] == "SENAC"
    assert dados["consentimentos"][0]["versao"] == "2026-11"
    assert dados["notificacoes"][0]["titulo"] == "Inscrição aprovada"
    assert dados["atividades"] == [
        {"programa": "Feiras", "descricao": f"Inscrição de {pessoa.pk}", "data": "2026-10-01", "url": ""}
    ]
    assert dados["acessos_da_equipe"][0]["finalidade"] == "análise de inscrição"


@pytest.mark.django_db
def test_exportacao_de_outra_pessoa_nao_vaza(client):
    eu, outra = EmpreendedorFactory(), EmpreendedorFactory(cpf="52998224725")
    ProdutoFactory(empreendedor=outra, nome="Segredo")
    client.force_login(eu.usuario)
    conteudo = client.get("/minha-conta/dados/baixar/").content.decode()
    assert "52998224725" not in conteudo and "Segredo" not in conteudo


@pytest.mark.django_db
def test_exclusao_exige_senha_e_confirmacao(client):
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    resposta = client.post("/minha-conta/excluir/", {"senha": "errada", "confirmo": "on"})
    assert "Senha incorreta" in resposta.content.decode()
    resposta = client.post("/minha-conta/excluir/", {"senha": "senha-segura-123"})
    assert "Marque a confirmação" in resposta.content.decode()
    pessoa.refresh_from_db()
    assert pessoa.anonimizado_em is None and pessoa.usuario.is_active


@pytest.mark.django_db
def test_exclusao_anonimiza_e_mantem_agregados(client, django_capture_on_commit_callbacks):
    pessoa = EmpreendedorFactory(
        cpf="52998224725",
        nome_social="Cida",
        telefone="(11) 91234-5678",
        endereco="Rua A, 1",
        cep="05508-000",
        genero="mulher",
        raca_cor="parda",
        consentiu_dados_sensiveis=True,
        situacao_formalizacao="mei",
        cnpj="11222333000181",
    )
    usuario = pessoa.usuario
    email_antigo = usuario.email
    produto = ProdutoFactory(empreendedor=pessoa)
    produto.foto.save("p.jpg", ContentFile(b"x"), save=True)
    caminho_foto = produto.foto.path
    qualificacao = QualificacaoFactory(empreendedor=pessoa)
    Consentimento.objects.create(usuario=usuario, tipo="termos", versao="2026-11")
    client.force_login(usuario)
    with django_capture_on_commit_callbacks(execute=True):
        resposta = client.post("/minha-conta/excluir/", {"senha": "senha-segura-123", "confirmo": "on"}, follow=True)
    assert "Sua conta foi excluída" in resposta.content.decode()
    assert "_auth_user_id" not in client.session

    pessoa.refresh_from_db()
    assert pessoa.anonimizado_em is not None
    assert pessoa.usuario_id is None
    assert pessoa.cpf is None and pessoa.nome == "Pessoa anonimizada"
    for campo in ("nome_social", "telefone", "endereco", "cep", "genero", "raca_cor", "cnpj", "email"):
        assert getattr(pessoa, campo) == "", campo
    assert not pessoa.publicar_vitrine
    # agregados ficam: território, categorias, formalização, qualificações (sem comprovante)
    assert pessoa.territorio_id and pessoa.categorias and pessoa.situacao_formalizacao == "mei"
    assert Qualificacao.objects.filter(pk=qualificacao.pk).exists()
    assert not Produto.objects.filter(pk=produto.pk).exists()
    import os

    assert not os.path.exists(caminho_foto)

    usuario.refresh_from_db()
    assert not usuario.is_active and not usuario.has_usable_password()
    assert usuario.email.endswith("@anonimizado.invalid")
    assert Consentimento.objects.filter(usuario=usuario).exists()  # histórico legal fica
    assert not Empreendedor.objects.visiveis_para(usuario).exists()
    # não entra mais com o e-mail antigo
    assert not Usuario.objects.filter(email=email_antigo).exists()
    client.post("/contas/login/", {"login": email_antigo, "password": "senha-segura-123"})
    assert "_auth_user_id" not in client.session
