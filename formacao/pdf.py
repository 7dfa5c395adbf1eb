"""Certificado em PDF (WeasyPrint) com o código público e seu QR (segno)."""

import segno
from django.template.loader import render_to_string


def qr_data_uri(texto):
    """QR como imagem SVG em ``data:`` (sem arquivo, sem requisição externa, sem HTML cru)."""
    return segno.make(texto, error="m").svg_data_uri(scale=4, dark="#000000", light="#ffffff")


def certificado_pdf(*, certificado, url_verificacao):
    from weasyprint import HTML

    html = render_to_string(
        "formacao/certificado_pdf.html",
        {"certificado": certificado, "url_verificacao": url_verificacao, "qr": qr_data_uri(url_verificacao)},
    )
    return HTML(string=html).write_pdf()
