"""Modelos do núcleo, separados por assunto."""

from .lugares import Espaco, FotoPonto, Infraestrutura, Ponto, Reserva, Territorio, TipoEspaco, TipoPonto
from .pessoas import (
    CategoriaProduto,
    Consentimento,
    Empreendedor,
    Produto,
    Qualificacao,
    SituacaoFormalizacao,
    TipoQualificacao,
    Usuario,
)
from .secretarias import AcessoDadosPessoais, Papel, Secretaria, Vinculo
from .sistema import Notificacao, TarefaPendente

__all__ = [
    "AcessoDadosPessoais",
    "CategoriaProduto",
    "Consentimento",
    "Empreendedor",
    "Espaco",
    "FotoPonto",
    "Infraestrutura",
    "Notificacao",
    "Papel",
    "Ponto",
    "Produto",
    "Qualificacao",
    "Reserva",
    "Secretaria",
    "SituacaoFormalizacao",
    "TarefaPendente",
    "Territorio",
    "TipoEspaco",
    "TipoPonto",
    "TipoQualificacao",
    "Usuario",
    "Vinculo",
]
