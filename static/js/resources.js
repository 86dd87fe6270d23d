// On a phone the library's filters start folded so that the results come first (the chosen filters
// are listed above the results); they stay open on wider screens and without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.querySelector("[data-library-filters]");
  if (panel && window.matchMedia("(max-width: 59.99em)").matches) {
    panel.open = false;
  }
});
