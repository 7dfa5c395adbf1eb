"""O que o ``governo`` contribui aos pontos de extensão do núcleo."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pontos import extensoes
from pontos.extensoes import ItemMenu, Pendencia

# Custo mensal típico de um Ponto por categoria (R$), usado na demonstração e na cidade sintética.
CUSTOS_TIPICOS = {
    "horas_equipe": (Decimal("3200.00"), Decimal("160")),
    "infraestrutura": (Decimal("1500.00"), None),
    "transporte": (Decimal("450.00"), None),
}
PROGRAMA_DO_PONTO = {"svma": "Hortas", "smc": "Cultura", "smdet": "Feiras"}


def pendencias(*, usuario):
    """Gestores de secretaria: lembrar de lançar os custos do mês anterior."""
    from governo.models import ItemCusto
    from pontos.escopo import vinculos_de
    from pontos.models import Papel

    gestores = [v for v in vinculos_de(usuario) if v.papel == Papel.GESTOR and not v.secretaria.eh_governo]
    if not gestores:
        return []
    anterior = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if ItemCusto.objects.visiveis_para(usuario).filter(mes=anterior).exists():
        return []
    return [
        Pendencia(
            titulo=str(
                _("Lançar os custos públicos de %(m)s (índice de sustentabilidade)") % {"m": f"{anterior:%m/%Y}"}
            ),
            quantidade=1,
            url=reverse("gestao:governo_itemcusto_add"),
            secretaria_id=gestores[0].secretaria_id,
        )
    ]


def demonstracao(*, demo):
    """Itens de custo dos quatro Pontos do Butantã nos últimos 12 meses; depois atualiza o resumo."""
    from governo.models import ItemCusto
    from governo.periodos import somar_meses
    from governo.services import resumo_atualizar

    hoje = timezone.localdate().replace(day=1)
    investimento_feito = set()
    for slug, ponto in demo.pontos.items():
        secretaria = ponto.secretaria
        programa = PROGRAMA_DO_PONTO.get(secretaria.sigla, "Geral")
        autor = demo.equipe.get((secretaria.sigla, "gestor"))
        for n in range(12):
            mes = somar_meses(hoje, -n)
            for categoria, (valor, horas) in CUSTOS_TIPICOS.items():
                ItemCusto.objects.update_or_create(
                    secretaria=secretaria,
                    ponto=ponto,
                    programa=programa,
                    mes=mes,
                    categoria=categoria,
                    defaults={
                        "valor": valor,
                        "horas": horas,
                        "descricao": str(_("Lançamento de demonstração")),
                        "criado_por": autor,
                    },
                )
        if slug not in investimento_feito:
            ItemCusto.objects.update_or_create(
                secretaria=secretaria,
                ponto=ponto,
                programa=programa,
                mes=somar_meses(hoje, -11),
                categoria="investimento_inicial",
                defaults={
                    "valor": Decimal("25000.00"),
                    "descricao": str(_("Adequação do espaço")),
                    "criado_por": autor,
                },
            )
            investimento_feito.add(slug)
    resumo_atualizar()


def gerar_cidade(*, contexto):
    """Itens de custo em massa: por Ponto e mês do período, 3 categorias (mais o investimento inicial)."""
    from governo.models import ItemCusto
    from governo.periodos import meses_entre
    from pontos.models import Ponto

    aleatorio = contexto.aleatorio
    pontos = list(Ponto.objects.filter(pk__in=contexto.pontos).values_list("pk", "secretaria_id", "secretaria__sigla"))
    fim = min(contexto.fim, timezone.localdate())
    meses = meses_entre(contexto.inicio, fim)
    agora = timezone.now()

    def linhas():
        for ponto_id, secretaria_id, sigla in pontos:
            programa = PROGRAMA_DO_PONTO.get(sigla, "Geral")
            yield {
                "secretaria_id": secretaria_id,
                "ponto_id": ponto_id,
                "programa": programa,
                "mes": meses[0],
                "categoria": "investimento_inicial",
                "valor": Decimal(aleatorio.randint(10_000, 60_000)),
                "horas": None,
                "descricao": "Investimento inicial",
                "criado_por_id": None,
                "criado_em": agora,
            }
            for mes in meses:
                for categoria, (valor, horas) in CUSTOS_TIPICOS.items():
                    fator = Decimal(aleatorio.randint(70, 130)) / 100
                    yield {
                        "secretaria_id": secretaria_id,
                        "ponto_id": ponto_id,
                        "programa": programa,
                        "mes": mes,
                        "categoria": categoria,
                        "valor": (valor * fator).quantize(Decimal("0.01")),
                        "horas": horas,
                        "descricao": "",
                        "criado_por_id": None,
                        "criado_em": agora,
                    }

    if hasattr(contexto, "copiar"):
        contexto.copiar(ItemCusto, linhas(), rotulo="itens de custo público")
    else:
        lote = [ItemCusto(**linha) for linha in linhas()]
        ItemCusto.objects.bulk_create(lote, batch_size=5000)
        contexto.log(f"{len(lote)} itens de custo público")


def registrar():
    extensoes.menu_publico.registrar(ItemMenu("dados_abertos", _("Dados abertos"), "governo:dados_abertos", ordem=90))
    extensoes.pendencias.registrar(pendencias, chave="governo.pendencias")
    extensoes.demonstracao.registrar(demonstracao, chave="governo.demonstracao")
    extensoes.geradores_cidade.registrar(gerar_cidade, chave="governo.gerar_cidade")
