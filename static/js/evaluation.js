/* Scores a self-assessment as the person types: the same rules as evaluation/scoring.py.
   Without JavaScript the page scores on "Save the draft"; the server's score is the one that counts. */
(function () {
  "use strict";
  var summary = document.getElementById("score-summary");
  var form = document.querySelector(".dossier__form");
  if (!summary || !form) { return; }

  function number(text) {
    text = String(text || "").replace(/\s/g, "").replace(",", ".");
    if (text === "" || !/^-?\d*\.?\d+$/.test(text)) { return null; }
    return parseFloat(text);
  }

  function valueOf(fieldset) {
    var code = fieldset.getAttribute("data-code");
    var inputs = form.querySelectorAll('[name="value-' + CSS.escape(code) + '"]');
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].type !== "radio" || inputs[i].checked) { return inputs[i].value; }
    }
    return "";
  }

  function score(fieldset) {
    var kind = fieldset.getAttribute("data-kind");
    var most = number(fieldset.getAttribute("data-max")) || 0;
    var target = number(fieldset.getAttribute("data-target"));
    var value = valueOf(fieldset).trim();
    var result = { answered: false, met: false, points: 0 };
    if (kind === "yes_no") {
      result.answered = value === "yes" || value === "no";
      result.met = value === "yes";
      result.points = result.met ? most : 0;
      return result;
    }
    var amount = number(value);
    result.answered = amount !== null && amount >= 0;
    if (!result.answered) { return result; }
    if (kind === "points") {
      result.points = Math.min(amount, most);
      result.met = target !== null ? result.points >= target : result.points > 0;
    } else {
      result.met = target !== null && amount >= target;
      result.points = result.met ? most : 0;
    }
    return result;
  }

  function format(value) {
    return (Math.round(value * 100) / 100).toString().replace(".", summary.lang === "en" ? "." : ",");
  }

  function update() {
    var total = 0, met = 0, mandatoryUnmet = 0;
    var fieldsets = form.querySelectorAll("fieldset.criterion");
    fieldsets.forEach(function (fieldset) {
      var result = score(fieldset);
      total += result.points;
      if (result.met) { met += 1; }
      if (fieldset.getAttribute("data-mandatory") === "1" && !result.met) { mandatoryUnmet += 1; }
      fieldset.classList.toggle("criterion--missing", !result.answered);
    });
    var pass = number(summary.getAttribute("data-pass")) || 0;
    var minMet = parseInt(summary.getAttribute("data-min-met"), 10) || 0;
    summary.querySelector("[data-total]").textContent = format(total);
    summary.querySelector("[data-met]").textContent = met;
    var verdict = summary.querySelector("[data-verdict]");
    var eligible = total >= pass && met >= minMet && mandatoryUnmet === 0;
    var text = verdict.getAttribute(eligible ? "data-yes" : "data-no");
    if (verdict.textContent !== text) { verdict.textContent = text; }
  }

  summary.lang = document.documentElement.lang;
  form.addEventListener("input", update);
  form.addEventListener("change", update);

  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
