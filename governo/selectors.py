"""Leituras do painel: tudo sai das tabelas de resumo, nunca das linhas de origem.

Cada visão devolve uma lista de ``Tabela`` (título, colunas, linhas, formatos). As mesmas
tabelas servem à página, aos gráficos, ao CSV/XLSX e ao PDF, então os números são os mesmos
em todo lugar. O escopo vem de ``ResumoIndicador.objects.visiveis_para(usuario)``.
"""

import dataclasses
from collections import defaultdict
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Q, Sum
from django.utils.translation import gettext as _

from governo.indicadores import CHAVE_CADASTROS, CHAVE_CUSTO, PROGRAMA_NUCLEO
from governo.models import AtualizacaoResumo, ResumoIndicador, ResumoPessoas
from governo.periodos import Periodo, rotulo_mes, somar_meses
from pontos import extensoes
from pontos.escopo import eh_governo, vinculos_de

MINIMO_CELULA = 5  # células de pessoas abaixo disto são suprimidas


@dataclasses.dataclass(frozen=True)
class InfoIndicador:
    chave: str
    titulo: str
    programa: str
    unidade: str
    sustentabilidade: str = ""

    @property
    def eh_media(self):
        return self.unidade == "%"


INFO_CUSTO = InfoIndicador(CHAVE_CUSTO, "Custo público lançado", "Governo", "R$", "custo")


def catalogo():
    """Indicadores registrados (e o custo público do próprio governo), por chave."""
    itens = {
        i.chave: InfoIndicador(i.chave, str(i.titulo), str(i.programa), i.unidade, i.sustentabilidade)
        for i in extensoes.indicadores
    }
    itens[CHAVE_CUSTO] = INFO_CUSTO
    return itens


def chaves_sustentabilidade(tipo):
    return [i.chave for i in catalogo().values() if i.sustentabilidade == tipo]


def programas():
    return sorted({i.programa for i in catalogo().values()} - {"Governo"})


@dataclasses.dataclass
class Filtros:
    periodo: Periodo
    territorio_id: int | None = None
    ponto_id: int | None = None
    programa: str = ""
    secretaria_id: int | None = None
    indicador: str = ""
    rotulos: dict = dataclasses.field(default_factory=dict)  # descrição legível de cada filtro

    @property
    def janela_serie(self):
        """Série mensal: o período, ou os 12 meses que terminam nele, o que for maior."""
        if self.periodo.quantidade_meses >= 12:
            return self.periodo
        return Periodo("personalizado", somar_meses(self.periodo.ultimo_mes, -11), self.periodo.fim)


@dataclasses.dataclass
class Tabela:
    chave: str
    titulo: str
    colunas: list
    linhas: list
    formatos: list  # por coluna: texto | numero | moeda | pct | decimal
    nota: str = ""
    grafico: str = ""  # SVG já montado (ver graficos.py), quando houver
    exibir: int = 0  # quantas linhas a página mostra (0 = todas); exportações levam todas

    @property
    def fatia(self):
        return f":{self.exibir}" if self.exibir else ":"

    @property
    def cortada(self):
        return bool(self.exibir) and len(self.linhas) > self.exibir


@dataclasses.dataclass
class Destaque:
    chave: str
    titulo: str
    programa: str
    unidade: str
    valor: Decimal | None
    anterior: Decimal | None

    @property
    def variacao(self):
        if self.valor is None or not self.anterior:
            return None
        return (Decimal(self.valor) - Decimal(self.anterior)) / abs(Decimal(self.anterior)) * 100


def pode_ver_painel(usuario):
    return bool(getattr(usuario, "is_authenticated", False) and (usuario.is_superuser or vinculos_de(usuario)))


def ve_pessoas(usuario):
    """Coortes e equidade (contagens de pessoas do programa inteiro) são do Governo."""
    return eh_governo(usuario)


CHAVE_ULTIMA_ATUALIZACAO = "governo:ultima_atualizacao"


def ultima_atualizacao():
    """A última reconstrução concluída do resumo; guardada no cache por um minuto (o painel a lê a
    cada pedido) e esquecida quando uma nova termina (``services._reconstruir``)."""
    atualizacao = cache.get(CHAVE_ULTIMA_ATUALIZACAO)
    if atualizacao is None:
        atualizacao = AtualizacaoResumo.objects.filter(concluida_em__isnull=False).order_by("-concluida_em").first()
        if atualizacao is not None:
            cache.set(CHAVE_ULTIMA_ATUALIZACAO, atualizacao, 60)
    return atualizacao


def resumo_base(*, usuario, filtros):
    consulta = ResumoIndicador.objects.visiveis_para(usuario)
    if filtros.territorio_id:
        consulta = consulta.filter(territorio_id=filtros.territorio_id)
    if filtros.ponto_id:
        consulta = consulta.filter(ponto_id=filtros.ponto_id)
    if filtros.programa:
        consulta = consulta.filter(programa=filtros.programa)
    if filtros.secretaria_id:
        consulta = consulta.filter(secretaria_id=filtros.secretaria_id)
    return consulta


def pessoas_base(*, filtros):
    consulta = ResumoPessoas.objects.all()
    if filtros.territorio_id:
        consulta = consulta.filter(territorio_id=filtros.territorio_id)
    if filtros.ponto_id:
        consulta = consulta.filter(ponto_id=filtros.ponto_id)
    return consulta


def _pessoas_aplicaveis(usuario, filtros):
    return ve_pessoas(usuario) and not filtros.secretaria_id and filtros.programa in ("", PROGRAMA_NUCLEO)


def _agregado(info, campo="valor", filtro=None):
    return (Avg if info is not None and info.eh_media else Sum)(campo, filter=filtro)


def destaques(*, usuario, filtros):
    """Total de cada indicador no período e no período anterior (uma consulta)."""
    atual, anterior = filtros.periodo, filtros.periodo.anterior()
    cat = catalogo()
    linhas = (
        resumo_base(usuario=usuario, filtros=filtros)
        .filter(mes__gte=anterior.inicio, mes__lte=atual.fim)
        .values("chave")
        .annotate(
            soma_atual=Sum("valor", filter=Q(mes__gte=atual.inicio)),
            soma_anterior=Sum("valor", filter=Q(mes__lt=atual.inicio)),
            media_atual=Avg("valor", filter=Q(mes__gte=atual.inicio)),
            media_anterior=Avg("valor", filter=Q(mes__lt=atual.inicio)),
        )
        .order_by()
    )
    itens = []
    for linha in linhas:
        info = cat.get(linha["chave"]) or InfoIndicador(linha["chave"], linha["chave"], "", "")
        prefixo = "media" if info.eh_media else "soma"
        itens.append(
            Destaque(
                info.chave,
                info.titulo,
                info.programa,
                info.unidade,
                linha[f"{prefixo}_atual"],
                linha[f"{prefixo}_anterior"],
            )
        )
    if _pessoas_aplicaveis(usuario, filtros):
        itens.extend(_destaques_pessoas(filtros=filtros, anterior=anterior))
    ordem = {p: n for n, p in enumerate([PROGRAMA_NUCLEO, *programas(), "Governo"])}
    itens.sort(key=lambda d: (ordem.get(d.programa, 99), d.chave))
    return itens


def _destaques_pessoas(*, filtros, anterior):
    fim = filtros.periodo.fim
    t = (
        pessoas_base(filtros=filtros)
        .filter(ativo=True)
        .aggregate(
            ativos=Sum("pessoas", filter=Q(coorte__lte=fim)),
            ativos_ant=Sum("pessoas", filter=Q(coorte__lte=anterior.fim)),
            formais=Sum("pessoas", filter=Q(coorte__lte=fim, formalizado=True)),
            formais_ant=Sum("pessoas", filter=Q(coorte__lte=anterior.fim, formalizado=True)),
        )
    )

    def taxa(parte, todo):
        return Decimal(parte or 0) * 100 / Decimal(todo) if todo else None

    return [
        Destaque(
            "nucleo.ativos",
            _("Empreendedores ativos"),
            PROGRAMA_NUCLEO,
            "pessoas",
            t["ativos"] or 0,
            t["ativos_ant"] or 0,
        ),
        Destaque(
            "nucleo.taxa_formalizacao",
            _("Taxa de formalização"),
            PROGRAMA_NUCLEO,
            "%",
            taxa(t["formais"], t["ativos"]),
            taxa(t["formais_ant"], t["ativos_ant"]),
        ),
    ]


def indicador_escolhido(filtros, disponiveis=None):
    cat = catalogo()
    if filtros.indicador in cat:
        return cat[filtros.indicador]
    receitas = [i for i in cat.values() if i.sustentabilidade == "receita"]
    if receitas:
        return sorted(receitas, key=lambda i: i.chave)[0]
    return cat.get(CHAVE_CADASTROS) or next(iter(cat.values()))


def serie_mensal(*, usuario, filtros):
    info = indicador_escolhido(filtros)
    janela = filtros.janela_serie
    valores = dict(
        resumo_base(usuario=usuario, filtros=filtros)
        .filter(chave=info.chave, mes__gte=janela.inicio, mes__lte=janela.fim)
        .values("mes")
        .annotate(v=_agregado(info))
        .order_by()
        .values_list("mes", "v")
    )
    linhas = [[rotulo_mes(m), valores.get(m, 0) or 0] for m in janela.meses]
    return Tabela(
        "serie_mensal",
        _("%(t)s por mês (%(u)s)") % {"t": info.titulo, "u": info.unidade},
        [_("Mês"), info.titulo],
        linhas,
        ["texto", _formato(info.unidade)],
    )


def por_ponto(*, usuario, filtros, limite=20):
    info = indicador_escolhido(filtros)
    p = filtros.periodo
    linhas = list(
        resumo_base(usuario=usuario, filtros=filtros)
        .filter(chave=info.chave, mes__gte=p.inicio, mes__lte=p.fim)
        .values("ponto_id", "ponto__nome")
        .annotate(v=_agregado(info))
        .order_by("-v", "ponto__nome")[:limite]
    )
    return Tabela(
        "por_ponto",
        _("%(t)s por Ponto — %(p)s") % {"t": info.titulo, "p": p.rotulo},
        [_("Ponto"), info.titulo],
        [[linha["ponto__nome"] or _("Sem Ponto (programa inteiro)"), linha["v"]] for linha in linhas],
        ["texto", _formato(info.unidade)],
        nota=_("Os %(n)s maiores valores.") % {"n": limite},
    )


def por_programa(*, usuario, filtros):
    """Receita gerada e custo público por programa no período."""
    p = filtros.periodo
    receitas, custos = set(chaves_sustentabilidade("receita")), set(chaves_sustentabilidade("custo"))
    linhas = (
        resumo_base(usuario=usuario, filtros=filtros)
        .filter(chave__in=receitas | custos, mes__gte=p.inicio, mes__lte=p.fim)
        .values("programa", "chave")
        .annotate(v=Sum("valor"))
        .order_by()
    )
    dados = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for linha in linhas:
        dados[linha["programa"]][0 if linha["chave"] in receitas else 1] += linha["v"] or 0
    return Tabela(
        "por_programa",
        _("Receita gerada e custo público por programa — %(p)s") % {"p": p.rotulo},
        [_("Programa"), _("Receita gerada (R$)"), _("Custo público (R$)")],
        [[programa, r, c] for programa, (r, c) in sorted(dados.items())],
        ["texto", "moeda", "moeda"],
    )


def tabela_destaques(itens, periodo):
    return Tabela(
        "destaques",
        _("Números do período — %(p)s") % {"p": periodo.rotulo},
        [_("Programa"), _("Indicador"), _("Unidade"), _("Período"), _("Período anterior"), _("Variação (%)")],
        [[d.programa, d.titulo, d.unidade, d.valor, d.anterior, d.variacao] for d in itens],
        ["texto", "texto", "texto", "decimal", "decimal", "pct"],
    )


def _formato(unidade):
    return {"R$": "moeda", "%": "pct"}.get(unidade, "numero")


# ---------------------------------------------------------------- sustentabilidade


def indice(receita, custo):
    """Índice de independência de recurso público: receita ÷ custo, em %."""
    if not custo:
        return None
    return Decimal(receita or 0) * 100 / Decimal(custo)


def sustentabilidade(*, usuario, filtros):
    """Série mensal do índice e a tabela por Ponto (duas consultas)."""
    receitas, custos = set(chaves_sustentabilidade("receita")), set(chaves_sustentabilidade("custo"))
    base = resumo_base(usuario=usuario, filtros=filtros).filter(chave__in=receitas | custos)
    janela = filtros.janela_serie
    por_mes = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for linha in (
        base.filter(mes__gte=janela.inicio, mes__lte=janela.fim)
        .values("mes", "chave")
        .annotate(v=Sum("valor"))
        .order_by()
    ):
        por_mes[linha["mes"]][0 if linha["chave"] in receitas else 1] += linha["v"] or 0
    serie = Tabela(
        "sustentabilidade_mensal",
        _("Índice de independência por mês"),
        [_("Mês"), _("Receita gerada (R$)"), _("Custo público (R$)"), _("Índice (%)")],
        [[rotulo_mes(m), *por_mes[m], indice(*por_mes[m])] for m in janela.meses],
        ["texto", "moeda", "moeda", "pct"],
    )
    p = filtros.periodo
    pontos = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for linha in (
        base.filter(mes__gte=p.inicio, mes__lte=p.fim)
        .values("ponto__nome", "chave")
        .annotate(v=Sum("valor"))
        .order_by()
    ):
        pontos[linha["ponto__nome"] or _("Sem Ponto (programa inteiro)")][0 if linha["chave"] in receitas else 1] += (
            linha["v"] or 0
        )
    por_ponto_tab = Tabela(
        "sustentabilidade_pontos",
        _("Índice de independência por Ponto — %(p)s") % {"p": p.rotulo},
        [_("Ponto"), _("Receita gerada (R$)"), _("Custo público (R$)"), _("Índice (%)")],
        sorted(
            ([nome, r, c, indice(r, c)] for nome, (r, c) in pontos.items()),
            key=lambda linha: (linha[3] is None, -(linha[3] or 0), linha[0]),
        ),
        ["texto", "moeda", "moeda", "pct"],
        exibir=30,
    )
    total_r = sum((v[0] for m, v in por_mes.items() if p.inicio <= m <= p.fim), Decimal(0))
    total_c = sum((v[1] for m, v in por_mes.items() if p.inicio <= m <= p.fim), Decimal(0))
    ant = p.anterior()
    ant_r = sum((v[0] for m, v in por_mes.items() if ant.inicio <= m <= ant.fim), Decimal(0))
    ant_c = sum((v[1] for m, v in por_mes.items() if ant.inicio <= m <= ant.fim), Decimal(0))
    resumo = {
        "receita": total_r,
        "custo": total_c,
        "indice": indice(total_r, total_c),
        "indice_anterior": indice(ant_r, ant_c) if ant.inicio >= janela.inicio else None,
    }
    return resumo, serie, por_ponto_tab


# ---------------------------------------------------------------- trajetórias e equidade


def _suprimir(n):
    return n if n is not None and n >= MINIMO_CELULA else None


def trajetorias(*, usuario, filtros):
    """Coortes por mês de entrada: ativos, formalizados e renda relatada por pessoa.

    Pessoas: ``ResumoPessoas``. Renda: linhas dos indicadores de receita cujo detalhe é
    ``coorte:AAAA-MM`` (o programa informa a venda pelo mês de entrada da pessoa).
    """
    p = filtros.periodo
    coortes = list(
        pessoas_base(filtros=filtros)
        .filter(coorte__gte=p.inicio, coorte__lte=p.fim)
        .values("coorte")
        .annotate(
            total=Sum("pessoas"),
            ativos=Sum("pessoas", filter=Q(ativo=True)),
            formais=Sum("pessoas", filter=Q(ativo=True, formalizado=True)),
        )
        .order_by("coorte")
    )
    rotulos = [f"coorte:{c['coorte']:%Y-%m}" for c in coortes]
    renda = defaultdict(lambda: defaultdict(Decimal))
    for linha in (
        resumo_base(usuario=usuario, filtros=filtros)
        .filter(chave__in=chaves_sustentabilidade("receita"), detalhe__in=rotulos, mes__gte=p.inicio)
        .values("detalhe", "mes")
        .annotate(v=Sum("valor"))
        .order_by()
    ):
        renda[linha["detalhe"]][linha["mes"]] += linha["v"] or 0
    faixas = [(0, 2, _("meses 1–3")), (3, 5, _("meses 4–6")), (6, 11, _("meses 7–12")), (12, 10_000, _("após 1 ano"))]
    linhas = []
    for c, rotulo in zip(coortes, rotulos, strict=True):
        total = c["total"] or 0
        ativos = c["ativos"] or 0
        if total < MINIMO_CELULA:
            linhas.append([rotulo_mes(c["coorte"]), None, None, None, None, *([None] * len(faixas))])
            continue
        medias = []
        for minimo, maximo, _rotulo in faixas:
            soma = sum(
                (v for m, v in renda[rotulo].items() if minimo <= _distancia(c["coorte"], m) <= maximo), Decimal(0)
            )
            medias.append(soma / ativos if ativos else None)
        formais = _suprimir(c["formais"] or 0)
        linhas.append(
            [
                rotulo_mes(c["coorte"]),
                total,
                _suprimir(ativos),
                formais,
                Decimal(formais) * 100 / ativos if formais and ativos else None,
                *medias,
            ]
        )
    return Tabela(
        "trajetorias",
        _("Coortes por mês de entrada — %(p)s") % {"p": p.rotulo},
        [
            _("Mês de entrada"),
            _("Cadastrados"),
            _("Seguem ativos"),
            _("Formalizados"),
            _("Formalizados (%)"),
            *[_("Renda média por pessoa, %(f)s (R$)") % {"f": f[2]} for f in faixas],
        ],
        linhas,
        ["texto", "numero", "numero", "numero", "pct", *(["moeda"] * len(faixas))],
        nota=_(
            "“Seguem ativos”: conta não excluída. Formalizados: situação atual diferente de informal. "
            "Renda: vendas e contribuições relatadas pelos programas, somadas por mês desde a entrada "
            "e divididas pelos ativos da coorte. Coortes e células com menos de 5 pessoas são suprimidas (—)."
        ),
    )


def _distancia(coorte, mes):
    return (mes.year - coorte.year) * 12 + mes.month - coorte.month


RECORTES = [
    ("territorio__nome", _("Território de residência")),
    ("faixa_etaria", _("Faixa etária")),
    ("genero", _("Gênero (com consentimento)")),
    ("raca_cor", _("Raça/cor (com consentimento)")),
]


def equidade(*, filtros):
    """Pessoas ativas cadastradas até o fim do período, por recorte; células < 5 suprimidas."""
    from pontos.models.pessoas import Genero, RacaCor

    rotulos = {"genero": dict(Genero.choices), "raca_cor": dict(RacaCor.choices)}
    base = pessoas_base(filtros=filtros).filter(ativo=True, coorte__lte=filtros.periodo.fim)
    tabelas = []
    for campo, titulo in RECORTES:
        linhas = []
        for linha in (
            base.values(campo).annotate(n=Sum("pessoas"), f=Sum("pessoas", filter=Q(formalizado=True))).order_by(campo)
        ):
            valor = linha[campo]
            nome = str(rotulos.get(campo, {}).get(valor, valor)) if valor else _("Não informado / sem consentimento")
            n, f = _suprimir(linha["n"]), _suprimir(linha["f"] or 0)
            linhas.append([nome, n, f, Decimal(f) * 100 / n if n and f else None])
        tabelas.append(
            Tabela(
                f"equidade_{campo.split('__')[0]}",
                titulo,
                [titulo, _("Pessoas ativas"), _("Formalizadas"), _("Formalização (%)")],
                linhas,
                ["texto", "numero", "numero", "pct"],
                nota=_("Células com menos de 5 pessoas aparecem como “—” (suprimidas)."),
            )
        )
    return tabelas
