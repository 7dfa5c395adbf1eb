"""Casos da varredura de isolamento para o app feiras."""

from feiras.models import Alocacao, Banca, CategoriaFeira, Feira, Inscricao, LayoutBancas, RelatoVendas, Sorteio
from tests.factories.feiras import (
    AlocacaoFactory,
    BancaFactory,
    CategoriaFeiraFactory,
    FeiraFactory,
    InscricaoFactory,
    LayoutFactory,
    RelatoVendasFactory,
)


def _feira(sec):
    return FeiraFactory(secretaria=sec)


def _sorteio(sec):
    return Sorteio.objects.create(feira=_feira(sec), semente="abc", ordem=[])


MODELOS = {
    Feira: _feira,
    LayoutBancas: lambda sec: LayoutFactory(secretaria=sec, ponto__secretaria=sec),
    Banca: lambda sec: BancaFactory(layout=LayoutFactory(secretaria=sec, ponto__secretaria=sec)),
    CategoriaFeira: lambda sec: CategoriaFeiraFactory(feira=_feira(sec)),
    Inscricao: lambda sec: InscricaoFactory(feira=_feira(sec)),
    Alocacao: lambda sec: AlocacaoFactory(inscricao__feira=_feira(sec)),
    RelatoVendas: lambda sec: RelatoVendasFactory(inscricao__feira=_feira(sec)),
    Sorteio: _sorteio,
}

ROTAS_EQUIPE = {
    nome: (lambda sec: {"pk": _feira(sec).pk})
    for nome in [
        "feiras:gestao_feira",
        "feiras:gestao_feira_editar",
        "feiras:gestao_feira_cancelar",
        "feiras:gestao_categorias",
        "feiras:gestao_layout",
        "feiras:gestao_inscricoes",
        "feiras:gestao_alocar",
        "feiras:gestao_dia",
        "feiras:gestao_pdf",
        "feiras:gestao_csv",
        "feiras:gestao_xlsx",
    ]
}

ROTAS_PESSOAIS = {
    nome: (lambda pessoa: {"pk": InscricaoFactory(empreendedor=pessoa).pk})
    for nome in [
        "feiras:inscricao_detalhe",
        "feiras:inscricao_cancelar",
        "feiras:inscricao_confirmar",
        "feiras:relato_vendas",
    ]
}

# Públicas por desenho: a página da feira, o sorteio publicado e o formulário de inscrição numa feira
# (o id é da feira pública, não de um dado pessoal).
ROTAS_PUBLICAS = {"feiras:feira_publica", "feiras:sorteio_publico", "feiras:sorteio_csv", "feiras:inscricao_criar"}
