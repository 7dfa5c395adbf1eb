from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from pontos.cidade.contexto import ESCALAS
from pontos.cidade.gerar import cidade_gerar
from pontos.models import Ponto


class Command(BaseCommand):
    help = "Gera a cidade sintética (escala bairro ou cidade) de forma reproduzível a partir de uma semente."

    def add_arguments(self, parser):
        parser.add_argument("--escala", choices=sorted(ESCALAS), default="bairro")
        parser.add_argument("--semente", type=int, default=1)
        parser.add_argument(
            "--limpar", action="store_true", help="Apaga TODOS os dados do banco antes (flush). Nunca em produção."
        )

    def handle(self, *args, escala, semente, limpar, **opcoes):
        if limpar:
            call_command("flush", interactive=False, verbosity=0)
        elif Ponto.objects.filter(slug__startswith="sint-").exists():
            raise CommandError("Já há uma cidade sintética neste banco; use --limpar para recomeçar.")
        contexto = cidade_gerar(escala=escala, semente=semente, saida=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Cidade sintética ({escala}) gerada em {contexto.duracao:.1f} s."))
