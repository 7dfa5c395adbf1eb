"""Pontos de extensão do núcleo.

Cada app de programa registra aqui, em ``AppConfig.ready()``, o que contribui; o núcleo e o
``governo`` leem só daqui e nunca importam um programa. Um registro é uma função simples:

- ``agenda``: ``fn(*, inicio, fim, ponto=None) -> iterável de EventoAgenda``
  (eventos públicos entre duas datas, opcionalmente de um Ponto).
- ``minha_conta``: ``SecaoMinhaConta(chave, titulo, ordem, fn)`` com
  ``fn(*, request, empreendedor) -> str`` (HTML já renderizado da seção, ou "" para omitir).
- ``pendencias``: ``fn(*, usuario) -> iterável de Pendencia`` (trabalho a fazer na Gestão,
  já limitado ao escopo do usuário).
- ``indicadores``: ``Indicador(chave, titulo, programa, unidade, fn)`` com
  ``fn(*, inicio, fim, pontos=None, secretarias=None) -> list[ValorIndicador]`` — valores por
  Ponto e mês, que o ``governo`` consolida.
- ``geradores_cidade``: ``fn(*, contexto) -> None``, gera as linhas do programa na cidade
  sintética (``manage.py cidade_gerar``).
- ``demonstracao``: ``fn(*, demo) -> None``, acrescenta os dados de demonstração do programa
  (``manage.py demo_butanta``); ``demo`` traz secretarias, Pontos, espaços e pessoas já
  criados. Deve ser idempotente (rodar duas vezes não duplica nada).
- ``menu_publico``: ``ItemMenu(chave, titulo, url_nome, ordem)``, links do menu principal.
- ``atividades_pessoa``: ``fn(*, empreendedor) -> iterável de AtividadePessoa`` (a trajetória de
  uma pessoa em cada programa, para Minha conta e para os indicadores de trajetória).
"""

import dataclasses
import datetime
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclasses.dataclass(frozen=True)
class EventoAgenda:
    titulo: str
    inicio: datetime.datetime
    fim: datetime.datetime
    tipo: str  # "feira", "apresentacao", "curso", "oficina", …
    programa: str  # rótulo do programa: "Feiras", "Cultura", "Formação"
    ponto_id: int | None
    ponto_nome: str = ""
    url: str = ""
    descricao: str = ""
    vagas: int | None = None
    concede: tuple[str, ...] = ()  # tipos de Qualificacao que a atividade concede
    participantes: int | None = None  # pessoas inscritas/confirmadas, quando o programa sabe
    responsaveis: tuple[int, ...] = ()  # ids de usuários que conduzem (instrutor(a), artista)


@dataclasses.dataclass(frozen=True)
class SecaoMinhaConta:
    chave: str
    titulo: str
    ordem: int
    fn: Callable


PENDENCIAS_TETO = 999


@dataclasses.dataclass(frozen=True)
class Pendencia:
    titulo: str
    quantidade: int
    url: str
    secretaria_id: int | None = None

    @property
    def quantidade_exibida(self):
        if self.quantidade > PENDENCIAS_TETO:
            return _("mais de %(n)s") % {"n": PENDENCIAS_TETO}
        return self.quantidade


def contar_pendencias(consulta):
    """Quantas linhas a consulta tem, parando em ``PENDENCIAS_TETO + 1``.

    A página inicial da Gestão é aberta a toda hora; na cidade, uma pendência pode ter centenas
    de milhares de linhas, e contar todas não muda o que a equipe faz (a lista filtrada conta).
    """
    return consulta.order_by()[: PENDENCIAS_TETO + 1].count()


@dataclasses.dataclass(frozen=True)
class ValorIndicador:
    valor: Decimal | int | float
    ponto_id: int | None = None
    mes: datetime.date | None = None  # primeiro dia do mês
    secretaria_id: int | None = None
    detalhe: str = ""  # ex.: categoria de produto


@dataclasses.dataclass(frozen=True)
class Indicador:
    chave: str
    titulo: str
    programa: str
    unidade: str  # "pessoas", "R$", "%", "eventos", …
    fn: Callable
    # "receita" e "custo" entram no índice de sustentabilidade
    sustentabilidade: str = ""


@dataclasses.dataclass(frozen=True)
class AtividadePessoa:
    programa: str
    descricao: str
    data: datetime.date
    url: str = ""


@dataclasses.dataclass(frozen=True)
class ItemMenu:
    chave: str
    titulo: str
    url_nome: str
    ordem: int = 50


class Registro:
    """Lista nomeada de contribuições; ``registrar`` é idempotente pela chave."""

    def __init__(self, nome):
        self.nome = nome
        self._itens = {}

    def registrar(self, item, chave=None):
        chave = chave or getattr(item, "chave", None) or f"{item.__module__}.{item.__qualname__}"
        self._itens[chave] = item
        return item

    def remover(self, chave):
        self._itens.pop(chave, None)

    def __iter__(self):
        return iter(list(self._itens.values()))

    def __len__(self):
        return len(self._itens)

    def chaves(self):
        return list(self._itens)


agenda = Registro("agenda")
minha_conta = Registro("minha_conta")
pendencias = Registro("pendencias")
indicadores = Registro("indicadores")
geradores_cidade = Registro("geradores_cidade")
atividades_pessoa = Registro("atividades_pessoa")
demonstracao = Registro("demonstracao")
menu_publico = Registro("menu_publico")


def eventos_agenda(*, inicio, fim, ponto=None, limite=None):
    """Eventos de todos os programas, em ordem de início."""
    eventos = []
    for fonte in agenda:
        eventos.extend(fonte(inicio=inicio, fim=fim, ponto=ponto))
    eventos.sort(key=lambda e: (e.inicio, e.titulo))
    return eventos[:limite] if limite else eventos


def secoes_minha_conta(*, request, empreendedor):
    secoes = sorted(minha_conta, key=lambda s: s.ordem)
    return [(s, html) for s in secoes if (html := s.fn(request=request, empreendedor=empreendedor))]


def pendencias_de(*, usuario):
    itens = []
    for fonte in pendencias:
        itens.extend(p for p in fonte(usuario=usuario) if p.quantidade)
    return itens


def atividades_de(*, empreendedor):
    itens = []
    for fonte in atividades_pessoa:
        itens.extend(fonte(empreendedor=empreendedor))
    itens.sort(key=lambda a: a.data, reverse=True)
    return itens
