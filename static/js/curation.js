// Staff's corrections on the reading pages (the server renders these forms only for them).
// - [data-speaker-picker]: a speaker's name with suggestions from the JSON of speaker-search
//   as one types; choosing one fills the hidden id. Without this script the name is looked up.
// - [data-correction-panel] on the article page: a click on a quotation opens the panel, its
//   forms posting to that quotation's address (data-action-template, with 0 for the id).
(function () {
  "use strict";

  function picker(root) {
    const input = root.querySelector("[data-speaker-name]");
    const hidden = root.querySelector("[data-speaker-id]");
    const list = root.querySelector("[data-speaker-options]");
    let results = [];
    let active = -1;
    let timer = null;
    let asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      const speaker = results[index];
      if (!speaker) return;
      input.value = speaker.name;
      hidden.value = String(speaker.id);
      close();
    }

    function mark(index) {
      active = index;
      Array.from(list.children).forEach((item, n) => item.setAttribute("aria-selected", String(n === index)));
      if (index >= 0) input.setAttribute("aria-activedescendant", list.children[index].id);
    }

    function show(speakers) {
      results = speakers;
      list.replaceChildren();
      speakers.forEach((speaker, n) => {
        const item = document.createElement("li");
        item.id = input.id + "-option-" + n;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.speakerOptionId = String(speaker.id);
        item.textContent = speaker.name + (speaker.role ? " — " + speaker.role : "");
        item.addEventListener("mousedown", (event) => event.preventDefault());
        item.addEventListener("click", () => choose(n));
        list.appendChild(item);
      });
      list.hidden = speakers.length === 0;
      input.setAttribute("aria-expanded", String(speakers.length > 0));
      active = -1;
    }

    function ask() {
      const text = input.value.trim();
      if (!text) {
        show([]);
        return;
      }
      const number = ++asked;
      fetch(root.dataset.search + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => {
          if (number === asked) show(data.results || []);
        })
        .catch(() => show([]));
    }

    input.addEventListener("input", () => {
      hidden.value = ""; // a name typed is not the speaker chosen before
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        mark(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        mark(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.stopPropagation();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("[data-speaker-picker]").forEach(picker);

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
