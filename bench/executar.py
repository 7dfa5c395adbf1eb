"""Orquestra uma rodada do bench (ver ``bench/README.md``).

1. Cria (ou reaproveita) um banco PostgreSQL só do bench para a escala pedida, migra e gera a
   cidade sintética; faz o mesmo numa segunda escala para comparar o número de consultas.
2. ``collectstatic`` e sobe o gunicorn com as configurações de produção (valores de teste,
   ``DJANGO_SECURE_SSL_REDIRECT=false``, rota ``/_bench/piso/`` ligada) no PostgreSQL e Redis.
3. Mede, de outro processo, a view piso e cada página que existe; compara com os alvos de
   ``QUALITY.md``; grava JSON e Markdown em ``bench/resultados/``; sai 1 se um alvo falhou.
"""

import argparse
import datetime
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RAIZ = Path(__file__).resolve().parent.parent
PY = sys.executable
RESULTADOS = RAIZ / "bench" / "resultados"

# Alvos de QUALITY.md.
MAX_CONSULTAS = {"publica": 10, "pessoal": 15, "equipe": 15, "lista_equipe": 15, "governo": 15, "piso": 1}
RAZAO_RPS_MIN = {"publica": 0.5}
RAZAO_P95_MAX = {"publica": 2.0, "lista_equipe": 3.0, "governo": 3.0}
COMPARACAO = {"bairro": "vila", "cidade": "bairro"}


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _url_banco(base, nome):
    partes = urlsplit(base)
    return urlunsplit((partes.scheme, partes.netloc, "/" + nome, "", ""))


def _conectar(url):
    import psycopg

    partes = urlsplit(url)
    return psycopg.connect(
        host=partes.hostname or "127.0.0.1",
        port=partes.port or 5432,
        user=partes.username or "postgres",
        password=partes.password or None,
        dbname=partes.path.lstrip("/") or "postgres",
        autocommit=True,
        connect_timeout=5,
    )


def _ambiente(url_banco, redis_url):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "bench-chave-de-teste-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_BENCH_PISO": "true",
            "DJANGO_LOG_LEVEL": "ERROR",
            "DATABASE_URL": url_banco,
            "REDIS_URL": redis_url,
            "PYTHONPATH": str(RAIZ),
        }
    )
    return env


def _rodar(cmd, env, **kw):
    return subprocess.run(cmd, cwd=RAIZ, env=env, check=True, **kw)


def banco_preparar(*, base, escala, semente, redis_url, reusar):
    """Banco ``<base>_bench_<escala>`` migrado e com a cidade gerada; devolve (url, duração da geração)."""
    from pontos.cidade.contexto import ESCALAS

    nome_base = urlsplit(base).path.lstrip("/") or "postgres"
    nome = f"{nome_base}_bench_{escala}"
    url = _url_banco(base, nome)
    admin = _conectar(_url_banco(base, "postgres"))
    existe = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nome]).fetchone()
    if existe and reusar:
        try:
            with _conectar(url) as c:
                n = c.execute("SELECT count(*) FROM pontos_ponto WHERE slug LIKE 'sint-%%'").fetchone()[0]
            if n == ESCALAS[escala].pontos:
                log(f"Reaproveitando o banco {nome} ({escala})")
                admin.close()
                return url, None
        except Exception as erro:  # noqa: BLE001 — banco incompleto: recria
            log(f"Banco {nome} incompleto ({erro}); recriando")
    admin.execute(f'DROP DATABASE IF EXISTS "{nome}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{nome}"')
    admin.close()
    env = _ambiente(url, redis_url)
    log(f"Migrando {nome}")
    _rodar([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    log(f"Gerando a cidade sintética ({escala}, semente {semente})")
    saida = _rodar([PY, "-m", "bench.preparo", "gerar", "--escala", escala, "--semente", str(semente)], env,
                   stdout=subprocess.PIPE, text=True)  # fmt: skip
    dados = json.loads(saida.stdout.strip().splitlines()[-1])
    log(f"Cidade {escala} gerada em {dados['duracao_s']} s; resumo do painel refeito em {dados.get('resumo_s')} s")
    return url, dados["duracao_s"]


def medir_paginas(url, redis_url):
    env = _ambiente(url, redis_url)
    saida = _rodar([PY, "-m", "bench.preparo", "medir"], env, stdout=subprocess.PIPE, text=True)
    return json.loads(saida.stdout.strip().splitlines()[-1])


def porta_livre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servidor:
    def __init__(self, *, url, redis_url, porta, workers):
        self.env = _ambiente(url, redis_url)
        self.porta = porta
        self.workers = workers
        self.base = f"http://127.0.0.1:{porta}"
        self.processo = None
        self.log_erros = RESULTADOS / "gunicorn.log"

    def __enter__(self):
        RESULTADOS.mkdir(parents=True, exist_ok=True)
        gunicorn = str(Path(PY).parent / "gunicorn")
        cmd = [gunicorn, "config.wsgi:application", "-b", f"127.0.0.1:{self.porta}", "-w", str(self.workers),
               "--log-level", "warning", "--error-logfile", str(self.log_erros), "--timeout", "60"]  # fmt: skip
        self.processo = subprocess.Popen(cmd, cwd=RAIZ, env=self.env)
        limite = time.monotonic() + 60
        while time.monotonic() < limite:
            if self.processo.poll() is not None:
                raise RuntimeError(f"gunicorn saiu com {self.processo.returncode}; veja {self.log_erros}")
            try:
                with urllib.request.urlopen(self.base + "/_bench/piso/", timeout=5) as r:  # noqa: S310
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn não respondeu em 60 s")

    def __exit__(self, *exc):
        if self.processo and self.processo.poll() is None:
            self.processo.terminate()
            try:
                self.processo.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.processo.kill()


def carga(base, caminho, *, duracao, clientes, cookie=""):
    cmd = [PY, "-m", "bench.carga", "--base", base, "--caminho", caminho, "--duracao", str(duracao),
           "--clientes", str(clientes), "--cookie", cookie]  # fmt: skip
    saida = subprocess.run(cmd, cwd=RAIZ, check=True, stdout=subprocess.PIPE, text=True, timeout=duracao + 120)
    return json.loads(saida.stdout)


def avaliar(paginas, comparacao, *, ci):
    """Acrescenta a cada página as razões ao piso e a lista de alvos que falharam."""
    piso = next((p for p in paginas if p["nome"] == "piso"), None)
    falhas, relatados = [], []
    por_nome = {p["nome"]: p for p in comparacao.get("paginas", [])}
    for p in paginas:
        p["falhas"] = []
        carga_p = p.get("carga") or {}
        if p["status"] != 200:
            p["falhas"].append(f"respondeu {p['status']}")
        if carga_p.get("erros"):
            p["falhas"].append(f"{carga_p['erros']} erros sob carga")
        teto = MAX_CONSULTAS.get(p["tipo"])
        if teto is not None and p["consultas"] > teto:
            p["falhas"].append(f"{p['consultas']} consultas (> {teto})")
        outra = por_nome.get(p["nome"])
        p["consultas_comparacao"] = outra["consultas"] if outra else None
        if outra and outra["consultas"] != p["consultas"]:
            p["falhas"].append(
                f"consultas mudam com a escala: {p['consultas']} aqui, {outra['consultas']} em {comparacao['escala']}"
            )
        referencia = p.get("piso_vizinho") or (piso or {}).get("carga")
        if referencia and carga_p and p is not piso:
            rps_piso, p95_piso = referencia["rps"], referencia["p95_ms"]
            p["razao_rps"] = round(carga_p["rps"] / rps_piso, 2) if rps_piso else None
            p["razao_p95"] = round(carga_p["p95_ms"] / p95_piso, 2) if p95_piso and carga_p["p95_ms"] else None
            tempo = []
            minimo = RAZAO_RPS_MIN.get(p["tipo"])
            if minimo and p["razao_rps"] is not None and p["razao_rps"] < minimo:
                tempo.append(f"req/s {p['razao_rps']}x do piso (< {minimo})")
            maximo = RAZAO_P95_MAX.get(p["tipo"])
            if maximo and p["razao_p95"] is not None and p["razao_p95"] > maximo:
                tempo.append(f"p95 {p['razao_p95']}x do piso (> {maximo})")
            # Na CI (máquina compartilhada) as razões de tempo só são relatadas.
            (p.setdefault("relatado", []).extend if ci else p["falhas"].extend)(tempo)
        falhas.extend(f"{p['nome']}: {f}" for f in p["falhas"])
        relatados.extend(f"{p['nome']}: {f}" for f in p.get("relatado", []))
    return falhas, relatados


def _fmt(v, sufixo=""):
    return "—" if v is None else f"{v}{sufixo}"


def tabela_markdown(resultado):
    linhas = [
        f"# Bench — escala {resultado['escala']} ({resultado['data']})",
        "",
        f"Máquina: {resultado['maquina']}. Servidor: gunicorn, {resultado['workers']} workers síncronos; "
        f"carga: {resultado['clientes']} clientes, {resultado['duracao_s']} s por página.",
        "",
        'Razões: contra o piso medido logo antes de cada página com alvo de tempo (coluna "piso ao lado").',
        "",
        "| página | caminho | req/s | p50 ms | p95 ms | erros | piso ao lado req/s · p95 ms | razão req/s | razão p95 "
        f"| consultas ({resultado['escala']} / {resultado['escala_comparacao']}) | alvo |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for p in resultado["paginas"]:
        c = p.get("carga") or {}
        v = p.get("piso_vizinho")
        vizinho = f"{v['rps']} · {v['p95_ms']}" if v else "—"
        alvo = "; ".join(p["falhas"]) or ("ok" if not p.get("relatado") else "relatado: " + "; ".join(p["relatado"]))
        linhas.append(
            f"| {p['nome']} | `{p['caminho']}` | {_fmt(c.get('rps'))} | {_fmt(c.get('p50_ms'))} | "
            f"{_fmt(c.get('p95_ms'))} | {_fmt(c.get('erros'))} | {vizinho} | {_fmt(p.get('razao_rps'))} | "
            f"{_fmt(p.get('razao_p95'))} | {p['consultas']} / {_fmt(p.get('consultas_comparacao'))} | {alvo} |"
        )
    if resultado["avisos"]:
        linhas += ["", "Avisos:", ""] + [f"- {a}" for a in resultado["avisos"]]
    geracao = resultado.get("geracao_s") or {}
    if any(geracao.values()):
        linhas += ["", "Geração da cidade sintética: " + ", ".join(f"{k} {v} s" for k, v in geracao.items() if v)]
    linhas += [
        "",
        "Resultado: "
        + ("FALHOU — " + "; ".join(resultado["falhas"]) if resultado["falhas"] else "todos os alvos atendidos"),
    ]
    return "\n".join(linhas) + "\n"


def _maquina():
    try:
        cpu = next(
            (linha.split(":", 1)[1].strip() for linha in open("/proc/cpuinfo") if linha.startswith("model name")),
            platform.processor(),
        )
    except OSError:
        cpu = platform.processor()
    return f"{platform.node()}, {os.cpu_count()} núcleos, {cpu}, Python {platform.python_version()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Bench do portal (ver bench/README.md).")
    parser.add_argument("--escala", choices=["bairro", "cidade"], default="bairro")
    parser.add_argument("--ci", action="store_true", help="rodada curta; razões de tempo só relatadas")
    parser.add_argument("--semente", type=int, default=1)
    parser.add_argument("--duracao", type=float, help="segundos de carga por página (CI: 4; normal: 15)")
    parser.add_argument("--clientes", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--porta", type=int, default=0)
    parser.add_argument("--reusar", action="store_true", help="reaproveita o banco do bench se já gerado")
    parser.add_argument("--paginas", help="só estas páginas, por nome, separadas por vírgula (o piso sempre)")
    args = parser.parse_args(argv)
    duracao = args.duracao or (4 if args.ci else 15)
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/pontos"
    if not base.startswith(("postgres://", "postgresql://")):
        raise SystemExit("O bench precisa de PostgreSQL: defina DATABASE_URL=postgres://…")
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"
    sys.path.insert(0, str(RAIZ))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

    inicio = time.monotonic()
    geracao = {}
    url, geracao[args.escala] = banco_preparar(
        base=base, escala=args.escala, semente=args.semente, redis_url=redis_url, reusar=args.reusar
    )
    escala_comp = COMPARACAO[args.escala]
    url_comp, geracao[escala_comp] = banco_preparar(
        base=base, escala=escala_comp, semente=args.semente, redis_url=redis_url, reusar=args.reusar
    )
    env = _ambiente(url, redis_url)
    log("collectstatic")
    _rodar([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    log(f"Contando consultas por página ({escala_comp})")
    comparacao = medir_paginas(url_comp, redis_url)
    comparacao["escala"] = escala_comp

    log(f"Contando consultas por página ({args.escala})")
    medidas = medir_paginas(url, redis_url)
    paginas = medidas["paginas"]
    if args.paginas:
        escolhidas = {"piso", *args.paginas.split(",")}
        paginas = [p for p in paginas if p["nome"] in escolhidas]
    for aviso in medidas["avisos"]:
        log(f"AVISO {aviso}")

    porta = args.porta or porta_livre()
    piso_caminho = next((p["caminho"] for p in paginas if p["nome"] == "piso" and p["status"] == 200), None)
    with Servidor(url=url, redis_url=redis_url, porta=porta, workers=args.workers) as servidor:
        for p in paginas:
            if p["status"] != 200:
                log(f"{p['nome']}: respondeu {p['status']} fora de carga; sem carga")
                continue
            cookie = medidas["cookies"].get(p["papel"], "") if p["papel"] else ""
            if piso_caminho and p["nome"] != "piso" and (p["tipo"] in RAZAO_P95_MAX or p["tipo"] in RAZAO_RPS_MIN):
                # A máquina é compartilhada e muda de ritmo em minutos: cada página com alvo de tempo é
                # comparada com o piso medido logo antes dela, não só com o do começo da rodada.
                p["piso_vizinho"] = carga(servidor.base, piso_caminho, duracao=duracao, clientes=args.clientes)
            p["carga"] = carga(servidor.base, p["caminho"], duracao=duracao, clientes=args.clientes, cookie=cookie)
            c = p["carga"]
            vizinho = f"  (piso ao lado p95 {p['piso_vizinho']['p95_ms']} ms)" if p.get("piso_vizinho") else ""
            log(
                f"{p['nome']:<22} {c['rps']:>7} req/s  p50 {c['p50_ms']} ms  p95 {c['p95_ms']} ms  "
                f"erros {c['erros']}{vizinho}"
            )

    falhas, relatados = avaliar(paginas, comparacao, ci=args.ci)
    agora = datetime.datetime.now(datetime.UTC)
    resultado = {
        "escala": args.escala,
        "escala_comparacao": escala_comp,
        "ci": args.ci,
        "semente": args.semente,
        "data": agora.strftime("%Y-%m-%d %H:%M UTC"),
        "maquina": _maquina(),
        "workers": args.workers,
        "clientes": args.clientes,
        "duracao_s": duracao,
        "geracao_s": geracao,
        "paginas": paginas,
        "comparacao": comparacao["paginas"],
        "avisos": medidas["avisos"],
        "falhas": falhas,
        "relatados": relatados,
        "tempo_total_s": round(time.monotonic() - inicio, 1),
    }
    RESULTADOS.mkdir(parents=True, exist_ok=True)
    carimbo = agora.strftime("%Y%m%d-%H%M%S")
    (RESULTADOS / f"{args.escala}-{carimbo}.json").write_text(json.dumps(resultado, indent=2, ensure_ascii=False))
    markdown = tabela_markdown(resultado)
    (RESULTADOS / f"{args.escala}-{carimbo}.md").write_text(markdown)
    (RESULTADOS / f"ultimo-{args.escala}.md").write_text(markdown)
    print()
    print(markdown)
    if relatados:
        log("Relatado (não falha na CI): " + "; ".join(relatados))
    if falhas:
        log("ALVOS NÃO ATENDIDOS: " + "; ".join(falhas))
        return 1
    log(f"Todos os alvos atendidos ({resultado['tempo_total_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
