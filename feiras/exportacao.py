"""Exportações de inscritos e resultados (CSV em streaming e XLSX)."""

import io

from django.utils import timezone

from feiras.models import Inscricao

CABECALHO = [
    "inscrição",
    "nome",
    "CPF",
    "categoria",
    "situação",
    "banca",
    "posição na espera",
    "pontuação",
    "motivo",
    "recebida em",
    "chegada",
    "vendas (R$)",
]


def linhas(*, feira, mostrar_cpf):
    yield CABECALHO
    consulta = (
        Inscricao.objects.filter(feira=feira)
        .select_related("empreendedor", "categoria", "alocacao__banca", "relato")
        .order_by("categoria__categoria", "status", "pk")
    )
    for i in consulta.iterator(chunk_size=2000):
        pessoa = i.empreendedor
        alocacao = getattr(i, "alocacao", None)
        relato = getattr(i, "relato", None)
        yield [
            i.pk,
            pessoa.nome_exibicao,
            (pessoa.cpf or "") if mostrar_cpf else pessoa.cpf_mascarado,
            i.categoria.get_categoria_display(),
            i.get_status_display(),
            alocacao.banca.numero if alocacao else "",
            i.posicao_espera or "",
            "" if i.pontuacao is None else i.pontuacao,
            i.motivo,
            timezone.localtime(i.criada_em).strftime("%d/%m/%Y %H:%M"),
            timezone.localtime(i.checkin_em).strftime("%H:%M") if i.checkin_em else "",
            f"{relato.valor_bruto:.2f}".replace(".", ",") if relato else "",
        ]


def xlsx(*, feira, mostrar_cpf):
    from openpyxl import Workbook

    livro = Workbook(write_only=True)
    planilha = livro.create_sheet("Inscrições")
    for linha in linhas(feira=feira, mostrar_cpf=mostrar_cpf):
        planilha.append([str(c) if not isinstance(c, int) else c for c in linha])
    saida = io.BytesIO()
    livro.save(saida)
    return saida.getvalue()
