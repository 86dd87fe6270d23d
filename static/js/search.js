/*
 * Search page: the facets are folded on a phone and open on wide screens. Browsers that know
 * ::details-content open them with CSS alone (search.css); this opens them on the others.
 */
(function () {
  "use strict";

  var facets = document.querySelector("[data-search-facets]");
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (facets && !styled && window.matchMedia("(min-width: 60em)").matches) {
    facets.open = true;
  }
})();

/*
 * Header search box → accessible combobox (WAI-ARIA 1.2 combobox with a listbox popup).
 * Without JavaScript the box is a plain form that submits to the search page.
 * Keys: ↓/↑ move through the suggestions, Enter opens the chosen page (or searches when none is
 * chosen), Escape closes the list (a second Escape clears the box).
 */
(function () {
  "use strict";

  var input = document.getElementById("header-search-input");
  if (!input || !window.fetch || !input.form) {
    return;
  }
  var form = input.form;
  var script = document.currentScript;
  var MIN_CHARS = 2;
  var DELAY = 150;
  var MESSAGES = {
    vi: {
      count: function (n) { return n + " gợi ý. Dùng phím mũi tên lên, xuống để chọn, Enter để mở."; },
      none: "Không có gợi ý.",
      label: "Gợi ý tìm kiếm"
    },
    en: {
      count: function (n) { return n + (n === 1 ? " suggestion" : " suggestions") + ". Use the up and down arrows to choose, Enter to open."; },
      none: "No suggestions.",
      label: "Search suggestions"
    }
  };
  var text = MESSAGES[(document.documentElement.lang || "vi").slice(0, 2)] || MESSAGES.vi;

  if (script && script.src) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.src.replace(/js\/search\.js(\?.*)?$/, "css/search.css");
    document.head.appendChild(css);
  }

  var listbox = document.createElement("ul");
  listbox.id = "header-search-listbox";
  listbox.className = "search-suggest";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", text.label);
  listbox.hidden = true;

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  form.appendChild(listbox);
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);

  var suggestUrl = form.getAttribute("action").replace(/\/?$/, "/") + "suggest/";
  var options = [];
  var active = -1;
  var timer = null;
  var controller = null;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function go(option) {
    window.location.assign(option.getAttribute("data-url"));
  }

  function render(suggestions) {
    listbox.textContent = "";
    options = suggestions.map(function (suggestion, i) {
      var option = document.createElement("li");
      option.id = "header-search-option-" + i;
      option.className = "search-suggest__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-url", suggestion.url);
      var title = document.createElement("span");
      title.textContent = suggestion.title;
      var type = document.createElement("small");
      type.textContent = suggestion.type;
      option.appendChild(title);
      option.appendChild(type);
      // mousedown, not click: the input would lose focus and close the list first.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        go(option);
      });
      listbox.appendChild(option);
      return option;
    });
    active = -1;
    if (options.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = text.count(options.length);
    } else {
      close();
      status.textContent = text.none;
    }
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < MIN_CHARS) {
      render([]);
      status.textContent = "";
      return;
    }
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    fetch(suggestUrl + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        if (input.value.trim() === query && document.activeElement === input) {
          render(data.suggestions || []);
        }
      })
      .catch(function () { /* offline or aborted: the form still submits */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, DELAY);
  });

  input.addEventListener("keydown", function (event) {
    var open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) {
        fetchSuggestions();
        return;
      }
      highlight(active + 1 >= options.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      if (open) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      }
    } else if (event.key === "Enter") {
      if (open && active >= 0) {
        event.preventDefault();
        go(options[active]);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
      }
    } else if (event.key === "Tab") {
      close();
    }
  });

  input.addEventListener("blur", function () {
    window.setTimeout(close, 100);
  });
})();
