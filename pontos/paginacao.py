"""Paginação sem ``COUNT(*)`` exato: listas públicas e da Gestão sobre tabelas grandes.

``paginar_sem_contagem`` busca uma linha a mais que a página para saber se há próxima;
``ContagemLimitadaPaginator`` (para o admin) conta no máximo ``LIMITE_CONTAGEM`` linhas.
"""

import dataclasses
from functools import cached_property

from django.core.paginator import Paginator

LIMITE_CONTAGEM = 10_000


@dataclasses.dataclass
class Pagina:
    itens: list
    numero: int
    tem_anterior: bool
    tem_proxima: bool

    def __iter__(self):
        return iter(self.itens)

    def __len__(self):
        return len(self.itens)

    @property
    def anterior(self):
        return self.numero - 1

    @property
    def proxima(self):
        return self.numero + 1


def numero_pagina(valor, *, maximo=1000):
    """Número de página vindo do GET; qualquer coisa inválida vira 1."""
    try:
        numero = int(valor)
    except (TypeError, ValueError):
        return 1
    return min(max(numero, 1), maximo)


def paginar_sem_contagem(consulta, *, pagina, por_pagina):
    """Uma página de ``consulta`` (QuerySet ou lista) sem contar o total."""
    inicio = (pagina - 1) * por_pagina
    itens = list(consulta[inicio : inicio + por_pagina + 1])
    return Pagina(itens=itens[:por_pagina], numero=pagina, tem_anterior=pagina > 1, tem_proxima=len(itens) > por_pagina)


class ContagemLimitadaPaginator(Paginator):
    """Paginator do admin que nunca conta mais que ``limite`` linhas (a página diz "mais de …")."""

    limite = LIMITE_CONTAGEM

    @cached_property
    def count(self):
        consulta = self.object_list
        if hasattr(consulta, "order_by"):
            return consulta.order_by()[: self.limite + 1].count()
        return len(consulta)

    @property
    def passou_do_limite(self):
        return self.count > self.limite


class ContagemCurtaPaginator(ContagemLimitadaPaginator):
    """Para históricos de milhões de linhas: contar 10.000 linhas com os joins do escopo custava
    mais que montar a página; acima de 1.000, quem consulta filtra ou busca."""

    limite = 1_000
