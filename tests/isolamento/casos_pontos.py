"""Casos do núcleo para a varredura de isolamento (formato em /work/briefs/COMUM.md)."""

from pontos.models import Empreendedor, Ponto, Qualificacao, Reserva, Secretaria, Territorio, Vinculo
from tests.factories import EspacoFactory, PontoFactory, TerritorioFactory, VinculoFactory
from tests.factories.reservas import ReservaFactory

# modelo registrado na Gestão -> função(secretaria) que cria um objeto dessa secretaria
MODELOS = {
    Ponto: lambda sec: PontoFactory(secretaria=sec),
    Reserva: lambda sec: ReservaFactory(espaco=EspacoFactory(ponto=PontoFactory(secretaria=sec)), secretaria=sec),
    Vinculo: lambda sec: VinculoFactory(secretaria=sec),
    # Só superusuários: a equipe de qualquer secretaria recebe 403.
    Secretaria: lambda sec: sec,
    Territorio: lambda sec: TerritorioFactory(),
}

# Modelos da Gestão sem dono por desenho: a varredura confere só que quem não é da equipe não
# entra e que a leitura do detalhe fica registrada (ver tests/pontos/test_gestao.py).
COMPARTILHADOS = {
    Empreendedor: "a pessoa é do programa, não de uma secretaria: qualquer equipe a localiza para "
    "atendê-la; cada leitura do cadastro gera um AcessoDadosPessoais (LGPD)",
    Qualificacao: "é da pessoa e vale em todos os programas (pré-requisito de banca, prioridade)",
}

ROTAS_EQUIPE = {}
ROTAS_PESSOAIS = {}
# rotas públicas por desenho (qualquer um vê)
ROTAS_PUBLICAS = {"pontos:ponto_detalhe", "pontos:empreendedor_publico"}
