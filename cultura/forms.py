from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from cultura.models import Artista, DecisaoRecurso
from pontos.models import Espaco, TipoEspaco


def erros_do_servico(form, erro):
    """Põe os erros de um ``ValidationError`` do serviço junto aos campos do formulário."""
    if hasattr(erro, "error_dict"):
        for campo, mensagens in erro.message_dict.items():
            form.add_error(campo if campo in form.fields else None, mensagens)
    else:
        form.add_error(None, erro.messages)


class CampoData(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)


class ArtistaForm(forms.ModelForm):
    links_texto = forms.CharField(
        label=_("Links de portfólio"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Um endereço por linha (vídeo, site, rede social)."),
    )

    class Meta:
        model = Artista
        fields = ["tipo", "nome_artistico", "linguagem", "release", "publicado"]
        widgets = {"release": forms.Textarea(attrs={"rows": 5})}

    field_order = ["tipo", "nome_artistico", "linguagem", "release", "links_texto", "publicado"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["links_texto"].initial = "\n".join(self.instance.links_portfolio)

    def clean_links_texto(self):
        links = [linha.strip() for linha in self.cleaned_data["links_texto"].splitlines() if linha.strip()]
        validar = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validar(link)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” não é um endereço válido (comece com https://).") % {"link": link}
                ) from None
        if len(links) > 10:
            raise ValidationError(_("Informe no máximo 10 links."))
        return links

    def dados(self):
        dados = {c: self.cleaned_data[c] for c in self.Meta.fields}
        dados["links_portfolio"] = self.cleaned_data["links_texto"]
        return dados


class FotoForm(forms.Form):
    imagem = forms.FileField(
        label=_("Foto"),
        help_text=_("JPEG, PNG ou WebP, até 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    legenda = forms.CharField(
        label=_("Descrição da foto"), max_length=160, help_text=_("Para quem usa leitor de tela.")
    )


class MembroForm(forms.Form):
    nome = forms.CharField(label=_("Nome do membro"), max_length=150)
    funcao = forms.CharField(label=_("Função no grupo"), max_length=100, required=False)


class PropostaForm(forms.Form):
    artista = forms.ModelChoiceField(label=_("Perfil artístico"), queryset=Artista.objects.none())
    titulo = forms.CharField(label=_("Título da proposta"), max_length=200)
    resumo = forms.CharField(label=_("Descrição da proposta"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, artistas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["artista"].queryset = artistas


class DocumentoForm(forms.Form):
    exigido = forms.ChoiceField(label=_("Documento"))
    arquivo = forms.FileField(
        label=_("Arquivo"),
        help_text=_("PDF ou imagem (JPEG, PNG, WebP), até 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, exigidos, **kwargs):
        super().__init__(*args, **kwargs)
        self.exigidos = {str(d.pk): d for d in exigidos}
        self.fields["exigido"].choices = [(str(d.pk), d.nome) for d in exigidos]

    def clean_exigido(self):
        return self.exigidos[self.cleaned_data["exigido"]]


class RecursoForm(forms.Form):
    texto = forms.CharField(
        label=_("Motivo do recurso"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=20,
        help_text=_("Explique o que você contesta no resultado e por quê."),
    )


class AvaliacaoForm(forms.Form):
    def __init__(self, *args, criterios, notas=None, **kwargs):
        super().__init__(*args, **kwargs)
        notas = notas or {}
        self.criterios = list(criterios)
        for criterio in self.criterios:
            existente = notas.get(criterio.pk)
            self.fields[f"nota_{criterio.pk}"] = forms.DecimalField(
                label=_("Nota — %(c)s (0 a %(m)s, peso %(p)s)")
                % {"c": criterio.nome, "m": criterio.nota_maxima, "p": criterio.peso},
                min_value=0,
                max_value=criterio.nota_maxima,
                max_digits=5,
                decimal_places=2,
                required=False,
                initial=existente.nota if existente else None,
                help_text=criterio.descricao,
            )
            self.fields[f"comentario_{criterio.pk}"] = forms.CharField(
                label=_("Comentário — %(c)s") % {"c": criterio.nome},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existente.comentario if existente else "",
            )

    def notas(self):
        return {
            c.pk: (self.cleaned_data.get(f"nota_{c.pk}"), self.cleaned_data.get(f"comentario_{c.pk}", ""))
            for c in self.criterios
        }


class RespostaRecursoForm(forms.Form):
    decisao = forms.ChoiceField(label=_("Decisão"), choices=DecisaoRecurso.choices, widget=forms.RadioSelect)
    resposta = forms.CharField(label=_("Resposta ao proponente"), widget=forms.Textarea(attrs={"rows": 5}))
    nota_revista = forms.DecimalField(
        label=_("Nota revista (se deferido)"), required=False, min_value=0, max_digits=6, decimal_places=3
    )


def espacos_para(usuario):
    """Palcos e salas que a pessoa da equipe pode ocupar: qualquer Ponto ativo, salvo se o vínculo
    dela for restrito a alguns Pontos (a mesma regra das escolhas de Ponto na Gestão)."""
    from pontos.escopo import vinculos_de

    consulta = (
        Espaco.objects.filter(tipo__in=[TipoEspaco.PALCO, TipoEspaco.SALA], ponto__ativo=True)
        .select_related("ponto")
        .order_by("ponto__nome", "nome")
    )
    restritos = {p.pk for v in vinculos_de(usuario) for p in v.pontos.all()}
    return consulta.filter(ponto__in=restritos) if restritos and not usuario.is_superuser else consulta


class ApresentacaoForm(forms.Form):
    artista = forms.ModelChoiceField(label=_("Artista ou coletivo"), queryset=Artista.objects.none())
    espaco = forms.ModelChoiceField(label=_("Palco ou sala"), queryset=Espaco.objects.none())
    data = CampoData(label=_("Data"))
    hora = forms.TimeField(label=_("Início"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duracao_minutos = forms.IntegerField(label=_("Duração (minutos)"), min_value=1, max_value=24 * 60, initial=60)
    titulo = forms.CharField(label=_("Título"), max_length=200)
    descricao = forms.CharField(label=_("Descrição"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    cache = forms.DecimalField(label=_("Cachê (R$)"), required=False, min_value=0, max_digits=10, decimal_places=2)

    def __init__(self, *args, artistas, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["artista"].queryset = artistas
        self.fields["espaco"].queryset = espacos_para(usuario)
        self.fields["espaco"].label_from_instance = lambda e: f"{e.ponto.nome} — {e.nome}"


class PublicoForm(forms.Form):
    publico_estimado = forms.IntegerField(label=_("Público estimado (pessoas)"), min_value=0)


class EnsaioForm(forms.Form):
    espaco = forms.ModelChoiceField(label=_("Sala"), queryset=Espaco.objects.none())
    data = CampoData(label=_("Data"))
    hora_inicio = forms.TimeField(label=_("Início"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    hora_fim = forms.TimeField(label=_("Fim"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["espaco"].queryset = espacos_para(usuario)
        self.fields["espaco"].label_from_instance = lambda e: f"{e.ponto.nome} — {e.nome}"
