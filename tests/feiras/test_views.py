import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feiras import services
from feiras.models import CategoriaFeira, Feira, Inscricao, StatusInscricao
from pontos.models import CategoriaProduto, TipoEspaco, TipoQualificacao
from tests.factories import EmpreendedorFactory, EspacoFactory
from tests.factories.feiras import InscricaoFactory, RelatoVendasFactory, feira_com_bancas
from tests.isolamento import casos_feiras

pytestmark = pytest.mark.django_db


def _muitas(feira, cat, n):
    for _ in range(n):
        InscricaoFactory(feira=feira, categoria=cat)


# ----------------------------------------------------------------- páginas públicas


def test_lista_publica_nao_cresce_em_consultas(client, smdet, django_assert_num_queries):
    feira_com_bancas(secretaria=smdet)
    with CaptureQueriesContext(connection) as um:
        assert client.get(reverse("feiras:feira_lista")).status_code == 200
    for _ in range(6):
        feira_com_bancas(secretaria=smdet)
    with django_assert_num_queries(len(um.captured_queries)):
        resposta = client.get(reverse("feiras:feira_lista"))
    assert resposta.content.decode().count("Inscrições abertas") == 7


def test_pagina_publica_mostra_vagas_mapa_e_nao_cresce(client, smdet, django_assert_num_queries):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=3, cota=3)
    url = reverse("feiras:feira_publica", kwargs={"pk": feira.pk})
    with CaptureQueriesContext(connection) as um:
        resposta = client.get(url)
    texto = resposta.content.decode()
    assert "3 de 3" in texto and "<svg" in texto and "Quero uma banca" in texto
    feira2, _c = feira_com_bancas(secretaria=smdet, ponto=feira.ponto, bancas=20, cota=20)
    CategoriaFeira.objects.create(feira=feira, categoria=CategoriaProduto.HORTIFRUTI, cota=4)
    for _i in range(3):
        services.inscricao_aprovar(inscricao=InscricaoFactory(feira=feira, categoria=cat), por=None)
    with django_assert_num_queries(len(um.captured_queries)):
        resposta = client.get(url)
    assert "0 de 3" in resposta.content.decode()


def test_sorteio_publico(client, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=1, cota=1)
    _muitas(feira, cat, 3)
    sorteio = services.alocacao_executar(feira=feira, semente="semente-publica")
    resposta = client.get(reverse("feiras:sorteio_publico", kwargs={"pk": feira.pk}))
    texto = resposta.content.decode()
    assert "semente-publica" in texto and "SHA-256" in texto and texto.count("Espera") == 2
    assert str(sorteio.ordem[0]["id"]) in texto
    # a lista baixada reproduz a ordem publicada
    import csv
    import hashlib
    import io

    linhas = list(
        csv.DictReader(io.StringIO(client.get(reverse("feiras:sorteio_csv", kwargs={"pk": feira.pk})).content.decode()))
    )
    refeita = sorted(
        linhas,
        key=lambda li: (
            -int(li["pontuacao"]),
            hashlib.sha256(f"semente-publica:{li['inscricao']}".encode()).hexdigest(),
        ),
    )
    assert [li["inscricao"] for li in refeita] == [li["inscricao"] for li in linhas]
    assert [int(li["inscricao"]) for li in linhas] == [item["id"] for item in sorteio.ordem]


# ----------------------------------------------------------------- empreendedor(a)


def test_inscricao_pelo_formulario_e_recusa_explicada(client, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet, categoria=CategoriaProduto.ALIMENTOS_PRONTOS)
    cat.qualificacoes_exigidas = [TipoQualificacao.BOAS_PRATICAS]
    cat.save()
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    url = reverse("feiras:inscricao_criar", kwargs={"pk": feira.pk})
    resposta = client.post(url, {"categoria": cat.pk, "produtos": "Coxinha"})
    texto = resposta.content.decode()
    assert resposta.status_code == 200
    assert "exige a qualificação" in texto and "Boas Práticas de Manipulação de Alimentos" in texto
    assert "O que fazer" in texto
    assert not Inscricao.objects.exists()


def test_inscricao_ok_e_detalhe(client, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    resposta = client.post(
        reverse("feiras:inscricao_criar", kwargs={"pk": feira.pk}), {"categoria": cat.pk, "produtos": "Cestos"}
    )
    inscricao = Inscricao.objects.get()
    assert resposta.status_code == 302 and resposta.url == reverse(
        "feiras:inscricao_detalhe", kwargs={"pk": inscricao.pk}
    )
    assert "Recebida" in client.get(resposta.url).content.decode()
    # toque duplo: volta para a mesma inscrição, sem erro e sem duplicar
    de_novo = client.post(
        reverse("feiras:inscricao_criar", kwargs={"pk": feira.pk}), {"categoria": cat.pk, "produtos": "Cestos"}
    )
    assert de_novo.status_code == 302 and de_novo.url == resposta.url
    assert client.get(reverse("feiras:inscricao_criar", kwargs={"pk": feira.pk})).url == resposta.url
    assert Inscricao.objects.count() == 1


def test_entrada_invalida_mensagens_em_portugues(client, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    resposta = client.post(
        reverse("feiras:inscricao_criar", kwargs={"pk": feira.pk}), {"categoria": "abc", "produtos": ""}
    )
    texto = resposta.content.decode()
    assert resposta.status_code == 200 and "Este campo é obrigatório" in texto
    assert "Faça uma escolha válida" in texto or "Selecione uma escolha válida" in texto
    inscricao = InscricaoFactory(feira=feira, categoria=cat, empreendedor=pessoa, status="presente")
    Feira.objects.filter(pk=feira.pk).update(data=timezone.localdate())
    url = reverse("feiras:relato_vendas", kwargs={"pk": inscricao.pk})
    for valor in ["abc", "-5", "1e999", "NaN"]:
        resposta = client.post(url, {"valor_bruto": valor, "notas": "x"})
        assert resposta.status_code == 200, valor
        assert "valor" in resposta.content.decode().lower()
    resposta = client.post(url, {"valor_bruto": "1.234,56", "pix": "on"})
    assert resposta.status_code == 302
    from feiras.models import RelatoVendas

    assert RelatoVendas.objects.get(inscricao=inscricao).valor_bruto == Decimal("1234.56")


def test_minhas_inscricoes_nao_cresce(client, smdet, django_assert_num_queries):
    pessoa = EmpreendedorFactory()
    client.force_login(pessoa.usuario)
    feira, cat = feira_com_bancas(secretaria=smdet)
    InscricaoFactory(feira=feira, categoria=cat, empreendedor=pessoa)
    url = reverse("feiras:minhas_inscricoes")
    with CaptureQueriesContext(connection) as um:
        client.get(url)
    for _ in range(5):
        f, c = feira_com_bancas(secretaria=smdet)
        RelatoVendasFactory(inscricao=InscricaoFactory(feira=f, categoria=c, empreendedor=pessoa, status="presente"))
    with django_assert_num_queries(len(um.captured_queries)):
        resposta = client.get(url)
    assert resposta.content.decode().count("Presente") == 5


def test_outra_pessoa_leva_404(client, smdet):
    dono = EmpreendedorFactory()
    outra = EmpreendedorFactory()
    client.force_login(outra.usuario)
    for nome, kwargs_de in casos_feiras.ROTAS_PESSOAIS.items():
        resposta = client.get(reverse(nome, kwargs=kwargs_de(dono)))
        assert resposta.status_code in {404, 405}, nome


# ----------------------------------------------------------------- equipe


def test_equipe_cria_feira_pelo_formulario(client, gestor_smdet, ponto, smdet):
    area = EspacoFactory(ponto=ponto, tipo=TipoEspaco.AREA_FEIRA)
    client.force_login(gestor_smdet)
    data = timezone.localdate() + datetime.timedelta(days=20)
    resposta = client.post(
        reverse("feiras:gestao_feira_criar"),
        {
            "titulo": "Feira de Natal",
            "ponto": ponto.pk,
            "espaco": area.pk,
            "data": data.isoformat(),
            "hora_inicio": "09:00",
            "hora_fim": "15:00",
            "inscricoes_abrem": (data - datetime.timedelta(days=15)).isoformat() + "T08:00",
            "inscricoes_fecham": (data - datetime.timedelta(days=5)).isoformat() + "T18:00",
            "recorrencia": "semanal",
            "repeticoes": 2,
            "secretaria": 999,  # ignorado: vem do usuário
        },
    )
    assert resposta.status_code == 302, resposta.content.decode()[:3000]
    assert list(Feira.objects.values_list("secretaria", flat=True)) == [smdet.pk, smdet.pk]


def test_equipe_formulario_invalido_mantem_valores(client, gestor_smdet, ponto):
    client.force_login(gestor_smdet)
    resposta = client.post(reverse("feiras:gestao_feira_criar"), {"titulo": "Feira X", "hora_inicio": "25:00"})
    texto = resposta.content.decode()
    assert resposta.status_code == 200 and 'value="Feira X"' in texto and "Informe uma hora válida" in texto
    assert not Feira.objects.exists()


def test_fila_filtra_e_aprova_em_lote_sem_crescer(client, gestor_smdet, smdet, django_assert_num_queries):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=10, cota=10)
    client.force_login(gestor_smdet)
    url = reverse("feiras:gestao_inscricoes", kwargs={"pk": feira.pk})
    InscricaoFactory(feira=feira, categoria=cat)
    with CaptureQueriesContext(connection) as um:
        client.get(url)
    _muitas(feira, cat, 8)
    with django_assert_num_queries(len(um.captured_queries)):
        resposta = client.get(url)
    assert resposta.content.decode().count('name="inscricoes"') == 9
    ids = list(Inscricao.objects.values_list("pk", flat=True)[:3])
    resposta = client.post(url, {"acao": "aprovar", "motivo": "", "inscricoes": ids})
    assert resposta.status_code == 302
    assert Inscricao.objects.filter(status=StatusInscricao.APROVADA).count() == 3
    resposta = client.get(url, {"status": "aprovada"})
    assert resposta.content.decode().count('name="inscricoes"') == 3
    # recusar sem motivo: erro em português, nada muda
    resposta = client.post(url, {"acao": "recusar", "motivo": "", "inscricoes": ids})
    assert "Escreva o motivo" in resposta.content.decode()
    assert Inscricao.objects.filter(status=StatusInscricao.RECUSADA).count() == 0


def test_filtro_de_categoria_so_mostra_da_secretaria(client, gestor_smdet, smdet, svma):
    feira, cat = feira_com_bancas(secretaria=smdet)
    _outra, cat_alheia = feira_com_bancas(secretaria=svma, categoria=CategoriaProduto.HORTIFRUTI)
    client.force_login(gestor_smdet)
    texto = client.get(reverse("feiras:gestao_inscricoes", kwargs={"pk": feira.pk})).content.decode()
    assert f'value="{cat.pk}"' in texto and f'value="{cat_alheia.pk}"' not in texto


def test_lista_da_equipe_nao_cresce(client, gestor_smdet, smdet, svma, django_assert_num_queries):
    feira_com_bancas(secretaria=smdet)
    client.force_login(gestor_smdet)
    url = reverse("feiras:gestao_feiras")
    with CaptureQueriesContext(connection) as um:
        client.get(url)
    for _ in range(4):
        feira_com_bancas(secretaria=smdet)
    alheia, _c = feira_com_bancas(secretaria=svma)
    with django_assert_num_queries(len(um.captured_queries)):
        texto = client.get(url).content.decode()
    assert texto.count("/feiras/equipe/") >= 5 and alheia.titulo not in texto


def test_dia_da_feira_checkin_por_cpf(client, gestor_smdet, smdet, django_assert_num_queries):
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=5, cota=5)
    inscricoes = [InscricaoFactory(feira=feira, categoria=cat) for _ in range(3)]
    for i in inscricoes:
        services.inscricao_aprovar(inscricao=i, por=gestor_smdet)
    client.force_login(gestor_smdet)
    url = reverse("feiras:gestao_dia", kwargs={"pk": feira.pk})
    alvo = inscricoes[1]
    resposta = client.get(url, {"q": alvo.empreendedor.cpf[-4:]})
    texto = resposta.content.decode()
    assert alvo.empreendedor.nome in texto and inscricoes[0].empreendedor.nome not in texto
    resposta = client.post(url, {"inscricao": alvo.pk, "acao": "checkin"})
    assert resposta.status_code == 302
    alvo.refresh_from_db()
    assert alvo.status == StatusInscricao.PRESENTE and alvo.checkin_em
    with CaptureQueriesContext(connection) as um:
        client.get(url)
    _muitas(feira, cat, 1)
    for i in Inscricao.objects.filter(status="recebida"):
        services.inscricao_aprovar(inscricao=i, por=gestor_smdet)
    with django_assert_num_queries(len(um.captured_queries)):
        client.get(url)


def test_exportacoes_mascaram_cpf_para_operador(client, gestor_smdet, operador_smdet, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    inscricao = InscricaoFactory(feira=feira, categoria=cat)
    cpf = inscricao.empreendedor.cpf
    client.force_login(operador_smdet)
    csv_operador = b"".join(
        client.get(reverse("feiras:gestao_csv", kwargs={"pk": feira.pk})).streaming_content
    ).decode()
    assert cpf not in csv_operador and inscricao.empreendedor.cpf_mascarado in csv_operador
    client.force_login(gestor_smdet)
    csv_gestor = b"".join(client.get(reverse("feiras:gestao_csv", kwargs={"pk": feira.pk})).streaming_content).decode()
    assert cpf in csv_gestor
    resposta = client.get(reverse("feiras:gestao_xlsx", kwargs={"pk": feira.pk}))
    assert resposta.status_code == 200 and resposta.content[:2] == b"PK"


def test_pdf_da_lista(client, gestor_smdet, smdet):
    feira, cat = feira_com_bancas(secretaria=smdet)
    services.inscricao_aprovar(inscricao=InscricaoFactory(feira=feira, categoria=cat), por=gestor_smdet)
    client.force_login(gestor_smdet)
    resposta = client.get(reverse("feiras:gestao_pdf", kwargs={"pk": feira.pk}))
    assert resposta.status_code == 200 and resposta.content.startswith(b"%PDF")


def test_rotas_de_equipe_dao_404_para_outra_secretaria(client, gestor_svma, smdet):
    client.force_login(gestor_svma)
    for nome, kwargs_de in casos_feiras.ROTAS_EQUIPE.items():
        url = reverse(nome, kwargs=kwargs_de(smdet))
        assert client.get(url).status_code in {404, 405}, nome
        assert client.post(url).status_code == 404, nome


def test_modelos_da_gestao_isolados(client, gestor_svma, smdet):
    from pontos.gestao import gestao_site

    client.force_login(gestor_svma)
    for modelo, criar in casos_feiras.MODELOS.items():
        assert modelo in gestao_site._registry
        obj = criar(smdet)
        url = reverse(f"gestao:{modelo._meta.app_label}_{modelo._meta.model_name}_change", args=[obj.pk])
        assert client.get(url).status_code == 404, modelo
        lista = client.get(reverse(f"gestao:{modelo._meta.app_label}_{modelo._meta.model_name}_changelist"))
        assert lista.status_code == 200


def test_cidadao_nao_entra_na_equipe(client, cidadao, smdet):
    feira, _c = feira_com_bancas(secretaria=smdet)
    client.force_login(cidadao)
    assert client.get(reverse("feiras:gestao_feira", kwargs={"pk": feira.pk})).status_code == 403


def test_fila_com_ids_grandes_envia_o_id_cru(client, gestor_smdet, smdet):
    """Com milhares de inscrições, o id no formulário não pode sair como "4.225"."""
    feira, cat = feira_com_bancas(secretaria=smdet, bancas=2, cota=2)
    inscricao = InscricaoFactory(id=4225, feira=feira, categoria=cat)
    client.force_login(gestor_smdet)
    url = reverse("feiras:gestao_inscricoes", kwargs={"pk": feira.pk})
    html = client.get(url).content.decode()
    assert 'value="4225"' in html and 'value="4.225"' not in html
    client.post(url, {"acao": "espera", "motivo": "", "inscricoes": [inscricao.pk]})
    inscricao.refresh_from_db()
    assert inscricao.status == StatusInscricao.ESPERA
