"""Fotos: formato pelo conteúdo, limites de tamanho e pixels, EXIF removido, miniatura idempotente."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pontos.models import Produto, TarefaPendente
from pontos.services import imagens
from tests.factories import EmpreendedorFactory, ProdutoFactory
from tests.factories.contas import arquivo_imagem, exif_com_gps, imagem_bytes, png_bomba


@pytest.fixture
def tarefas_na_hora():
    """Roda as tarefas Celery no próprio processo (no passe PostgreSQL+Redis não há worker aqui)."""
    from celery import current_app

    antes = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = antes


@pytest.mark.parametrize("formato", ["JPEG", "PNG", "WEBP"])
def test_formatos_aceitos_sao_recodificados(formato):
    limpo = imagens.imagem_preparar(arquivo_imagem("x.bin", formato))
    assert Image.open(io.BytesIO(limpo.read())).format == formato
    assert limpo.name.endswith(imagens.FORMATOS[formato])


def test_extensao_mentirosa_vale_o_conteudo():
    # .jpg que na verdade é GIF: recusado; .png que é JPEG: aceito e salvo como JPEG.
    with pytest.raises(ValidationError) as erro:
        imagens.imagem_preparar(arquivo_imagem("foto.jpg", "GIF"))
    assert "JPEG, PNG ou WebP" in str(erro.value.messages[0])
    limpo = imagens.imagem_preparar(arquivo_imagem("foto.png", "JPEG"))
    assert limpo.name.endswith(".jpg")


def test_texto_com_extensao_de_imagem_e_recusado():
    falso = SimpleUploadedFile("foto.jpg", b"<?php echo 'oi'; ?>" * 10, content_type="image/jpeg")
    with pytest.raises(ValidationError) as erro:
        imagens.imagem_preparar(falso)
    assert erro.value.code == "formato"


def test_jpeg_corrompido():
    bom = imagem_bytes("JPEG", tamanho=(300, 300))
    corrompido = SimpleUploadedFile("foto.jpg", bom[: len(bom) // 3], content_type="image/jpeg")
    with pytest.raises(ValidationError) as erro:
        imagens.imagem_preparar(corrompido)
    assert erro.value.code == "corrompida"
    assert "corrompido" in str(erro.value.messages[0])


def test_arquivo_acima_de_5_mb():
    grande = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10), content_type="image/jpeg")
    with pytest.raises(ValidationError) as erro:
        imagens.imagem_preparar(grande)
    assert erro.value.code == "tamanho"
    assert "5 MB" in str(erro.value.messages[0])


def test_bomba_de_descompressao_barrada_antes_de_decodificar(monkeypatch):
    bomba = png_bomba()
    assert len(bomba) < 200_000  # pequena no disco, 100 megapixels na memória
    decodificou = []
    original = Image.Image.load
    monkeypatch.setattr(Image.Image, "load", lambda self: decodificou.append(1) or original(self))
    with pytest.raises(ValidationError) as erro:
        imagens.imagem_preparar(SimpleUploadedFile("bomba.png", bomba, content_type="image/png"))
    assert erro.value.code == "pixels"
    assert "40 megapixels" in str(erro.value.messages[0])
    assert not decodificou


def test_exif_com_gps_e_removido():
    original = imagem_bytes("JPEG", exif=exif_com_gps())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # o original tem GPS
    limpo = imagens.imagem_preparar(SimpleUploadedFile("gps.jpg", original, content_type="image/jpeg"))
    conteudo = limpo.read()
    recodificada = Image.open(io.BytesIO(conteudo))
    assert not recodificada.getexif()
    assert b"Fabricante Indiscreto" not in conteudo
    assert b"Exif" not in conteudo[:200]


@pytest.mark.django_db
def test_miniatura_gerada_pela_tarefa_e_idempotente(tarefas_na_hora, django_capture_on_commit_callbacks):
    from pontos.services.contas import produto_salvar

    pessoa = EmpreendedorFactory()
    foto = imagens.imagem_preparar(arquivo_imagem(tamanho=(1200, 900)))
    with django_capture_on_commit_callbacks(execute=True):
        produto = produto_salvar(empreendedor=pessoa, dados={"nome": "Bolo", "categoria": "outros"}, foto=foto)
    assert TarefaPendente.objects.filter(
        tarefa="pontos.miniatura_gerar", argumentos={"produto_id": produto.pk}
    ).exists()
    produto.refresh_from_db()
    assert produto.miniatura  # Celery eager nos testes: a tarefa já rodou depois do commit
    with produto.miniatura.open("rb") as arquivo:
        assert max(Image.open(arquivo).size) == imagens.LADO_MINIATURA
    nome = produto.miniatura.name
    assert imagens.produto_miniatura_gerar(produto_id=produto.pk) is False
    produto.refresh_from_db()
    assert produto.miniatura.name == nome
    assert imagens.produto_miniatura_gerar(produto_id=999_999) is False


@pytest.mark.django_db
def test_tarefa_celery_registrada():
    from pontos.tasks import miniatura_gerar

    produto = ProdutoFactory()
    assert miniatura_gerar.name == "pontos.miniatura_gerar"
    assert miniatura_gerar(produto_id=produto.pk) is False  # sem foto: nada a fazer


def test_documento_pdf_e_imagem_aceitos_outros_nao():
    pdf = SimpleUploadedFile("c.pdf", b"%PDF-1.4\n%...\n", content_type="application/pdf")
    assert imagens.documento_preparar(pdf).name.endswith(".pdf")
    assert imagens.documento_preparar(arquivo_imagem("c.jpg")).name.endswith(".jpg")
    with pytest.raises(ValidationError) as erro:
        imagens.documento_preparar(SimpleUploadedFile("c.pdf", b"MZ\x90\x00" * 50, content_type="application/pdf"))
    assert "PDF" in str(erro.value.messages[0])


@pytest.mark.django_db
def test_formulario_de_produto_com_foto_ruim_nao_salva_nada(client):
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    resposta = client.post(
        "/minha-conta/produtos/novo/",
        {
            "nome": "Cesto de palha",
            "categoria": "artesanato",
            "preco_referencia": "35,50",
            "publicado": "on",
            "foto": SimpleUploadedFile("cesto.jpg", b"isto nao e imagem", content_type="image/jpeg"),
        },
    )
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "JPEG, PNG ou WebP" in html
    assert 'value="Cesto de palha"' in html
    assert 'value="35,50"' in html
    assert not Produto.objects.exists()
    assert not TarefaPendente.objects.exists()


@pytest.mark.django_db
def test_formulario_de_produto_com_foto_boa(tarefas_na_hora, client, django_capture_on_commit_callbacks):
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    with django_capture_on_commit_callbacks(execute=True):
        resposta = client.post(
            "/minha-conta/produtos/novo/",
            {
                "nome": "Cesto",
                "categoria": "artesanato",
                "preco_referencia": "1.234,56",
                "publicado": "on",
                "foto": arquivo_imagem("cesto.webp", "WEBP", exif=exif_com_gps()),
            },
        )
    assert resposta.status_code == 302
    produto = Produto.objects.get()
    assert str(produto.preco_referencia) == "1234.56"
    assert produto.foto.name.startswith("produtos/") and produto.foto.name.endswith(".webp")
    assert produto.miniatura
