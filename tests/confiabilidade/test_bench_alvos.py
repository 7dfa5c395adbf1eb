"""A avaliação do bench contra QUALITY.md falha quando deve (e só relata na CI)."""

import pytest

from bench import carga
from bench.executar import avaliar, tabela_markdown


def _pagina(nome, tipo, consultas, rps, p95, erros=0, status=200):
    return {
        "nome": nome,
        "tipo": tipo,
        "papel": None,
        "caminho": f"/{nome}/",
        "status": status,
        "consultas": consultas,
        "carga": {"rps": rps, "p50_ms": p95 / 2, "p95_ms": p95, "erros": erros},
    }


def _rodada(ci):
    paginas = [
        _pagina("piso", "piso", 1, 400, 20),
        _pagina("home", "publica", 3, 300, 30),  # ok
        _pagina("lenta", "publica", 3, 100, 90),  # razões ruins
        _pagina("n_mais_um", "publica", 40, 300, 30),  # cresce com a escala e passa do teto
        _pagina("quebrada", "publica", 2, 300, 30, erros=3),
    ]
    comparacao = {
        "escala": "vila",
        "paginas": [
            {"nome": p["nome"], "consultas": 8 if p["nome"] == "n_mais_um" else p["consultas"]} for p in paginas
        ],
    }
    return paginas, *avaliar(paginas, comparacao, ci=ci)


def test_fora_da_ci_todos_os_alvos_contam():
    paginas, falhas, _ = _rodada(ci=False)
    por_nome = {p["nome"]: p for p in paginas}
    assert por_nome["home"]["falhas"] == []
    assert any("req/s" in f for f in por_nome["lenta"]["falhas"])
    assert any("p95" in f for f in por_nome["lenta"]["falhas"])
    assert any("mudam com a escala" in f for f in por_nome["n_mais_um"]["falhas"])
    assert any("> 10" in f for f in por_nome["n_mais_um"]["falhas"])
    assert any("erros" in f for f in por_nome["quebrada"]["falhas"])
    assert len(falhas) >= 5


def test_na_ci_razoes_de_tempo_so_sao_relatadas():
    paginas, falhas, relatados = _rodada(ci=True)
    assert not any(f.startswith("lenta:") for f in falhas)
    assert any(r.startswith("lenta:") for r in relatados)
    assert any(f.startswith("n_mais_um:") for f in falhas)
    assert any(f.startswith("quebrada:") for f in falhas)
    md = tabela_markdown(
        {
            "escala": "bairro",
            "escala_comparacao": "vila",
            "data": "hoje",
            "maquina": "teste",
            "workers": 2,
            "clientes": 4,
            "duracao_s": 4,
            "paginas": paginas,
            "avisos": ["feira: rota ainda não existe; pulada"],
            "falhas": falhas,
            "geracao_s": {"bairro": 0.5},
        }
    )
    assert "| lenta |" in md and "FALHOU" in md and "rota ainda não existe" in md


def test_carga_so_em_loopback():
    with pytest.raises(SystemExit):
        carga.medir(base="http://10.0.0.1:80", caminho="/", duracao=0.1, clientes=1)
