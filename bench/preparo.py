"""Parte do bench que roda dentro do Django (processo próprio, banco do bench).

    python -m bench.preparo gerar --escala bairro --semente 1
    python -m bench.preparo medir            # imprime JSON: páginas, consultas, cookies

``medir`` descobre as rotas que existem (as que ainda não existem são puladas com aviso),
confere que cada uma responde 200, conta as consultas de cada página com
``CaptureQueriesContext`` (segunda visita, depois de aquecer) e abre uma sessão para cada
papel (pessoa, equipe, governo) para o gerador de carga usar.
"""

import argparse
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")


def _django():
    import django

    django.setup()


def gerar(escala, semente):
    _django()
    from pontos.cidade.gerar import cidade_gerar

    contexto = cidade_gerar(escala=escala, semente=semente, saida=sys.stderr)
    # Como em produção, o beat já refez o resumo do Painel de Governo (governo.resumo_atualizar,
    # a cada 15 min): sem isso o painel seria medido vazio.
    import time

    from governo.services import resumo_atualizar

    inicio = time.monotonic()
    linhas = resumo_atualizar()
    resumo_s = round(time.monotonic() - inicio, 2)
    print(f"Resumo do painel refeito: {linhas} linhas em {resumo_s} s", file=sys.stderr)
    print(json.dumps({"duracao_s": round(contexto.duracao, 2), "resumo_s": resumo_s, "contagens": contexto.contagens}))


def _maiores_modelos_gestao(limite):
    """Modelos registrados na Gestão com mais linhas (estimativa barata no PostgreSQL)."""
    from django.db import connection

    from pontos.gestao import gestao_site

    tamanhos = []
    for modelo in gestao_site._registry:
        tabela = modelo._meta.db_table
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [tabela])
                linha = cursor.fetchone()
                n = linha[0] if linha else 0
        else:
            n = modelo._default_manager.count()
        tamanhos.append((n, modelo))
    tamanhos.sort(key=lambda t: (-t[0], t[1]._meta.label))
    return [m for _, m in tamanhos[:limite]]


def _candidatas():
    """(nome, tipo, papel, função que devolve o caminho ou None)."""
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    from pontos.models import Empreendedor, Ponto

    def rota(*nomes, **kwargs):
        def caminho():
            for nome in nomes:
                try:
                    return reverse(nome, kwargs=kwargs or None)
                except NoReverseMatch:
                    continue
            return None

        return caminho

    def primeiro(rotulo, **filtro):
        def caminho():
            try:
                modelo = apps.get_model(rotulo)
            except LookupError:
                return None
            objeto = modelo._default_manager.filter(**filtro).order_by("pk").first()
            if objeto is None or not hasattr(objeto, "get_absolute_url"):
                return None
            try:
                return objeto.get_absolute_url()
            except NoReverseMatch:
                return None

        return caminho

    def com_consulta(base, consulta):
        def caminho():
            url = base()
            return f"{url}?{consulta()}" if url else None

        return caminho

    def filtros_vitrine():
        ponto = Ponto.objects.filter(slug__startswith="sint-").select_related("territorio").order_by("pk").first()
        territorio = ponto.territorio.slug if ponto else ""
        return f"categoria=artesanato&territorio={territorio}"

    vitrine = rota("pontos:vitrine", "pontos:vitrine_lista", "pontos:empreendedor_lista")
    candidatas = [
        ("piso", "piso", None, rota("pontos:bench_piso")),
        ("home", "publica", None, rota("pontos:home")),
        ("agenda", "publica", None, rota("pontos:agenda")),
        ("pontos", "publica", None, rota("pontos:ponto_lista")),
        ("ponto", "publica", None, primeiro("pontos.Ponto", slug__startswith="sint-")),
        ("vitrine", "publica", None, vitrine),
        ("vitrine_filtros", "publica", None, com_consulta(vitrine, filtros_vitrine)),
        ("vitrine_busca", "publica", None, com_consulta(vitrine, lambda: "q=maria")),
        (
            "empreendedor",
            "publica",
            None,
            lambda: e.get_absolute_url() if (e := Empreendedor.objects.na_vitrine().order_by("pk").first()) else None,
        ),
        ("feiras", "publica", None, rota("feiras:feira_lista")),
        ("feira", "publica", None, primeiro("feiras.Feira")),
        ("cursos", "publica", None, rota("formacao:curso_lista")),
        ("minha_conta", "pessoal", "pessoa", rota("pontos:minha_conta")),
        ("gestao", "equipe", "equipe", rota("gestao:index")),
        ("painel_governo", "governo", "governo", rota("governo:painel")),
    ]
    for modelo in _maiores_modelos_gestao(4):
        opts = modelo._meta
        candidatas.append(
            (
                f"gestao_{opts.model_name}",
                "lista_equipe",
                "equipe",
                rota(f"gestao:{opts.app_label}_{opts.model_name}_changelist"),
            )
        )
    return candidatas


def _sessoes():
    from django.conf import settings
    from django.test import Client
    from django.utils.crypto import get_random_string

    from pontos.cidade.nucleo import EMAIL_PESSOA_BENCH
    from pontos.models import Usuario

    usuarios = {
        "pessoa": EMAIL_PESSOA_BENCH,
        "equipe": "equipe-smdet@cidade.invalid",
        "governo": "equipe-sgm@cidade.invalid",
    }
    clientes, cookies = {}, {}
    for papel, email in usuarios.items():
        cliente = Client(raise_request_exception=False)
        usuario = Usuario.objects.filter(email=email).first()
        if usuario is None:
            continue
        cliente.force_login(usuario)
        clientes[papel] = cliente
        # Como um navegador que já abriu uma página: sessão e cookie CSRF.
        cookies[papel] = (
            f"{settings.SESSION_COOKIE_NAME}={cliente.cookies[settings.SESSION_COOKIE_NAME].value}; "
            f"{settings.CSRF_COOKIE_NAME}={get_random_string(32)}"
        )
    return clientes, cookies


def medir():
    _django()
    from django.conf import settings

    # Conta o trabalho real de cada página; os caches de página (visitantes anônimos, painel
    # pronto por pessoa) entram só na carga.
    settings.CACHE_PUBLICO_SEGUNDOS = 0
    settings.GOVERNO_PAGINA_SEGUNDOS = 0
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clientes, cookies = _sessoes()
    anonimo = Client(raise_request_exception=False)
    paginas, avisos = [], []
    for nome, tipo, papel, caminho_fn in _candidatas():
        caminho = caminho_fn()
        if caminho is None:
            avisos.append(f"{nome}: rota ainda não existe; pulada")
            continue
        if papel and papel not in clientes:
            avisos.append(f"{nome}: sem usuário '{papel}' na cidade sintética; pulada")
            continue
        cliente = clientes.get(papel, anonimo)
        cliente.get(caminho)  # aquece (caches de ContentType, templates…)
        with CaptureQueriesContext(connection) as consultas:
            resposta = cliente.get(caminho)
        paginas.append(
            {
                "nome": nome,
                "tipo": tipo,
                "papel": papel,
                "caminho": caminho,
                "status": resposta.status_code,
                "consultas": len(consultas.captured_queries),
                "bytes": len(resposta.content),
            }
        )
    print(json.dumps({"paginas": paginas, "cookies": cookies, "avisos": avisos}))


def main(argv=None):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="acao", required=True)
    g = sub.add_parser("gerar")
    g.add_argument("--escala", required=True)
    g.add_argument("--semente", type=int, default=1)
    sub.add_parser("medir")
    args = parser.parse_args(argv)
    if args.acao == "gerar":
        gerar(args.escala, args.semente)
    else:
        medir()


if __name__ == "__main__":
    main()
