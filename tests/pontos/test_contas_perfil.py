"""Perfil do(a) empreendedor(a): validação de CPF, CEP, CNPJ, datas; CPF único; dados sensíveis."""

import logging

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pontos.models import Consentimento, Empreendedor
from pontos.models.pessoas import TipoConsentimento
from tests.factories import EmpreendedorFactory, TerritorioFactory, UsuarioFactory, cpf_valido

URL = "/minha-conta/perfil/"


def dados_validos(territorio, **extra):
    dados = {
        "nome": "Maria da Silva",
        "nome_social": "",
        "nome_publico": "Quitutes da Maria",
        "cpf": "529.982.247-25",
        "data_nascimento": "17/05/1980",
        "telefone": "11912345678",
        "cep": "05508000",
        "endereco": "Rua das Flores, 10",
        "territorio": territorio.pk,
        "categorias": ["alimentos_prontos", "artesanato"],
        "descricao": "Bolos e doces",
        "situacao_formalizacao": "informal",
        "cnpj": "",
        "publicar_vitrine": "on",
    }
    dados.update(extra)
    return {k: v for k, v in dados.items() if v is not None}


@pytest.fixture
def pessoa_sem_perfil(db):
    return UsuarioFactory(nome="Maria")


@pytest.mark.django_db
def test_minha_conta_leva_ao_perfil_com_mensagem(client, pessoa_sem_perfil):
    client.force_login(pessoa_sem_perfil)
    resposta = client.get("/minha-conta/produtos/", follow=True)
    assert resposta.redirect_chain[-1][0] == URL
    html = resposta.content.decode()
    assert "complete seu perfil" in html
    assert "Assumir meu cadastro" in html


@pytest.mark.django_db
def test_perfil_completo_salvo_normalizado(client, pessoa_sem_perfil, territorio, caplog):
    client.force_login(pessoa_sem_perfil)
    with caplog.at_level(logging.DEBUG):
        resposta = client.post(URL, dados_validos(territorio))
    assert resposta.status_code == 302, resposta.content.decode()[:3000]
    pessoa = Empreendedor.objects.get(usuario=pessoa_sem_perfil)
    assert pessoa.cpf == "52998224725"
    assert pessoa.cep == "05508-000"
    assert pessoa.telefone == "(11) 91234-5678"
    assert pessoa.data_nascimento.isoformat() == "1980-05-17"
    assert pessoa.categorias == ["alimentos_prontos", "artesanato"]
    assert pessoa.perfil_completo
    assert pessoa.email == pessoa_sem_perfil.email
    assert "52998224725" not in caplog.text and "529.982.247-25" not in caplog.text
    assert client.get("/minha-conta/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("campo", "valor", "mensagem"),
    [
        ("cpf", "111.111.111-11", "CPF inválido"),
        ("cpf", "123", "CPF"),
        ("cep", "1234", "CEP inválido"),
        ("data_nascimento", "31/02/1980", "dd/mm/aaaa"),
        ("data_nascimento", "1980-05-17", "dd/mm/aaaa"),
        ("telefone", "1234", "DDD"),
        ("categorias", [], "pelo menos uma categoria"),
    ],
)
def test_entrada_invalida_mensagem_clara_valores_mantidos(
    client, pessoa_sem_perfil, territorio, campo, valor, mensagem
):
    client.force_login(pessoa_sem_perfil)
    resposta = client.post(URL, dados_validos(territorio, **{campo: valor}))
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert mensagem in html
    assert 'value="Quitutes da Maria"' in html  # o que foi digitado continua lá
    assert not Empreendedor.objects.exists()


@pytest.mark.django_db
def test_cnpj_obrigatorio_e_validado_quando_nao_informal(client, pessoa_sem_perfil, territorio):
    client.force_login(pessoa_sem_perfil)
    resposta = client.post(URL, dados_validos(territorio, situacao_formalizacao="mei"))
    assert "obrigatório para quem não é informal" in resposta.content.decode()
    resposta = client.post(URL, dados_validos(territorio, situacao_formalizacao="mei", cnpj="11.111.111/1111-11"))
    assert "CNPJ inválido" in resposta.content.decode()
    assert not Empreendedor.objects.exists()
    resposta = client.post(URL, dados_validos(territorio, situacao_formalizacao="mei", cnpj="11.222.333/0001-81"))
    assert resposta.status_code == 302
    assert Empreendedor.objects.get().cnpj == "11222333000181"


@pytest.mark.django_db
def test_informal_nao_guarda_cnpj(client, pessoa_sem_perfil, territorio):
    client.force_login(pessoa_sem_perfil)
    client.post(URL, dados_validos(territorio, cnpj="11.222.333/0001-81"))
    assert Empreendedor.objects.get().cnpj == ""


@pytest.mark.django_db
def test_cpf_duplicado_mensagem_clara(client, pessoa_sem_perfil, territorio):
    EmpreendedorFactory(cpf="52998224725")
    client.force_login(pessoa_sem_perfil)
    resposta = client.post(URL, dados_validos(territorio))
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "Este CPF já está cadastrado" in html
    assert "Assumir meu cadastro" in html
    assert not Empreendedor.objects.filter(usuario=pessoa_sem_perfil).exists()


@pytest.mark.django_db
def test_editar_o_proprio_cpf_nao_e_duplicado(client, territorio):
    pessoa = EmpreendedorFactory(cpf="52998224725", territorio=territorio)
    client.force_login(pessoa.usuario)
    resposta = client.post(URL, dados_validos(territorio, nome="Maria Editada"))
    assert resposta.status_code == 302
    pessoa.refresh_from_db()
    assert pessoa.nome == "Maria Editada"
    assert Empreendedor.objects.count() == 1


@pytest.mark.django_db
def test_dados_sensiveis_so_com_consentimento_registrado(client, pessoa_sem_perfil, territorio):
    client.force_login(pessoa_sem_perfil)
    resposta = client.post(URL, dados_validos(territorio, genero="mulher", raca_cor="parda"))
    assert "marque a autorização" in resposta.content.decode()
    assert not Empreendedor.objects.exists()

    resposta = client.post(
        URL, dados_validos(territorio, genero="mulher", raca_cor="parda", consentiu_dados_sensiveis="on")
    )
    assert resposta.status_code == 302
    pessoa = Empreendedor.objects.get()
    assert (pessoa.genero, pessoa.raca_cor) == ("mulher", "parda")
    consentimento = Consentimento.objects.get(usuario=pessoa_sem_perfil, tipo=TipoConsentimento.DADOS_SENSIVEIS)
    assert consentimento.aceito and consentimento.versao == settings.TERMOS_VERSAO

    # Retirar a autorização apaga os dados e registra a retirada.
    client.post(URL, dados_validos(territorio))
    pessoa.refresh_from_db()
    assert (pessoa.genero, pessoa.raca_cor, pessoa.consentiu_dados_sensiveis) == ("", "", False)
    historico = list(
        Consentimento.objects.filter(usuario=pessoa_sem_perfil, tipo=TipoConsentimento.DADOS_SENSIVEIS)
        .order_by("pk")
        .values_list("aceito", flat=True)
    )
    assert historico == [True, False]
    assert "Retirada" in client.get("/minha-conta/consentimentos/").content.decode()


@pytest.mark.django_db
def test_cpf_nunca_na_url_e_mascarado_no_resumo(client, territorio):
    pessoa = EmpreendedorFactory(cpf="52998224725", territorio=territorio)
    client.force_login(pessoa.usuario)
    html = client.get("/minha-conta/").content.decode()
    assert "52998224725" not in html
    assert "***.982.***-25" in html


texto = st.text(max_size=40)
campo_texto = st.one_of(texto, st.sampled_from(["", "529.982.247-25", "05508-000", "31/12/1999", "abc", "0" * 30]))


@pytest.mark.django_db
@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    dados=st.fixed_dictionaries(
        {
            "nome": campo_texto,
            "cpf": campo_texto,
            "data_nascimento": campo_texto,
            "telefone": campo_texto,
            "cep": campo_texto,
            "territorio": st.one_of(texto, st.integers(-5, 10**12).map(str)),
            "categorias": st.lists(st.one_of(texto, st.sampled_from(["artesanato", "outros"])), max_size=3),
            "situacao_formalizacao": st.one_of(texto, st.sampled_from(["informal", "mei", "cooperativa"])),
            "cnpj": campo_texto,
            "genero": campo_texto,
            "raca_cor": campo_texto,
            "consentiu_dados_sensiveis": st.sampled_from(["", "on", "x"]),
        }
    )
)
def test_perfil_nunca_500(client, dados):
    usuario = UsuarioFactory()
    TerritorioFactory(slug="butanta-h")
    client.force_login(usuario)
    dados = {
        k: v.replace("\x00", "") if isinstance(v, str) else [x.replace("\x00", "") for x in v] for k, v in dados.items()
    }
    resposta = client.post(URL, dados)
    assert resposta.status_code in (200, 302)


@pytest.mark.django_db
def test_fabrica_gera_cpfs_validos():
    from localflavor.br.forms import BRCPFField

    campo = BRCPFField()
    for n in range(20):
        campo.clean(cpf_valido(n))


@pytest.mark.django_db
def test_corrida_de_cpf_vira_mensagem_e_nao_salva_nada(territorio):
    """Se outro cadastro grava o mesmo CPF entre a validação e o save, o banco barra e a mensagem é clara."""
    from django.core.exceptions import ValidationError

    from pontos.services.contas import perfil_salvar

    EmpreendedorFactory(cpf="52998224725")
    usuario = UsuarioFactory()
    dados = {"nome": "Maria", "cpf": "52998224725", "territorio": territorio, "categorias": ["outros"]}
    with pytest.raises(ValidationError) as erro:
        perfil_salvar(usuario=usuario, dados=dados)
    assert "Este CPF já está cadastrado" in str(erro.value.message_dict["cpf"])
    assert not Empreendedor.objects.filter(usuario=usuario).exists()
    assert not Consentimento.objects.filter(usuario=usuario).exists()
