// Progressive enhancement only. Loaded with defer: the phone menu is folded by CSS from the first
// paint, and its toggle is a link to the menu (#main-nav, shown by :target) until this script
// makes it a disclosure button. Without JavaScript at all the menu is simply open.
(function () {
  "use strict";

  var toggle = document.querySelector(".menu-toggle");
  var nav = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!nav) {
    return;
  }
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }
  toggle.setAttribute("role", "button");
  nav.classList.add("main-nav--toggled");
  setOpen(window.location.hash === "#" + nav.id);
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  // A link with role="button" must answer the space bar as a button does.
  toggle.addEventListener("keydown", function (event) {
    if (event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();
