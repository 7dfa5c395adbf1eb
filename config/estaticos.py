"""Armazenamento dos estáticos em produção: WhiteNoise comprimido e com hash no nome.

Os arquivos vendorizados (Bootstrap, htmx, Leaflet) citam ``sourceMappingURL`` de mapas que
não distribuímos; o padrão do Django faria o ``collectstatic`` falhar por isso. Aqui essas
referências são ignoradas (ficam como estão); ``url()`` e ``@import`` continuam reescritos.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _sem_mapas(padroes):
    return tuple(
        (extensao, tuple(p for p in lista if "sourceMappingURL" not in (p if isinstance(p, str) else p[0])))
        for extensao, lista in padroes
    )


class EstaticosComprimidos(CompressedManifestStaticFilesStorage):
    patterns = _sem_mapas(ManifestStaticFilesStorage.patterns)
