"""Validação de arquivos enviados: fotos re-codificadas (sem EXIF) e documentos PDF ou imagem.

O núcleo ainda não tem ``pontos/services/imagens.py``; quando tiver, este módulo passa a usá-lo.
"""

import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

TAMANHO_MAXIMO = 5 * 1024 * 1024
MEGAPIXELS_MAXIMO = 40_000_000
LADO_MAXIMO = 1600
FORMATOS_IMAGEM = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _tamanho(arquivo):
    return getattr(arquivo, "size", None) or 0


def _conferir_tamanho(arquivo):
    if _tamanho(arquivo) > TAMANHO_MAXIMO:
        raise ValidationError(
            _("O arquivo tem %(mb)s MB; o limite é 5 MB.")
            % {"mb": f"{_tamanho(arquivo) / 1024 / 1024:.1f}".replace(".", ",")},
            code="tamanho",
        )
    if _tamanho(arquivo) == 0:
        raise ValidationError(_("O arquivo está vazio."), code="vazio")


def _abrir_imagem(arquivo):
    arquivo.seek(0)
    try:
        imagem = Image.open(arquivo)
        formato = imagem.format
        if formato not in FORMATOS_IMAGEM:
            raise ValidationError(_("Envie uma imagem JPEG, PNG ou WebP."), code="tipo")
        largura, altura = imagem.size
        if largura * altura > MEGAPIXELS_MAXIMO:
            raise ValidationError(_("A imagem é grande demais (mais de 40 megapixels)."), code="megapixels")
        imagem.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError) as erro:
        raise ValidationError(_("Envie uma imagem JPEG, PNG ou WebP."), code="tipo") from erro
    return imagem, formato


def imagem_validar(arquivo):
    """Confere tipo e tamanho e devolve um ``ContentFile`` JPEG re-codificado, sem metadados."""
    _conferir_tamanho(arquivo)
    imagem, _formato = _abrir_imagem(arquivo)
    imagem = imagem.convert("RGB")
    imagem.thumbnail((LADO_MAXIMO, LADO_MAXIMO))
    saida = io.BytesIO()
    imagem.save(saida, "JPEG", quality=85, optimize=True)
    nome = os.path.splitext(os.path.basename(getattr(arquivo, "name", "") or "foto"))[0][:60] or "foto"
    return ContentFile(saida.getvalue(), name=f"{nome}.jpg")


def documento_validar(arquivo):
    """Documento de proposta: PDF (pelo conteúdo, não pelo nome) ou imagem, até 5 MB.

    PDFs ficam como vieram; imagens são re-codificadas (sem EXIF nem GPS).
    """
    _conferir_tamanho(arquivo)
    arquivo.seek(0)
    cabecalho = arquivo.read(5)
    arquivo.seek(0)
    if cabecalho == b"%PDF-":
        nome = os.path.splitext(os.path.basename(getattr(arquivo, "name", "") or "documento"))[0][:60] or "documento"
        return ContentFile(arquivo.read(), name=f"{nome}.pdf")
    try:
        return imagem_validar(arquivo)
    except ValidationError as erro:
        if erro.code == "tipo":
            raise ValidationError(
                _("Envie o documento em PDF ou como imagem (JPEG, PNG ou WebP)."), code="tipo"
            ) from erro
        raise
