"""Mede o Painel de Governo: a reconstrução do resumo e o tempo de resposta do painel.

Uso (no PostgreSQL do bench; cria Pontos "bench-gov-*" se faltarem):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pontos_governo \\
      .venv/bin/python bench/governo/medir.py --pontos 1000 --meses 36 --indicadores 12 --detalhes 3

Se a cidade sintética já foi gerada (``manage.py cidade_gerar --escala cidade``), os indicadores
registrados pelos programas entram na medida; ``--sinteticos 0`` mede só eles. Os indicadores
sintéticos (``bench.*``) devolvem valores já prontos para cada Ponto × mês × detalhe: medem a parte
do ``governo`` (consolidar e gravar em massa), não as consultas dos programas.

Imprime: duração da reconstrução e linhas gravadas; p50/p95 do painel e de uma página mínima
(dados abertos: uma consulta e um template pequeno, mesma pilha de middleware) na mesma
execução, a razão entre eles e o número de consultas do painel.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pontos", type=int, default=1000)
    ap.add_argument("--meses", type=int, default=36)
    ap.add_argument("--sinteticos", type=int, default=12, help="indicadores sintéticos (0 = só os registrados)")
    ap.add_argument("--detalhes", type=int, default=3)
    ap.add_argument("--requisicoes", type=int, default=40)
    ap.add_argument("--perfil", action="store_true", help="cProfile de 5 pedidos do painel")
    a = ap.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.GOVERNO_RESUMO_MESES = a.meses
    from governo import services
    from governo.models import ResumoIndicador
    from governo.periodos import somar_meses
    from pontos import extensoes
    from pontos.extensoes import Indicador, ValorIndicador
    from pontos.models import Papel, Ponto, Secretaria, Territorio, Usuario, Vinculo

    print(f"banco: {connection.vendor}")
    secretarias = {}
    for sigla, gov in (("smdet", False), ("smc", False), ("svma", False), ("sgm", True)):
        secretarias[sigla], _ = Secretaria.objects.get_or_create(
            sigla=sigla, defaults={"nome": sigla.upper(), "eh_governo": gov}
        )
    faltam = a.pontos - Ponto.objects.count()
    if faltam > 0:
        territorios = [
            Territorio.objects.get_or_create(slug=f"bench-gov-{n}", defaults={"nome": f"Território bench {n}"})[0]
            for n in range(32)
        ]
        siglas = ["smdet", "smc", "svma"]
        Ponto.objects.bulk_create(
            [
                Ponto(
                    nome=f"Ponto bench {n}",
                    slug=f"bench-gov-{n}-{time.time_ns()}",
                    tipo="outro",
                    territorio=territorios[n % 32],
                    secretaria=secretarias[siglas[n % 3]],
                    cep="05508-000",
                    endereco="Rua do bench",
                )
                for n in range(faltam)
            ],
            batch_size=2000,
        )
        print(f"{faltam} Pontos criados")
    pontos = list(Ponto.objects.values_list("pk", "secretaria_id")[: a.pontos])
    hoje = datetime.date.today()
    meses = [somar_meses(hoje.replace(day=1), -n) for n in range(a.meses)]

    def sintetico(k):
        def fn(*, inicio, fim, pontos=None, secretarias=None):
            return [
                ValorIndicador(
                    valor=Decimal(10 + (p + m.month + d + k) % 97), ponto_id=p, mes=m, secretaria_id=s, detalhe=f"d{d}"
                )
                for p, s in pontos_bench
                for m in meses
                for d in range(a.detalhes)
            ]

        return fn

    pontos_bench = pontos
    for k in range(a.sinteticos):
        extensoes.indicadores.registrar(
            Indicador(
                f"bench.i{k}",
                f"Indicador bench {k}",
                ["Feiras", "Formação", "Cultura"][k % 3],
                "R$" if k % 4 == 0 else "pessoas",
                sintetico(k),
                "receita" if k % 4 == 0 else "",
            )
        )
    print(f"indicadores registrados: {len(extensoes.indicadores)}")

    t0 = time.monotonic()
    atualizacao = services.resumo_atualizar()
    duracao = time.monotonic() - t0
    print(f"reconstrução do resumo: {duracao:.1f} s, {atualizacao.linhas:,} linhas".replace(",", "."))
    if atualizacao.erros:
        print("erros:", atualizacao.erros)
    print(f"linhas no resumo: {ResumoIndicador.objects.count():,}".replace(",", "."))

    usuario, _ = Usuario.objects.get_or_create(email="bench-governo@exemplo.org")
    Vinculo.objects.get_or_create(usuario=usuario, secretaria=secretarias["sgm"], defaults={"papel": Papel.CONSULTA})
    gestor, _ = Usuario.objects.get_or_create(email="bench-smdet@exemplo.org")
    Vinculo.objects.get_or_create(usuario=gestor, secretaria=secretarias["smdet"], defaults={"papel": Papel.GESTOR})

    def medir(cliente, url, n):
        cliente.get(url)  # aquece
        tempos = []
        for _ in range(n):
            t = time.perf_counter()
            resposta = cliente.get(url)
            tempos.append((time.perf_counter() - t) * 1000)
            assert resposta.status_code == 200, (url, resposta.status_code)
        tempos.sort()
        return statistics.median(tempos), tempos[int(0.95 * (len(tempos) - 1))]

    if a.perfil:
        import cProfile
        import pstats

        cliente = Client()
        cliente.force_login(usuario)
        cliente.get("/governo/")
        perfil = cProfile.Profile()
        perfil.enable()
        for _ in range(5):
            cliente.get("/governo/")
        perfil.disable()
        pstats.Stats(perfil).sort_stats("cumulative").print_stats("governo/governo", 30)
    resultados = []
    for nome, quem, url in [
        ("piso (dados abertos)", None, "/governo/dados-abertos/"),
        ("painel, trimestre (Governo)", usuario, "/governo/"),
        ("painel, ano e Ponto (Governo)", usuario, f"/governo/?periodo=ano&ano={hoje.year}&ponto={pontos[0][0]}"),
        ("painel, ano (SMDET)", gestor, f"/governo/?periodo=ano&ano={hoje.year}"),
        ("sustentabilidade, ano (Governo)", usuario, f"/governo/sustentabilidade/?periodo=ano&ano={hoje.year}"),
        ("trajetórias, ano (Governo)", usuario, f"/governo/trajetorias/?periodo=ano&ano={hoje.year}"),
        ("equidade, ano (Governo)", usuario, f"/governo/equidade/?periodo=ano&ano={hoje.year}"),
    ]:
        cliente = Client()
        if quem:
            cliente.force_login(quem)
        consultas = []
        with connection.execute_wrapper(
            lambda execute, sql, *args, _c=consultas: _c.append(sql) or execute(sql, *args)
        ):
            cliente.get(url)
        p50, p95 = medir(cliente, url, a.requisicoes)
        resultados.append((nome, p50, p95, len(consultas)))
    piso95 = resultados[0][2]
    print("\n| página | p50 (ms) | p95 (ms) | p95 ÷ piso | consultas |\n|---|---|---|---|---|")
    for nome, p50, p95, n in resultados:
        print(f"| {nome} | {p50:.1f} | {p95:.1f} | {p95 / piso95:.1f} | {n} |")


if __name__ == "__main__":
    main()
