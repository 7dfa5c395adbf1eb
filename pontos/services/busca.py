"""Texto de busca da vitrine: o que a pessoa publicou, sem acentos e em minúsculas.

``empreendedor_indexar`` é chamado sempre que o perfil ou os produtos mudam (Minha conta,
cadastro assistido, demonstração). A busca é ``icontains`` sobre ``texto_busca`` e funciona
igual no SQLite e no PostgreSQL.
"""

import re
import unicodedata

from django.db import transaction

from pontos.models import Empreendedor, Produto

TAMANHO_MAXIMO = 600


def texto_normalizar(texto):
    """Minúsculas, sem acentos, espaços simples: "Crochê  da Luzia" -> "croche da luzia"."""
    sem_acentos = unicodedata.normalize("NFKD", str(texto or "")).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", sem_acentos).strip().lower()


def termos_busca(texto, *, maximo=6):
    """Palavras de uma busca, já normalizadas (no máximo ``maximo``)."""
    return [t for t in texto_normalizar(texto).split(" ") if t][:maximo]


def texto_busca_montar(*, empreendedor, produtos=None):
    """Só entra o que aparece na vitrine: nunca o nome civil completo, CPF ou contato."""
    if produtos is None:
        produtos = Produto.objects.filter(empreendedor=empreendedor, publicado=True).only("nome", "descricao")
    partes = [empreendedor.nome_vitrine, empreendedor.nome_publico, *empreendedor.categorias_rotulos()]
    if empreendedor.territorio_id:
        partes.append(empreendedor.territorio.nome)
    partes.extend(p.nome for p in produtos)
    partes.append(empreendedor.descricao)
    partes.extend(p.descricao for p in produtos)
    return texto_normalizar(" ".join(str(p) for p in partes if p))[:TAMANHO_MAXIMO]


@transaction.atomic
def empreendedor_indexar(*, empreendedor):
    """Recalcula ``texto_busca`` do(a) empreendedor(a) e grava só esse campo."""
    empreendedor.texto_busca = texto_busca_montar(empreendedor=empreendedor)
    Empreendedor.objects.filter(pk=empreendedor.pk).update(texto_busca=empreendedor.texto_busca)
    return empreendedor.texto_busca
