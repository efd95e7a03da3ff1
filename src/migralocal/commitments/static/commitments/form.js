/* Forms with an error summary: move focus to it, so that a screen reader announces it and a
   phone scrolls to it; a link to a field inside closed "more details" opens them first. */
(function () {
  function openDetailsAround(element) {
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      openDetailsAround(target);
      target.focus();
    });
  });
})();
