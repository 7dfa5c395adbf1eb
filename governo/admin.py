from django.contrib import admin

from governo.forms import ItemCustoForm
from governo.models import ItemCusto
from pontos.gestao import GestaoAdmin, gestao_site


@admin.register(ItemCusto, site=gestao_site)
class ItemCustoAdmin(GestaoAdmin):
    """Custos públicos lançados pela secretaria: a base do índice de sustentabilidade."""

    form = ItemCustoForm
    list_display = ["mes", "ponto", "programa", "categoria", "valor", "horas", "secretaria"]
    list_filter = ["categoria", "programa", "mes"]
    list_select_related = ["ponto", "secretaria"]
    search_fields = ["ponto__nome", "descricao"]
    date_hierarchy = "mes"
    readonly_fields = ["criado_por", "criado_em"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.criado_por = request.user
        super().save_model(request, obj, form, change)
