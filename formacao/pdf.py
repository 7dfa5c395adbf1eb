"""Certificado em PDF (WeasyPrint) com o código público e seu QR (segno)."""

import segno
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def qr_svg(texto):
    """SVG em linha do QR (sem arquivo, sem requisição externa)."""
    qr = segno.make(texto, error="m")
    return mark_safe(qr.svg_inline(scale=4, omitsize=True, dark="#000000", light="#ffffff"))  # noqa: S308 - SVG gerado pelo segno


def certificado_pdf(*, certificado, url_verificacao):
    from weasyprint import HTML

    html = render_to_string(
        "formacao/certificado_pdf.html",
        {"certificado": certificado, "url_verificacao": url_verificacao, "qr": qr_svg(url_verificacao)},
    )
    return HTML(string=html).write_pdf()
