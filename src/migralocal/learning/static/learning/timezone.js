/* Tell the server the browser's time zone, so event pages show times in the viewer's zone too. */
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("migralocal_tz=" + zone) === -1) {
      document.cookie = "migralocal_tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (error) { /* an old browser: times stay in the event's zone */ }
})();
