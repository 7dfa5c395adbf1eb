"""Rajada de inscrições quando a chamada abre, contra gunicorn no PostgreSQL.

Sobe o gunicorn com as configurações de produção (sem redirecionar para HTTPS, só no loopback),
cria uma feira e N pessoas com sessão aberta, e dispara as inscrições de C clientes simultâneos
(outro processo, no loopback). Cada pessoa envia duas vezes uma parte das inscrições (toque duplo).
No fim, distribui as bancas e confere: inscrições/s, p95, erros (5xx ou conexão) e overbooking
(pessoa com duas inscrições, banca dada duas vezes, cota estourada). Alvo: ≥ 200/s, 0 erros, 0 overbooking.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pontos_feiras REDIS_URL=redis://127.0.0.1:6379/3 \\
      .venv/bin/python bench/feiras/rajada.py
"""

import argparse
import http.client
import os
import queue
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

from comum import RAIZ, iniciar_django, preparar_feira


def sessoes(usuarios):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    chaves = []
    linhas = []
    expira = timezone.now() + timezone.timedelta(hours=2)
    loja = SessionStore()
    for usuario in usuarios:
        chave = secrets.token_hex(16)
        dados = {
            SESSION_KEY: str(usuario.pk),
            BACKEND_SESSION_KEY: "pontos.autenticacao.BackendModelo",
            HASH_SESSION_KEY: usuario.get_session_auth_hash(),
        }
        linhas.append(Session(session_key=chave, session_data=loja.encode(dados), expire_date=expira))
        chaves.append(chave)
    Session.objects.bulk_create(linhas, batch_size=5000)
    # Quem entra pelo site tem a sessão no banco e no cache (o cached_db grava nos dois no login).
    from django.conf import settings
    from django.contrib.sessions.backends.cached_db import SessionStore as SessaoCache
    from django.core.cache import caches

    caches[settings.SESSION_CACHE_ALIAS].set_many(
        {SessaoCache.cache_key_prefix + linha.session_key: loja.decode(linha.session_data) for linha in linhas},
        timeout=2 * 3600,
    )
    return chaves


def subir_gunicorn(porta, workers, classe="sync", threads=1):
    ambiente = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.feiras.config_bench",
        "PYTHONPATH": str(RAIZ),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    processo = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{porta}",
            "--workers",
            str(workers),
            "--worker-class",
            classe,
            "--threads",
            str(threads),
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=RAIZ,
        env=ambiente,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            conexao = http.client.HTTPConnection("127.0.0.1", porta, timeout=2)
            conexao.request("GET", "/feiras/")
            conexao.getresponse().read()
            return processo
        except OSError:
            time.sleep(0.2)
    processo.kill()
    sys.exit("gunicorn não respondeu")


def disparar(porta, feira_id, pedidos, clientes):
    fila = queue.Queue()
    for pedido in pedidos:
        fila.put(pedido)
    tempos, codigos, erros = [], {}, []
    trava = threading.Lock()
    caminho = f"/feiras/{feira_id}/inscrever/"

    def cliente():
        conexao = http.client.HTTPConnection("127.0.0.1", porta, timeout=30)
        while True:
            try:
                sessao, categoria_id = fila.get_nowait()
            except queue.Empty:
                break
            csrf = secrets.token_hex(16)
            corpo = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": csrf, "categoria": categoria_id, "produtos": "Bolsas de crochê"}
            )
            cabecalhos = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={sessao}; csrftoken={csrf}",
            }
            inicio = time.perf_counter()
            try:
                conexao.request("POST", caminho, body=corpo, headers=cabecalhos)
                resposta = conexao.getresponse()
                resposta.read()
                codigo = resposta.status
                if codigo == 302 and "/feiras/minhas/" not in (resposta.getheader("Location") or ""):
                    codigo = "302 fora do fluxo"
            except (OSError, http.client.HTTPException) as erro:
                codigo = None
                conexao.close()
                conexao = http.client.HTTPConnection("127.0.0.1", porta, timeout=30)
                with trava:
                    erros.append(repr(erro))
            duracao = time.perf_counter() - inicio
            with trava:
                tempos.append(duracao)
                codigos[codigo] = codigos.get(codigo, 0) + 1
        conexao.close()

    threads = [threading.Thread(target=cliente) for _ in range(clientes)]
    inicio = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - inicio, tempos, codigos, erros


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pessoas", type=int, default=3000)
    parser.add_argument("--duplicadas", type=float, default=0.1, help="fração que envia duas vezes")
    parser.add_argument("--clientes", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--classe", default="sync", help="classe de worker do gunicorn (sync, gthread)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--porta", type=int, default=8103)
    parser.add_argument("--bancas", type=int, default=100)
    parser.add_argument("--alvo", type=float, default=200.0)
    args = parser.parse_args()
    iniciar_django()
    from django.db.models import Count

    from feiras.models import Alocacao, CategoriaFeira, Inscricao
    from feiras.services import alocacao_executar

    feira, categorias, usuarios, _pessoas = preparar_feira(
        prefixo="rajada", pessoas=args.pessoas, bancas=args.bancas, cotas=args.bancas // 5
    )
    chaves = sessoes(usuarios)
    pedidos = [(chave, categorias[i % len(categorias)].pk) for i, chave in enumerate(chaves)]
    pedidos += pedidos[: int(len(pedidos) * args.duplicadas)]
    gunicorn = subir_gunicorn(args.porta, args.workers, args.classe, args.threads)
    try:
        duracao, tempos, codigos, erros = disparar(args.porta, feira.pk, pedidos, args.clientes)
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)

    # Os avisos de "inscrição recebida" saem em lote: a varredura do beat os enfileira depois.
    from feiras.tasks import avisar_recebidas

    inicio_despacho = time.perf_counter()
    avisos = avisar_recebidas()
    despacho = time.perf_counter() - inicio_despacho
    avisos_parados = Inscricao.objects.filter(feira=feira, aviso_recebida_pendente=True).count()

    inscricoes = Inscricao.objects.filter(feira=feira).count()
    duplicadas = (
        Inscricao.objects.filter(feira=feira).values("empreendedor").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    alocacao_executar(feira=feira, semente="rajada")
    alocacoes = Alocacao.objects.filter(feira=feira)
    bancas_repetidas = alocacoes.values("banca").annotate(n=Count("pk")).filter(n__gt=1).count()
    acima_da_cota = sum(1 for c in CategoriaFeira.objects.filter(feira=feira) if c.aprovadas > c.cota)
    overbooking = duplicadas + bancas_repetidas + acima_da_cota + max(0, alocacoes.count() - args.bancas)
    servidor = sum(n for c, n in codigos.items() if c is None or isinstance(c, str) or c >= 500)
    p95 = statistics.quantiles(tempos, n=20)[18] * 1000
    taxa = inscricoes / duracao
    print(f"pedidos: {len(pedidos)} ({args.clientes} clientes, {args.workers} workers gunicorn); respostas: {codigos}")
    print(f"inscrições criadas: {inscricoes} de {args.pessoas} pessoas em {duracao:.2f} s")
    print(f"inscrições/s: {taxa:.1f} (alvo ≥ {args.alvo:.0f}); pedidos/s: {len(pedidos) / duracao:.1f}")
    print(f"latência p50 {statistics.median(tempos) * 1000:.1f} ms, p95 {p95:.1f} ms")
    print(
        f"erros: {servidor}; overbooking: {overbooking} (pessoas com 2 inscrições {duplicadas}, "
        f"bancas repetidas {bancas_repetidas}, categorias acima da cota {acima_da_cota}); bancas dadas {alocacoes.count()}"
    )
    print(
        f"avisos de recebimento enfileirados pela varredura depois da rajada: {avisos} em {despacho:.2f} s; parados: {avisos_parados}"
    )
    for erro in erros[:5]:
        print("  erro:", erro)
    ok = taxa >= args.alvo and servidor == 0 and overbooking == 0 and inscricoes == args.pessoas and avisos_parados == 0
    print("OK" if ok else "FALHOU")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
