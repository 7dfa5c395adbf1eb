/* Mapa dos Pontos (Leaflet). Sem JavaScript ou sem servidor de blocos, fica só a lista. */
(function () {
  "use strict";
  function iniciar() {
    var caixa = document.querySelector("[data-tiles]");
    if (!caixa || typeof L === "undefined") return;
    var fonte = document.getElementById(caixa.dataset.marcas);
    var pontos = fonte ? JSON.parse(fonte.textContent) : [];
    if (!pontos.length || !caixa.dataset.tiles) return;
    caixa.classList.add("mapa-ativo");
    caixa.setAttribute("role", "region");
    caixa.setAttribute("aria-label", "Mapa dos Pontos; a mesma informação está na lista abaixo");
    var mapa = L.map(caixa, { scrollWheelZoom: false });
    L.tileLayer(caixa.dataset.tiles, { maxZoom: 18, attribution: caixa.dataset.atribuicao || "" }).addTo(mapa);
    var limites = [];
    pontos.forEach(function (p) {
      var marca = L.marker([p.lat, p.lon], { title: p.nome, alt: p.nome, keyboard: true }).addTo(mapa);
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.nome;
      var caixaPopup = document.createElement("div");
      caixaPopup.appendChild(link);
      var tipo = document.createElement("div");
      tipo.textContent = p.tipo;
      caixaPopup.appendChild(tipo);
      marca.bindPopup(caixaPopup);
      limites.push([p.lat, p.lon]);
    });
    if (limites.length === 1) {
      mapa.setView(limites[0], 15);
    } else {
      mapa.fitBounds(limites, { padding: [30, 30] });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", iniciar);
  } else {
    iniciar();
  }
})();
