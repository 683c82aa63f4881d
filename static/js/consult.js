/* consult: progressive enhancements. Everything works without this file. */
(function () {
  "use strict";

  // Plain text of an element, computed exactly as the server's consult.lib.text.plain_text:
  // block ends become spaces and runs of whitespace collapse, so offsets agree.
  var BLOCKS = /^(P|LI|H[1-6]|TR|BLOCKQUOTE|TABLE|UL|OL|BR)$/;

  function textRuns(root) {
    var runs = [];
    (function walk(node) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) runs.push({ node: child, text: child.nodeValue });
        else if (child.nodeType === 1) {
          walk(child);
          if (BLOCKS.test(child.tagName)) runs.push({ node: null, text: " " });
        }
      }
    })(root);
    return runs;
  }

  // Map (text node, offset) to an offset in the collapsed plain text.
  function plainOffsets(root, range) {
    var runs = textRuns(root), out = "", start = -1, end = -1, lastSpace = true;
    for (var i = 0; i < runs.length; i++) {
      var r = runs[i];
      for (var j = 0; j <= r.text.length; j++) {
        if (r.node && r.node === range.startContainer && j === range.startOffset && start < 0) start = out.length;
        if (r.node && r.node === range.endContainer && j === range.endOffset && end < 0) end = out.length;
        if (j === r.text.length) break;
        var ch = r.text[j];
        if (/\s/.test(ch)) { if (!lastSpace) { out += " "; lastSpace = true; } }
        else { out += ch; lastSpace = false; }
      }
    }
    var lead = out.length - out.replace(/^\s+/, "").length;
    out = out.trim();
    if (start < 0 || end < 0) return null;
    start = Math.max(0, start - lead); end = Math.min(out.length, end - lead);
    var quote = out.slice(start, end);
    var trimmedStart = start + (quote.length - quote.replace(/^\s+/, "").length);
    quote = quote.trim();
    if (!quote) return null;
    return { start: trimmedStart, end: trimmedStart + quote.length, text: quote };
  }

  function setupQuoting() {
    var body = document.querySelector("[data-quotable]");
    if (!body) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small quote-button";
    button.hidden = true;
    button.textContent = document.documentElement.lang === "en" ? "Quote this passage in a comment" : "Cytuj ten fragment w uwadze";
    document.body.appendChild(button);
    var pending = null;

    function onSelect() {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { button.hidden = true; return; }
      var range = sel.getRangeAt(0);
      if (!body.contains(range.commonAncestorContainer)) { button.hidden = true; return; }
      pending = plainOffsets(body, range);
      if (!pending) { button.hidden = true; return; }
      var rect = range.getBoundingClientRect();
      button.style.top = (window.scrollY + rect.bottom + 6) + "px";
      button.style.left = (window.scrollX + rect.left) + "px";
      button.hidden = false;
    }

    document.addEventListener("mouseup", function () { setTimeout(onSelect, 0); });
    document.addEventListener("keyup", function (e) { if (e.shiftKey) onSelect(); });
    button.addEventListener("click", function () {
      var form = document.getElementById("comment-form");
      if (!form || !pending) return;
      var field = form.querySelector("[name=quote_text]");
      field.value = pending.text;
      form.querySelector("[name=quote_start]").value = pending.start;
      form.querySelector("[name=quote_end]").value = pending.end;
      var wrapper = document.getElementById("quote-field");
      if (wrapper) wrapper.classList.remove("is-empty");
      button.hidden = true;
      form.scrollIntoView({ behavior: "smooth", block: "start" });
      form.querySelector("[name=remark]").focus({ preventScroll: true });
    });
  }

  // After htmx swaps in a form with errors or a confirmation, move focus there for screen readers.
  document.addEventListener("htmx:afterSwap", function (e) {
    var target = e.detail.target;
    var focusable = target && (target.querySelector("#form-errors") || (target.matches("[role=status]") ? target : target.querySelector("[role=status]")));
    if (focusable) { focusable.setAttribute("tabindex", "-1"); focusable.focus(); }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupQuoting);
  else setupQuoting();
})();
