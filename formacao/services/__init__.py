"""Serviços da formação: tudo o que grava, confere permissão, avisa ou enfileira tarefa.

Divididos por assunto; este pacote reexporta a interface usada por views, admin, tarefas e testes.
"""

from formacao.services.certificados import (
    certificado_buscar,
    certificado_emitir,
    certificado_revogar,
    frequencias_da_turma,
    matricula_concluir,
    turma_concluir,
)
from formacao.services.comum import (
    ALFABETO,
    TAMANHO_CODIGO_CERTIFICADO,
    TAMANHO_CODIGO_PRESENCA,
    _somar_meses,
    acesso_registrar,
    codigo_gerar,
    codigo_normalizar,
    notificar,
    secretaria_do_usuario,
)
from formacao.services.matriculas import (
    lembretes_enviar,
    matricula_cancelar,
    matricula_criar,
    posicao_na_espera,
)
from formacao.services.presenca import presenca_lancar, presenca_por_codigo
from formacao.services.trilha_mei import (
    etapa_confirmar,
    etapa_desfazer,
    etapa_registrar,
    etapas_da_pessoa,
    formalizacao_sincronizar,
)
from formacao.services.turmas import (
    encontro_criar,
    encontro_remover,
    turma_cancelar,
    turma_criar,
    turma_promover_espera,
)

__all__ = [
    "ALFABETO",
    "TAMANHO_CODIGO_CERTIFICADO",
    "TAMANHO_CODIGO_PRESENCA",
    "_somar_meses",
    "acesso_registrar",
    "certificado_buscar",
    "certificado_emitir",
    "certificado_revogar",
    "codigo_gerar",
    "codigo_normalizar",
    "encontro_criar",
    "encontro_remover",
    "etapa_confirmar",
    "etapa_desfazer",
    "etapa_registrar",
    "etapas_da_pessoa",
    "formalizacao_sincronizar",
    "frequencias_da_turma",
    "lembretes_enviar",
    "matricula_cancelar",
    "matricula_concluir",
    "matricula_criar",
    "notificar",
    "posicao_na_espera",
    "presenca_lancar",
    "presenca_por_codigo",
    "secretaria_do_usuario",
    "turma_cancelar",
    "turma_concluir",
    "turma_criar",
    "turma_promover_espera",
]
