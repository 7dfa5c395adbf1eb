"""Dados de demonstração das feiras no Butantã (idempotente)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from feiras import services
from feiras.models import Banca, CategoriaFeira, Feira, Inscricao, LayoutBancas, RelatoVendas, StatusFeira
from pontos.models import CategoriaProduto, Papel, Qualificacao, TipoEspaco, TipoQualificacao

CATEGORIAS = [
    (CategoriaProduto.ARTESANATO, 8, [], []),
    (CategoriaProduto.ALIMENTOS_PRONTOS, 5, ["cpf", "telefone"], [TipoQualificacao.BOAS_PRATICAS]),
    (CategoriaProduto.PRODUTOS_NATURAIS, 4, [], []),
    (CategoriaProduto.HORTIFRUTI, 4, [], []),
]


def _proximo_sabado(dias):
    dia = timezone.localdate() + datetime.timedelta(days=dias)
    return dia + datetime.timedelta(days=(5 - dia.weekday()) % 7)


def _layout(ponto, secretaria, quantidade, colunas):
    layout, _criado = LayoutBancas.objects.get_or_create(
        ponto=ponto, defaults={"secretaria": secretaria, "colunas": colunas, "linhas": (quantidade // colunas) + 1}
    )
    if not layout.bancas.exists():
        categorias = [c for c, cota, _p, _q in CATEGORIAS for _ in range(cota)]
        bancas = []
        for i in range(quantidade):
            bancas.append(
                Banca(
                    layout=layout,
                    numero=i + 1,
                    x=i % colunas + 1,
                    y=i // colunas + 1,
                    categoria=categorias[i] if i < len(categorias) else "",
                )
            )
        Banca.objects.bulk_create(bancas)
    return layout


def _feira(*, demo, slug, titulo, tema, data, abrem, fecham, gestor):
    ponto = demo.pontos[slug]
    existente = Feira.objects.filter(ponto=ponto, titulo=titulo).first()
    if existente:
        return existente
    espaco = demo.espacos[(slug, TipoEspaco.AREA_FEIRA)]
    for tentativa in range(4):  # se outro programa já reservou o dia, tenta a semana seguinte
        try:
            [feira] = services.feira_criar(
                por=gestor,
                ponto=ponto,
                espaco=espaco,
                titulo=titulo,
                tema=tema,
                descricao="Feira de economia solidária com produtores e artesãos do Butantã, música e oficinas.",
                data=data + datetime.timedelta(days=7 * tentativa),
                hora_inicio=datetime.time(10),
                hora_fim=datetime.time(16),
                inscricoes_abrem=abrem,
                inscricoes_fecham=fecham,
                secretaria=demo.secretarias["smdet"],
            )
            break
        except ValidationError:
            if tentativa == 3:
                raise
    for categoria, cota, perfil, qualificacoes in CATEGORIAS:
        CategoriaFeira.objects.get_or_create(
            feira=feira,
            categoria=categoria,
            defaults={"cota": cota, "requisitos_perfil": perfil, "qualificacoes_exigidas": qualificacoes},
        )
    return feira


def demo_feiras(*, demo):
    gestor = demo.equipe[("smdet", Papel.GESTOR)]
    smdet = demo.secretarias["smdet"]
    agora = timezone.now()
    _layout(demo.pontos["casa-de-cultura-butanta"], smdet, 25, 7)
    _layout(demo.pontos["parque-do-jockey"], smdet, 40, 10)
    _feira(
        demo=demo,
        slug="casa-de-cultura-butanta",
        titulo="Feira Cultural da Casa de Cultura",
        tema="Sabores e saberes do Butantã",
        data=_proximo_sabado(14),
        abrem=agora - datetime.timedelta(days=1),
        fecham=agora + datetime.timedelta(days=9),
        gestor=gestor,
    )
    _feira(
        demo=demo,
        slug="parque-do-jockey",
        titulo="Feira do Parque do Jockey",
        tema="Da horta à mesa",
        data=_proximo_sabado(21),
        abrem=agora - datetime.timedelta(days=1),
        fecham=agora + datetime.timedelta(days=16),
        gestor=gestor,
    )
    # Maria tem Boas Práticas; Antônio (alimentos) não: mostra a recusa explicada.
    maria = demo.pessoas[0]
    Qualificacao.objects.get_or_create(
        empreendedor=maria,
        referencia="demo-feiras-boas-praticas",
        defaults={
            "tipo": TipoQualificacao.BOAS_PRATICAS,
            "origem": "Curso de Boas Práticas — CRESAN Butantã",
            "valida_de": timezone.localdate() - datetime.timedelta(days=60),
        },
    )
    _feira_passada(demo=demo, gestor=gestor)


def _feira_passada(*, demo, gestor):
    """Uma edição já realizada, com presenças e vendas, para os indicadores terem o que mostrar."""
    data = timezone.localdate() - datetime.timedelta(days=(timezone.localdate().weekday() + 2) % 7 + 7)
    agora = timezone.now()
    feira = _feira(
        demo=demo,
        slug="casa-de-cultura-butanta",
        titulo="Feira Cultural da Casa de Cultura (edição anterior)",
        tema="Primavera solidária",
        data=data,
        abrem=agora - datetime.timedelta(days=40),
        fecham=agora - datetime.timedelta(days=20),
        gestor=gestor,
    )
    if feira.alocada_em:
        return
    categorias = {c.categoria: c for c in feira.categorias.all()}
    for pessoa in demo.pessoas[:8]:
        categoria = categorias.get(pessoa.categorias[0] if pessoa.categorias else "") or categorias["artesanato"]
        Inscricao.objects.get_or_create(
            feira=feira, empreendedor=pessoa, defaults={"categoria": categoria, "produtos": pessoa.descricao[:200]}
        )
    services.alocacao_executar(feira=feira, semente="demo-butanta")
    for indice, inscricao in enumerate(Inscricao.objects.filter(feira=feira, status="aprovada").order_by("pk")):
        if indice == 5:
            services.ausencia_registrar(inscricao=inscricao, por=None)
            continue
        services.checkin_registrar(inscricao=inscricao, por=None)
        RelatoVendas.objects.get_or_create(
            inscricao=inscricao,
            defaults={"valor_bruto": Decimal(180 + indice * 45), "pix": True, "dinheiro": indice % 2 == 0},
        )
    Feira.objects.filter(pk=feira.pk).update(status=StatusFeira.REALIZADA)
