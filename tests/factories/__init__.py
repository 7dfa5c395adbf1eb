"""Fábricas (factory_boy) do núcleo; cada app acrescenta as suas em ``tests/factories/<app>.py``."""

import datetime

import factory
from django.utils import timezone

from pontos.models import (
    CategoriaProduto,
    Empreendedor,
    Espaco,
    Papel,
    Ponto,
    Produto,
    Qualificacao,
    Secretaria,
    Territorio,
    TipoEspaco,
    TipoPonto,
    TipoQualificacao,
    Usuario,
    Vinculo,
)


def cpf_valido(numero):
    """Gera um CPF válido a partir de um inteiro (determinístico)."""
    base = [int(d) for d in f"{(numero * 7919 + 100000000) % 1000000000:09d}"]
    for _ in range(2):
        soma = sum(d * p for d, p in zip(base, range(len(base) + 1, 1, -1), strict=False))
        resto = (soma * 10) % 11
        base.append(0 if resto == 10 else resto)
    return "".join(map(str, base))


class SecretariaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Secretaria
        django_get_or_create = ("sigla",)

    sigla = factory.Sequence(lambda n: f"sec{n}")
    nome = factory.LazyAttribute(lambda o: f"Secretaria {o.sigla.upper()}")


class TerritorioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territorio
        django_get_or_create = ("slug",)

    nome = factory.Sequence(lambda n: f"Território {n}")
    slug = factory.Sequence(lambda n: f"territorio-{n}")


class PontoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ponto

    nome = factory.Sequence(lambda n: f"Ponto {n}")
    slug = factory.Sequence(lambda n: f"ponto-{n}")
    tipo = TipoPonto.PARQUE
    territorio = factory.SubFactory(TerritorioFactory)
    secretaria = factory.SubFactory(SecretariaFactory)
    cep = "05508-000"
    endereco = "Rua Exemplo, 100"
    latitude = "-23.58"
    longitude = "-46.72"


class EspacoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Espaco

    ponto = factory.SubFactory(PontoFactory)
    nome = factory.Sequence(lambda n: f"Espaço {n}")
    tipo = TipoEspaco.SALA
    capacidade = 30


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Usuario
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pessoa{n}@exemplo.org")
    nome = factory.Sequence(lambda n: f"Pessoa {n}")
    password = factory.PostGenerationMethodCall("set_password", "senha-segura-123")

    @factory.post_generation
    def email_verificado(obj, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            obj.save()
            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class VinculoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vinculo

    usuario = factory.SubFactory(UsuarioFactory, is_staff=True)
    secretaria = factory.SubFactory(SecretariaFactory)
    papel = Papel.GESTOR


class EmpreendedorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Empreendedor

    usuario = factory.SubFactory(UsuarioFactory)
    nome = factory.Sequence(lambda n: f"Empreendedora {n}")
    cpf = factory.Sequence(cpf_valido)
    data_nascimento = datetime.date(1980, 5, 17)
    telefone = "(11) 91234-5678"
    email = factory.LazyAttribute(lambda o: o.usuario.email if o.usuario else "")
    territorio = factory.SubFactory(TerritorioFactory)
    categorias = factory.LazyFunction(lambda: [CategoriaProduto.ARTESANATO])
    publicar_vitrine = True
    criado_em = factory.LazyFunction(timezone.now)


class ProdutoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produto

    empreendedor = factory.SubFactory(EmpreendedorFactory)
    nome = factory.Sequence(lambda n: f"Produto {n}")
    categoria = CategoriaProduto.ARTESANATO
    preco_referencia = 25


class QualificacaoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualificacao

    empreendedor = factory.SubFactory(EmpreendedorFactory)
    tipo = TipoQualificacao.BOAS_PRATICAS
    origem = "Curso de Boas Práticas"
    valida_de = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    verificada_em = factory.LazyFunction(timezone.now)
