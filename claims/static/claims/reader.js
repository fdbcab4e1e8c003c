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
    function update() {
      var found = selectionOffsets(body);
      if (!found) return;
      start.value = found.start;
      end.value = found.end;
      preview.textContent = "\u201c" + found.text.trim().slice(0, 300) + "\u201d";
      form.classList.add("has-selection");
      button.disabled = false;
    }
    document.addEventListener("selectionchange", update);
    body.addEventListener("keyup", update);
  }

  // j / k move between suggested claims, a accepts (queues), d dismisses.
  function bindKeys() {
    var list = document.getElementById("suggestions");
    if (!list) return;
    function items() { return Array.prototype.slice.call(list.querySelectorAll("li[data-claim]")); }
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
    bindKeys();
  });
})();
