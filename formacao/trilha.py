"""A trilha de formalização MEI: passos em ordem, do que dependem e onde buscar ajuda.

As páginas oficiais estão escritas aqui como texto (nada é buscado na internet); a ajuda do
catálogo aponta para um eixo de curso, resolvido na hora de mostrar.
"""

import dataclasses

from django.utils.translation import gettext_lazy as _

from formacao.models import Eixo, PassoFormalizacao

P = PassoFormalizacao


@dataclasses.dataclass(frozen=True)
class PassoInfo:
    passo: str
    explicacao: str
    links: tuple = ()  # (texto, endereço) de páginas oficiais
    eixo_curso: str = ""  # eixo do catálogo que ajuda neste passo
    depende_de: tuple = ()
    opcional: bool = False  # pode ser marcado "não se aplica"
    alimentos: bool = False
    rotulo_dado: str = ""  # o que pedir no campo "dado" (vazio: nada)
    dado_obrigatorio: bool = False

    @property
    def titulo(self):
        return P(self.passo).label


PASSOS = (
    PassoInfo(
        P.GOVBR,
        _("Crie sua conta gov.br e suba para o nível prata ou ouro (validação facial no app ou pelo banco)."),
        links=(("Conta gov.br", "https://www.gov.br/governodigital/pt-br/conta-gov-br"),),
        rotulo_dado=_("Nível da conta (prata ou ouro)"),
        dado_obrigatorio=True,
    ),
    PassoInfo(
        P.MEI,
        _("Faça a inscrição como MEI no Portal do Empreendedor: você recebe o CNPJ e o CCMEI na hora, sem custo."),
        links=(("Portal do Empreendedor — formalize-se", "https://www.gov.br/empresas-e-negocios/pt-br/empreendedor"),),
        eixo_curso=Eixo.FORMALIZACAO,
        depende_de=(P.GOVBR,),
        rotulo_dado=_("CNPJ"),
        dado_obrigatorio=True,
    ),
    PassoInfo(
        P.CCM,
        _("Confira sua inscrição municipal (CCM) na Prefeitura de São Paulo; para o MEI ela costuma sair junto."),
        links=(("Cadastro de Contribuintes Mobiliários (CCM)", "https://ccm.prefeitura.sp.gov.br"),),
        depende_de=(P.MEI,),
        rotulo_dado=_("Número do CCM"),
    ),
    PassoInfo(
        P.SENHA_WEB,
        _("Peça a Senha Web da Prefeitura: ela dá acesso à nota fiscal eletrônica e aos serviços da empresa."),
        links=(("Senha Web", "https://senhaweb.prefeitura.sp.gov.br"),),
        depende_de=(P.CCM,),
    ),
    PassoInfo(
        P.DAS_DASN,
        _("Pague o DAS todo mês (até o dia 20) e entregue a declaração anual DASN-SIMEI até 31 de maio."),
        links=(("Pagamento do DAS e DASN-SIMEI", "https://www8.receita.fazenda.gov.br/SimplesNacional/"),),
        eixo_curso=Eixo.GESTAO_FINANCAS,
        depende_de=(P.MEI,),
    ),
    PassoInfo(
        P.NOTA_FISCAL,
        _("Quando vender para empresas, emita nota fiscal eletrônica (NFS-e para serviços, NF-e para produtos)."),
        links=(("Nota Fiscal Paulistana (NFS-e)", "https://nfe.prefeitura.sp.gov.br"),),
        eixo_curso=Eixo.GESTAO_FINANCAS,
        depende_de=(P.SENHA_WEB,),
        opcional=True,
    ),
    PassoInfo(
        P.BOAS_PRATICAS,
        _("Se você vende alimentos, faça o curso de Boas Práticas de Manipulação: as bancas de alimentos exigem."),
        eixo_curso=Eixo.BOAS_PRATICAS,
        opcional=True,
        alimentos=True,
    ),
    PassoInfo(
        P.LICENCA_SANITARIA,
        _("Se você vende alimentos, faça o cadastro ou a licença sanitária na Vigilância Sanitária do município."),
        links=(
            (
                "Vigilância Sanitária — cadastro e licença",
                "https://www.prefeitura.sp.gov.br/cidade/secretarias/saude/vigilancia_em_saude/",
            ),
        ),
        depende_de=(P.MEI,),
        opcional=True,
        alimentos=True,
    ),
    PassoInfo(
        P.PERMISSAO_USO,
        _(
            "Onde o ponto de venda exigir (feiras e comércio em via pública), obtenha o Termo de Permissão de Uso pelo Tô Legal."
        ),
        links=(("Tô Legal", "https://tolegal.prefeitura.sp.gov.br"),),
        eixo_curso=Eixo.COMERCIALIZACAO,
        depende_de=(P.CCM,),
        opcional=True,
    ),
)

POR_PASSO = {info.passo: info for info in PASSOS}
ORDEM = [info.passo for info in PASSOS]
OBRIGATORIOS = [info.passo for info in PASSOS if not info.opcional]


def info(passo):
    return POR_PASSO[passo]
