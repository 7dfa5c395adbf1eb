"""Sobe o gunicorn de verdade (subprocesso) para os testes de falha e de compose."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def porta_livre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servidor:
    def __init__(self, processo, porta, log):
        self.processo = processo
        self.porta = porta
        self.base = f"http://127.0.0.1:{porta}"
        self.log = Path(log)

    def saida(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def get(self, caminho, *, timeout=10):
        """Devolve (status, corpo); erros HTTP viram status, nunca exceção."""
        requisicao = urllib.request.Request(self.base + caminho, headers={"Host": "127.0.0.1"})
        try:
            with urllib.request.urlopen(requisicao, timeout=timeout) as resposta:  # noqa: S310 — loopback
                return resposta.status, resposta.read()
        except urllib.error.HTTPError as erro:
            return erro.code, erro.read()


def servidor_iniciar(cmd, *, env_extra, log, porta, pronto="/", espera=60):
    """Sobe ``cmd``; espera ``pronto`` responder (ou, com ``pronto=None``, o log dizer "ready.")."""
    env = dict(os.environ)
    env.update({"PYTHONPATH": str(RAIZ), "PATH": f"{Path(sys.executable).parent}:{env.get('PATH', '')}"})
    env.update(env_extra)
    arquivo = open(log, "wb")  # noqa: SIM115 — aberto enquanto o processo vive
    processo = subprocess.Popen(cmd, cwd=RAIZ, env=env, stdout=arquivo, stderr=subprocess.STDOUT)
    servidor = Servidor(processo, porta, log)
    limite = time.monotonic() + espera
    while time.monotonic() < limite:
        if processo.poll() is not None:
            raise RuntimeError(f"servidor saiu com {processo.returncode}:\n{servidor.saida()}")
        if pronto is None:  # processo sem HTTP (worker): pronto quando anuncia "ready"
            if " ready." in servidor.saida():
                return servidor
            time.sleep(0.3)
            continue
        try:
            status, _ = servidor.get(pronto, timeout=3)
            if status < 500:
                return servidor
        except OSError:
            pass
        time.sleep(0.3)
    servidor_parar(servidor)
    raise RuntimeError(f"servidor não respondeu em {espera} s:\n{servidor.saida()}")


def servidor_parar(servidor):
    if servidor.processo.poll() is None:
        servidor.processo.terminate()
        try:
            servidor.processo.wait(timeout=20)
        except subprocess.TimeoutExpired:
            servidor.processo.kill()
            servidor.processo.wait(timeout=10)


def gunicorn_cmd(porta, workers=2):
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    return [gunicorn, "config.wsgi:application", "-b", f"127.0.0.1:{porta}", "-w", str(workers), "--timeout", "30"]
