// Staff's corrections on the reading pages (the server renders these forms only for them).
// (The speaker fields' suggestions: static/js/speaker_picker.js.)
// - [data-correction-panel] on the article page: a click on a quotation opens the panel, its
//   forms posting to that quotation's address (data-action-template, with 0 for the id).
(function () {
  "use strict";

  const panel = document.querySelector("[data-correction-panel]");
  const body = document.querySelector("[data-body]");
  if (!panel || !body) return;
  const current = panel.querySelector("[data-correction-current]");
  const pageLink = panel.querySelector("[data-correction-page]");

  function open(id) {
    const pieces = body.querySelectorAll('.quote[data-quote-id="' + id + '"]');
    if (!pieces.length) return;
    let start = Infinity;
    let end = -Infinity;
    pieces.forEach((piece) => {
      start = Math.min(start, Number(piece.dataset.start));
      end = Math.max(end, Number(piece.dataset.end));
    });
    const first = pieces[0];
    const action = panel.dataset.actionTemplate.replace("/0/", "/" + id + "/");
    panel.querySelectorAll("form[data-correction-form]").forEach((form) => {
      form.action = action;
    });
    pageLink.href = action;
    panel.querySelector("[data-correct-kind]").value = first.dataset.kind;
    panel.querySelector("[data-correct-start]").value = String(start);
    panel.querySelector("[data-correct-end]").value = String(end);
    panel.querySelectorAll("[data-speaker-name]").forEach((input) => { input.value = ""; });
    panel.querySelectorAll("[data-speaker-id]").forEach((input) => { input.value = ""; });
    const text = Array.from(pieces).map((piece) => piece.textContent).join("");
    current.textContent = (first.dataset.label || "") + ": " + (text.length > 120 ? text.slice(0, 119) + "…" : text);
    panel.dataset.quoteId = id;
    panel.hidden = false;
    panel.focus({ preventScroll: true });
    const box = panel.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight) panel.scrollIntoView({ block: "nearest" });
  }

  body.addEventListener("click", (event) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    if (event.target.closest("mark[data-annotation-id]")) return;
    const quote = event.target.closest(".quote[data-quote-id]");
    if (quote) open(quote.dataset.quoteId);
  });
  panel.querySelector("[data-correction-close]").addEventListener("click", () => {
    panel.hidden = true;
  });
  panel.setAttribute("data-correction-ready", "");
})();
