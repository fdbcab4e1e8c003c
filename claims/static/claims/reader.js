/* The article reader: turn a text selection into character offsets, and triage suggestions
   with the keyboard. Offsets are computed against the plain article text: every piece of the
   rendered text carries data-offset, its position in that text. */
(function () {
  "use strict";

  function textBefore(container, node, offsetInNode) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offsetInNode);
    return range.toString().length;
  }

  function offsetOf(body, node, offsetInNode) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var piece = element && element.closest("[data-offset]");
    if (!piece || !body.contains(piece)) {
      // A boundary between pieces (a triple click ends on the container): the rendered text
      // is the article text verbatim, so count the characters before it.
      return textBefore(body, node, offsetInNode);
    }
    var base = parseInt(piece.getAttribute("data-offset"), 10);
    if (node.nodeType === Node.TEXT_NODE) return base + offsetInNode;
    return base + textBefore(piece, node, offsetInNode);
  }

  function selectionOffsets(body) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
    var start = offsetOf(body, range.startContainer, range.startOffset);
    var end = offsetOf(body, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { start: start, end: end, text: range.toString() };
  }

  function bindSelection() {
    var body = document.getElementById("article-text");
    var form = document.getElementById("add-claim");
    if (!body || !form) return;
    var start = form.querySelector("[name=start]");
    var end = form.querySelector("[name=end]");
    var preview = document.getElementById("selection-preview");
    var button = form.querySelector("button[type=submit]");
    var nothing = document.getElementById("no-selection");
    function update() {
      // The text is swapped after a triage: look it up again each time.
      var found = selectionOffsets(document.getElementById("article-text"));
      if (!found) return;
      start.value = found.start;
      end.value = found.end;
      preview.textContent = "\u201c" + found.text.trim().slice(0, 300) + "\u201d";
      form.classList.add("has-selection");
      nothing.hidden = true;
      button.disabled = false;
    }
    document.addEventListener("selectionchange", update);
    // On the document: the text element is replaced after a triage.
    document.addEventListener("keyup", function (event) {
      if (event.target.closest && event.target.closest("#article-text")) update();
    });
    form.addEventListener("submit", function (event) {
      if (start.value !== "" && end.value !== "") return;
      event.preventDefault();
      nothing.hidden = false;
    });
  }

  // A highlight is not a link (a drag inside a link drags the link instead of selecting):
  // a click that selected nothing opens the claim in the panel; Enter does it from the keyboard.
  function openClaim(mark) {
    var body = document.getElementById("article-text");
    var url = body.getAttribute("data-panel-url").replace("{pk}", mark.getAttribute("data-claim"));
    var selected = body.querySelectorAll("mark.hl-selected");
    for (var i = 0; i < selected.length; i++) selected[i].classList.remove("hl-selected");
    var pieces = body.querySelectorAll('mark[data-claim="' + mark.getAttribute("data-claim") + '"]');
    for (var j = 0; j < pieces.length; j++) pieces[j].classList.add("hl-selected");
    window.htmx.ajax("GET", url, { target: "#claim-panel", swap: "innerHTML" }).then(function () {
      showPanelNear(mark);
    });
  }

  // On a narrow screen the panel comes after the whole text: it opens as a sheet at the foot
  // of the screen instead, and the tapped highlight is scrolled above it.
  function showPanelNear(mark) {
    var panel = document.getElementById("claim-panel");
    if (!window.matchMedia("(max-width: 900px)").matches) return;
    panel.classList.add("sheet");
    var sheetTop = window.innerHeight - panel.getBoundingClientRect().height;
    var markBox = mark.getBoundingClientRect();
    if (markBox.bottom > sheetTop - 8 || markBox.top < 0) {
      window.scrollBy(0, markBox.top - Math.max(8, (sheetTop - markBox.height) / 2));
    }
  }

  function bindHighlights() {
    var panel = document.getElementById("claim-panel");
    if (!panel) return;
    document.addEventListener("click", function (event) {
      if (event.target.closest("[data-close-panel]")) {
        panel.classList.remove("sheet");
        return;
      }
      var mark = event.target.closest("#article-text mark[data-claim]");
      if (!mark) return;
      var selection = window.getSelection();
      if (selection && !selection.isCollapsed) return;  // a selection: it fills the form
      openClaim(mark);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      var mark = event.target.closest && event.target.closest("#article-text mark[data-claim]");
      if (!mark) return;
      event.preventDefault();
      openClaim(mark);
    });
  }

  // j / k move between suggested claims, a accepts (queues), d dismisses.
  function bindKeys() {
    var list = document.getElementById("triage");
    if (!list) return;
    function items() {
      // Rows below the line count once their list is open.
      return Array.prototype.slice.call(list.querySelectorAll("li[data-claim]")).filter(function (li) {
        return li.offsetParent !== null;
      });
    }
    function current() { return document.activeElement && document.activeElement.closest("li[data-claim]"); }
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var target = event.target;
      if (target.closest("input, textarea, select, [contenteditable]")) return;
      var all = items();
      if (!all.length) return;
      var item = current();
      var index = item ? all.indexOf(item) : -1;
      if (event.key === "j" || event.key === "k") {
        var next = event.key === "j" ? Math.min(index + 1, all.length - 1) : Math.max(index - 1, 0);
        all[next].focus();
        event.preventDefault();
      } else if ((event.key === "a" || event.key === "d") && item) {
        var button = item.querySelector(event.key === "a" ? "[data-key=accept]" : "[data-key=dismiss]");
        if (button) { button.click(); event.preventDefault(); }
      }
    });
    // After a swap the triaged row stays in place (marked done); keep the keyboard on the next.
    var lastTriaged = null;
    list.addEventListener("click", function (event) {
      var row = event.target.closest("li[data-claim]");
      if (row && event.target.closest("button")) lastTriaged = row.getAttribute("data-claim");
    });
    document.addEventListener("htmx:afterSettle", function () {
      if (!lastTriaged) return;
      var all = items();
      var row = list.querySelector('li[data-claim="' + lastTriaged + '"]');
      lastTriaged = null;
      var i = all.indexOf(row);
      var next = all.slice(i + 1).find(function (li) { return !li.classList.contains("done"); });
      if (next || row) (next || row).focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    bindSelection();
    bindHighlights();
    bindKeys();
  });
})();
