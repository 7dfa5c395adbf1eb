"""Serviços do programa Cultura: tudo o que grava, valida, notifica ou confere permissão."""

from .artistas import (
    artista_atualizar,
    artista_criar,
    artista_foto_adicionar,
    artista_foto_remover,
    membro_adicionar,
    membro_remover,
)
from .chamadas import (
    avaliacao_salvar,
    chamada_encerrar_inscricoes,
    chamada_publicar,
    chamadas_encerrar_vencidas,
    documento_abrir,
    proposta_documento_enviar,
    proposta_enviar,
    proposta_salvar,
    recurso_criar,
    recurso_responder,
    resultado_final_publicar,
    resultado_publicar,
)
from .comum import secretaria_do_usuario
from .programacao import (
    apresentacao_cancelar,
    apresentacao_criar,
    apresentacao_publico_registrar,
    ensaio_agendar,
    projeto_estreia_definir,
    projeto_etapa_avancar,
)

__all__ = [
    "apresentacao_cancelar",
    "apresentacao_criar",
    "apresentacao_publico_registrar",
    "artista_atualizar",
    "artista_criar",
    "artista_foto_adicionar",
    "artista_foto_remover",
    "avaliacao_salvar",
    "chamada_encerrar_inscricoes",
    "chamada_publicar",
    "chamadas_encerrar_vencidas",
    "documento_abrir",
    "ensaio_agendar",
    "membro_adicionar",
    "membro_remover",
    "projeto_estreia_definir",
    "projeto_etapa_avancar",
    "proposta_documento_enviar",
    "proposta_enviar",
    "proposta_salvar",
    "recurso_criar",
    "recurso_responder",
    "resultado_final_publicar",
    "resultado_publicar",
    "secretaria_do_usuario",
]
