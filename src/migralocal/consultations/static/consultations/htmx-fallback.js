// The platform's base page loads htmx; where its copy is not served, load this module's own.
// Waiting for "load" means htmx is never loaded twice, and finds the page complete and ready.
window.addEventListener("load", function () {
  if (window.htmx) { return; }
  var script = document.createElement("script");
  script.src = document.querySelector("meta[name=consultations-htmx]").content;
  document.head.appendChild(script);
});
