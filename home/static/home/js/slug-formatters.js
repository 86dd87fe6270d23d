// Slug fields that Wagtail builds with its own widget (the copy page form) get the Vietnamese
// transliteration too: Stimulus applies formatters set after it connected.
(() => {
  const formatters = document.currentScript.dataset.formatters;
  document
    .querySelectorAll('[data-controller~="w-slug"]:not([data-w-slug-formatters-value])')
    .forEach((input) => input.setAttribute('data-w-slug-formatters-value', formatters));
})();
