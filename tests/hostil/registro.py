"""Registro dos formulários públicos e de Minha conta, para os testes hostis e de falhas.

Cada app acrescenta os seus com ``registrar(Formulario(...))`` num módulo
``tests/hostil/formularios_<app>.py`` (importado automaticamente por ``formularios()``), p.ex.:

    from tests.hostil.registro import Formulario, registrar

    registrar(Formulario(
        nome="feiras:inscricao_criar",
        url=lambda ctx: reverse("feiras:inscricao_criar", kwargs={"pk": FeiraAbertaFactory().pk}),
        campos={"categoria": "escolha", "descricao": "texto", "aceite": "booleano"},
        validos=lambda ctx: {"categoria": "artesanato", "descricao": "Cestos", "aceite": "on"},
        papel="pessoa",                      # None (anônimo) ou "pessoa" (perfil completo)
        enfileira="feiras.inscricao_avisar", # se o envio válido enfileira uma tarefa
    ))

Busca e filtros (GET) também: ``metodo="get"``; o hypothesis manda os valores na query string.

Tipos de campo: texto, email, cpf, cep, cnpj, telefone, data, inteiro, decimal, booleano,
escolha, senha, arquivo. ``ctx`` é um ``Contexto`` com ``pessoa`` (Empreendedor logado, quando
``papel="pessoa"``) e ``cache`` (dicionário para o formulário guardar objetos entre chamadas).
"""

import dataclasses
import importlib
import pkgutil
import time
from collections.abc import Callable
from pathlib import Path

from django.urls import reverse


@dataclasses.dataclass
class Contexto:
    pessoa: object = None
    cache: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Formulario:
    nome: str
    url: Callable
    campos: dict
    validos: Callable | None = None
    papel: str | None = None
    enfileira: str | None = None
    multipart: bool = False
    metodo: str = "post"  # "get" para os formulários de busca e filtro

    def enviar(self, client, contexto=None):
        """Envia os dados válidos (para os testes de falha); devolve (resposta, segundos)."""
        contexto = contexto or Contexto()
        if self.papel == "pessoa":
            contexto.pessoa = pessoa_logar(client)
        url = self.url(contexto)
        dados = self.validos(contexto) if self.validos else {}
        inicio = time.monotonic()
        resposta = getattr(client, self.metodo)(url, dados)
        return resposta, time.monotonic() - inicio


_FORMULARIOS = {}


def registrar(formulario):
    _FORMULARIOS[formulario.nome] = formulario
    return formulario


def formularios():
    pasta = Path(__file__).parent
    for modulo in pkgutil.iter_modules([str(pasta)]):
        if modulo.name.startswith("formularios_"):
            importlib.import_module(f"tests.hostil.{modulo.name}")
    return sorted(_FORMULARIOS.values(), key=lambda f: f.nome)


def formularios_que_enfileiram():
    return [f for f in formularios() if f.enfileira]


def pessoa_logar(client):
    """Entra com uma pessoa de perfil completo (Minha conta não redireciona para o perfil)."""
    from tests.factories import EmpreendedorFactory, TerritorioFactory, UsuarioFactory

    usuario = UsuarioFactory()
    pessoa = EmpreendedorFactory(usuario=usuario, territorio=TerritorioFactory())
    client.force_login(usuario)
    return pessoa


# --- formulários do núcleo (contas, allauth) -----------------------------------------------
registrar(
    Formulario(
        nome="account_signup",
        url=lambda ctx: reverse("account_signup"),
        campos={
            "email": "email",
            "password1": "senha",
            "password2": "senha",
            "nome": "texto",
            "aceite_termos": "booleano",
        },
        validos=lambda ctx: {
            "email": f"nova{len(ctx.cache)}@exemplo.org",
            "password1": "S3nha-longa-de-teste",
            "password2": "S3nha-longa-de-teste",
            "nome": "Maria",
            "aceite_termos": "on",
        },
    )
)
registrar(
    Formulario(
        nome="account_login",
        url=lambda ctx: reverse("account_login"),
        campos={"login": "email", "password": "senha", "remember": "booleano"},
    )
)
registrar(
    Formulario(
        nome="account_reset_password",
        url=lambda ctx: reverse("account_reset_password"),
        campos={"email": "email"},
    )
)
