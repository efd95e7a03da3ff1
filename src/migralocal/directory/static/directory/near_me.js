// "Near me": fills the form's latitude and longitude from the browser's position and submits.
// Without JavaScript the button stays hidden and the municipality list does the same job.
(function () {
  "use strict";

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

  document.querySelectorAll("[data-near-me]").forEach(nearMe);
})();
