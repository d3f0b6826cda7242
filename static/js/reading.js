// The reader's state of an article (read, favourite, archived): each form[data-reading-state]
// (articles.templatetags.reading.reading_controls) posts without leaving the page and its
// buttons show the state the server answers. Without this script the form posts and the server
// sends the browser back to the page.
(function () {
  "use strict";
  const NAMES = ["read", "favourite", "archived"];

  function show(form, state) {
    NAMES.forEach(function (name) {
      const on = Boolean(state[name]);
      form.dataset[name] = String(on);
      const button = form.querySelector('button[name="' + name + '"]');
      if (!button) return;
      button.setAttribute("aria-pressed", String(on));
      button.value = on ? "0" : "1";
    });
  }

  document.addEventListener("submit", async function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-reading-state]")) return;
    const button = event.submitter;
    if (!button || !button.name) return;
    event.preventDefault();
    const data = new FormData();
    data.append(button.name, button.value);
    const token = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token },
      });
      if (!response.ok) throw new Error(String(response.status));
      show(form, await response.json());
    } catch (error) {
      // the page's own round trip says what went wrong; submit() sends no button: its value
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = button.name;
      field.value = button.value;
      form.append(field);
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
})();
