// "Copy link" for share boxes: without JavaScript (or clipboard access) the address stays
// visible in a read-only field that people can select and copy themselves.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy-link"));
    var status = button.parentElement.querySelector("[role=status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () {
          status.textContent = button.getAttribute("data-copied-text");
        },
        function () {
          input.select();
        }
      );
    });
  });
})();
