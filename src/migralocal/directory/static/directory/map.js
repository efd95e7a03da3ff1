// Draws the hubs listed on the page on a Leaflet map. The list stays the source of truth: if
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

  function nearMe(button) {
    var form = button.form;
    var status = document.getElementById(button.dataset.status);
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = button.dataset.unavailable; return; }
      status.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(5);
        form.elements.lon.value = position.coords.longitude.toFixed(5);
        form.submit();
      }, function () { status.textContent = button.dataset.unavailable; }, { timeout: 10000 });
    });
  }

  document.querySelectorAll("[data-directory-map]").forEach(drawMap);
  document.querySelectorAll("[data-near-me]").forEach(nearMe);
})();
