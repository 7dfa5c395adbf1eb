import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from feiras.models import CategoriaFeira, Inscricao, StatusInscricao


def categorias_visiveis(request):
    if request is None:
        return CategoriaFeira.objects.none()
    return CategoriaFeira.objects.visiveis_para(request.user).order_by("categoria")


class InscricaoFilter(django_filters.FilterSet):
    busca = django_filters.CharFilter(label=_("Nome ou últimos dígitos do CPF"), method="filtrar_busca")
    status = django_filters.ChoiceFilter(label=_("Situação"), choices=StatusInscricao.choices, empty_label=_("Todas"))
    categoria = django_filters.ModelChoiceFilter(
        label=_("Categoria"), queryset=categorias_visiveis, empty_label=_("Todas")
    )
    cadunico = django_filters.BooleanFilter(label=_("CadÚnico"), field_name="empreendedor__cadunico")

    class Meta:
        model = Inscricao
        fields = ["busca", "status", "categoria", "cadunico"]

    def __init__(self, *args, feira=None, **kwargs):
        super().__init__(*args, **kwargs)
        if feira is not None:
            self.filters["categoria"].queryset = lambda request: categorias_visiveis(request).filter(feira=feira)

    def filtrar_busca(self, queryset, name, value):
        return filtrar_por_nome_ou_cpf(queryset, value)


def filtrar_por_nome_ou_cpf(queryset, valor):
    valor = (valor or "").strip()
    if not valor:
        return queryset
    digitos = "".join(c for c in valor if c.isdigit())
    if digitos and len(digitos) == len(valor.replace(".", "").replace("-", "")):
        return queryset.filter(empreendedor__cpf__endswith=digitos[-5:])
    return queryset.filter(
        Q(empreendedor__nome__icontains=valor)
        | Q(empreendedor__nome_social__icontains=valor)
        | Q(empreendedor__nome_publico__icontains=valor)
    )
