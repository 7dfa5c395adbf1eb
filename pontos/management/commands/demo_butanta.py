from django.core.management.base import BaseCommand

from pontos.demo import SENHA_DEMO, demo_carregar


class Command(BaseCommand):
    help = "Carrega (ou atualiza, sem duplicar) os dados de demonstração do Butantã."

    def handle(self, *args, **options):
        demo = demo_carregar()
        self.stdout.write(self.style.SUCCESS("Dados do Butantã carregados."))
        self.stdout.write(f"\nLogins de demonstração (senha de todos: {SENHA_DEMO}):")
        for email, papel in demo.logins:
            self.stdout.write(f"  {email:52} {papel}")
