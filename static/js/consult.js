/* consult: progressive enhancements. Everything works without this file. */
(function () {
  "use strict";

  // Plain text of an element, computed exactly as the server's consult.lib.text.plain_text:
  // block ends become spaces and runs of whitespace collapse, so offsets agree.
  var BLOCKS = /^(P|LI|H[1-6]|TR|BLOCKQUOTE|TABLE|UL|OL|BR)$/;
  var WORD = /[\p{L}\p{N}]/u;

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

  // Where the range starts and ends inside one text node, or null when the node lies outside it.
  // Works whatever the range's containers are (a triple click ends on an element, not a text node).
  function clip(range, node) {
    var len = node.nodeValue.length;
    if (range.comparePoint(node, len) < 0 || range.comparePoint(node, 0) > 0) return null;
    var from = node === range.startContainer ? range.startOffset : 0;
    var to = node === range.endContainer ? range.endOffset : len;
    if (range.comparePoint(node, from) < 0) from = 0;
    if (range.comparePoint(node, to) > 0) to = len;
    return from <= to ? { from: from, to: to } : null;
  }

  // Map a selection range to offsets in the collapsed plain text (the server's plain_text).
  function plainOffsets(root, range) {
    var runs = textRuns(root), out = "", start = -1, end = -1, lastSpace = true;
    for (var i = 0; i < runs.length; i++) {
      var r = runs[i], cut = r.node ? clip(range, r.node) : null;
      for (var j = 0; j <= r.text.length; j++) {
        if (cut && j === cut.from && start < 0) start = out.length;
        if (cut && j === cut.to) end = out.length;
        if (j === r.text.length) break;
        var ch = r.text[j];
        if (/\s/.test(ch)) { if (!lastSpace) { out += " "; lastSpace = true; } }
        else { out += ch; lastSpace = false; }
      }
    }
    var lead = out.length - out.replace(/^\s+/, "").length;
    out = out.trim();
    if (start < 0 || end < 0 || end < start) return null;
    start = Math.max(0, start - lead); end = Math.min(out.length, end - lead);
    // A drag rarely starts and ends exactly on a word's edge: quote whole words.
    while (start > 0 && start < end && WORD.test(out[start - 1]) && WORD.test(out[start])) start--;
    while (end < out.length && end > start && WORD.test(out[end]) && WORD.test(out[end - 1])) end++;
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
    // Right after the text in reading order, so Tab reaches it straight after a keyboard selection.
    body.parentNode.insertBefore(button, body.nextSibling);
    var pending = null;

    function onSelect() {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { button.hidden = true; return; }
      var range = sel.getRangeAt(0);
      if (!range.intersectsNode(body)) { button.hidden = true; return; }
      pending = plainOffsets(body, range);
      if (!pending) { button.hidden = true; return; }
      var rect = range.getBoundingClientRect();
      button.hidden = false;
      // Below the selection, kept inside the viewport on narrow screens. (CSSOM, not a style
      // attribute in the markup: allowed by a Content-Security-Policy without 'unsafe-inline'.)
      var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - button.offsetWidth - 8));
      button.style.top = (window.scrollY + rect.bottom + 6) + "px";
      button.style.left = (window.scrollX + left) + "px";
    }

    document.addEventListener("mouseup", function (e) {
      if (e.target !== button) setTimeout(onSelect, 0);
    });
    // Touch screens select text without mouse events: follow the selection itself, once it settles.
    var settle = null;
    document.addEventListener("selectionchange", function () {
      clearTimeout(settle);
      settle = setTimeout(onSelect, 400);
    });
    document.addEventListener("keyup", function (e) {
      if (e.key === "Escape") button.hidden = true;
      else if (e.shiftKey) onSelect();
    });
    button.addEventListener("click", function () {
      var form = document.getElementById("comment-form");
      if (!form || !pending) return;
      var field = form.querySelector("[name=quote_text]");
      field.value = pending.text;
      field.style.height = "auto";  // show the whole passage
      field.style.height = (field.scrollHeight + 4) + "px";
      form.querySelector("[name=quote_start]").value = pending.start;
      form.querySelector("[name=quote_end]").value = pending.end;
      updateCounter(field);
      var wrapper = document.getElementById("quote-field");
      if (wrapper) wrapper.classList.remove("is-empty");
      button.hidden = true;
      pending = null;
      window.getSelection().removeAllRanges();  // done with it; otherwise the button comes back
      form.scrollIntoView({ behavior: "smooth", block: "start" });
      form.querySelector("[name=remark]").focus({ preventScroll: true });
    });
  }

  // After htmx swaps in a form with errors, a confirmation or a support, move focus there so
  // keyboard and screen-reader users land on the news. An outerHTML swap detaches the old
  // target, so look the new element up by its id.
  document.addEventListener("htmx:afterSwap", function (e) {
    var old = e.detail.target;
    var target = old && old.id ? document.getElementById(old.id) : old;
    if (!target || !document.body.contains(target)) return;
    var focusable = target.querySelector("#form-errors") ||
      (target.matches("[role=status], .support, #comments") ? target : target.querySelector("[role=status]"));
    if (focusable) { focusable.setAttribute("tabindex", "-1"); focusable.focus(); }
  });

  // A refusal that htmx does not swap (an error page for a 4xx or 5xx, or no answer at all): say
  // the server's message in place, tied to the form, and leave everything typed where it was.
  // Validation errors come back as the re-rendered form (422), which htmx swaps itself.
  function showFailure(elt, message) {
    var form = elt && elt.closest ? (elt.closest("form") || elt) : null;
    if (!form || !document.body.contains(form)) return;
    var id = (form.id || "htmx-form") + "-failure";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "error htmx-failure";
      note.setAttribute("role", "alert");
      note.setAttribute("tabindex", "-1");
      form.insertBefore(note, form.firstChild);
      var described = (form.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(id) < 0) described.push(id);
      form.setAttribute("aria-describedby", described.join(" "));
    }
    note.textContent = message;
    note.focus();
  }

  function messageOf(xhr) {
    var fallback = document.documentElement.lang === "en" ? "Something went wrong. Nothing was lost: try again." :
      "Coś poszło nie tak. Nic nie zostało utracone: spróbuj ponownie.";
    if (!xhr || !xhr.responseText) return fallback;
    var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var main = doc.querySelector("main") || doc.body;
    var parts = [];
    main.querySelectorAll("h1, [role=alert], .error, main > p:not(.meta)").forEach(function (n) {
      var t = n.textContent.replace(/\s+/g, " ").trim();
      if (t && parts.indexOf(t) < 0 && !n.querySelector("a[href='/']")) parts.push(t);
    });
    return parts.length ? parts.slice(0, 3).join(" ") : fallback;
  }

  document.addEventListener("htmx:responseError", function (e) {
    showFailure(e.detail.elt, messageOf(e.detail.xhr));
  });
  document.addEventListener("htmx:sendError", function (e) { showFailure(e.detail.elt, messageOf(null)); });


  // A live count under every text field with a limit (data-limit): the browser never cuts a text
  // short (no maxlength), the person sees how much to shorten, and the server still checks.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }
  function updateCounter(field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    if (!limit) return;
    var counter = document.getElementById("count-" + field.id);
    if (!counter) {
      counter = document.createElement("p");
      counter.id = "count-" + field.id;
      counter.className = "counter";
      field.insertAdjacentElement("afterend", counter);
      field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    }
    var lang = document.documentElement.lang || "pl", count = field.value.length, over = count - limit;
    var body = document.body.dataset;
    var text = fill(over > 0 ? body.counterOver : body.counterText, {
      count: count.toLocaleString(lang), limit: limit.toLocaleString(lang), over: over.toLocaleString(lang)
    });
    if (counter.textContent !== text) counter.textContent = text;
    var wasOver = counter.classList.contains("counter-over");
    counter.classList.toggle("counter-over", over > 0);
    // Announced only when the limit is crossed, not at every key.
    if (over > 0 !== wasOver) counter.setAttribute("role", over > 0 ? "alert" : "status");
  }
  function setupCounters(root) {
    var fields = (root || document).querySelectorAll("textarea[data-limit]");
    for (var i = 0; i < fields.length; i++) updateCounter(fields[i]);
  }
  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("textarea[data-limit]")) updateCounter(e.target);
  });
  document.addEventListener("htmx:afterSettle", function (e) { setupCounters(e.detail.elt); });

  function setup() { setupQuoting(); setupCounters(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
