/* Registers the site's service worker (core/templates/core/service_worker.js) and, on a page it
 * answered from the copy kept on this device, shows when that copy was saved (docs/offline.md).
 * The notice's words come translated from the page (#offline-notice's data-text). */
(function () {
  "use strict";

  var notice = document.getElementById("offline-notice");
  var saved = document.querySelector('meta[name="migralocal-saved-at"]');
  if (notice && saved) {
    var when = new Date(saved.content);
    var shown = isNaN(when.getTime())
      ? saved.content
      : new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
          dateStyle: "long",
          timeStyle: "short",
        }).format(when);
    notice.textContent = notice.dataset.text.replace("{saved}", shown);
    notice.hidden = false;
  }

  if (!notice || !("serviceWorker" in navigator)) {
    return;
  }
  // Signing out forgets the offline record form kept on this device.
  document.addEventListener("submit", function (event) {
    if (event.target.matches('form[action*="/accounts/logout/"]') && window.caches) {
      caches.keys().then(function (names) {
        names.forEach(function (name) {
          if (name.indexOf("migralocal-forms-") === 0) {
            caches.delete(name);
          }
        });
      });
    }
  });
  var firstVisit = !navigator.serviceWorker.controller;
  navigator.serviceWorker
    .register(notice.dataset.worker, { scope: "/" })
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function (registration) {
      // This page came before the worker: ask it to keep a copy (it decides whether it may).
      if (firstVisit && !saved && registration.active) {
        registration.active.postMessage({ type: "keep", url: location.href });
      }
    })
    .catch(function () {});
})();
