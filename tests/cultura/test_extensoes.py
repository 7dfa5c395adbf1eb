"""Contribuições do Cultura aos pontos de extensão do núcleo."""

import datetime
import random
import types

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cultura import services
from cultura.cidade import gerar_cidade
from cultura.integracoes import atividades_cultura, pendencias_cultura, secao_perfil_artistico, secao_propostas
from cultura.models import Apresentacao, Artista, Chamada, EstadoChamada, MembroColetivo, Proposta
from pontos import extensoes
from pontos.models import TipoEspaco
from tests.factories import EmpreendedorFactory, EspacoFactory
from tests.factories.cultura import ArtistaFactory, PropostaFactory, RecursoFactory


def test_registros():
    assert "cultura.apresentacoes" in extensoes.agenda.chaves()
    assert {"cultura.perfil", "cultura.propostas"} <= set(extensoes.minha_conta.chaves())
    assert "cultura.pendencias" in extensoes.pendencias.chaves()
    assert "cultura.atividades" in extensoes.atividades_pessoa.chaves()
    assert "cultura" in extensoes.menu_publico.chaves()
    assert "cultura.demo" in extensoes.demonstracao.chaves()
    assert "cultura.cidade" in extensoes.geradores_cidade.chaves()
    chaves = set(extensoes.indicadores.chaves())
    assert {"cultura.apresentacoes", "cultura.publico_estimado", "cultura.caches"} <= chaves
    assert next(i for i in extensoes.indicadores if i.chave == "cultura.caches").sustentabilidade == "custo"


@pytest.mark.django_db
def test_menu_publico_tem_cultura(client):
    assert 'href="/cultura/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_minha_conta_e_atividades(artista, chamada, palco, gestor_smc):
    pessoa = artista.responsavel
    request = RequestFactory().get("/minha-conta/")
    request.user = pessoa.usuario
    assert "Coletivo Sonoro" in secao_perfil_artistico(request=request, empreendedor=pessoa)
    assert secao_propostas(request=request, empreendedor=pessoa) == ""
    PropostaFactory(chamada=chamada, artista=artista, titulo="Choro no parque")
    assert "Choro no parque" in secao_propostas(request=request, empreendedor=pessoa)
    inicio = timezone.now() + datetime.timedelta(days=2)
    services.apresentacao_criar(
        artista=artista, espaco=palco, inicio=inicio, duracao_minutos=40, titulo="Roda", por=gestor_smc
    )
    assert "Minhas próximas apresentações" in secao_perfil_artistico(request=request, empreendedor=pessoa)
    descricoes = [a.descricao for a in atividades_cultura(empreendedor=pessoa)]
    assert any("Choro no parque" in d for d in descricoes) and any("Roda" in d for d in descricoes)
    assert atividades_cultura(empreendedor=EmpreendedorFactory()) == []


@pytest.mark.django_db
def test_pendencias_no_escopo(chamada, gestor_smc, gestor_svma, avaliador_smc):
    PropostaFactory(chamada=chamada)
    Chamada.objects.filter(pk=chamada.pk).update(estado=EstadoChamada.AVALIACAO)
    assert [p.quantidade for p in pendencias_cultura(usuario=avaliador_smc)] == [1, 0]
    assert [p.quantidade for p in pendencias_cultura(usuario=gestor_svma)] == [0, 0]
    Chamada.objects.filter(pk=chamada.pk).update(estado=EstadoChamada.RESULTADO)
    RecursoFactory(proposta=PropostaFactory(chamada=chamada))
    assert [p.quantidade for p in pendencias_cultura(usuario=gestor_smc)] == [0, 1]
    assert [p.quantidade for p in pendencias_cultura(usuario=gestor_svma)] == [0, 0]


@pytest.mark.django_db
def test_perfil_membros_e_fotos_pela_tela(client, territorio):
    from tests.factories.cultura import imagem_enviada

    pessoa = EmpreendedorFactory(territorio=territorio)
    client.force_login(pessoa.usuario)
    resposta = client.post(
        reverse("cultura:artista_novo"),
        {
            "tipo": "coletivo",
            "nome_artistico": "Maracatu do Morro",
            "linguagem": "cultura_popular",
            "release": "Batuque.",
            "publicado": "on",
        },
    )
    artista = Artista.objects.get(responsavel=pessoa)
    assert resposta.url == reverse("cultura:artista_editar", kwargs={"pk": artista.pk})
    client.post(
        reverse("cultura:artista_membro_adicionar", kwargs={"pk": artista.pk}), {"nome": "Dona Nena", "funcao": "voz"}
    )
    resposta = client.post(
        reverse("cultura:artista_membro_adicionar", kwargs={"pk": artista.pk}), {"nome": "dona nena"}
    )
    assert resposta.status_code == 400 and "já está no coletivo" in resposta.content.decode()
    client.post(
        reverse("cultura:artista_foto_adicionar", kwargs={"pk": artista.pk}),
        {"imagem": imagem_enviada(), "legenda": "Cortejo"},
    )
    pagina = client.get(artista.get_absolute_url()).content.decode()
    assert "Dona Nena" in pagina and 'alt="Cortejo"' in pagina
    membro = MembroColetivo.objects.get()
    client.post(reverse("cultura:artista_membro_remover", kwargs={"pk": membro.pk}))
    assert not MembroColetivo.objects.exists()


@pytest.mark.django_db
def test_sem_cadastro_vai_para_o_perfil(client, cidadao):
    client.force_login(cidadao)
    resposta = client.get(reverse("cultura:artista_novo"))
    assert resposta.status_code == 302 and resposta.url.startswith(reverse("pontos:perfil_editar"))


@pytest.mark.django_db
def test_gerador_da_cidade(smc, casa_cultura):
    EspacoFactory(ponto=casa_cultura, nome="Palco", tipo=TipoEspaco.PALCO)
    pessoas = [EmpreendedorFactory().pk for _ in range(80)]
    contexto = types.SimpleNamespace(
        aleatorio=random.Random(1),
        escala="bairro",
        pontos=[casa_cultura.pk],
        empreendedores=pessoas,
        secretarias={"smc": smc.pk},
        inicio=datetime.date(2026, 1, 1),
        fim=datetime.date(2026, 2, 28),
        log=lambda msg: None,
    )
    gerar_cidade(contexto=contexto)
    assert Artista.objects.count() == 2
    assert Chamada.objects.count() == 2 and Proposta.objects.count() == 4
    assert Apresentacao.objects.count() == 2 * 9  # 9 sábados, 2 por dia


@pytest.fixture
def oficina_na_agenda(casa_cultura, artista):
    """Uma fonte de agenda de outro programa (como a formação) com uma oficina artística
    conduzida pela conta responsável pelo ``artista``."""
    inicio = timezone.now() + datetime.timedelta(days=4)

    def fonte(*, inicio_agenda=None, fim=None, ponto=None):
        return [
            extensoes.EventoAgenda(
                titulo="Oficina: Percussão com sucata",
                inicio=inicio,
                fim=inicio + datetime.timedelta(hours=2),
                tipo="oficina",
                programa="Formação",
                ponto_id=casa_cultura.pk,
                ponto_nome=casa_cultura.nome,
                descricao="Instrutor(a): Coletivo Sonoro",
                vagas=12,
                concede=("formacao_artistica",),
                participantes=8,
                responsaveis=(artista.responsavel.usuario_id,),
            )
        ]

    extensoes.agenda.registrar(
        lambda *, inicio, fim, ponto=None: fonte(inicio_agenda=inicio, fim=fim, ponto=ponto), chave="teste.oficinas"
    )
    yield inicio
    extensoes.agenda.remover("teste.oficinas")


@pytest.mark.django_db
def test_oficinas_pela_agenda_sem_importar_formacao(client, artista, oficina_na_agenda, casa_cultura):
    from cultura import indicadores

    pagina = client.get(artista.get_absolute_url()).content.decode()
    assert "Oficinas com este artista" in pagina and "Percussão com sucata" in pagina
    outro = ArtistaFactory(nome_artistico="Trio Jacarandá")
    pagina = client.get(outro.get_absolute_url()).content.decode()
    assert "Oficinas com este artista" not in pagina and "Percussão com sucata" in pagina
    assert "Percussão com sucata" in client.get(reverse("cultura:inicio")).content.decode()
    dia = timezone.localdate()
    valores = indicadores.oficinas_artisticas(inicio=dia, fim=dia + datetime.timedelta(days=10))
    assert [(v.valor, v.ponto_id) for v in valores] == [(1, casa_cultura.pk)]
    participantes = indicadores.participantes_oficinas(inicio=dia, fim=dia + datetime.timedelta(days=10))
    assert [(v.valor, v.ponto_id) for v in participantes] == [(8, casa_cultura.pk)]
