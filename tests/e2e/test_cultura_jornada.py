"""Jornada do Cultura no Chromium: equipe publica a chamada → artista envia → avaliação →
resultado → recurso → resultado final → a apresentação selecionada aparece na agenda pública e
na página do Ponto. axe em cada página."""

import datetime
import re

import pytest
from django.utils import timezone

from cultura.models import Chamada, EstadoChamada
from pontos.models import Papel, TipoEspaco
from tests.e2e.conftest import Visita
from tests.factories import (
    EmpreendedorFactory,
    EspacoFactory,
    PontoFactory,
    SecretariaFactory,
    UsuarioFactory,
    VinculoFactory,
)
from tests.factories.cultura import ArtistaFactory, ChamadaFactory, DocumentoExigidoFactory, PropostaFactory


def _aba(navegador, live_server, usuario=None):
    """Uma aba; com ``usuario``, já entra com a sessão dele (o login em si é testado pelo núcleo)."""
    contexto = navegador.new_context(viewport={"width": 1280, "height": 900}, locale="pt-BR")
    if usuario is not None:
        from django.conf import settings
        from django.test import Client

        cliente = Client()
        cliente.force_login(usuario)
        contexto.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cliente.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return Visita(contexto.new_page(), live_server.url), contexto


def _clicar(visita, nome):
    visita.page.get_by_role("button", name=nome, exact=True).click()
    visita.page.wait_for_load_state("load")
    visita.conferir_acessibilidade()


def _dar_notas(visita, pk, notas):
    visita.ir(f"/cultura/gestao/propostas/{pk}/")
    for criterio, nota in notas.items():
        visita.page.get_by_label(f"Nota — {criterio}").fill(nota)
    _clicar(visita, "Concluir avaliação")
    assert "Avaliação concluída" in visita.page.content()


@pytest.mark.django_db(transaction=True)
def test_jornada_da_chamada_ate_a_agenda(navegador, live_server, tmp_path):
    smc = SecretariaFactory(sigla="smc", nome="Secretaria Municipal de Cultura")
    SecretariaFactory(sigla="smdet", nome="Secretaria Municipal de Desenvolvimento Econômico e Trabalho")
    SecretariaFactory(sigla="sgm", nome="Secretaria de Governo", eh_governo=True)
    casa = PontoFactory(nome="Casa de Cultura do Butantã", slug="casa-de-cultura", secretaria=smc)
    EspacoFactory(ponto=casa, nome="Teatro", tipo=TipoEspaco.PALCO)
    gestor = UsuarioFactory(email="gestora.smc@exemplo.org", nome="Gestora SMC", is_staff=True)
    VinculoFactory(usuario=gestor, secretaria=smc, papel=Papel.GESTOR)
    artista_usuario = UsuarioFactory(email="artista@exemplo.org", nome="Rosângela Araújo")
    EmpreendedorFactory(usuario=artista_usuario, nome="Rosângela Araújo")
    chamada = ChamadaFactory(
        secretaria=smc,
        titulo="Cultura nas Feiras 2027",
        estado=EstadoChamada.RASCUNHO,
        vagas=1,
        cache_valor="800.00",
        criterios=[("Qualidade artística", 2), ("Relação com o território", 1)],
    )
    DocumentoExigidoFactory(chamada=chamada, nome="Portfólio")
    chamada.avaliadores.add(gestor)
    concorrente = PropostaFactory(
        chamada=chamada, artista=ArtistaFactory(nome_artistico="Banda Rival"), titulo="Rock rival"
    )

    # 1. A equipe da SMC publica a chamada.
    equipe, contexto_equipe = _aba(navegador, live_server, gestor)
    equipe.ir(f"/cultura/gestao/chamadas/{chamada.pk}/")
    _clicar(equipe, "Publicar chamada")
    assert "Chamada publicada" in equipe.page.content()

    # 2. A artista cria o perfil artístico e envia a proposta com o portfólio em PDF.
    visita, contexto_artista = _aba(navegador, live_server, artista_usuario)
    page = visita.ir("/cultura/minha-conta/perfil/novo/")
    page.get_by_label("Tipo").select_option("coletivo")
    page.get_by_label("Nome artístico").fill("Cia. Bonecas da Rô")
    page.get_by_label("Linguagem").select_option("teatro")
    page.get_by_label("Release").fill("Teatro de bonecos de pano para famílias.")
    _clicar(visita, "Salvar perfil")
    assert "Perfil artístico criado" in page.content()
    visita.ir(f"/cultura/chamadas/{chamada.pk}/")
    page.get_by_role("link", name="Enviar proposta").click()
    visita.conferir_acessibilidade()
    page.get_by_label("Título da proposta").fill("Histórias de pano")
    page.get_by_label("Descrição da proposta").fill("Espetáculo de 40 minutos com bonecos.")
    _clicar(visita, "Salvar rascunho")
    assert "Rascunho salvo" in page.content()
    pdf = tmp_path / "portfolio.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    page.get_by_label("Arquivo").set_input_files(str(pdf))
    _clicar(visita, "Enviar documento")
    assert "Documento enviado" in page.content()
    _clicar(visita, "Enviar proposta")
    assert "Proposta enviada!" in page.content()
    proposta_pk = int(re.search(r"/propostas/(\d+)/", page.url).group(1))

    # 3. O prazo termina; a equipe encerra as inscrições e avalia.
    Chamada.objects.filter(pk=chamada.pk).update(encerramento=timezone.now() - datetime.timedelta(minutes=1))
    equipe.ir(f"/cultura/gestao/chamadas/{chamada.pk}/")
    _clicar(equipe, "Encerrar inscrições e começar a avaliação")
    _dar_notas(equipe, concorrente.pk, {"Qualidade artística": "9", "Relação com o território": "9"})
    _dar_notas(equipe, proposta_pk, {"Qualidade artística": "7", "Relação com o território": "8"})

    # 4. Resultado preliminar publicado na página pública.
    equipe.ir(f"/cultura/gestao/chamadas/{chamada.pk}/")
    _clicar(equipe, "Publicar resultado preliminar")
    publica = visita.ir(f"/cultura/chamadas/{chamada.pk}/")
    assert "Resultado preliminar" in publica.content() and "Histórias de pano" in publica.content()

    # 5. A artista recorre.
    page = visita.ir(f"/cultura/minha-conta/propostas/{proposta_pk}/")
    assert "Não selecionada" in page.content()
    page.get_by_label("Motivo do recurso").fill("A nota de território não considerou as oficinas que damos no bairro.")
    _clicar(visita, "Enviar recurso")
    assert "Recurso enviado" in page.content()

    # 6. A equipe defere o recurso com nota revista; o prazo termina; resultado final.
    equipe.ir(f"/cultura/gestao/chamadas/{chamada.pk}/")
    equipe.page.get_by_role("link", name="responder").click()
    equipe.conferir_acessibilidade()
    equipe.page.get_by_role("radio", name="Deferido", exact=True).check()
    equipe.page.get_by_label("Resposta ao proponente").fill("Deferido: as oficinas contam para o território.")
    equipe.page.get_by_label("Nota revista (se deferido)").fill("9.5")
    _clicar(equipe, "Registrar resposta")
    assert "Resposta registrada" in equipe.page.content()
    Chamada.objects.filter(pk=chamada.pk).update(recurso_ate=timezone.now() - datetime.timedelta(minutes=1))
    equipe.ir(f"/cultura/gestao/chamadas/{chamada.pk}/")
    _clicar(equipe, "Publicar resultado final")
    assert "Resultado final publicado" in equipe.page.content()
    publica = visita.ir(f"/cultura/chamadas/{chamada.pk}/")
    assert "Resultado final" in publica.content()
    page = visita.ir(f"/cultura/minha-conta/propostas/{proposta_pk}/")
    assert "Selecionada" in page.content() and "Deferido" in page.content()

    # 7. A equipe marca a apresentação da proposta selecionada no Teatro da Casa de Cultura.
    equipe.page.get_by_role("link", name=re.compile("Marcar apresentação")).click()
    equipe.conferir_acessibilidade()
    dia = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate().weekday()) % 7 or 7)
    equipe.page.get_by_label("Palco ou sala").select_option(label="Casa de Cultura do Butantã — Teatro")
    equipe.page.get_by_label("Data").fill(dia.isoformat())
    equipe.page.get_by_label("Início").fill("11:00")
    equipe.page.get_by_label("Duração (minutos)").fill("50")
    _clicar(equipe, "Marcar e reservar")
    assert "Apresentação marcada" in equipe.page.content()
    contexto_equipe.close()
    contexto_artista.close()

    # 8. Qualquer pessoa vê a apresentação na agenda pública e na página do Ponto.
    anonimo, contexto_anonimo = _aba(navegador, live_server)
    agenda = anonimo.ir("/agenda/")
    assert "Histórias de pano — Cia. Bonecas da Rô" in agenda.content()
    ponto = anonimo.ir("/pontos/casa-de-cultura/")
    assert "Histórias de pano" in ponto.content()
    ponto.get_by_role("link", name=re.compile("Histórias de pano")).first.click()
    anonimo.conferir_acessibilidade()
    assert "Teatro" in anonimo.page.content() and dia.strftime("%d/%m/%Y") in anonimo.page.content()
    anonimo.ir("/cultura/artistas/")
    anonimo.page.get_by_role("link", name="Cia. Bonecas da Rô").click()
    anonimo.conferir_acessibilidade()
    assert "Histórias de pano" in anonimo.page.content()
    contexto_anonimo.close()


@pytest.mark.django_db(transaction=True)
def test_paginas_publicas_no_celular(visita_celular):
    """Celular (375 px): início do Cultura, artista, chamada e apresentação, com axe."""
    smc = SecretariaFactory(sigla="smc", nome="Secretaria Municipal de Cultura")
    casa = PontoFactory(nome="Casa de Cultura do Butantã", slug="casa-de-cultura", secretaria=smc)
    palco = EspacoFactory(ponto=casa, nome="Teatro", tipo=TipoEspaco.PALCO)
    artista = ArtistaFactory(nome_artistico="Coletivo Estampa Sonora", tipo="coletivo")
    chamada = ChamadaFactory(secretaria=smc, titulo="Cultura nas Feiras")
    from tests.factories.cultura import ApresentacaoFactory

    apresentacao = ApresentacaoFactory(
        artista=artista, ponto=casa, espaco=palco, secretaria=smc, titulo="Samba de roda"
    )
    for caminho in [
        "/cultura/",
        "/cultura/artistas/",
        f"/cultura/artistas/{artista.pk}/",
        "/cultura/chamadas/",
        f"/cultura/chamadas/{chamada.pk}/",
    ]:
        pagina = visita_celular.ir(caminho)
        largura = pagina.evaluate("document.querySelector('main').scrollWidth")
        assert largura <= 375, (caminho, largura)
    pagina = visita_celular.ir(f"/cultura/apresentacoes/{apresentacao.pk}/")
    assert "Samba de roda" in pagina.content() and "Teatro" in pagina.content()
