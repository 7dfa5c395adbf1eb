"""Cache no Redis reaproveitando o cliente.

O ``RedisCache`` do Django cria um objeto ``redis.Redis`` a cada operação (o pool de conexões é
reaproveitado, o objeto não), e montar esse objeto custa mais que o próprio GET no loopback.
Aqui cada pool ganha um cliente só, criado na primeira vez (o ``redis.Redis`` pode ser usado por
várias threads: cada comando pega uma conexão do pool). Toda página com sessão ou com cache
público passa por aqui.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _Cliente(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clientes = {}

    def get_client(self, key=None, *, write=False):
        indice = self._get_connection_pool_index(write)
        cliente = self._clientes.get(indice)
        if cliente is None:
            cliente = self._clientes[indice] = self._client(connection_pool=self._get_connection_pool(write))
        return cliente


class CacheRedis(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Cliente
