import datetime
import io
import random
import types

import pytest
from django.urls import reverse
from django.utils import timezone

from formacao import services
from formacao.cidade import gerar_cidade
from formacao.models import Certificado, Curso, EtapaFormalizacao, Matricula, Presenca, Turma
from pontos import extensoes
from pontos.demo import demo_carregar
from pontos.models import Empreendedor, Qualificacao, TipoQualificacao
from tests.factories import EmpreendedorFactory, EspacoFactory, PontoFactory
from tests.factories.formacao import encontro_criar

pytestmark = pytest.mark.django_db


def test_registros_nos_pontos_de_extensao():
    assert "formacao.agenda" in extensoes.agenda.chaves()
    assert {"formacao.meus_cursos", "formacao.formalizacao"} <= set(extensoes.minha_conta.chaves())
    assert "formacao.cursos" in extensoes.menu_publico.chaves()
    assert "formacao.taxa_conclusao" in extensoes.indicadores.chaves()
    assert "formacao.demonstracao" in extensoes.demonstracao.chaves()
    assert "formacao.cidade" in extensoes.geradores_cidade.chaves()


def test_agenda_traz_vagas_e_qualificacao_concedida(turma):
    encontro_criar(turma, dias=4)
    agora = timezone.now()
    eventos = [
        e
        for e in extensoes.eventos_agenda(inicio=agora, fim=agora + datetime.timedelta(days=30))
        if e.programa == "Formação"
    ]
    assert len(eventos) == 1
    evento = eventos[0]
    assert evento.vagas == 2 and evento.concede == (TipoQualificacao.BOAS_PRATICAS,)
    assert evento.participantes == turma.vagas_ocupadas and evento.responsaveis == ()
    assert evento.ponto_id == turma.ponto_id and evento.url == turma.curso.get_absolute_url()
    # "a próxima turma de Boas Práticas": qualquer programa filtra pelo tipo, sem importar a formação
    proxima = next(e for e in eventos if TipoQualificacao.BOAS_PRATICAS in e.concede)
    assert proxima.inicio > agora


def test_secoes_de_minha_conta(rf, turma, empreendedor):
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    request = rf.get("/minha-conta/")
    request.user = empreendedor.usuario
    secoes = dict(
        (s.chave, html) for s, html in extensoes.secoes_minha_conta(request=request, empreendedor=empreendedor)
    )
    assert turma.curso.nome in secoes["formacao.meus_cursos"]
    assert "0 de 9 passos" in secoes["formacao.formalizacao"]


def test_pendencias_da_equipe(turma, operador_smdet, gestor_svma, empreendedor):
    encontro_criar(turma, dias=-1)
    encontro_criar(turma, dias=3)
    itens = {p.titulo: p.quantidade for p in extensoes.pendencias_de(usuario=operador_smdet)}
    assert itens["Encontros com presença a lançar"] == 1
    # outra secretaria não vê as pendências das turmas da SMDET (outros programas podem ter as suas)
    assert not [
        p for p in extensoes.pendencias_de(usuario=gestor_svma) if "/formacao/" in p.url or "presença" in p.titulo
    ]
    assert extensoes.pendencias_de(usuario=empreendedor.usuario) == []


def test_turmas_comecando_so_as_que_ainda_nao_comecaram(smdet, ponto, espaco, operador_smdet):
    from tests.factories.formacao import TurmaFactory

    def turma_nova():
        return TurmaFactory(secretaria=smdet, ponto=ponto, espaco=espaco, curso__secretaria=smdet, vagas=2)

    comeca_na_semana, ja_comecou, comeca_depois = turma_nova(), turma_nova(), turma_nova()
    encontro_criar(comeca_na_semana, dias=2, hora=9)
    encontro_criar(ja_comecou, dias=-2, hora=9)
    encontro_criar(ja_comecou, dias=3, hora=9)
    encontro_criar(comeca_depois, dias=10, hora=9)
    itens = {p.titulo: p.quantidade for p in extensoes.pendencias_de(usuario=operador_smdet)}
    assert itens["Turmas começando nos próximos 7 dias"] == 1


def test_atividades_da_pessoa(turma, empreendedor):
    services.matricula_criar(turma=turma, empreendedor=empreendedor)
    services.etapa_registrar(empreendedor=empreendedor, passo="govbr", feito_em=timezone.localdate(), dado="ouro")
    descricoes = [a.descricao for a in extensoes.atividades_de(empreendedor=empreendedor)]
    assert any(turma.curso.nome in d for d in descricoes)
    assert any("gov.br" in d for d in descricoes)


def test_indicadores(turma, operador_smdet):
    turma.vagas = 5
    turma.save()
    a = services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    services.matricula_criar(turma=turma, empreendedor=EmpreendedorFactory())
    encontro = encontro_criar(turma, dias=-1)
    services.presenca_lancar(encontro=encontro, presentes=[a.pk], por=operador_smdet)
    services.turma_concluir(turma=turma, por=operador_smdet)
    hoje = timezone.localdate()
    valores = {}
    for indicador in extensoes.indicadores:
        if indicador.chave.startswith("formacao."):
            valores[indicador.chave] = indicador.fn(inicio=hoje - datetime.timedelta(days=40), fim=hoje)
    assert sum(v.valor for v in valores["formacao.matriculas"]) == 2
    assert sum(v.valor for v in valores["formacao.concluintes"]) == 1
    assert [float(v.valor) for v in valores["formacao.taxa_conclusao"]] == [50.0]
    assert sum(v.valor for v in valores["formacao.certificados"]) == 1
    assert sum(v.valor for v in valores["formacao.horas"]) == turma.curso.carga_horaria
    assert all(v.ponto_id == turma.ponto_id and v.mes.day == 1 for v in valores["formacao.certificados"])
    assert valores["formacao.taxa_formalizacao"][-1].valor == 0
    # filtro por secretaria de fora zera
    fora = next(i for i in extensoes.indicadores if i.chave == "formacao.matriculas")
    assert fora.fn(inicio=hoje - datetime.timedelta(days=40), fim=hoje, secretarias=[999999]) == []


def test_demo_idempotente():
    demo_carregar()
    contagem = (Curso.objects.count(), Turma.objects.count(), Matricula.objects.count(), Certificado.objects.count())
    demo_carregar()
    assert contagem == (
        Curso.objects.count(),
        Turma.objects.count(),
        Matricula.objects.count(),
        Certificado.objects.count(),
    )
    assert Curso.objects.filter(slug="boas-praticas-manipulacao-alimentos").exists()
    aberta = Turma.objects.get(curso__slug="boas-praticas-manipulacao-alimentos", nome="Turma aberta")
    assert aberta.vagas_restantes > 0 and aberta.encontros.count() == 4
    assert aberta.espaco.nome == "Cozinha escola"
    assert Turma.objects.get(curso__eixo="formacao_artistica").secretaria.sigla == "smc"
    assert Certificado.objects.count() >= 1
    assert Qualificacao.objects.filter(
        tipo=TipoQualificacao.BOAS_PRATICAS, referencia__startswith="formacao.certificado:"
    ).exists()


def test_gerador_cidade(smdet, smc, territorio):
    pontos = [PontoFactory(secretaria=smdet, territorio=territorio) for _ in range(3)]
    for p in pontos:
        EspacoFactory(ponto=p)
    pessoas = [EmpreendedorFactory(territorio=territorio).pk for _ in range(40)]
    saida = io.StringIO()
    hoje = datetime.date.today()
    contexto = types.SimpleNamespace(
        aleatorio=random.Random(1),
        escala="bairro",
        tamanho=types.SimpleNamespace(matriculas=200),
        pontos=[p.pk for p in pontos],
        empreendedores=pessoas,
        secretarias={"smdet": smdet.pk, "smc": smc.pk},
        inicio=hoje - datetime.timedelta(days=365),
        fim=hoje + datetime.timedelta(days=90),
        log=lambda msg: saida.write(msg + "\n"),
    )
    gerar_cidade(contexto=contexto)
    assert Matricula.objects.count() == 200
    assert Presenca.objects.exists() and EtapaFormalizacao.objects.exists()
    assert Certificado.objects.count() == Matricula.objects.filter(situacao="concluida").count()
    for turma in Turma.objects.all():
        assert turma.vagas_ocupadas <= turma.vagas
    assert Empreendedor.objects.filter(situacao_formalizacao="mei").exists()
    # a página pública aguenta o volume
    from django.test import Client

    assert Client().get(reverse("formacao:curso_lista")).status_code == 200
