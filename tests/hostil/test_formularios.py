"""Entradas hostis (hypothesis) em todo formulário público e de Minha conta: nunca um 500.

Os formulários vêm de ``tests/hostil/registro.py``. Para cada um, o hypothesis envia texto
arbitrário (controle, RTL, emoji, NUL), valores enormes, tipos errados e listas no lugar de
valores; a resposta é sempre < 500 e, quando o formulário é reexibido, sem mensagens em inglês.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostil.registro import Contexto, formularios, pessoa_logar

TEXTO_HOSTIL = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=5_000, max_size=20_000),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "{{ 7*7 }}{% debug %}",
            "\u202e\u0644\u0639\u0631\u0628\u064a\u0629",
            "😀" * 500,
            "9" * 400,
            "-1",
            "1e309",
            "NaN",
            "31/02/2026",
            "0000-00-00",
            "999.999.999-99",
            "../../etc/passwd",
            "%00%ff",
            "\r\nSet-Cookie: x=1",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
VALOR = st.one_of(TEXTO_HOSTIL, st.lists(TEXTO_HOSTIL, min_size=2, max_size=3))

FORMULARIOS = formularios()


@pytest.mark.parametrize("formulario", FORMULARIOS, ids=[f.nome for f in FORMULARIOS])
@pytest.mark.django_db
def test_formulario_nunca_responde_500(formulario):
    cliente = Client(raise_request_exception=False)
    contexto = Contexto()
    if formulario.papel == "pessoa":
        contexto.pessoa = pessoa_logar(cliente)
    url = formulario.url(contexto)
    assert cliente.get(url).status_code < 500
    campos = sorted(formulario.campos)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(dados=st.fixed_dictionaries({c: VALOR for c in campos}, optional={"campo_extra": VALOR}))
    def enviar(dados):
        resposta = getattr(cliente, formulario.metodo)(url, dados)
        assert resposta.status_code < 500, f"{formulario.nome} respondeu {resposta.status_code} para {dados!r}"
        if resposta.status_code == 200 and resposta.get("Content-Type", "").startswith("text/html"):
            html = resposta.content.decode()
            assert "This field is required" not in html, "mensagem de erro em inglês"
            assert "Enter a valid" not in html, "mensagem de erro em inglês"

    enviar()


@pytest.mark.parametrize("formulario", FORMULARIOS, ids=[f.nome for f in FORMULARIOS])
@pytest.mark.django_db
def test_corpo_em_codificacao_errada_nao_quebra(formulario):
    cliente = Client(raise_request_exception=False)
    contexto = Contexto()
    if formulario.papel == "pessoa":
        contexto.pessoa = pessoa_logar(cliente)
    url = formulario.url(contexto)
    if formulario.metodo == "get":
        for consulta in ("q=caf%E9%FF%FE", "%FF=%00", "&".join(f"{c}=%C0%AF" for c in formulario.campos)):
            assert cliente.get(f"{url}?{consulta}").status_code < 500
        return
    corpo = "&".join(f"{c}=" for c in formulario.campos).encode() + "&x=caf\xe9\xff\xfe".encode("latin-1")
    for tipo in ("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin-1"):
        resposta = cliente.generic("POST", url, corpo, content_type=tipo)
        assert resposta.status_code < 500
    resposta = cliente.generic("POST", url, b"--quebrado\r\n\r\n", content_type="multipart/form-data; boundary=x")
    assert resposta.status_code < 500
