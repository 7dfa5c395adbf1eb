"""Exportação em CSV e XLSX (em fluxo, memória constante) e os dados abertos (CSV e ZIP)."""

import csv
import tempfile
import zipfile
from decimal import Decimal

from django.db.models import Sum
from openpyxl import Workbook

from governo import selectors
from governo.indicadores import CHAVE_CUSTO
from governo.models import ResumoIndicador
from governo.periodos import rotulo_mes

MINIMO_PESSOAS = selectors.MINIMO_CELULA


class _Eco:
    """Arquivo falso: ``csv.writer`` escreve e a linha volta para o gerador."""

    def write(self, valor):
        return valor


def _valor_csv(valor):
    if valor is None:
        return ""
    if isinstance(valor, Decimal):
        return format(valor.quantize(Decimal("0.01")), "f")
    return valor


def linhas_tabelas(tabelas, *, cabecalho=()):
    """Linhas (listas) de várias tabelas, separadas pelo título de cada uma."""
    for linha in cabecalho:
        yield linha
    for tabela in tabelas:
        yield [str(tabela.titulo)]
        yield [str(c) for c in tabela.colunas]
        for linha in tabela.linhas:
            yield [_valor_csv(v) for v in linha]
        if tabela.nota:
            yield [str(tabela.nota)]
        yield []


def csv_fluxo(linhas):
    """Gerador de texto CSV, uma linha por vez (para ``StreamingHttpResponse``)."""
    escritor = csv.writer(_Eco(), delimiter=";")
    yield "\ufeff"  # BOM: o Excel abre com acentos corretos
    for linha in linhas:
        yield escritor.writerow(linha)


def xlsx_arquivo(linhas, *, titulo="Painel"):
    """XLSX em modo só-escrita num arquivo temporário (memória constante); devolve o arquivo aberto."""
    livro = Workbook(write_only=True)
    folha = livro.create_sheet(title=titulo[:31])
    for linha in linhas:
        folha.append([float(v) if isinstance(v, Decimal) else v for v in linha])
    arquivo = tempfile.TemporaryFile(suffix=".xlsx")
    livro.save(arquivo)
    arquivo.seek(0)
    return arquivo


def linhas_dados(*, usuario, filtros):
    """Linhas de resumo detalhadas (mês × Ponto × detalhe) do período, em fluxo."""
    cat = selectors.catalogo()
    p = filtros.periodo
    consulta = (
        selectors.resumo_base(usuario=usuario, filtros=filtros)
        .filter(mes__gte=p.inicio, mes__lte=p.fim)
        .values_list(
            "mes", "programa", "chave", "territorio__nome", "ponto__nome", "secretaria__sigla", "detalhe", "valor"
        )
        .order_by("mes", "programa", "chave", "pk")
    )
    yield ["mes", "programa", "indicador", "titulo", "unidade", "territorio", "ponto", "secretaria", "detalhe", "valor"]
    for mes, programa, chave, territorio, ponto, sigla, detalhe, valor in consulta.iterator(chunk_size=2000):
        info = cat.get(chave)
        yield [
            f"{mes:%Y-%m}",
            programa,
            chave,
            info.titulo if info else chave,
            info.unidade if info else "",
            territorio or "",
            ponto or "",
            (sigla or "").upper(),
            detalhe,
            _valor_csv(valor),
        ]


# ---------------------------------------------------------------- dados abertos

CAMPOS_ABERTOS = [
    ("mes", "Mês de referência, AAAA-MM."),
    ("programa", "Programa que informou o indicador (Feiras, Formação, Cultura, Núcleo, Governo…)."),
    ("indicador", "Identificador estável do indicador."),
    ("titulo", "Nome do indicador."),
    ("unidade", "Unidade do valor: pessoas, R$, %, eventos…"),
    ("territorio", "Subprefeitura do Ponto (vazio quando o valor é do programa inteiro)."),
    ("ponto", "Ponto de Geração de Renda (vazio quando o valor é do programa inteiro)."),
    ("detalhe", "Recorte do valor (categoria, situação, coorte AAAA-MM…); a soma dos detalhes é o total."),
    ("valor", "Valor agregado. Contagens de pessoas entre 1 e 4 ficam vazias (suprimidas)."),
    ("suprimido", "'sim' quando o valor foi suprimido para proteger a privacidade."),
]


def programas_abertos():
    return sorted({i.programa for i in selectors.catalogo().values()})


def linhas_abertas(*, programa, ano=None):
    """Dados abertos de um programa: agregados por mês, Ponto e detalhe; sem dado pessoal."""
    cat = selectors.catalogo()
    consulta = ResumoIndicador.objects.filter(programa=programa)
    if ano:
        consulta = consulta.filter(mes__year=ano)
    consulta = (
        consulta.values("mes", "chave", "territorio__nome", "ponto__nome", "detalhe")
        .annotate(v=Sum("valor"))
        .order_by("mes", "chave", "territorio__nome", "ponto__nome", "detalhe")
    )
    yield [c for c, _d in CAMPOS_ABERTOS]
    for linha in consulta.iterator(chunk_size=2000):
        info = cat.get(linha["chave"])
        unidade = info.unidade if info else ""
        valor = linha["v"]
        suprimido = unidade == "pessoas" and valor is not None and 0 < valor < MINIMO_PESSOAS
        yield [
            f"{linha['mes']:%Y-%m}",
            programa,
            linha["chave"],
            info.titulo if info else linha["chave"],
            unidade,
            linha["territorio__nome"] or "",
            linha["ponto__nome"] or "",
            linha["detalhe"],
            "" if suprimido else _valor_csv(valor),
            "sim" if suprimido else "",
        ]


def leiame():
    linhas = [
        "Dados abertos — Rede de Pontos de Geração de Renda (Prefeitura de São Paulo)",
        "",
        "Um arquivo CSV por programa (separador ponto e vírgula, UTF-8). Valores agregados por mês,",
        "Ponto e detalhe, a partir dos indicadores que cada programa informa ao Painel de Governo.",
        "Não há dados pessoais: nenhum nome, CPF, e-mail, telefone ou endereço de pessoa.",
        f"O custo público lançado pelas secretarias está no programa Governo (indicador {CHAVE_CUSTO}).",
        "",
        "Campos:",
        *[f"- {campo}: {descricao}" for campo, descricao in CAMPOS_ABERTOS],
    ]
    return "\n".join(linhas) + "\n"


def _texto_csv(linhas):
    return "".join(csv_fluxo(linhas))


def zip_arquivo():
    """ZIP com um CSV por programa e o LEIAME; escrito num arquivo temporário (memória constante)."""
    arquivo = tempfile.TemporaryFile(suffix=".zip")
    with zipfile.ZipFile(arquivo, "w", compression=zipfile.ZIP_DEFLATED) as pacote:
        pacote.writestr("LEIAME.txt", leiame())
        for programa in programas_abertos():
            with pacote.open(f"{nome_arquivo(programa)}.csv", "w") as destino:
                for pedaco in csv_fluxo(linhas_abertas(programa=programa)):
                    destino.write(pedaco.encode("utf-8"))
    arquivo.seek(0)
    return arquivo


def nome_arquivo(programa):
    from django.utils.text import slugify

    return slugify(programa) or "programa"


__all__ = ["csv_fluxo", "linhas_abertas", "linhas_dados", "linhas_tabelas", "rotulo_mes", "xlsx_arquivo", "zip_arquivo"]
