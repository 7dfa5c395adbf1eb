"""Minha conta: resumo com extensões, produtos, qualificações, notificações; consultas e entradas ruins."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pontos import extensoes
from pontos.models import Notificacao, Produto, Qualificacao
from tests.factories import EmpreendedorFactory, ProdutoFactory, QualificacaoFactory, UsuarioFactory
from tests.factories.contas import arquivo_imagem


@pytest.fixture
def pessoa(db, territorio):
    return EmpreendedorFactory(territorio=territorio)


@pytest.fixture
def logado(client, pessoa):
    client.force_login(pessoa.usuario)
    return client


@pytest.fixture
def secao_de_programa():
    def fn(*, request, empreendedor):
        return f"<p>Inscrições de {empreendedor.nome_exibicao}</p>"

    extensoes.minha_conta.registrar(extensoes.SecaoMinhaConta("teste", "Minhas feiras", 10, fn))
    extensoes.minha_conta.registrar(extensoes.SecaoMinhaConta("vazia", "Nada", 20, lambda **k: ""))
    yield
    extensoes.minha_conta.remover("teste")
    extensoes.minha_conta.remover("vazia")


@pytest.mark.django_db
def test_resumo_mostra_secoes_das_extensoes(logado, pessoa, secao_de_programa):
    html = logado.get("/minha-conta/").content.decode()
    assert "Minhas feiras" in html
    assert f"Inscrições de {pessoa.nome_exibicao}" in html
    assert ">Nada<" not in html  # seção vazia é omitida


def _muitos(pessoa, n, inicio=0):
    from pontos.models import Consentimento

    for i in range(inicio, inicio + n):
        Consentimento.objects.create(usuario=pessoa.usuario, tipo="termos", versao=f"v{i}")
        ProdutoFactory(empreendedor=pessoa, nome=f"Produto {i:03d}")
        Notificacao.objects.create(usuario=pessoa.usuario, titulo=f"Aviso {i}")
        QualificacaoFactory(empreendedor=pessoa, referencia=f"ref-{i}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "caminho",
    [
        "/minha-conta/",
        "/minha-conta/produtos/",
        "/minha-conta/notificacoes/",
        "/minha-conta/qualificacoes/",
        "/minha-conta/consentimentos/",
    ],
)
def test_consultas_nao_crescem_com_as_linhas(logado, pessoa, caminho, django_assert_num_queries):
    _muitos(pessoa, 1)
    logado.get(caminho)  # aquece sessão e caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as uma:
        assert logado.get(caminho).status_code == 200
    _muitos(pessoa, 30, inicio=1)
    with django_assert_num_queries(len(uma.captured_queries)):
        assert logado.get(caminho).status_code == 200
    # O início de Minha conta traz uma seção de cada programa: algumas consultas por programa,
    # fixas, nunca por linha; a trajetória completa tem página própria.
    limite = 15 if caminho == "/minha-conta/" else 12
    assert len(uma.captured_queries) <= limite, [q["sql"] for q in uma.captured_queries]


@pytest.mark.django_db
def test_produto_de_outra_pessoa_e_404(logado):
    alheio = ProdutoFactory()
    assert logado.get(f"/minha-conta/produtos/{alheio.pk}/").status_code == 404
    assert logado.post(f"/minha-conta/produtos/{alheio.pk}/", {"nome": "x", "categoria": "outros"}).status_code == 404
    assert logado.post(f"/minha-conta/produtos/{alheio.pk}/excluir/").status_code == 404
    assert Produto.objects.filter(pk=alheio.pk, nome=alheio.nome).exists()


@pytest.mark.django_db
def test_editar_e_excluir_o_proprio_produto(logado, pessoa):
    produto = ProdutoFactory(empreendedor=pessoa, nome="Bolo")
    resposta = logado.post(
        f"/minha-conta/produtos/{produto.pk}/", {"nome": "Bolo de milho", "categoria": "alimentos_prontos"}
    )
    assert resposta.status_code == 302
    produto.refresh_from_db()
    assert produto.nome == "Bolo de milho" and not produto.publicado
    logado.post(f"/minha-conta/produtos/{produto.pk}/excluir/")
    assert not Produto.objects.filter(pk=produto.pk).exists()


@pytest.mark.django_db
def test_enviar_comprovante_de_qualificacao(logado, pessoa):
    resposta = logado.post(
        "/minha-conta/qualificacoes/",
        {
            "tipo": "boas_praticas_alimentos",
            "origem": "SENAC Lapa",
            "valida_de": "01/02/2026",
            "valida_ate": "01/02/2028",
            "evidencia": SimpleUploadedFile("c.pdf", b"%PDF-1.4\nconteudo", content_type="application/pdf"),
        },
        follow=True,
    )
    assert "A equipe vai verificar" in resposta.content.decode()
    q = Qualificacao.objects.get(empreendedor=pessoa)
    assert q.verificada_em is None and q.evidencia.name.endswith(".pdf")
    assert "Aguardando verificação da equipe" in resposta.content.decode()


@pytest.mark.django_db
def test_comprovante_invalido_nao_salva(logado, pessoa):
    resposta = logado.post(
        "/minha-conta/qualificacoes/",
        {
            "tipo": "boas_praticas_alimentos",
            "origem": "SENAC Lapa",
            "valida_de": "01/02/2026",
            "valida_ate": "01/01/2026",
            "evidencia": SimpleUploadedFile("c.pdf", b"MZ executavel", content_type="application/pdf"),
        },
    )
    html = resposta.content.decode()
    assert "PDF, JPEG, PNG ou WebP" in html
    assert "A data final deve ser depois da inicial" in html
    assert 'value="SENAC Lapa"' in html
    assert not Qualificacao.objects.exists()


@pytest.mark.django_db
def test_notificacoes_marcar_lidas(logado, pessoa):
    n1 = Notificacao.objects.create(usuario=pessoa.usuario, titulo="Um")
    n2 = Notificacao.objects.create(usuario=pessoa.usuario, titulo="Dois")
    alheia = Notificacao.objects.create(usuario=UsuarioFactory(), titulo="Alheia")
    assert "Alheia" not in logado.get("/minha-conta/notificacoes/").content.decode()
    logado.post("/minha-conta/notificacoes/marcar-lidas/", {"pk": n1.pk})
    n1.refresh_from_db()
    n2.refresh_from_db()
    assert n1.lida and not n2.lida
    logado.post("/minha-conta/notificacoes/marcar-lidas/", {"pk": alheia.pk})
    alheia.refresh_from_db()
    assert not alheia.lida
    logado.post("/minha-conta/notificacoes/marcar-lidas/")
    n2.refresh_from_db()
    assert n2.lida


# --- hypothesis: nenhum formulário de Minha conta responde 500 -------------------------------

texto = st.text(max_size=60).map(lambda v: v.replace("\x00", ""))
hip = hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.django_db
@hip
@given(
    nome=texto,
    categoria=st.one_of(texto, st.just("artesanato")),
    preco=st.one_of(texto, st.decimals(allow_nan=True, allow_infinity=True).map(str)),
    foto=st.one_of(st.none(), st.binary(max_size=300), st.sampled_from(["JPEG", "PNG", "GIF"])),
)
def test_produto_nunca_500(client, nome, categoria, preco, foto):
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    dados = {"nome": nome, "categoria": categoria, "preco_referencia": preco}
    if isinstance(foto, bytes):
        dados["foto"] = SimpleUploadedFile("f.jpg", foto, content_type="image/jpeg")
    elif isinstance(foto, str):
        dados["foto"] = arquivo_imagem("f.jpg", foto)
    assert client.post("/minha-conta/produtos/novo/", dados).status_code in (200, 302)


@pytest.mark.django_db
@hip
@given(
    tipo=st.one_of(texto, st.just("outra")),
    origem=texto,
    de=texto,
    ate=texto,
    evidencia=st.binary(max_size=200),
)
def test_qualificacao_nunca_500(client, tipo, origem, de, ate, evidencia):
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    dados = {"tipo": tipo, "origem": origem, "valida_de": de, "valida_ate": ate}
    dados["evidencia"] = SimpleUploadedFile("e.pdf", evidencia, content_type="application/pdf")
    assert client.post("/minha-conta/qualificacoes/", dados).status_code in (200, 302)


@pytest.mark.django_db
@hip
@given(senha=texto, confirmo=st.sampled_from(["", "on", "x"]))
def test_excluir_nunca_500(client, senha, confirmo):
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    assert client.post("/minha-conta/excluir/", {"senha": senha, "confirmo": confirmo}).status_code in (200, 302)


@pytest.mark.django_db
@hip
@given(cpf=texto, codigo=texto, pk=st.one_of(texto, st.integers().map(str)))
def test_reivindicar_e_notificacoes_nunca_500(client, cpf, codigo, pk):
    usuario = UsuarioFactory()
    client.force_login(usuario)
    assert client.post("/minha-conta/reivindicar/", {"cpf": cpf, "codigo": codigo}).status_code == 200
    assert client.post("/minha-conta/notificacoes/marcar-lidas/", {"pk": pk}).status_code == 302


@pytest.mark.django_db
@hip
@given(
    nome=texto,
    cpf=st.one_of(texto, st.just("529.982.247-25")),
    ponto=st.one_of(texto, st.integers(-3, 10**6).map(str)),
    data=texto,
    cep=texto,
)
def test_cadastro_assistido_nunca_500(client, operador_smdet, ponto, nome, cpf, data, cep):
    client.force_login(operador_smdet)
    dados = {"nome": nome, "cpf": cpf, "ponto_cadastro": ponto, "data_nascimento": data, "cep": cep}
    assert client.post("/equipe/cadastro-assistido/", dados).status_code in (200, 302)


@pytest.mark.django_db
def test_equipe_sem_perfil_ve_minha_conta_da_equipe(client, operador_smdet):
    client.force_login(operador_smdet)
    resposta = client.get("/minha-conta/")
    assert resposta.status_code == 200
    assert "Cadastro assistido" in resposta.content.decode()
    assert client.get("/minha-conta/produtos/").url == "/minha-conta/perfil/"


@pytest.mark.django_db
def test_consultas_do_cadastro_assistido(client, operador_smdet, ponto, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PontoFactory

    EmpreendedorFactory(usuario=None, ponto_cadastro=ponto)
    client.force_login(operador_smdet)
    client.get("/equipe/cadastro-assistido/")
    with CaptureQueriesContext(connection) as uma:
        client.get("/equipe/cadastro-assistido/")
    for _ in range(15):
        EmpreendedorFactory(usuario=None, ponto_cadastro=PontoFactory(secretaria=ponto.secretaria))
    with django_assert_num_queries(len(uma.captured_queries)):
        assert client.get("/equipe/cadastro-assistido/").status_code == 200
    assert len(uma.captured_queries) <= 15
