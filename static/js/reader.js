// The article page: a speaker's button in the panel highlights that speaker's quotations.
// Wired through data- attributes: [data-reader], [data-speaker] buttons, .quote[data-speaker].
(function () {
  "use strict";
  const reader = document.querySelector("[data-reader]");
  if (!reader) return;
  const body = reader.querySelector("[data-body]");
  const status = reader.querySelector("[data-reader-status]");
  const buttons = Array.from(reader.querySelectorAll("button[data-speaker]"));

  function highlight(key) {
    let first = null;
    let count = 0;
    body.querySelectorAll(".quote").forEach(function (quote) {
      const on = key !== null && quote.dataset.speaker === key;
      quote.classList.toggle("is-highlighted", on);
      if (on && quote.id) {
        count += 1;
        first = first || quote;
      }
    });
    body.classList.toggle("has-highlight", key !== null);
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.speaker === key));
    });
    if (status) {
      const name = key === null ? "" : buttons.find((b) => b.dataset.speaker === key)
        .querySelector(".chip-name").textContent;
      status.textContent = key === null ? "" : name + ": " + count;
    }
    if (first) {
      const box = first.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        first.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    }
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      const pressed = button.getAttribute("aria-pressed") === "true";
      highlight(pressed ? null : button.dataset.speaker);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && body.classList.contains("has-highlight")) highlight(null);
  });
})();
