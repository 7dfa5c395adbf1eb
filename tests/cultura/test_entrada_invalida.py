"""Entrada inválida: mensagem pt-BR junto ao campo, valores mantidos, nada salvo, nunca 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cultura.arquivos import TAMANHO_MAXIMO
from cultura.models import Artista, DocumentoProposta, FotoArtista
from tests.factories.cultura import DocumentoExigidoFactory, imagem_enviada, pdf_enviado


@pytest.fixture
def rascunho(client, chamada, artista):
    from cultura import services

    client.force_login(artista.responsavel.usuario)
    exigido = DocumentoExigidoFactory(chamada=chamada, nome="Portfólio")
    proposta = services.proposta_salvar(
        chamada=chamada, artista=artista, titulo="Forró", resumo="Show", pessoa=artista.responsavel
    )
    return proposta, exigido


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arquivo", "mensagem"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00binario", content_type="application/pdf"), "PDF ou como imagem"),
        (
            SimpleUploadedFile("falso.pdf", b"<html>nao sou pdf</html>", content_type="application/pdf"),
            "PDF ou como imagem",
        ),
        (
            SimpleUploadedFile("grande.pdf", b"%PDF-" + b"0" * TAMANHO_MAXIMO, content_type="application/pdf"),
            "limite é 5 MB",
        ),
        (SimpleUploadedFile("vazio.pdf", b"", content_type="application/pdf"), "vazio"),
        (imagem_enviada("anim.gif", "GIF"), "PDF ou como imagem"),
    ],
)
def test_documento_de_tipo_ou_tamanho_errado(client, rascunho, arquivo, mensagem):
    proposta, exigido = rascunho
    url = reverse("cultura:proposta_editar", kwargs={"pk": proposta.pk})
    resposta = client.post(url, {"documento": "1", "exigido": str(exigido.pk), "arquivo": arquivo})
    assert resposta.status_code == 400
    assert mensagem in resposta.content.decode()
    assert not DocumentoProposta.objects.exists()


@pytest.mark.django_db
def test_documento_valido_pdf_e_imagem(client, rascunho):
    proposta, exigido = rascunho
    url = reverse("cultura:proposta_editar", kwargs={"pk": proposta.pk})
    assert client.post(url, {"documento": "1", "exigido": str(exigido.pk), "arquivo": pdf_enviado()}).status_code == 302
    assert (
        client.post(
            url, {"documento": "1", "exigido": str(exigido.pk), "arquivo": imagem_enviada("doc.png", "PNG")}
        ).status_code
        == 302
    )
    documento = DocumentoProposta.objects.get()
    assert documento.arquivo.name.endswith(".jpg")  # imagem re-codificada, sem metadados


@pytest.mark.django_db
def test_foto_invalida_e_foto_sem_exif(client, artista):
    from PIL import Image

    client.force_login(artista.responsavel.usuario)
    url = reverse("cultura:artista_foto_adicionar", kwargs={"pk": artista.pk})
    ruim = SimpleUploadedFile("foto.jpg", b"isto nao e imagem", content_type="image/jpeg")
    resposta = client.post(url, {"imagem": ruim, "legenda": "Show"})
    assert resposta.status_code == 400 and "JPEG, PNG ou WebP" in resposta.content.decode()
    assert not FotoArtista.objects.exists()
    import io

    saida = io.BytesIO()
    imagem = Image.new("RGB", (50, 40), "red")
    exif = Image.Exif()
    exif[0x010F] = "Fabricante"
    imagem.save(saida, "JPEG", exif=exif)
    com_exif = SimpleUploadedFile("c.jpg", saida.getvalue(), content_type="image/jpeg")
    assert client.post(url, {"imagem": com_exif, "legenda": "Show"}).status_code == 302
    foto = FotoArtista.objects.get()
    with Image.open(foto.imagem.path) as gravada:
        assert not gravada.getexif()


@pytest.mark.django_db
def test_perfil_com_link_invalido_mantem_valores(client, artista):
    client.force_login(artista.responsavel.usuario)
    url = reverse("cultura:artista_novo")
    dados = {
        "tipo": "individual",
        "nome_artistico": "Trio Jacarandá",
        "linguagem": "musica",
        "release": "Choro",
        "links_texto": "javascript:alert(1)",
    }
    resposta = client.post(url, dados)
    texto = resposta.content.decode()
    assert resposta.status_code == 200 and "não é um endereço válido" in texto and "Trio Jacarandá" in texto
    assert not Artista.objects.filter(nome_artistico="Trio Jacarandá").exists()
    dados["links_texto"] = "https://video.exemplo.org/trio"
    assert client.post(url, dados).status_code == 302
    assert Artista.objects.get(nome_artistico="Trio Jacarandá").links_portfolio == ["https://video.exemplo.org/trio"]


@pytest.mark.django_db
def test_nota_fora_da_faixa_e_recurso_curto(client, chamada, gestor_smc, artista):
    import datetime

    from django.utils import timezone

    from cultura import services
    from cultura.models import Chamada
    from tests.factories.cultura import PropostaFactory

    proposta = PropostaFactory(chamada=chamada, artista=artista)
    Chamada.objects.filter(pk=chamada.pk).update(encerramento=timezone.now() - datetime.timedelta(minutes=1))
    chamada.refresh_from_db()
    services.chamada_encerrar_inscricoes(chamada=chamada, por=gestor_smc)
    client.force_login(gestor_smc)
    url = reverse("cultura:gestao_proposta", kwargs={"pk": proposta.pk})
    criterio = chamada.criterios.first()
    resposta = client.post(url, {f"nota_{criterio.pk}": "abc", "concluir": "1"})
    assert resposta.status_code == 400 and "Informe um número" in resposta.content.decode()
    resposta = client.post(url, {f"nota_{criterio.pk}": "99", "concluir": "1"})
    assert resposta.status_code == 400 and "menor ou igual a 10" in resposta.content.decode()


@pytest.mark.django_db
def test_equipe_baixa_documento_e_acesso_fica_registrado(client, rascunho, gestor_smc):
    from pontos.models import AcessoDadosPessoais

    proposta, exigido = rascunho
    url = reverse("cultura:proposta_editar", kwargs={"pk": proposta.pk})
    client.post(url, {"documento": "1", "exigido": str(exigido.pk), "arquivo": pdf_enviado()})
    documento = DocumentoProposta.objects.get()
    client.force_login(gestor_smc)
    resposta = client.get(reverse("cultura:gestao_documento", kwargs={"pk": documento.pk}))
    assert resposta.status_code == 200 and b"".join(resposta.streaming_content).startswith(b"%PDF-")
    acesso = AcessoDadosPessoais.objects.get()
    assert (acesso.usuario, acesso.empreendedor) == (gestor_smc, proposta.artista.responsavel)
