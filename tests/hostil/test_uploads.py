"""Uploads hostis contra o serviço de imagens (``pontos.services.imagens``, do ajudante "contas").

Interface: ``imagem_preparar(arquivo) -> ContentFile``; entrada ruim levanta
``django.core.exceptions.ValidationError`` com mensagem em pt-BR. Regras (QUALITY.md): só
JPEG, PNG ou WebP; ≤ 5 MB; ≤ 40 megapixels; reencodada sem EXIF nem GPS.

Enquanto o serviço não existir nesta árvore, o módulo é pulado (o integrador liga ao juntar
o branch "contas"; na main ele tem de rodar).
"""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from pontos.services import imagens


def _jpeg(tamanho=(640, 480), exif=None):
    saida = io.BytesIO()
    Image.new("RGB", tamanho, "#2e7d32").save(saida, "JPEG", quality=85, **({"exif": exif} if exif else {}))
    return saida.getvalue()


def _png_com_cabecalho(largura, altura):
    """PNG pequeno cujo cabeçalho declara ``largura`` x ``altura`` (bomba pelo cabeçalho)."""
    saida = io.BytesIO()
    Image.new("L", (1, 1)).save(saida, "PNG")
    dados = bytearray(saida.getvalue())
    inicio = dados.index(b"IHDR")
    dados[inicio + 4 : inicio + 12] = struct.pack(">II", largura, altura)
    crc = zlib.crc32(bytes(dados[inicio : inicio + 17])) & 0xFFFFFFFF
    dados[inicio + 17 : inicio + 21] = struct.pack(">I", crc)
    return bytes(dados)


def _arquivo(nome, conteudo, tipo="image/jpeg"):
    return SimpleUploadedFile(nome, conteudo, content_type=tipo)


def _rejeita(arquivo):
    with pytest.raises(ValidationError) as erro:
        imagens.imagem_preparar(arquivo)
    mensagens = " ".join(erro.value.messages)
    assert mensagens and "Invalid" not in mensagens, mensagens
    return mensagens


def test_imagem_boa_passa_e_sai_reencodada():
    limpa = imagens.imagem_preparar(_arquivo("foto.jpg", _jpeg()))
    with Image.open(io.BytesIO(limpa.read())) as img:
        assert img.format in {"JPEG", "PNG", "WEBP"}
        assert img.size[0] * img.size[1] <= 40_000_000


def test_bomba_de_descompressao_pelo_cabecalho():
    _rejeita(_arquivo("bomba.png", _png_com_cabecalho(20_000, 20_000), "image/png"))


def test_bomba_de_descompressao_real_acima_de_40_megapixels():
    saida = io.BytesIO()
    Image.new("L", (8_000, 6_000), 255).save(saida, "PNG", optimize=True)  # 48 MP, ~50 KB
    assert len(saida.getvalue()) < 1_000_000
    _rejeita(_arquivo("grande.png", saida.getvalue(), "image/png"))


@pytest.mark.parametrize(
    ("nome", "conteudo", "tipo"),
    [
        ("foto.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "image/jpeg"),
        ("foto.png", b"<html><script>alert(1)</script></html>", "image/png"),
        (
            "foto.jpg",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
            "image/jpeg",
        ),
        ("foto.webp", b"MZ\x90\x00" + b"\x00" * 200, "image/webp"),
        ("foto.jpg", _jpeg()[:200], "image/jpeg"),  # truncada
        ("foto.jpg", b"", "image/jpeg"),
    ],
    ids=["pdf-como-jpg", "html-como-png", "gif-como-jpg", "exe-como-webp", "jpeg-truncado", "vazio"],
)
def test_extensao_mentirosa_ou_arquivo_corrompido(nome, conteudo, tipo):
    _rejeita(_arquivo(nome, conteudo, tipo))


def test_arquivo_acima_de_5_mb():
    conteudo = _jpeg() + b"\x00" * (5 * 1024 * 1024 + 1)  # JPEG válido com lixo depois: > 5 MB
    _rejeita(_arquivo("enorme.jpg", conteudo))


def test_exif_com_gps_nao_sobrevive():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Câmera do Celular"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "S", 2: (23.0, 34.0, 12.0), 3: "W", 4: (46.0, 43.0, 5.0)})
    exif[ExifTags.Base.GPSInfo] = gps
    original = _jpeg(exif=exif)
    with Image.open(io.BytesIO(original)) as img:
        assert img.getexif().get_ifd(ExifTags.IFD.GPSInfo), "a imagem de teste precisa ter GPS"
    limpa = imagens.imagem_preparar(_arquivo("gps.jpg", original)).read()
    with Image.open(io.BytesIO(limpa)) as img:
        assert not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in img.getexif()
        assert "exif" not in img.info
    assert b"GPS" not in limpa and "Câmera do Celular".encode() not in limpa
