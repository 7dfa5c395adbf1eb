"""Gerador de carga: threads com ``http.client`` em loopback, num processo à parte do servidor.

    python -m bench.carga --base http://127.0.0.1:8107 --caminho /agenda/ --duracao 10 --clientes 4

Imprime um JSON com requisições, req/s, p50, p95, p99 (ms) e erros. Só fala com 127.0.0.1;
o laço tem limite de tempo e de requisições e termina sozinho.
"""

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit

LIMITE_REQUISICOES = 200_000


def _percentil(valores, p):
    if not valores:
        return None
    ordenados = sorted(valores)
    k = max(0, min(len(ordenados) - 1, round(p / 100 * (len(ordenados) - 1))))
    return ordenados[k]


def medir(*, base, caminho, duracao, clientes, cookie="", aquecimento=1.0):
    partes = urlsplit(base)
    if partes.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("O bench só gera carga em loopback.")
    cabecalhos = {"Host": "127.0.0.1", "User-Agent": "bench-pontos/1", "Accept-Encoding": "identity"}
    if cookie:
        cabecalhos["Cookie"] = cookie
    latencias, erros, exemplos = [], [], []
    trava = threading.Lock()
    parar = threading.Event()
    contando = threading.Event()

    def trabalhador():
        conexao = None
        while not parar.is_set():
            inicio = time.perf_counter()
            try:
                if conexao is None:
                    conexao = http.client.HTTPConnection(partes.hostname, partes.port, timeout=30)
                conexao.request("GET", caminho, headers=cabecalhos)
                resposta = conexao.getresponse()
                resposta.read()
                ok = resposta.status == 200
                if resposta.getheader("Connection", "").lower() == "close" or resposta.will_close:
                    conexao.close()
                    conexao = None
                motivo = None if ok else f"HTTP {resposta.status}"
            except (OSError, http.client.HTTPException) as erro:
                if conexao is not None:
                    conexao.close()
                conexao = None
                motivo = f"{type(erro).__name__}: {erro}"
            gasto = time.perf_counter() - inicio
            if not contando.is_set():
                continue
            with trava:
                if len(latencias) + len(erros) >= LIMITE_REQUISICOES:
                    parar.set()
                if motivo:
                    erros.append(gasto)
                    if len(exemplos) < 3:
                        exemplos.append(motivo)
                else:
                    latencias.append(gasto)
        if conexao is not None:
            conexao.close()

    threads = [threading.Thread(target=trabalhador, daemon=True) for _ in range(clientes)]
    for t in threads:
        t.start()
    time.sleep(aquecimento)
    contando.set()
    t0 = time.perf_counter()
    parar.wait(duracao)
    parar.set()
    decorrido = time.perf_counter() - t0
    for t in threads:
        t.join(timeout=35)
    ms = [x * 1000 for x in latencias]
    return {
        "caminho": caminho,
        "requisicoes": len(latencias) + len(erros),
        "erros": len(erros),
        "exemplos_erro": exemplos,
        "segundos": round(decorrido, 2),
        "rps": round(len(latencias) / decorrido, 1) if decorrido else 0,
        "p50_ms": round(statistics.median(ms), 2) if ms else None,
        "p95_ms": round(_percentil(ms, 95), 2) if ms else None,
        "p99_ms": round(_percentil(ms, 99), 2) if ms else None,
    }


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--caminho", required=True)
    parser.add_argument("--duracao", type=float, default=10)
    parser.add_argument("--clientes", type=int, default=4)
    parser.add_argument("--cookie", default="")
    parser.add_argument("--aquecimento", type=float, default=1.0)
    args = parser.parse_args(argv)
    print(
        json.dumps(
            medir(
                base=args.base,
                caminho=args.caminho,
                duracao=args.duracao,
                clientes=args.clientes,
                cookie=args.cookie,
                aquecimento=args.aquecimento,
            )
        )
    )


if __name__ == "__main__":
    main()
