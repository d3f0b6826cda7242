// A speaker's name with suggestions as one types ([data-speaker-picker]: the correction forms,
// the article list's filter): the JSON of speaker-search at data-search, as a listbox under
// the field; choosing one puts in its name and, where the form has one, fills the hidden id.
// Without this script the name typed is looked up.
(function () {
  "use strict";

  function picker(root) {
    const input = root.querySelector("[data-speaker-name]");
    const hidden = root.querySelector("[data-speaker-id]");
    const list = root.querySelector("[data-speaker-options]");
    let results = [];
    let active = -1;
    // How many suggestions there are, said to screen readers (the strings in the reader's
    // language: data-count-none, -one, -many with {count} for the number).
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    root.appendChild(status);

    function announce(count) {
      const text = count === 0 ? root.dataset.countNone : count === 1 ? root.dataset.countOne : root.dataset.countMany;
      status.textContent = (text || "").replace("{count}", String(count));
    }
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
      if (hidden) hidden.value = String(speaker.id);
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
        status.textContent = "";
        return;
      }
      const number = ++asked;
      const url = new URL(root.dataset.search, window.location.href);
      url.searchParams.set("q", text);
      fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => {
          if (number === asked) {
            show(data.results || []);
            announce(results.length);
          }
        })
        .catch(() => show([]));
    }

    input.addEventListener("input", () => {
      if (hidden) hidden.value = ""; // a name typed is not the speaker chosen before
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", (event) => {
      if (list.hidden) {
        if (event.key === "ArrowDown" && input.value.trim()) {
          event.preventDefault(); // the suggestions again, after Escape or a choice
          ask();
        }
        return;
      }
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
        event.preventDefault(); // a search field would also empty itself
        event.stopPropagation();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("[data-speaker-picker]").forEach(picker);
})();
