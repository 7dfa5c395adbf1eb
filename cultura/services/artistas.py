from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cultura.arquivos import imagem_validar
from cultura.models import Artista, FotoArtista, MembroColetivo, TipoArtista

FOTOS_MAXIMO = 12
CAMPOS = ("tipo", "nome_artistico", "linguagem", "release", "links_portfolio", "publicado")


def _conferir_nome(*, responsavel, nome, excluir=None):
    outros = Artista.objects.filter(responsavel=responsavel, nome_artistico__iexact=nome)
    if excluir is not None:
        outros = outros.exclude(pk=excluir.pk)
    if outros.exists():
        raise ValidationError({"nome_artistico": _("Você já tem um perfil artístico com este nome.")})


@transaction.atomic
def artista_criar(*, responsavel, dados):
    if responsavel is None:
        raise PermissionDenied(_("Complete o seu cadastro antes de criar um perfil artístico."))
    _conferir_nome(responsavel=responsavel, nome=dados["nome_artistico"])
    artista = Artista(responsavel=responsavel, **{c: dados[c] for c in CAMPOS if c in dados})
    artista.full_clean()
    artista.save()
    return artista


@transaction.atomic
def artista_atualizar(*, artista, dados):
    _conferir_nome(
        responsavel=artista.responsavel, nome=dados.get("nome_artistico", artista.nome_artistico), excluir=artista
    )
    for campo in CAMPOS:
        if campo in dados:
            setattr(artista, campo, dados[campo])
    artista.full_clean()
    artista.save()
    return artista


@transaction.atomic
def artista_foto_adicionar(*, artista, arquivo, legenda):
    Artista.objects.select_for_update().filter(pk=artista.pk).first()
    if artista.fotos.count() >= FOTOS_MAXIMO:
        raise ValidationError({"imagem": _("Cada perfil pode ter até %(n)s fotos.") % {"n": FOTOS_MAXIMO}})
    try:
        conteudo = imagem_validar(arquivo)
    except ValidationError as erro:
        raise ValidationError({"imagem": erro.messages}) from erro
    if not (legenda or "").strip():
        raise ValidationError({"legenda": _("Descreva a foto para quem não pode vê-la.")})
    foto = FotoArtista(artista=artista, legenda=legenda.strip())
    foto.imagem.save(conteudo.name, conteudo, save=False)
    foto.save()
    return foto


@transaction.atomic
def artista_foto_remover(*, foto):
    foto.imagem.delete(save=False)
    foto.delete()


@transaction.atomic
def membro_adicionar(*, artista, nome, funcao=""):
    if artista.tipo != TipoArtista.COLETIVO:
        raise ValidationError({"nome": _("Só coletivos têm membros. Mude o tipo do perfil para coletivo.")})
    nome = (nome or "").strip()
    if not nome:
        raise ValidationError({"nome": _("Informe o nome do membro.")})
    if artista.membros.filter(nome__iexact=nome).exists():
        raise ValidationError({"nome": _("Esta pessoa já está no coletivo.")})
    return MembroColetivo.objects.create(artista=artista, nome=nome, funcao=(funcao or "").strip())


@transaction.atomic
def membro_remover(*, membro):
    membro.delete()
