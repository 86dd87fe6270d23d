// Progressive enhancement for the registration form; everything works without it.
(function () {
  "use strict";

  document.querySelectorAll("form.registration-form").forEach(function (form) {
    // A second click while the first submission is on its way would only return the same registration.
    form.addEventListener("submit", function () {
      var button = form.querySelector("[data-once]");
      if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
    });

    var select = form.querySelector("select[name='organisation']");
    var hint = form.querySelector("#quota-hint");
    var url = form.getAttribute("data-quota-url");
    if (!select || !hint || !url) { return; }
    select.addEventListener("change", function () {
      hint.textContent = "";
      if (!select.value) { return; }
      // POSTed with the form's CSRF token: the numbers are only for the organisation chosen here.
      var body = new FormData();
      body.append("organisation", select.value);
      var token = form.querySelector("input[name='csrfmiddlewaretoken']");
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          var list = document.createElement("ul");
          data.quotas.forEach(function (quota) {
            var item = document.createElement("li");
            item.textContent = quota.label + ": " + hint.dataset.remaining.replace("{remaining}", quota.remaining);
            list.appendChild(item);
          });
          var intro = document.createElement("p");
          intro.textContent = data.invited ? hint.dataset.intro.replace("{organisation}", data.organisation) : hint.dataset.notInvited;
          hint.appendChild(intro);
          if (data.quotas.length) { hint.appendChild(list); }
        });
    });
  });

  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
