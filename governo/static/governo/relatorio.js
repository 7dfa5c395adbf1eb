// Atualiza o progresso do relatório PDF sem recarregar a página (sem JS, basta recarregar).
(function () {
  "use strict";
  var estado = document.getElementById("relatorio-estado");
  if (!estado || !estado.dataset.atualizar) { return; }
  var intervalo = parseInt(estado.dataset.atualizar, 10) || 3000;
  function consultar() {
    fetch(window.location.href, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (resposta) { return resposta.text(); })
      .then(function (html) {
        var novo = new DOMParser().parseFromString(html, "text/html").getElementById("relatorio-estado");
        if (!novo) { return; }
        estado.replaceChildren.apply(estado, Array.from(novo.childNodes));
        if (novo.dataset.atualizar) { window.setTimeout(consultar, intervalo); }
      })
      .catch(function () { window.setTimeout(consultar, intervalo * 2); });
  }
  window.setTimeout(consultar, intervalo);
})();
