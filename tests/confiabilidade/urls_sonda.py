"""Um formulário mínimo que enfileira trabalho, para os testes de broker fora do ar.

Os formulários reais que enfileiram trabalho entram por ``tests/hostil/registro.py``
(``Formulario(..., enfileira="app.tarefa")``) e são exercitados pelo mesmo teste.
"""

from django import forms
from django.http import HttpResponse
from django.urls import include, path

from pontos.services.tarefas import tarefa_enfileirar


class SondaForm(forms.Form):
    chave = forms.CharField(max_length=80)


def sonda_enviar(request):
    formulario = SondaForm(request.POST)
    if not formulario.is_valid():
        return HttpResponse("inválido", status=400)
    tarefa_enfileirar("pontos.sonda", chave=formulario.cleaned_data["chave"])
    return HttpResponse("Recebido. Avisaremos quando terminar.")


urlpatterns = [
    path("_teste/sonda/", sonda_enviar, name="sonda_enviar"),
    path("", include("config.urls")),
]
