// Acompanha a geração do relatório PDF sem recarregar a página: a cada 3 s busca a própria
// página e troca só o bloco de andamento (região aria-live). Sem JavaScript, o link
// "Recarregar" faz o mesmo.
(function () {
  var alvo = document.getElementById("relatorio-andamento");
  if (!alvo || !alvo.dataset.atualizar) return;
  function verificar() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (resposta) { return resposta.text(); })
      .then(function (html) {
        var novo = new DOMParser().parseFromString(html, "text/html").getElementById("relatorio-andamento");
        if (!novo) return;
        alvo.replaceWith(novo);
        alvo = novo;
        if (novo.dataset.atualizar) window.setTimeout(verificar, 3000);
      })
      .catch(function () { window.setTimeout(verificar, 6000); });
  }
  window.setTimeout(verificar, 3000);
})();
