"""Memória da exportação em fluxo do Painel de Governo (QUALITY.md: < 150 MB com 1.000.000 linhas).

Uso (num banco com o resumo cheio, p.ex. depois de ``bench/governo/medir.py --sinteticos 15``):

    DATABASE_URL=postgres://… .venv/bin/python bench/governo/exportar.py

Exporta, como o CSV "dados detalhados" do painel, todas as linhas do resumo do primeiro ao
último mês, como um membro do Governo, e imprime linhas, megabytes, tempo e o pico de memória
do processo.
"""

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db.models import Max, Min  # noqa: E402

from governo import exportar  # noqa: E402
from governo.forms import FiltroForm  # noqa: E402
from governo.models import ResumoIndicador  # noqa: E402
from pontos.models import Vinculo  # noqa: E402

LIMITE_MB = 150


def main():
    usuario = Vinculo.objects.filter(secretaria__eh_governo=True).select_related("usuario").first().usuario
    limites = ResumoIndicador.objects.aggregate(de=Min("mes"), ate=Max("mes"))
    form = FiltroForm(
        {"periodo": "personalizado", "de": limites["de"].strftime("%Y-%m"), "ate": limites["ate"].strftime("%Y-%m")},
        usuario=usuario,
    )
    form.is_valid()
    filtros = form.filtros()
    inicio, linhas, tamanho = time.perf_counter(), 0, 0
    for pedaco in exportar.csv_fluxo(exportar.linhas_dados(usuario=usuario, filtros=filtros)):
        linhas += 1
        tamanho += len(pedaco)
    pico = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"período {filtros.periodo.rotulo}: {linhas} linhas CSV, {tamanho / 1e6:.1f} MB em "
          f"{time.perf_counter() - inicio:.1f} s; pico de memória {pico:.0f} MB (alvo < {LIMITE_MB} MB)")  # fmt: skip
    return 0 if pico < LIMITE_MB else 1


if __name__ == "__main__":
    sys.exit(main())
