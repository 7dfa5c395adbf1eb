"""Contribuições do Cultura aos pontos de extensão do núcleo (registradas em ``apps.ready``)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cultura.models import Apresentacao, EstadoProposta, Proposta
from pontos import extensoes

LIMITE_AGENDA = 500


def agenda_apresentacoes(*, inicio, fim, ponto=None):
    consulta = Apresentacao.objects.entre(inicio, fim).select_related("ponto", "artista").order_by("inicio", "pk")
    if ponto is not None:
        consulta = consulta.filter(ponto=ponto)
    return [
        extensoes.EventoAgenda(
            titulo=f"{a.titulo} — {a.artista.nome_artistico}",
            inicio=a.inicio,
            fim=a.fim,
            tipo="apresentacao",
            programa="Cultura",
            ponto_id=a.ponto_id,
            ponto_nome=a.ponto.nome,
            url=reverse("cultura:apresentacao_publica", kwargs={"pk": a.pk}),
            descricao=a.artista.get_linguagem_display(),
        )
        for a in consulta[:LIMITE_AGENDA]
    ]


def secao_perfil_artistico(*, request, empreendedor):
    from cultura.selectors import apresentacoes_da_pessoa, artistas_da_pessoa

    return render_to_string(
        "cultura/partials/_secao_perfil.html",
        {
            "artistas": list(artistas_da_pessoa(empreendedor)),
            "minhas_apresentacoes": apresentacoes_da_pessoa(empreendedor),
        },
        request=request,
    )


def secao_propostas(*, request, empreendedor):
    from cultura.selectors import propostas_da_pessoa

    propostas = list(propostas_da_pessoa(empreendedor)[:10])
    if not propostas:
        return ""
    return render_to_string("cultura/partials/_secao_propostas.html", {"propostas": propostas}, request=request)


def pendencias_cultura(*, usuario):
    from cultura.selectors import propostas_a_avaliar, recursos_a_responder

    url = reverse("cultura:gestao_chamadas")
    return [
        extensoes.Pendencia(
            _("Propostas culturais a avaliar"), extensoes.contar_pendencias(propostas_a_avaliar(usuario=usuario)), url
        ),
        extensoes.Pendencia(
            _("Recursos de chamadas culturais a responder"),
            extensoes.contar_pendencias(recursos_a_responder(usuario=usuario)),
            url,
        ),
    ]


def atividades_cultura(*, empreendedor):
    itens = []
    propostas = (
        Proposta.objects.da_pessoa(empreendedor).exclude(estado=EstadoProposta.RASCUNHO).select_related("chamada")
    )
    for proposta in propostas:
        itens.append(
            extensoes.AtividadePessoa(
                programa="Cultura",
                descricao=_("Proposta “%(t)s” na chamada %(c)s: %(e)s")
                % {"t": proposta.titulo, "c": proposta.chamada.titulo, "e": proposta.get_estado_display()},
                data=timezone.localdate(proposta.enviada_em),
                url=reverse("cultura:proposta_editar", kwargs={"pk": proposta.pk}),
            )
        )
    apresentacoes = Apresentacao.objects.ativas().filter(artista__responsavel=empreendedor).select_related("ponto")
    for apresentacao in apresentacoes:
        itens.append(
            extensoes.AtividadePessoa(
                programa="Cultura",
                descricao=_("Apresentação “%(t)s” em %(p)s") % {"t": apresentacao.titulo, "p": apresentacao.ponto},
                data=timezone.localdate(apresentacao.inicio),
                url=apresentacao.get_absolute_url(),
            )
        )
    return itens


def registrar():
    from cultura import indicadores
    from cultura.cidade import gerar_cidade
    from cultura.demo import demo_cultura

    extensoes.agenda.registrar(agenda_apresentacoes, chave="cultura.apresentacoes")
    extensoes.minha_conta.registrar(
        extensoes.SecaoMinhaConta("cultura.perfil", gettext_lazy("Meu perfil artístico"), 40, secao_perfil_artistico)
    )
    extensoes.minha_conta.registrar(
        extensoes.SecaoMinhaConta("cultura.propostas", gettext_lazy("Minhas propostas culturais"), 41, secao_propostas)
    )
    extensoes.pendencias.registrar(pendencias_cultura, chave="cultura.pendencias")
    extensoes.atividades_pessoa.registrar(atividades_cultura, chave="cultura.atividades")
    extensoes.menu_publico.registrar(extensoes.ItemMenu("cultura", gettext_lazy("Cultura"), "cultura:inicio", 40))
    extensoes.demonstracao.registrar(demo_cultura, chave="cultura.demo")
    extensoes.geradores_cidade.registrar(gerar_cidade, chave="cultura.cidade")
    for indicador in indicadores.INDICADORES:
        extensoes.indicadores.registrar(indicador)
