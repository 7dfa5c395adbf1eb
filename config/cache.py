"""Cache no Redis que reaproveita o cliente e sobrevive a uma queda do Redis.

Reaproveitar: o ``RedisCache`` do Django cria um objeto ``redis.Redis`` a cada operação (o
pool de conexões é reaproveitado, o objeto não), e montar esse objeto custa mais que o próprio
GET no loopback. Aqui cada pool ganha um cliente só, criado na primeira vez (o ``redis.Redis``
pode ser usado por várias threads: cada comando pega uma conexão do pool). Toda página com
sessão ou com cache público passa por aqui.

Sobreviver: o mesmo Redis é o broker do Celery e o cache (sessões, páginas públicas, vínculos
da equipe, limites de tentativa). Se ele cair ou travar, o portal segue no ar como se o cache
estivesse vazio e não guardasse nada: leituras são ausências, gravações se perdem, ``add``
aceita, ``incr`` diz que a chave não existe. As sessões vêm do banco (``cached_db``), o
trabalho espera na caixa de saída (``pontos.services.tarefas``).

- Cada comando espera no máximo ``socket_timeout`` (0,5 s por padrão), sem novas tentativas.
- Depois de uma falha, o processo deixa o Redis de lado por ``PAUSA`` segundos: um formulário
  não paga a espera em cada leitura.
- As chaves que não puderam ser gravadas ou apagadas durante a queda são apagadas assim que o
  Redis responde de novo: um logout ou uma troca de vínculo feitos durante a queda não deixam
  uma sessão ou um escopo velho voltar do cache quando ele volta. (Se o processo reiniciar antes
  de o Redis voltar, essa lista se perde; a sessão velha valeria até expirar.)
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConexao
from redis.exceptions import TimeoutError as RedisTempo
from redis.retry import Retry

log = logging.getLogger(__name__)

FALHAS = (RedisConexao, RedisTempo)
PAUSA = 5.0
MAX_PENDENTES = 10_000
OPCOES_PADRAO = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "retry": Retry(NoBackoff(), 0)}


class _Estado:
    """Saúde do Redis vista por este processo (compartilhada pelas threads)."""

    def __init__(self):
        self.trava = threading.Lock()
        self.pausado_ate = 0.0
        self.pendentes = set()
        self.descartadas = 0

    def falhou(self, erro, chaves, pausa):
        with self.trava:
            avisar = time.monotonic() >= self.pausado_ate
            self.pausado_ate = time.monotonic() + pausa
            self.lembrar(chaves)
        if avisar:
            log.warning("Redis indisponível (%s): cache tratado como vazio por %.1f s", erro, pausa)

    def lembrar(self, chaves):
        for chave in chaves:
            if len(self.pendentes) >= MAX_PENDENTES:
                self.descartadas += 1
            else:
                self.pendentes.add(chave)


_ESTADOS = {}
_ESTADOS_TRAVA = threading.Lock()


def _estado_de(servidores):
    chave = tuple(servidores)
    with _ESTADOS_TRAVA:
        return _ESTADOS.setdefault(chave, _Estado())


class _Cliente(RedisCacheClient):
    def __init__(self, servers, *, pausa=PAUSA, **options):
        super().__init__(servers, **{**OPCOES_PADRAO, **options})
        self._clientes = {}
        self._pausa = pausa
        self._estado = _estado_de(servers)

    def get_client(self, key=None, *, write=False):
        indice = self._get_connection_pool_index(write)
        cliente = self._clientes.get(indice)
        if cliente is None:
            cliente = self._clientes[indice] = self._client(connection_pool=self._get_connection_pool(write))
        return cliente

    def _tentar(self, operacao, *, chaves=(), ausente):
        """Roda ``operacao`` no Redis; fora do ar, devolve ``ausente()`` (o cache vazio)."""
        estado = self._estado
        if estado.pausado_ate:
            if time.monotonic() < estado.pausado_ate:
                with estado.trava:
                    estado.lembrar(chaves)
                return ausente()
            try:
                self._apagar_pendentes()
            except FALHAS as erro:
                estado.falhou(erro, chaves, self._pausa)
                return ausente()
        try:
            return operacao()
        except FALHAS as erro:
            estado.falhou(erro, chaves, self._pausa)
            return ausente()

    def _apagar_pendentes(self):
        estado = self._estado
        with estado.trava:
            chaves = list(estado.pendentes)
        for inicio in range(0, len(chaves), 1000):
            self.get_client(write=True).delete(*chaves[inicio : inicio + 1000])
        with estado.trava:
            estado.pendentes.difference_update(chaves)
            descartadas, estado.descartadas = estado.descartadas, 0
            estado.pausado_ate = 0.0
        if chaves:
            log.warning("Redis de volta: %d chave(s) gravadas durante a queda apagadas", len(chaves))
        if descartadas:
            log.error("Redis de volta: %d chave(s) além do limite não puderam ser apagadas", descartadas)

    def add(self, key, value, timeout):
        return self._tentar(lambda: super(_Cliente, self).add(key, value, timeout), chaves=[key], ausente=lambda: True)

    def get(self, key, default):
        return self._tentar(lambda: super(_Cliente, self).get(key, default), ausente=lambda: default)

    def set(self, key, value, timeout):
        return self._tentar(lambda: super(_Cliente, self).set(key, value, timeout), chaves=[key], ausente=lambda: None)

    def touch(self, key, timeout):
        return self._tentar(lambda: super(_Cliente, self).touch(key, timeout), chaves=[key], ausente=lambda: False)

    def delete(self, key):
        return self._tentar(lambda: super(_Cliente, self).delete(key), chaves=[key], ausente=lambda: False)

    def get_many(self, keys):
        return self._tentar(lambda: super(_Cliente, self).get_many(keys), ausente=dict)

    def has_key(self, key):
        return self._tentar(lambda: super(_Cliente, self).has_key(key), ausente=lambda: False)

    def incr(self, key, delta):
        def ausente():
            raise ValueError(f"Key '{key}' not found.")

        return self._tentar(lambda: super(_Cliente, self).incr(key, delta), chaves=[key], ausente=ausente)

    def set_many(self, data, timeout):
        return self._tentar(
            lambda: super(_Cliente, self).set_many(data, timeout), chaves=list(data), ausente=lambda: None
        )

    def delete_many(self, keys):
        return self._tentar(lambda: super(_Cliente, self).delete_many(keys), chaves=list(keys), ausente=lambda: None)


class CacheRedis(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Cliente
