"""Escritas do Painel de Governo: reconstrução do resumo, custos e relatórios."""

import datetime
import itertools
import logging
import time
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from governo.indicadores import CHAVE_CUSTO
from governo.models import AtualizacaoResumo, ItemCusto, Relatorio, ResumoIndicador, ResumoPessoas
from governo.periodos import primeiro_dia, somar_meses, ultimo_dia
from governo.selectors import CHAVE_ULTIMA_ATUALIZACAO
from pontos import extensoes
from pontos.models import Empreendedor, Ponto, SituacaoFormalizacao
from pontos.services.tarefas import tarefa_enfileirar

log = logging.getLogger(__name__)

TRAVA_RESUMO = "governo:resumo:trava"
TRAVA_RESUMO_BANCO = 7_401_001  # pg_advisory_xact_lock da reconstrução do resumo
LOTE = 5000
FAIXAS_ETARIAS = [
    (0, 17, "até 17"),
    (18, 29, "18 a 29"),
    (30, 44, "30 a 44"),
    (45, 59, "45 a 59"),
    (60, 200, "60 ou mais"),
]
SEM_IDADE = "não informada"


def janela_resumo(*, hoje=None, meses=None):
    """Meses cobertos pelo resumo: os últimos ``GOVERNO_RESUMO_MESES`` até o mês corrente."""
    hoje = hoje or timezone.localdate()
    meses = meses or getattr(settings, "GOVERNO_RESUMO_MESES", 36)
    inicio = somar_meses(primeiro_dia(hoje), -(meses - 1))
    return inicio, ultimo_dia(hoje)


def faixa_etaria(ano_nascimento, ano_referencia):
    if not ano_nascimento:
        return SEM_IDADE
    idade = ano_referencia - ano_nascimento
    for minimo, maximo, rotulo in FAIXAS_ETARIAS:
        if minimo <= idade <= maximo:
            return rotulo
    return SEM_IDADE


def _decimal(valor):
    try:
        return Decimal(str(valor)).quantize(Decimal("0.0001"))
    except (InvalidOperation, ValueError, TypeError):
        return None


def _mes_valido(mes):
    if mes is None:
        return None
    if isinstance(mes, datetime.datetime):
        mes = timezone.localtime(mes).date() if timezone.is_aware(mes) else mes.date()
    return mes.replace(day=1)


def _linhas_indicadores(*, inicio, fim, pontos_info, erros):
    """Lê cada indicador registrado na janela e devolve as linhas do resumo."""
    for indicador in extensoes.indicadores:
        try:
            valores = list(indicador.fn(inicio=inicio, fim=fim, pontos=None, secretarias=None))
        except Exception as erro:  # um programa com defeito não derruba o painel inteiro
            log.exception("Indicador %s falhou", indicador.chave)
            erros.append(f"{indicador.chave}: {erro}")
            continue
        for v in valores:
            mes = _mes_valido(v.mes)
            valor = _decimal(v.valor)
            if mes is None or valor is None or not (inicio <= mes <= fim):
                continue
            territorio_id, secretaria_ponto = pontos_info.get(v.ponto_id, (None, None))
            yield {
                "chave": indicador.chave,
                "programa": str(indicador.programa),
                "ponto_id": v.ponto_id if v.ponto_id in pontos_info else None,
                "territorio_id": territorio_id,
                "secretaria_id": v.secretaria_id,
                "mes": mes,
                "detalhe": (v.detalhe or "")[:120],
                "valor": valor,
            }


def _linhas_custo(*, inicio, fim, pontos_info):
    """Os itens de custo público entram no resumo como o indicador ``governo.custo_publico``."""
    linhas = (
        ItemCusto.objects.filter(mes__gte=inicio, mes__lte=fim)
        .values("ponto_id", "secretaria_id", "programa", "mes", "categoria")
        .annotate(total=Sum("valor"))
        .order_by()
    )
    for linha in linhas:
        yield {
            "chave": CHAVE_CUSTO,
            "programa": linha["programa"],
            "ponto_id": linha["ponto_id"],
            "territorio_id": pontos_info.get(linha["ponto_id"], (None, None))[0],
            "secretaria_id": linha["secretaria_id"],
            "mes": linha["mes"],
            "detalhe": linha["categoria"],
            "valor": linha["total"],
        }


def _linhas_pessoas(*, hoje):
    """Contagens anônimas por coorte e recortes; gênero e raça/cor só com consentimento."""
    linhas = (
        Empreendedor.objects.annotate(
            coorte=TruncMonth("criado_em"),
            ano_nasc=ExtractYear("data_nascimento"),
            conta_ativa=ExpressionWrapper(Q(anonimizado_em__isnull=True), output_field=BooleanField()),
        )
        .values(
            "coorte",
            "territorio_id",
            "ponto_cadastro_id",
            "ano_nasc",
            "consentiu_dados_sensiveis",
            "genero",
            "raca_cor",
            "situacao_formalizacao",
            "conta_ativa",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    grupos = defaultdict(int)
    for linha in linhas:
        consentiu = linha["consentiu_dados_sensiveis"]
        chave = (
            _mes_valido(linha["coorte"]),
            linha["territorio_id"],
            linha["ponto_cadastro_id"],
            faixa_etaria(linha["ano_nasc"], hoje.year),
            (linha["genero"] or "") if consentiu else "",
            (linha["raca_cor"] or "") if consentiu else "",
            linha["situacao_formalizacao"] != SituacaoFormalizacao.INFORMAL,
            bool(linha["conta_ativa"]),
        )
        grupos[chave] += linha["n"]
    for (coorte, territorio_id, ponto_id, faixa, genero, raca, formalizado, ativo), n in grupos.items():
        yield {
            "coorte": coorte,
            "territorio_id": territorio_id,
            "ponto_id": ponto_id,
            "faixa_etaria": faixa,
            "genero": genero,
            "raca_cor": raca,
            "formalizado": formalizado,
            "ativo": ativo,
            "pessoas": n,
        }


def _copiar_pg(modelo, linhas, lote=20_000):
    """PostgreSQL: ``COPY`` em vez de ``INSERT`` (várias vezes mais rápido para milhões de linhas).

    As linhas vêm de geradores que também consultam o banco (os indicadores); por isso cada lote é
    lido antes de abrir o ``COPY`` — a mesma conexão não pode consultar no meio de um ``COPY``.
    """
    campos = [f for f in modelo._meta.concrete_fields if not f.primary_key]
    colunas = ", ".join(connection.ops.quote_name(f.column) for f in campos)
    tabela = connection.ops.quote_name(modelo._meta.db_table)
    linhas = iter(linhas)
    total = 0
    while True:
        bloco = [[linha[f.attname] for f in campos] for linha in itertools.islice(linhas, lote)]
        if not bloco:
            return total
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {tabela} ({colunas}) FROM STDIN") as copia:  # noqa: S608 — nomes do modelo
                for valores in bloco:
                    copia.write_row(valores)
        total += len(bloco)


def _gravar_em_lotes(modelo, linhas):
    if connection.vendor == "postgresql":
        return _copiar_pg(modelo, linhas)
    total, lote = 0, []
    for linha in linhas:
        lote.append(modelo(**linha))
        if len(lote) >= LOTE:
            modelo.objects.bulk_create(lote)
            total += len(lote)
            lote = []
    if lote:
        modelo.objects.bulk_create(lote)
        total += len(lote)
    return total


def resumo_atualizar(*, hoje=None, meses=None):
    """Reconstrói o resumo do painel a partir de todos os indicadores registrados.

    Lê cada indicador uma vez para a janela inteira, grava as linhas em massa e troca o
    conteúdo antigo pelo novo numa única transação (quem lê o painel vê o antigo até o
    commit). Uma trava no cache impede duas reconstruções ao mesmo tempo. Devolve o
    registro da atualização, ou ``None`` se outra já estava em andamento.
    """
    if not cache.add(TRAVA_RESUMO, "1", timeout=15 * 60):
        return None
    try:
        return _reconstruir(hoje=hoje or timezone.localdate(), meses=meses)
    finally:
        cache.delete(TRAVA_RESUMO)


def _reconstruir(*, hoje, meses):
    relogio = time.monotonic()
    iniciada = timezone.now()
    inicio, fim = janela_resumo(hoje=hoje, meses=meses)
    pontos_info = {
        pk: (territorio, secretaria)
        for pk, territorio, secretaria in Ponto.objects.values_list("pk", "territorio_id", "secretaria_id")
    }
    erros = []
    # Tudo em fluxo (memória constante) e numa transação: quem lê vê o resumo antigo até o commit.
    with transaction.atomic():
        # A trava do cache só poupa trabalho repetido (e some com o Redis fora); a garantia de
        # que duas reconstruções não se somam é esta, no banco: a segunda espera o commit da
        # primeira e então apaga o que ela gravou.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TRAVA_RESUMO_BANCO])
        ResumoIndicador.objects.all().delete()
        ResumoPessoas.objects.all().delete()
        total = _gravar_em_lotes(
            ResumoIndicador,
            itertools.chain(
                _linhas_indicadores(inicio=inicio, fim=fim, pontos_info=pontos_info, erros=erros),
                _linhas_custo(inicio=inicio, fim=fim, pontos_info=pontos_info),
            ),
        )
        total += _gravar_em_lotes(ResumoPessoas, _linhas_pessoas(hoje=hoje))
        atualizacao = AtualizacaoResumo.objects.create(
            iniciada_em=iniciada,
            concluida_em=timezone.now(),
            linhas=total,
            segundos=round(time.monotonic() - relogio, 3),
            erros="\n".join(erros)[:5000],
        )
    cache.delete(CHAVE_ULTIMA_ATUALIZACAO)  # o painel passa a ler a nova
    AtualizacaoResumo.objects.filter(pk__lt=atualizacao.pk).exclude(
        pk__in=AtualizacaoResumo.objects.order_by("-pk").values_list("pk", flat=True)[:50]
    ).delete()
    return atualizacao


def _secretaria_de(usuario):
    from pontos.escopo import vinculos_de

    vinculos = [v for v in vinculos_de(usuario) if not v.secretaria.eh_governo]
    if not vinculos:
        raise ValidationError(_("Só a equipe de uma secretaria lança custos."))
    return vinculos[0].secretaria


@transaction.atomic
def itemcusto_criar(*, por, ponto, programa, mes, categoria, valor, horas=None, descricao=""):
    """Lança um custo público; a secretaria é a de quem lança, nunca do formulário."""
    if valor is None or Decimal(valor) < 0:
        raise ValidationError({"valor": _("Informe um valor maior ou igual a zero.")})
    item = ItemCusto(
        secretaria=_secretaria_de(por),
        ponto=ponto,
        programa=programa,
        mes=mes.replace(day=1),
        categoria=categoria,
        valor=valor,
        horas=horas,
        descricao=descricao,
        criado_por=por,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def relatorio_pedir(*, usuario, filtros):
    """Registra o pedido de PDF e enfileira a geração (após o commit)."""
    relatorio = Relatorio.objects.create(usuario=usuario, filtros=filtros)
    tarefa_enfileirar("governo.relatorio_gerar", relatorio_id=relatorio.pk)
    return relatorio


def relatorio_progresso(*, relatorio_id, progresso, situacao=Relatorio.Situacao.GERANDO):
    Relatorio.objects.filter(pk=relatorio_id).update(progresso=progresso, situacao=situacao)


def relatorio_gerar(*, relatorio_id):
    """Gera o PDF (WeasyPrint) e guarda no storage do Django. Idempotente: pronto não refaz."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from governo import relatorios

    relatorio = Relatorio.objects.filter(pk=relatorio_id).first()
    if relatorio is None or relatorio.situacao == Relatorio.Situacao.PRONTO:
        return relatorio
    relatorio_progresso(relatorio_id=relatorio.pk, progresso=5)
    try:
        usuario = get_user_model().objects.get(pk=relatorio.usuario_id)
        conteudo = relatorios.pdf_gerar(
            usuario=usuario,
            filtros=relatorio.filtros,
            progresso=lambda p: relatorio_progresso(relatorio_id=relatorio.pk, progresso=p),
        )
    except Exception as erro:
        log.exception("Relatório %s falhou", relatorio.pk)
        Relatorio.objects.filter(pk=relatorio.pk).update(
            situacao=Relatorio.Situacao.ERRO, erro=str(erro)[:300], concluido_em=timezone.now()
        )
        return relatorio
    relatorio.arquivo.save(f"relatorio-governo-{relatorio.pk}.pdf", ContentFile(conteudo), save=False)
    relatorio.situacao = Relatorio.Situacao.PRONTO
    relatorio.progresso = 100
    relatorio.concluido_em = timezone.now()
    relatorio.save(update_fields=["arquivo", "situacao", "progresso", "concluido_em"])
    return relatorio
