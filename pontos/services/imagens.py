"""Fotos enviadas por pessoas: validação pelo conteúdo, limpeza de metadados e miniaturas.

Regras (QUALITY.md): só JPEG, PNG ou WebP (decidido pelo conteúdo, nunca pela extensão),
até 5 MB e 40 megapixels — o tamanho é conferido no cabeçalho, ANTES de decodificar, para
barrar bombas de descompressão. A imagem é recodificada sem EXIF (nem GPS). A miniatura é
feita depois, pela tarefa ``pontos.miniatura_gerar``. Tudo passa pelo storage do Django.
"""

import hashlib
import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

TAMANHO_MAXIMO = 5 * 1024 * 1024
PIXELS_MAXIMO = 40_000_000
FORMATOS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
LADO_MINIATURA = 360

MENSAGEM_FORMATO = _("Envie uma foto em JPEG, PNG ou WebP. Este arquivo não é uma imagem nesses formatos.")
MENSAGEM_TAMANHO = _("A foto tem mais de 5 MB. Diminua o tamanho da imagem e tente de novo.")
MENSAGEM_PIXELS = _("A foto é grande demais (mais de 40 megapixels). Diminua a resolução e tente de novo.")
MENSAGEM_CORROMPIDA = _("Não foi possível ler a foto: o arquivo parece estar corrompido. Tente outra imagem.")


def _abrir(arquivo):
    """Abre só o cabeçalho (sem decodificar) e confere formato e dimensões."""
    tamanho = getattr(arquivo, "size", None)
    if tamanho is not None and tamanho > TAMANHO_MAXIMO:
        raise ValidationError(MENSAGEM_TAMANHO, code="tamanho")
    arquivo.seek(0)
    conteudo = arquivo.read(TAMANHO_MAXIMO + 1)
    if len(conteudo) > TAMANHO_MAXIMO:
        raise ValidationError(MENSAGEM_TAMANHO, code="tamanho")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            imagem = Image.open(io.BytesIO(conteudo), formats=list(FORMATOS))
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError) as erro:
        if isinstance(erro, UnidentifiedImageError):
            raise ValidationError(MENSAGEM_FORMATO, code="formato") from None
        raise ValidationError(MENSAGEM_PIXELS, code="pixels") from None
    except Exception:
        raise ValidationError(MENSAGEM_CORROMPIDA, code="corrompida") from None
    if imagem.format not in FORMATOS:
        raise ValidationError(MENSAGEM_FORMATO, code="formato")
    largura, altura = imagem.size
    if largura <= 0 or altura <= 0:
        raise ValidationError(MENSAGEM_CORROMPIDA, code="corrompida")
    if largura * altura > PIXELS_MAXIMO:
        raise ValidationError(MENSAGEM_PIXELS, code="pixels")
    return imagem


def imagem_preparar(arquivo):
    """Valida e recodifica a foto; devolve um ``ContentFile`` limpo, pronto para o storage.

    Levanta ``ValidationError`` com mensagem em pt-BR para qualquer arquivo ruim.
    """
    imagem = _abrir(arquivo)
    formato = imagem.format
    # O WeasyPrint liga globalmente a leitura de imagens truncadas ao ser importado; aqui,
    # imagem truncada é imagem corrompida.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            imagem.load()
            imagem = ImageOps.exif_transpose(imagem)
    except Image.DecompressionBombWarning:
        raise ValidationError(MENSAGEM_PIXELS, code="pixels") from None
    except Exception:
        raise ValidationError(MENSAGEM_CORROMPIDA, code="corrompida") from None
    if formato == "JPEG":
        imagem = imagem.convert("RGB")
    elif imagem.mode not in ("RGB", "RGBA", "L", "LA"):
        imagem = imagem.convert("RGBA")
    saida = io.BytesIO()
    opcoes = {"quality": 85} if formato in ("JPEG", "WEBP") else {"optimize": True}
    # Sem ``exif=`` nem ``pnginfo=``: nenhum metadado da foto original sobrevive.
    imagem.save(saida, formato, **opcoes)
    return ContentFile(saida.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATOS[formato]}")


def miniatura_de(campo):
    """Gera a miniatura (WebP, leve para celulares) de um ``ImageField`` já salvo; devolve ``ContentFile``."""
    with campo.open("rb") as origem:
        conteudo = origem.read()
    imagem = Image.open(io.BytesIO(conteudo))
    imagem.thumbnail((LADO_MINIATURA, LADO_MINIATURA))
    if imagem.mode != "RGB":
        fundo = Image.new("RGB", imagem.size, "white")
        fundo.paste(imagem.convert("RGBA"), mask=imagem.convert("RGBA").getchannel("A"))
        imagem = fundo
    saida = io.BytesIO()
    imagem.save(saida, "WEBP", quality=70, method=4)
    resumo = hashlib.sha256(conteudo).hexdigest()[:16]
    return ContentFile(saida.getvalue(), name=f"{resumo}.webp")


def produto_miniatura_gerar(*, produto_id):
    """Idempotente: se a miniatura já corresponde à foto atual, nada muda."""
    from pontos.models import Produto

    produto = Produto.objects.filter(pk=produto_id).first()
    if produto is None or not produto.foto:
        return False
    try:
        miniatura = miniatura_de(produto.foto)
    except (OSError, ValueError):
        return False
    if produto.miniatura and produto.miniatura.name.endswith(miniatura.name):
        return False
    antiga = produto.miniatura.name if produto.miniatura else ""
    produto.miniatura.save(miniatura.name, miniatura, save=False)
    Produto.objects.filter(pk=produto.pk).update(miniatura=produto.miniatura.name)
    if antiga and antiga != produto.miniatura.name:
        produto.miniatura.storage.delete(antiga)
    return True


PDF_TAMANHO_MAXIMO = 5 * 1024 * 1024
MENSAGEM_DOCUMENTO = _("Envie o comprovante em PDF, JPEG, PNG ou WebP, com até 5 MB.")


def documento_preparar(arquivo):
    """Comprovante: PDF (conferido pelo conteúdo) ou foto (limpa como as demais)."""
    tamanho = getattr(arquivo, "size", None)
    if tamanho is not None and tamanho > PDF_TAMANHO_MAXIMO:
        raise ValidationError(MENSAGEM_DOCUMENTO, code="tamanho")
    arquivo.seek(0)
    inicio = arquivo.read(5)
    arquivo.seek(0)
    if inicio == b"%PDF-":
        conteudo = arquivo.read(PDF_TAMANHO_MAXIMO + 1)
        if len(conteudo) > PDF_TAMANHO_MAXIMO:
            raise ValidationError(MENSAGEM_DOCUMENTO, code="tamanho")
        return ContentFile(conteudo, name=f"{uuid.uuid4().hex}.pdf")
    try:
        return imagem_preparar(arquivo)
    except ValidationError as erro:
        if erro.code == "formato":
            raise ValidationError(MENSAGEM_DOCUMENTO, code="formato") from None
        raise
