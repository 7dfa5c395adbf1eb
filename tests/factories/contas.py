"""Arquivos de teste para contas: imagens válidas, corrompidas, enormes e com GPS no EXIF."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def imagem_bytes(formato="JPEG", tamanho=(64, 48), cor=(200, 30, 30), exif=None):
    saida = io.BytesIO()
    imagem = Image.new("RGB", tamanho, cor)
    opcoes = {"exif": exif} if exif is not None else {}
    imagem.save(saida, formato, **opcoes)
    return saida.getvalue()


def arquivo_imagem(nome="foto.jpg", formato="JPEG", **kwargs):
    tipos = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif", "BMP": "image/bmp"}
    return SimpleUploadedFile(nome, imagem_bytes(formato, **kwargs), content_type=tipos.get(formato, "image/jpeg"))


def exif_com_gps():
    exif = Image.Exif()
    exif[0x010F] = "Fabricante Indiscreto"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (23.0, 34.0, 1.0)
    gps[3] = "W"
    gps[4] = (46.0, 43.0, 2.0)
    return exif


def png_bomba(largura=10_000, altura=10_000):
    """PNG pequeno no disco que descomprime para 100 megapixels."""
    saida = io.BytesIO()
    Image.new("1", (largura, altura), 0).save(saida, "PNG", optimize=True)
    return saida.getvalue()
