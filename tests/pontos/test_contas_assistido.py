"""Cadastro assistido pela equipe de um Ponto e reivindicação da conta pela pessoa."""

import pytest
from django.core.cache import cache

from pontos.models import AcessoDadosPessoais, Empreendedor
from tests.factories import EmpreendedorFactory, PontoFactory, UsuarioFactory

URL = "/equipe/cadastro-assistido/"


def dados(ponto, territorio, **extra):
    base = {
        "ponto_cadastro": ponto.pk,
        "nome": "Sebastiana Costa",
        "cpf": "390.533.447-05",
        "data_nascimento": "02/03/1960",
        "telefone": "(11) 3333-4444",
        "territorio": territorio.pk,
        "categorias": ["produtos_naturais"],
        "situacao_formalizacao": "informal",
    }
    base.update(extra)
    return base


@pytest.fixture(autouse=True)
def _cache_limpo():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_so_equipe_entra(client, cidadao, usuario_governo, consulta_smdet):
    assert client.get(URL).status_code == 302  # anônimo vai ao login
    for usuario in (cidadao, usuario_governo, consulta_smdet):
        client.force_login(usuario)
        assert client.get(URL).status_code == 403, usuario


@pytest.mark.django_db
def test_equipe_cadastra_sem_email_e_recebe_codigo(client, operador_smdet, ponto, territorio):
    client.force_login(operador_smdet)
    resposta = client.post(URL, dados(ponto, territorio), follow=True)
    assert resposta.status_code == 200
    pessoa = Empreendedor.objects.get()
    assert pessoa.usuario is None and pessoa.cadastrado_por == operador_smdet and pessoa.ponto_cadastro == ponto
    assert pessoa.cpf == "39053344705"
    html = resposta.content.decode()
    assert pessoa.codigo_reivindicacao in html
    assert "39053344705" not in html and "390.533.447-05" not in html  # CPF só mascarado
    assert str(pessoa.pk) in resposta.redirect_chain[-1][0]
    assert "39053344705" not in resposta.redirect_chain[-1][0]
    # Código aparece uma vez só; a leitura fica registrada.
    assert pessoa.codigo_reivindicacao not in client.get(f"{URL}{pessoa.pk}/").content.decode()
    assert AcessoDadosPessoais.objects.filter(usuario=operador_smdet, empreendedor=pessoa).count() == 3


@pytest.mark.django_db
def test_ponto_de_outra_secretaria_nao_e_aceito(client, operador_smdet, ponto_svma, territorio):
    client.force_login(operador_smdet)
    resposta = client.post(URL, dados(ponto_svma, territorio))
    assert resposta.status_code == 200
    assert "Faça uma escolha válida" in resposta.content.decode()
    assert not Empreendedor.objects.exists()


@pytest.mark.django_db
def test_cpf_duplicado_no_cadastro_assistido(client, operador_smdet, ponto, territorio):
    EmpreendedorFactory(cpf="39053344705")
    client.force_login(operador_smdet)
    resposta = client.post(URL, dados(ponto, territorio))
    assert "Este CPF já está cadastrado" in resposta.content.decode()
    assert Empreendedor.objects.count() == 1


@pytest.mark.django_db
def test_detalhe_de_outra_secretaria_e_404(client, operador_smdet, gestor_svma, ponto, territorio):
    client.force_login(operador_smdet)
    client.post(URL, dados(ponto, territorio))
    pessoa = Empreendedor.objects.get()
    client.force_login(gestor_svma)
    assert client.get(f"{URL}{pessoa.pk}/").status_code == 404
    assert not AcessoDadosPessoais.objects.filter(usuario=gestor_svma).exists()


@pytest.mark.django_db
def test_pessoa_assume_o_cadastro_com_cpf_e_codigo(client, operador_smdet, ponto, territorio):
    client.force_login(operador_smdet)
    client.post(URL, dados(ponto, territorio))
    pessoa = Empreendedor.objects.get()
    codigo = pessoa.codigo_reivindicacao

    nova = UsuarioFactory(email="sebastiana@exemplo.org")
    client.force_login(nova)
    resposta = client.post("/minha-conta/reivindicar/", {"cpf": "39053344705", "codigo": "ERRADO12"})
    assert "CPF ou código não conferem" in resposta.content.decode()
    resposta = client.post("/minha-conta/reivindicar/", {"cpf": "390.533.447-05", "codigo": codigo.lower()})
    assert resposta.status_code == 302
    pessoa.refresh_from_db()
    assert pessoa.usuario == nova and pessoa.codigo_reivindicacao == "" and pessoa.email == nova.email
    assert client.get("/minha-conta/").status_code == 200  # perfil completo: Minha conta abre


@pytest.mark.django_db
def test_reivindicar_tem_limite_de_tentativas(client, operador_smdet, ponto, territorio):
    client.force_login(operador_smdet)
    client.post(URL, dados(ponto, territorio))
    codigo = Empreendedor.objects.get().codigo_reivindicacao
    client.force_login(UsuarioFactory())
    for _ in range(5):
        client.post("/minha-conta/reivindicar/", {"cpf": "39053344705", "codigo": "ERRADO12"})
    resposta = client.post("/minha-conta/reivindicar/", {"cpf": "39053344705", "codigo": codigo})
    assert "Muitas tentativas" in resposta.content.decode()
    assert Empreendedor.objects.get().usuario is None


@pytest.mark.django_db
def test_novo_codigo_invalida_o_anterior(client, operador_smdet, ponto, territorio):
    client.force_login(operador_smdet)
    client.post(URL, dados(ponto, territorio))
    pessoa = Empreendedor.objects.get()
    antigo = pessoa.codigo_reivindicacao
    resposta = client.post(f"{URL}{pessoa.pk}/", {"acao": "novo_codigo"})
    pessoa.refresh_from_db()
    assert pessoa.codigo_reivindicacao != antigo
    assert pessoa.codigo_reivindicacao in resposta.content.decode()


@pytest.mark.django_db
def test_ponto_restrito_no_vinculo(client, smdet, territorio):
    from tests.factories import VinculoFactory

    ponto_a = PontoFactory(secretaria=smdet, territorio=territorio)
    ponto_b = PontoFactory(secretaria=smdet, territorio=territorio)
    vinculo = VinculoFactory(secretaria=smdet, papel="operador")
    vinculo.pontos.set([ponto_a])
    client.force_login(vinculo.usuario)
    html = client.get(URL).content.decode()
    assert ponto_a.nome in html and ponto_b.nome not in html
