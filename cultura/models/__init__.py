"""Modelos do programa Cultura, separados por assunto."""

from .artistas import Artista, FotoArtista, Linguagem, MembroColetivo, TipoArtista
from .chamadas import (
    Avaliacao,
    Chamada,
    Criterio,
    DecisaoRecurso,
    DocumentoExigido,
    DocumentoProposta,
    EstadoChamada,
    EstadoProposta,
    Finalidade,
    NotaCriterio,
    Proposta,
    Recurso,
)
from .programacao import Apresentacao, Ensaio, EtapaProjeto, ProjetoEspetaculo

__all__ = [
    "Apresentacao",
    "Artista",
    "Avaliacao",
    "Chamada",
    "Criterio",
    "DecisaoRecurso",
    "DocumentoExigido",
    "DocumentoProposta",
    "Ensaio",
    "EstadoChamada",
    "EstadoProposta",
    "EtapaProjeto",
    "Finalidade",
    "FotoArtista",
    "Linguagem",
    "MembroColetivo",
    "NotaCriterio",
    "ProjetoEspetaculo",
    "Proposta",
    "Recurso",
    "TipoArtista",
]
