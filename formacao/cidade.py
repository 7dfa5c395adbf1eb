"""Gerador em massa da formação para a cidade sintética (``manage.py cidade_gerar``).

Contrato (ver ``pontos/cidade/contexto.py``): ``gerar_cidade(*, contexto)`` com ``aleatorio``,
``escala``, ``pontos``, ``empreendedores``, ``secretarias``, ``inicio``/``fim``, ``log`` e, quando
houver, ``copiar``/``reservar_ids``/``tamanho``/``espacos``. Os encontros sintéticos não criam
reservas (a reserva é do fluxo real, por ``reserva_criar``); tudo o mais segue as restrições.
"""

import datetime

from django.db.models import Max
from django.utils import timezone

from formacao.models import (
    Certificado,
    Curso,
    Eixo,
    Encontro,
    EtapaFormalizacao,
    Matricula,
    PassoFormalizacao,
    Presenca,
    SituacaoMatricula,
    SituacaoTurma,
    Turma,
)
from formacao.services import ALFABETO
from pontos.models import Empreendedor, Espaco, Qualificacao, SituacaoFormalizacao, TipoQualificacao

CONCEDE = {
    Eixo.TECNICO: TipoQualificacao.TECNICA,
    Eixo.GESTAO_FINANCAS: TipoQualificacao.GESTAO_FINANCAS,
    Eixo.FORMALIZACAO: TipoQualificacao.FORMALIZACAO_MEI,
    Eixo.BOAS_PRATICAS: TipoQualificacao.BOAS_PRATICAS,
    Eixo.COMERCIALIZACAO: TipoQualificacao.COMERCIALIZACAO,
    Eixo.FORMACAO_ARTISTICA: TipoQualificacao.FORMACAO_ARTISTICA,
}
ENCONTROS_POR_TURMA = 4


def _gravar(contexto, modelo, linhas):
    if hasattr(contexto, "copiar"):
        return contexto.copiar(modelo, linhas)
    objetos = [modelo(**linha) for linha in linhas]
    modelo.objects.bulk_create(objetos, batch_size=2000)
    contexto.log(f"{len(objetos)} {modelo._meta.verbose_name_plural}")
    return len(objetos)


def _ids(contexto, modelo, n):
    if hasattr(contexto, "reservar_ids"):
        return list(contexto.reservar_ids(modelo, n))
    inicio = (modelo.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    return list(range(inicio, inicio + n))


def _codigos(aleatorio, n, tamanho, usados):
    saida = []
    while len(saida) < n:
        codigo = "".join(aleatorio.choice(ALFABETO) for _ in range(tamanho))
        if codigo not in usados:
            usados.add(codigo)
            saida.append(codigo)
    return saida


def gerar_cidade(*, contexto):
    aleatorio = contexto.aleatorio
    tamanho = getattr(contexto, "tamanho", None)
    total_matriculas = getattr(tamanho, "matriculas", None) or (200_000 if contexto.escala == "cidade" else 1_000)
    if not contexto.pontos or not contexto.empreendedores:
        return
    smdet = contexto.secretarias.get("smdet") or next(iter(contexto.secretarias.values()))
    smc = contexto.secretarias.get("smc", smdet)
    agora = timezone.now()

    # cursos
    eixos = list(Eixo.values)
    n_cursos = 36 if contexto.escala == "cidade" else 8
    curso_ids = _ids(contexto, Curso, n_cursos)
    cursos = []
    for i, pk in enumerate(curso_ids):
        eixo = eixos[i % len(eixos)]
        cursos.append(
            {
                "id": pk,
                "nome": f"Curso sintético {pk} — {Eixo(eixo).label}",
                "slug": f"cidade-curso-{pk}",
                "eixo": eixo,
                "secretaria_id": smc if eixo == Eixo.FORMACAO_ARTISTICA else smdet,
                "resumo": "Curso gerado para a cidade sintética.",
                "ementa": "Conteúdo sintético.",
                "carga_horaria": aleatorio.choice([8, 12, 16, 20]),
                "frequencia_minima": 75,
                "validade_meses": 24 if eixo == Eixo.BOAS_PRATICAS else None,
                "concede": CONCEDE[eixo],
                "ativo": True,
            }
        )
    _gravar(contexto, Curso, cursos)

    # espaços por Ponto
    espacos = {}
    if getattr(contexto, "espacos", None):
        espacos = {p: [e for e, _tipo in lista] for p, lista in contexto.espacos.items() if lista}
    else:
        for pk, ponto_id in Espaco.objects.filter(ponto_id__in=contexto.pontos).values_list("pk", "ponto_id"):
            espacos.setdefault(ponto_id, []).append(pk)
    pontos = [p for p in contexto.pontos if espacos.get(p)]
    if not pontos:
        return

    # turmas, encontros
    vagas = 20
    n_turmas = max(total_matriculas // vagas, 1)
    turma_ids = _ids(contexto, Turma, n_turmas)
    periodo = (contexto.fim - contexto.inicio).days
    turmas, encontros, info = [], [], {}
    encontro_ids = _ids(contexto, Encontro, n_turmas * ENCONTROS_POR_TURMA)
    codigos = _codigos(aleatorio, len(encontro_ids), 8, set(Encontro.objects.values_list("codigo_presenca", flat=True)))
    for i, pk in enumerate(turma_ids):
        curso = cursos[i % len(cursos)]
        ponto = aleatorio.choice(pontos)
        dia = contexto.inicio + datetime.timedelta(days=aleatorio.randrange(max(periodo - 30, 1)))
        inicio = timezone.make_aware(datetime.datetime.combine(dia, datetime.time(aleatorio.choice([9, 14, 18]))))
        ultimo_fim = inicio + datetime.timedelta(days=7 * (ENCONTROS_POR_TURMA - 1), hours=4)
        passada = ultimo_fim < agora
        info[pk] = (passada, curso, ponto, inicio, ultimo_fim)
        turmas.append(
            {
                "id": pk,
                "curso_id": curso["id"],
                "ponto_id": ponto,
                "espaco_id": aleatorio.choice(espacos[ponto]),
                "secretaria_id": curso["secretaria_id"],
                "nome": f"Turma {pk}",
                "instrutor": "Instrutor(a) sintético(a)",
                "vagas": vagas,
                "vagas_ocupadas": 0 if passada else vagas,
                "situacao": SituacaoTurma.ENCERRADA if passada else SituacaoTurma.ABERTA,
                "criada_em": inicio - datetime.timedelta(days=20),
                "encerrada_em": ultimo_fim if passada else None,
            }
        )
        for k in range(ENCONTROS_POR_TURMA):
            e_inicio = inicio + datetime.timedelta(days=7 * k)
            indice = i * ENCONTROS_POR_TURMA + k
            encontros.append(
                {
                    "id": encontro_ids[indice],
                    "turma_id": pk,
                    "inicio": e_inicio,
                    "fim": e_inicio + datetime.timedelta(hours=4),
                    "codigo_presenca": codigos[indice],
                    "codigo_expira_em": e_inicio + datetime.timedelta(hours=5),
                    "presenca_lancada_em": e_inicio + datetime.timedelta(hours=4) if passada else None,
                }
            )
    _gravar(contexto, Turma, turmas)
    _gravar(contexto, Encontro, encontros)

    # matrículas, presenças, certificados e qualificações
    matricula_ids = _ids(contexto, Matricula, n_turmas * vagas)
    matriculas, presencas, certificados, qualificacoes = [], [], [], []
    concluidas = []
    for i, pk in enumerate(turma_ids):
        passada, curso, ponto, inicio, ultimo_fim = info[pk]
        pessoas = aleatorio.sample(contexto.empreendedores, min(vagas, len(contexto.empreendedores)))
        if i == 0 and contexto.empreendedores[0] not in pessoas:
            # A pessoa que o bench usa (a primeira) tem um curso em qualquer escala: Minha conta
            # tem então o mesmo formato de dados no bairro e na cidade.
            pessoas[0] = contexto.empreendedores[0]
        for j, pessoa in enumerate(pessoas):
            mid = matricula_ids[i * vagas + j]
            presentes = aleatorio.choice([4, 4, 4, 3, 3, 2, 1]) if passada else 0
            situacao = (
                (SituacaoMatricula.CONCLUIDA if presentes >= 3 else SituacaoMatricula.NAO_CONCLUIDA)
                if passada
                else SituacaoMatricula.CONFIRMADA
            )
            matriculas.append(
                {
                    "id": mid,
                    "turma_id": pk,
                    "empreendedor_id": pessoa,
                    "situacao": situacao,
                    "criada_em": inicio - datetime.timedelta(days=aleatorio.randint(1, 20)),
                    "concluida_em": ultimo_fim if passada else None,
                    "frequencia": 100 * presentes // ENCONTROS_POR_TURMA if passada else None,
                }
            )
            for k in range(presentes):
                presencas.append(
                    {
                        "encontro_id": encontro_ids[i * ENCONTROS_POR_TURMA + k],
                        "matricula_id": mid,
                        "presente": True,
                        "origem": "equipe",
                        "registrada_em": inicio + datetime.timedelta(days=7 * k, hours=4),
                    }
                )
            if situacao == SituacaoMatricula.CONCLUIDA:
                concluidas.append((mid, pessoa, curso, ponto, inicio, ultimo_fim))
    _gravar(contexto, Matricula, matriculas)
    _gravar(contexto, Presenca, presencas)

    cert_ids = _ids(contexto, Certificado, len(concluidas))
    qual_ids = _ids(contexto, Qualificacao, len(concluidas))
    cods = _codigos(aleatorio, len(concluidas), 12, set(Certificado.objects.values_list("codigo", flat=True)))
    for n, (mid, pessoa, curso, ponto, inicio, ultimo_fim) in enumerate(concluidas):
        emitido = ultimo_fim.date()
        valido_ate = emitido + datetime.timedelta(days=730) if curso["validade_meses"] else None
        qualificacoes.append(
            {
                "id": qual_ids[n],
                "empreendedor_id": pessoa,
                "tipo": curso["concede"],
                "origem": curso["nome"],
                "referencia": f"formacao.certificado:{cert_ids[n]}",
                "valida_de": emitido,
                "valida_ate": valido_ate,
            }
        )
        certificados.append(
            {
                "id": cert_ids[n],
                "matricula_id": mid,
                "codigo": cods[n],
                "nome": f"Pessoa {pessoa}",
                "curso_nome": curso["nome"],
                "carga_horaria": curso["carga_horaria"],
                "ponto_nome": f"Ponto {ponto}",
                "data_inicio": inicio.date(),
                "data_fim": emitido,
                "emitido_em": ultimo_fim,
                "valido_ate": valido_ate,
                "qualificacao_id": qual_ids[n],
            }
        )
    _gravar(contexto, Qualificacao, qualificacoes)
    _gravar(contexto, Certificado, certificados)

    # trilha MEI: parte das pessoas avançou alguns passos
    passos = [PassoFormalizacao.GOVBR, PassoFormalizacao.MEI, PassoFormalizacao.CCM, PassoFormalizacao.SENHA_WEB,
              PassoFormalizacao.DAS_DASN]  # fmt: skip
    etapas = []
    for pessoa in aleatorio.sample(contexto.empreendedores, len(contexto.empreendedores) // 5):
        dia = contexto.inicio + datetime.timedelta(days=aleatorio.randrange(max(periodo - 90, 1)))
        for k in range(aleatorio.randint(1, len(passos))):
            feito = min(dia + datetime.timedelta(days=15 * k), contexto.fim)
            etapas.append(
                {
                    "empreendedor_id": pessoa,
                    "passo": passos[k],
                    "feito_em": feito,
                    "dado": "prata" if k == 0 else (f"{pessoa:014d}"[-14:] if k == 1 else ""),
                    "atualizado_em": timezone.make_aware(datetime.datetime.combine(feito, datetime.time(12))),
                }
            )
    _gravar(contexto, EtapaFormalizacao, etapas)
    # o perfil acompanha a trilha (como faz ``formalizacao_sincronizar`` no fluxo real)
    com_mei = {e["empreendedor_id"] for e in etapas if e["passo"] == PassoFormalizacao.MEI}
    Empreendedor.objects.filter(pk__in=com_mei, situacao_formalizacao=SituacaoFormalizacao.INFORMAL).update(
        situacao_formalizacao=SituacaoFormalizacao.MEI
    )
