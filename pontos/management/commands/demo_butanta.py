from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from pontos.demo import SENHA_DEMO, demo_carregar


class Command(BaseCommand):
    help = "Carrega (ou atualiza, sem duplicar) os dados de demonstração do Butantã."

    def handle(self, *args, **options):
        # Os avisos por e-mail gerados pela própria demonstração não poluem o console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            demo = demo_carregar()
        self.stdout.write(self.style.SUCCESS("Dados do Butantã carregados."))
        self.stdout.write(f"\nLogins de demonstração (senha de todos: {SENHA_DEMO}):")
        for email, papel in demo.logins:
            self.stdout.write(f"  {email:52} {papel}")
        self.stdout.write(
            "\nGestores(as) ativam a verificação em duas etapas (TOTP) no primeiro acesso à Gestão;"
            " operadores(as) e consulta entram direto."
        )
