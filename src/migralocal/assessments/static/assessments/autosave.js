// Save an answer as soon as one of its fields changes, except a chosen evidence file, which waits
// for the Save button. A static file, not an htmx trigger filter, because filters need eval,
// which the Content-Security-Policy forbids.
document.addEventListener("change", (event) => {
  const field = event.target;
  const form = field.closest && field.closest("form[data-autosave]");
  if (form && field.type !== "file" && window.htmx) {
    window.htmx.trigger(form, "autosave");
  }
});
