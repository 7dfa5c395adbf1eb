"""Classificação das rotas e modelos do Cultura para a varredura de isolamento."""

import datetime

from django.utils import timezone

from cultura.models import Apresentacao, Chamada, EstadoChamada, ProjetoEspetaculo, Proposta, Recurso
from tests.factories.cultura import (
    ApresentacaoFactory,
    ArtistaFactory,
    ChamadaFactory,
    DocumentoExigidoFactory,
    ProjetoEspetaculoFactory,
    PropostaFactory,
    RecursoFactory,
    pdf_enviado,
)


def _documento(sec):
    from cultura.models import DocumentoProposta

    proposta = PropostaFactory(chamada=ChamadaFactory(secretaria=sec))
    exigido = DocumentoExigidoFactory(chamada=proposta.chamada)
    return DocumentoProposta.objects.create(proposta=proposta, exigido=exigido, arquivo=pdf_enviado()).pk


def _foto(pessoa):
    from cultura.models import FotoArtista
    from tests.factories.cultura import imagem_enviada

    return FotoArtista.objects.create(
        artista=ArtistaFactory(responsavel=pessoa), imagem=imagem_enviada(), legenda="x"
    ).pk


def _membro(pessoa):
    from cultura.models import MembroColetivo

    return MembroColetivo.objects.create(artista=ArtistaFactory(responsavel=pessoa, tipo="coletivo"), nome="Ana").pk


# modelo registrado na Gestão -> função(secretaria) que cria um objeto dessa secretaria
MODELOS = {
    Chamada: lambda sec: ChamadaFactory(secretaria=sec),
    Proposta: lambda sec: PropostaFactory(chamada=ChamadaFactory(secretaria=sec)),
    Recurso: lambda sec: RecursoFactory(proposta=PropostaFactory(chamada=ChamadaFactory(secretaria=sec))),
    Apresentacao: lambda sec: ApresentacaoFactory(secretaria=sec),
    ProjetoEspetaculo: lambda sec: ProjetoEspetaculoFactory(secretaria=sec),
}

# rota de equipe com id de objeto -> função(secretaria) -> kwargs da URL
ROTAS_EQUIPE = {
    "cultura:gestao_chamada": lambda sec: {"pk": ChamadaFactory(secretaria=sec).pk},
    "cultura:gestao_chamada_acao": lambda sec: {"pk": ChamadaFactory(secretaria=sec).pk},
    "cultura:gestao_proposta": lambda sec: {"pk": PropostaFactory(chamada=ChamadaFactory(secretaria=sec)).pk},
    "cultura:gestao_documento": lambda sec: {"pk": _documento(sec)},
    "cultura:gestao_recurso": lambda sec: {
        "pk": RecursoFactory(proposta=PropostaFactory(chamada=ChamadaFactory(secretaria=sec))).pk
    },
    "cultura:gestao_apresentacao": lambda sec: {"pk": ApresentacaoFactory(secretaria=sec).pk},
    "cultura:gestao_projeto": lambda sec: {"pk": ProjetoEspetaculoFactory(secretaria=sec).pk},
}

# rota pessoal (Minha conta) -> função(empreendedor_dono) -> kwargs; outra pessoa deve levar 404
ROTAS_PESSOAIS = {
    "cultura:artista_editar": lambda pessoa: {"pk": ArtistaFactory(responsavel=pessoa).pk},
    "cultura:artista_foto_adicionar": lambda pessoa: {"pk": ArtistaFactory(responsavel=pessoa).pk},
    "cultura:artista_foto_remover": lambda pessoa: {"pk": _foto(pessoa)},
    "cultura:artista_membro_adicionar": lambda pessoa: {"pk": ArtistaFactory(responsavel=pessoa).pk},
    "cultura:artista_membro_remover": lambda pessoa: {"pk": _membro(pessoa)},
    "cultura:proposta_editar": lambda pessoa: {"pk": PropostaFactory(artista=ArtistaFactory(responsavel=pessoa)).pk},
    "cultura:proposta_enviar": lambda pessoa: {"pk": PropostaFactory(artista=ArtistaFactory(responsavel=pessoa)).pk},
    "cultura:recurso_criar": lambda pessoa: {
        "pk": PropostaFactory(
            artista=ArtistaFactory(responsavel=pessoa),
            chamada=ChamadaFactory(
                estado=EstadoChamada.RESULTADO, recurso_ate=timezone.now() + datetime.timedelta(days=3)
            ),
        ).pk
    },
}

# rotas públicas por desenho (qualquer um vê). "proposta_nova" recebe o id de uma chamada
# publicada: qualquer pessoa com conta pode propor; a proposta criada é dela.
ROTAS_PUBLICAS = {
    "cultura:artista_publico",
    "cultura:chamada_publica",
    "cultura:apresentacao_publica",
    "cultura:proposta_nova",
}
