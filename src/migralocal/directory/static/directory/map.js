// Draws the hubs listed on the page on a Leaflet map (sent only when the map is asked for). The list stays the source of truth: if
// Leaflet or the tiles cannot load, the map stays hidden or blank and nothing else changes.
(function () {
  "use strict";

  function drawMap(element) {
    var data = document.getElementById(element.dataset.points);
    if (!window.L || !data) { return; }
    var points = JSON.parse(data.textContent);
    if (!points.length) { return; }
    element.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false });
    window.L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution, maxZoom: 18
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = window.L.marker([point.lat, point.lon], { title: point.name, alt: point.name });
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      marker.bindPopup(link).addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length === 1) { map.setView(bounds[0], 14); } else { map.fitBounds(bounds, { padding: [24, 24] }); }
    element.dataset.markers = String(points.length);
  }

  document.querySelectorAll("[data-directory-map]").forEach(drawMap);
})();
