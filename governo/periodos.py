"""Períodos do painel: sempre meses inteiros, do primeiro dia do mês inicial ao último do final."""

import dataclasses
import datetime

from django.utils.translation import gettext_lazy as _

MESES_ABREV = ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"]


def primeiro_dia(dia):
    return dia.replace(day=1)


def somar_meses(dia, meses):
    """Primeiro dia do mês ``meses`` adiante (ou atrás, se negativo)."""
    indice = dia.year * 12 + (dia.month - 1) + meses
    return datetime.date(indice // 12, indice % 12 + 1, 1)


def ultimo_dia(dia):
    return somar_meses(dia, 1) - datetime.timedelta(days=1)


def meses_entre(inicio, fim):
    """Lista dos primeiros dias de cada mês de ``inicio`` a ``fim`` (inclusive)."""
    atual, meses = primeiro_dia(inicio), []
    while atual <= fim:
        meses.append(atual)
        atual = somar_meses(atual, 1)
    return meses


def rotulo_mes(dia):
    return f"{MESES_ABREV[dia.month - 1]}/{dia.year}"


@dataclasses.dataclass(frozen=True)
class Periodo:
    tipo: str  # mes | trimestre | ano | personalizado
    inicio: datetime.date  # primeiro dia do primeiro mês
    fim: datetime.date  # último dia do último mês

    @property
    def meses(self):
        return meses_entre(self.inicio, self.fim)

    @property
    def quantidade_meses(self):
        return len(self.meses)

    @property
    def ultimo_mes(self):
        return primeiro_dia(self.fim)

    def anterior(self):
        """O período imediatamente anterior, com o mesmo número de meses."""
        n = self.quantidade_meses
        inicio = somar_meses(self.inicio, -n)
        return Periodo(self.tipo, inicio, self.inicio - datetime.timedelta(days=1))

    @property
    def rotulo(self):
        if self.tipo == "mes":
            return rotulo_mes(self.inicio)
        if self.tipo == "trimestre":
            return _("%(t)sº trimestre de %(a)s") % {"t": (self.inicio.month - 1) // 3 + 1, "a": self.inicio.year}
        if self.tipo == "ano" and self.inicio.month == 1 and self.quantidade_meses == 12:
            return str(self.inicio.year)
        return f"{rotulo_mes(self.inicio)} a {rotulo_mes(self.fim)}"


def periodo_mes(ano, mes):
    inicio = datetime.date(ano, mes, 1)
    return Periodo("mes", inicio, ultimo_dia(inicio))


def periodo_trimestre(ano, trimestre):
    inicio = datetime.date(ano, (trimestre - 1) * 3 + 1, 1)
    return Periodo("trimestre", inicio, ultimo_dia(somar_meses(inicio, 2)))


def periodo_ano(ano):
    return Periodo("ano", datetime.date(ano, 1, 1), datetime.date(ano, 12, 31))


def periodo_personalizado(de, ate):
    de, ate = primeiro_dia(de), primeiro_dia(ate)
    if ate < de:
        de, ate = ate, de
    return Periodo("personalizado", de, ultimo_dia(ate))
