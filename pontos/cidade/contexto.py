"""O contexto passado a cada gerador da cidade sintética.

Um gerador é ``fn(*, contexto)`` registrado em ``pontos.extensoes.geradores_cidade``. Ele lê:

- ``aleatorio``: ``random.Random`` já semeado (use só ele, para a geração ser reproduzível);
- ``escala``: ``"bairro"``, ``"vila"`` (5x o bairro, para a CI) ou ``"cidade"``; ``tamanho``: os números da escala (``Tamanho``);
- ``pontos``, ``empreendedores``: listas de ids; ``secretarias``: sigla -> id;
- ``territorios``: lista de ids; ``espacos``: Ponto id -> lista de ``(espaco_id, tipo)``;
- ``pontos_por_secretaria``: sigla -> ids dos Pontos mantidos por ela;
- ``usuarios_equipe``: sigla -> id do usuário gestor da secretaria;
- ``inicio``/``fim``: o período coberto (um ano até hoje + três meses à frente);
- ``log(msg)``: imprime o progresso;
- ``copiar(modelo, linhas)``: grava muitas linhas de uma vez — ``COPY`` no PostgreSQL,
  ``bulk_create`` no SQLite. ``linhas`` é um iterável de dicionários ``{attname: valor}``
  (use ``ponto_id``, não ``ponto``). Para ter os ids sem reler o banco, peça-os antes com
  ``ids = contexto.reservar_ids(modelo, n)`` e ponha ``"id": ids[i]`` em cada linha.
  As linhas são montadas em lotes de 50.000 antes de cada COPY, então o gerador pode ler o
  banco; não use outra conexão dentro de um COPY aberto (ele trava até o cliente mandar dados).
"""

import dataclasses
import datetime
import itertools
import random
import time

from django.db import connection, models


@dataclasses.dataclass(frozen=True)
class Tamanho:
    territorios: int
    pontos: int
    empreendedores: int
    produtos_por_pessoa: int
    imagens: int  # arquivos de imagem distintos, reaproveitados por todas as fotos
    feiras_por_ano: int
    inscricoes: int
    relatos_venda: int
    matriculas: int


ESCALAS = {
    "bairro": Tamanho(
        territorios=1,
        pontos=10,
        empreendedores=500,
        produtos_por_pessoa=3,
        imagens=12,
        feiras_por_ano=200,
        inscricoes=5_000,
        relatos_venda=10_000,
        matriculas=1_000,
    ),
    # Intermediária (5x o bairro): só para o bench da CI comparar consultas entre duas escalas.
    "vila": Tamanho(
        territorios=3,
        pontos=50,
        empreendedores=2_500,
        produtos_por_pessoa=3,
        imagens=12,
        feiras_por_ano=1_000,
        inscricoes=25_000,
        relatos_venda=50_000,
        matriculas=5_000,
    ),
    "cidade": Tamanho(
        territorios=32,
        pontos=1_000,
        empreendedores=100_000,
        produtos_por_pessoa=3,
        imagens=48,
        feiras_por_ano=20_000,
        inscricoes=1_000_000,
        relatos_venda=2_000_000,
        matriculas=200_000,
    ),
}

LOTE = 5_000
LOTE_COPY = 50_000


class ContextoCidade:
    def __init__(self, *, escala, semente, saida=None, hoje=None):
        if escala not in ESCALAS:
            raise ValueError(f"Escala desconhecida: {escala}")
        self.escala = escala
        self.semente = semente
        self.tamanho = ESCALAS[escala]
        self.aleatorio = random.Random(semente)
        self._saida = saida
        self._t0 = time.monotonic()
        hoje = hoje or datetime.date.today()
        self.hoje = hoje
        self.inicio = hoje - datetime.timedelta(days=365)
        self.fim = hoje + datetime.timedelta(days=90)
        self.territorios = []
        self.secretarias = {}
        self.pontos = []
        self.pontos_por_secretaria = {}
        self.espacos = {}
        self.empreendedores = []
        self.usuarios_equipe = {}
        self.contagens = {}

    # --- progresso -------------------------------------------------------------------------
    def log(self, mensagem):
        linha = f"[{time.monotonic() - self._t0:7.1f} s] {mensagem}"
        if self._saida is not None:
            self._saida.write(linha + "\n")
            flush = getattr(self._saida, "flush", None)
            if flush:
                flush()

    # --- gravação em massa -----------------------------------------------------------------
    def reservar_ids(self, modelo, quantidade):
        """Ids que as próximas ``quantidade`` linhas de ``modelo`` podem usar (banco recém-criado
        ou não: parte do maior id existente). O ``copiar`` acerta a sequência depois."""
        maior = modelo._default_manager.aggregate(m=models.Max("pk"))["m"] or 0
        inicio = max(maior, self._reservados.get(modelo, 0)) + 1
        self._reservados[modelo] = inicio + quantidade - 1
        return range(inicio, inicio + quantidade)

    @property
    def _reservados(self):
        if not hasattr(self, "_reservas_ids"):
            self._reservas_ids = {}
        return self._reservas_ids

    def copiar(self, modelo, linhas, *, rotulo=None):
        """Grava ``linhas`` (dicionários por ``attname``) em ``modelo``; devolve quantas."""
        rotulo = rotulo or modelo._meta.verbose_name_plural
        if connection.vendor == "postgresql":
            total = self._copiar_pg(modelo, linhas)
        else:
            total = self._copiar_orm(modelo, linhas)
        self.contagens[modelo._meta.label] = self.contagens.get(modelo._meta.label, 0) + total
        self.log(f"{total:>9,} {rotulo}".replace(",", "."))
        return total

    def _campos(self, modelo, colunas):
        por_attname = {c.attname: c for c in modelo._meta.concrete_fields}
        faltam = [c for c in colunas if c not in por_attname]
        if faltam:
            raise ValueError(f"{modelo.__name__}: colunas desconhecidas {faltam}")
        return [por_attname[c] for c in colunas]

    def _padroes(self, modelo, colunas):
        """Valores padrão das colunas que o gerador não deu (COPY não aplica os padrões do Django)."""
        padroes = {}
        for campo in modelo._meta.concrete_fields:
            if campo.attname in colunas or campo.primary_key:
                continue
            if campo.has_default():
                padroes[campo.attname] = campo.get_default
            elif getattr(campo, "auto_now", False) or getattr(campo, "auto_now_add", False):
                padroes[campo.attname] = _agora
            elif campo.null:
                padroes[campo.attname] = _nulo
            elif campo.blank and isinstance(campo, models.CharField | models.TextField | models.FileField):
                padroes[campo.attname] = _vazio
        return padroes

    def _copiar_pg(self, modelo, linhas):
        """COPY em lotes: as linhas de cada lote são montadas ANTES de abrir o COPY, para o
        gerador poder consultar o banco sem disputar a conexão (e sem travar o COPY)."""
        linhas = iter(linhas)
        primeira = next(linhas, None)
        if primeira is None:
            return 0
        colunas = list(primeira)
        padroes = self._padroes(modelo, colunas)
        campos = self._campos(modelo, colunas + list(padroes))
        preparar = [(i, c) for i, c in enumerate(campos) if isinstance(c, models.JSONField | models.DecimalField)]
        nomes = ", ".join(connection.ops.quote_name(c.column) for c in campos)
        tabela = connection.ops.quote_name(modelo._meta.db_table)
        total = 0
        fonte = _encadear(primeira, linhas)
        with connection.cursor() as cursor:
            while lote := list(itertools.islice(fonte, LOTE_COPY)):
                valores_lote = []
                for linha in lote:
                    valores = [linha[c] for c in colunas] + [f() for f in padroes.values()]
                    for i, campo in preparar:
                        valores[i] = campo.get_db_prep_save(valores[i], connection)
                    valores_lote.append(valores)
                with cursor.cursor.copy(f"COPY {tabela} ({nomes}) FROM STDIN") as copia:  # noqa: S608
                    for valores in valores_lote:
                        copia.write_row(valores)
                total += len(valores_lote)
            if modelo._meta.pk.attname in colunas:
                for sql in connection.ops.sequence_reset_sql(_Estilo(), [modelo]):
                    cursor.execute(sql)
        return total

    def _copiar_orm(self, modelo, linhas):
        total = 0
        lote = []
        for linha in linhas:
            lote.append(modelo(**linha))
            if len(lote) >= LOTE:
                modelo._default_manager.bulk_create(lote)
                total += len(lote)
                lote = []
        if lote:
            modelo._default_manager.bulk_create(lote)
            total += len(lote)
        return total


def _encadear(primeira, resto):
    yield primeira
    yield from resto


def _agora():
    from django.utils import timezone

    return timezone.now()


def _nulo():
    return None


def _vazio():
    return ""


class _Estilo:
    """Estilo nulo para ``sequence_reset_sql`` (que espera um ``color_style``)."""

    def __getattr__(self, nome):
        return lambda texto: texto
