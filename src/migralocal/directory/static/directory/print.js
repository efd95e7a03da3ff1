// The printable hub sheet's "Print" button; kept out of the page for the Content-Security-Policy.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
