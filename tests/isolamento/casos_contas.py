"""Casos de isolamento de contas (lidos pela varredura ``tests/isolamento/test_varredura.py``)."""

from tests.factories import EmpreendedorFactory, PontoFactory, ProdutoFactory

# Contas não registra modelos na Gestão.
MODELOS = {}

# Cadastro assistido: só a equipe da secretaria do Ponto onde a pessoa foi cadastrada vê os dados.
ROTAS_EQUIPE = {
    "pontos:cadastro_assistido_detalhe": lambda sec: {
        "pk": EmpreendedorFactory(usuario=None, ponto_cadastro=PontoFactory(secretaria=sec)).pk
    },
}

# Minha conta: produto de outra pessoa -> 404.
ROTAS_PESSOAIS = {
    "pontos:produto_editar": lambda pessoa: {"pk": ProdutoFactory(empreendedor=pessoa).pk},
    "pontos:produto_excluir": lambda pessoa: {"pk": ProdutoFactory(empreendedor=pessoa).pk},
}

ROTAS_PUBLICAS = {"pontos:termos"}
