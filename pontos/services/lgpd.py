"""LGPD: exportação dos dados de uma pessoa e exclusão da conta por anonimização.

A exportação junta tudo o que o núcleo guarda e o que cada programa registra pela extensão
``atividades_pessoa``. A exclusão apaga os dados pessoais do ``Empreendedor`` e desativa o
usuário, mas mantém a linha (anonimizada) para que inscrições, vendas e matrículas continuem
somando nos indicadores.
"""

import uuid

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from pontos import extensoes
from pontos.models import AcessoDadosPessoais, Consentimento, Empreendedor, Notificacao

NOME_ANONIMO = "Pessoa anonimizada"


def _data(valor):
    return valor.isoformat() if valor else None


def dados_exportar(*, usuario):
    """Dicionário serializável em JSON com tudo da pessoa."""
    empreendedor = (
        Empreendedor.objects.select_related("territorio", "ponto_cadastro")
        .prefetch_related("produtos", "qualificacoes")
        .filter(usuario=usuario)
        .first()
    )
    dados = {
        "gerado_em": timezone.now().isoformat(),
        "conta": {
            "email": usuario.email,
            "nome": usuario.nome,
            "criada_em": _data(usuario.date_joined),
            "ultimo_acesso": _data(usuario.last_login),
        },
        "consentimentos": [
            {
                "tipo": c.tipo,
                "descricao": str(c.get_tipo_display()),
                "versao": c.versao,
                "aceito": c.aceito,
                "momento": _data(c.momento),
            }
            for c in Consentimento.objects.filter(usuario=usuario).order_by("momento")
        ],
        "notificacoes": [
            {"titulo": n.titulo, "texto": n.texto, "lida": n.lida, "criada_em": _data(n.criada_em)}
            for n in Notificacao.objects.filter(usuario=usuario).order_by("criada_em")
        ],
        "perfil": None,
        "produtos": [],
        "qualificacoes": [],
        "atividades": [],
        "acessos_da_equipe": [],
    }
    if empreendedor is None:
        return dados
    e = empreendedor
    dados["perfil"] = {
        "nome": e.nome,
        "nome_social": e.nome_social,
        "nome_publico": e.nome_publico,
        "cpf": e.cpf,
        "data_nascimento": _data(e.data_nascimento),
        "telefone": e.telefone,
        "email": e.email,
        "cep": e.cep,
        "endereco": e.endereco,
        "territorio": e.territorio.nome if e.territorio else None,
        "categorias": list(e.categorias),
        "descricao": e.descricao,
        "situacao_formalizacao": e.situacao_formalizacao,
        "cnpj": e.cnpj,
        "cadunico": e.cadunico,
        "consentiu_dados_sensiveis": e.consentiu_dados_sensiveis,
        "genero": e.genero,
        "raca_cor": e.raca_cor,
        "publicar_vitrine": e.publicar_vitrine,
        "publicar_contato": e.publicar_contato,
        "ponto_cadastro": e.ponto_cadastro.nome if e.ponto_cadastro else None,
        "criado_em": _data(e.criado_em),
    }
    dados["produtos"] = [
        {
            "nome": p.nome,
            "categoria": p.categoria,
            "descricao": p.descricao,
            "preco_referencia": str(p.preco_referencia) if p.preco_referencia is not None else None,
            "foto": p.foto.url if p.foto else None,
            "publicado": p.publicado,
            "criado_em": _data(p.criado_em),
        }
        for p in e.produtos.all()
    ]
    dados["qualificacoes"] = [
        {
            "tipo": q.tipo,
            "descricao": str(q.get_tipo_display()),
            "origem": q.origem,
            "valida_de": _data(q.valida_de),
            "valida_ate": _data(q.valida_ate),
            "verificada_em": _data(q.verificada_em),
            "revogada_em": _data(q.revogada_em),
        }
        for q in e.qualificacoes.all()
    ]
    dados["atividades"] = [
        {"programa": a.programa, "descricao": a.descricao, "data": _data(a.data), "url": a.url}
        for a in extensoes.atividades_de(empreendedor=e)
    ]
    dados["acessos_da_equipe"] = [
        {"finalidade": a.finalidade, "momento": _data(a.momento)}
        for a in AcessoDadosPessoais.objects.filter(empreendedor=e).order_by("momento")
    ]
    return dados


@transaction.atomic
def conta_excluir(*, usuario):
    """Anonimiza o perfil, apaga produtos e fotos, desativa o usuário. Irreversível."""
    empreendedor = Empreendedor.objects.select_for_update().filter(usuario=usuario).first()
    arquivos = []
    if empreendedor is not None:
        for produto in empreendedor.produtos.all():
            arquivos.extend(f for f in (produto.foto, produto.miniatura) if f)
        empreendedor.produtos.all().delete()
        for qualificacao in empreendedor.qualificacoes.exclude(evidencia=""):
            arquivos.append(qualificacao.evidencia)
        empreendedor.qualificacoes.exclude(evidencia="").update(evidencia="")
        # Ficam (para os agregados): território, categorias, formalização, CadÚnico, datas.
        empreendedor.nome = NOME_ANONIMO
        for campo in ("nome_social", "nome_publico", "telefone", "email", "cep", "endereco", "descricao", "cnpj"):
            setattr(empreendedor, campo, "")
        empreendedor.genero = ""
        empreendedor.raca_cor = ""
        empreendedor.consentiu_dados_sensiveis = False
        empreendedor.cpf = None
        empreendedor.data_nascimento = None
        empreendedor.publicar_vitrine = False
        empreendedor.publicar_contato = False
        empreendedor.codigo_reivindicacao = ""
        empreendedor.texto_busca = ""
        empreendedor.usuario = None
        empreendedor.anonimizado_em = timezone.now()
        empreendedor.save()
    Notificacao.objects.filter(usuario=usuario).delete()
    EmailAddress.objects.filter(user=usuario).delete()
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=usuario).delete()
    usuario.email = f"anonimo-{uuid.uuid4().hex[:12]}@anonimizado.invalid"
    usuario.nome = ""
    usuario.is_active = False
    usuario.set_unusable_password()
    usuario.save()
    for arquivo in arquivos:
        nome, storage = arquivo.name, arquivo.storage
        transaction.on_commit(lambda nome=nome, storage=storage: storage.delete(nome))
    return empreendedor
