// On a phone the library's filters start folded so that the results come first (the chosen filters
// are listed above the results); they stay open on wider screens and without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.querySelector("[data-library-filters]");
  if (panel && window.matchMedia("(max-width: 59.99em)").matches) {
    panel.open = false;
  }

  // A resource's PDF shows inside the page only where the browser can show PDFs and the screen is
  // wide enough to read it; elsewhere (most phones) the cover and the link that opens it stay.
  const preview = document.querySelector("[data-pdf-preview]");
  if (preview && navigator.pdfViewerEnabled && window.matchMedia("(min-width: 48em)").matches) {
    const frame = document.createElement("iframe");
    frame.src = preview.dataset.pdfPreview;
    frame.title = preview.dataset.title;
    frame.loading = "lazy";
    preview.querySelector(".resource__preview-open").before(frame);
    preview.classList.add("resource__preview--framed");
  }
});
