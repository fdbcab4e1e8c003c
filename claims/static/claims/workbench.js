/* Claim Workbench: small behaviours for every page. No inline script: the CSP forbids it. */
(function () {
  "use strict";

  // Live character counter for fields with a length guideline (ClaimReview's claimReviewed).
  function bindCounters(root) {
    root.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var field = document.getElementById(counter.getAttribute("data-counter-for"));
      if (!field || counter.dataset.bound) return;
      counter.dataset.bound = "1";
      var limit = parseInt(field.getAttribute("data-guideline"), 10);
      function update() {
        var n = field.value.length;
        counter.textContent = n + " / " + limit + " characters" +
          (n > limit ? " - longer than the ClaimReview guideline" : "");
        counter.classList.toggle("over", n > limit);
      }
      field.addEventListener("input", update);
      update();
    });
  }

  // "Select all" checkbox of the queue's bulk actions.
  function bindSelectAll(root) {
    root.querySelectorAll("[data-select-all]").forEach(function (box) {
      if (box.dataset.bound) return;
      box.dataset.bound = "1";
      box.addEventListener("change", function () {
        var name = box.getAttribute("data-select-all");
        document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (c) {
          c.checked = box.checked;
        });
      });
    });
  }

  function init(root) {
    bindCounters(root);
    bindSelectAll(root);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
