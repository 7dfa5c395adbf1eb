"""Contribuições da formação aos pontos de extensão do núcleo (registradas em ``ready()``)."""

import datetime

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from formacao import selectors, trilha
from formacao.models import (
    Certificado,
    Eixo,
    Encontro,
    EtapaFormalizacao,
    Matricula,
    SituacaoMatricula,
    SituacaoTurma,
    Turma,
)
from pontos import extensoes
from pontos.extensoes import AtividadePessoa, EventoAgenda, ItemMenu, Pendencia, SecaoMinhaConta, contar_pendencias
from pontos.gestao import eh_equipe

LIMITE_AGENDA = 300


def agenda(*, inicio, fim, ponto=None):
    """Encontros de turmas abertas; ``vagas`` e ``concede`` deixam outros programas dizerem
    "a próxima turma de Boas Práticas é em …" sem importar a formação."""
    consulta = (
        Encontro.objects.filter(inicio__gte=inicio, inicio__lt=fim, turma__situacao=SituacaoTurma.ABERTA)
        .select_related("turma__curso", "turma__ponto")
        .order_by("inicio")
    )
    if ponto is not None:
        consulta = consulta.filter(turma__ponto=ponto)
    eventos = []
    for encontro in consulta[:LIMITE_AGENDA]:
        turma, curso = encontro.turma, encontro.turma.curso
        oficina = curso.eixo == Eixo.FORMACAO_ARTISTICA
        eventos.append(
            EventoAgenda(
                titulo=(_("Oficina: %(nome)s") if oficina else _("Curso: %(nome)s")) % {"nome": curso.nome},
                inicio=encontro.inicio,
                fim=encontro.fim,
                tipo="oficina" if oficina else "curso",
                programa=str(_("Formação")),
                ponto_id=turma.ponto_id,
                ponto_nome=turma.ponto.nome,
                url=curso.get_absolute_url(),
                descricao=_("Instrutor(a): %(nome)s") % {"nome": turma.instrutor},
                vagas=turma.vagas_restantes,
                concede=(curso.concede,) if curso.concede else (),
                participantes=turma.vagas_ocupadas,
                responsaveis=(turma.instrutor_usuario_id,) if turma.instrutor_usuario_id else (),
            )
        )
    return eventos


def secao_meus_cursos(*, request, empreendedor):
    matriculas = list(selectors.matriculas_da_pessoa(empreendedor=empreendedor)[:5])
    qualificacoes = list(selectors.qualificacoes_da_pessoa(empreendedor=empreendedor)[:10])
    if not matriculas and not qualificacoes:
        return render_to_string(
            "formacao/partials/_secao_vazia.html", {"url": reverse("formacao:curso_lista")}, request=request
        )
    return render_to_string(
        "formacao/partials/_secao_meus_cursos.html",
        {"matriculas": matriculas, "qualificacoes": qualificacoes},
        request=request,
    )


def secao_formalizacao(*, request, empreendedor):
    etapas = selectors.etapas_de(empreendedor=empreendedor)
    feitos = sum(1 for e in etapas.values() if e.concluida)
    proximo = next(
        (info.titulo for info in trilha.PASSOS if not (etapas.get(info.passo) and etapas[info.passo].concluida)), ""
    )
    return render_to_string(
        "formacao/partials/_formalizacao_resumo.html",
        {"feitos": feitos, "total": len(trilha.PASSOS), "proximo": proximo},
        request=request,
    )


def pendencias(*, usuario):
    if not eh_equipe(usuario):
        return []
    agora = timezone.now()
    turmas = Turma.objects.visiveis_para(usuario).abertas()
    # Primeiro encontro na semana: tem encontro nos próximos 7 dias e nenhum antes de agora
    # (dois EXISTS pelo índice, em vez de agregar os encontros de todas as turmas abertas).
    na_semana = Encontro.objects.filter(
        turma=OuterRef("pk"), inicio__gte=agora, inicio__lte=agora + datetime.timedelta(days=7)
    )
    ja_comecou = Encontro.objects.filter(turma=OuterRef("pk"), inicio__lt=agora)
    comecando = contar_pendencias(turmas.filter(Exists(na_semana), ~Exists(ja_comecou)))
    sem_presenca = contar_pendencias(
        Encontro.objects.visiveis_para(usuario).filter(
            fim__lt=agora, presenca_lancada_em__isnull=True, turma__situacao=SituacaoTurma.ABERTA
        )
    )
    url = reverse("formacao:equipe_turmas")
    return [
        Pendencia(titulo=_("Turmas começando nos próximos 7 dias"), quantidade=comecando, url=url),
        Pendencia(titulo=_("Encontros com presença a lançar"), quantidade=sem_presenca, url=url),
    ]


def atividades(*, empreendedor):
    itens = []
    for m in (
        Matricula.objects.filter(empreendedor=empreendedor)
        .exclude(situacao=SituacaoMatricula.CANCELADA)
        .select_related("turma__curso", "turma__ponto")
    ):
        itens.append(
            AtividadePessoa(
                programa=str(_("Formação")),
                descricao=_("Matrícula em %(curso)s (%(ponto)s) — %(situacao)s")
                % {"curso": m.turma.curso.nome, "ponto": m.turma.ponto.nome, "situacao": m.get_situacao_display()},
                data=timezone.localtime(m.criada_em).date(),
                url=reverse("formacao:meus_cursos"),
            )
        )
    for c in Certificado.objects.filter(matricula__empreendedor=empreendedor, revogado_em__isnull=True):
        itens.append(
            AtividadePessoa(
                programa=str(_("Formação")),
                descricao=_("Certificado: %(curso)s (%(horas)s h)") % {"curso": c.curso_nome, "horas": c.carga_horaria},
                data=timezone.localtime(c.emitido_em).date(),
                url=reverse("formacao:meus_cursos"),
            )
        )
    for etapa in EtapaFormalizacao.objects.filter(empreendedor=empreendedor, feito_em__isnull=False):
        itens.append(
            AtividadePessoa(
                programa=str(_("Formação")),
                descricao=_("Formalização: %(passo)s") % {"passo": etapa.get_passo_display()},
                data=etapa.feito_em,
                url=reverse("formacao:formalizacao"),
            )
        )
    return itens


def registrar():
    from formacao.cidade import gerar_cidade
    from formacao.demo import demonstracao
    from formacao.indicadores import INDICADORES

    extensoes.agenda.registrar(agenda, chave="formacao.agenda")
    extensoes.minha_conta.registrar(
        SecaoMinhaConta("formacao.meus_cursos", gettext_lazy("Meus cursos"), 30, secao_meus_cursos)
    )
    extensoes.minha_conta.registrar(
        SecaoMinhaConta("formacao.formalizacao", gettext_lazy("Formalização MEI"), 40, secao_formalizacao)
    )
    extensoes.pendencias.registrar(pendencias, chave="formacao.pendencias")
    extensoes.atividades_pessoa.registrar(atividades, chave="formacao.atividades")
    extensoes.menu_publico.registrar(ItemMenu("formacao.cursos", gettext_lazy("Cursos"), "formacao:curso_lista", 30))
    extensoes.demonstracao.registrar(demonstracao, chave="formacao.demonstracao")
    extensoes.geradores_cidade.registrar(gerar_cidade, chave="formacao.cidade")
    for indicador in INDICADORES:
        extensoes.indicadores.registrar(indicador)
