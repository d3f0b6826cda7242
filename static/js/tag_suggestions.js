// Tag suggestions for every tag field ([data-tag-input]: the annotation editor's, the article
// list's filter): the field's <datalist> (its list attribute) is filled with the tags in use
// that start with the last of its comma-separated parts (the whole value in a field of one
// tag, data-tag-input="single"), which the server suggests (GET the
// datalist's data-suggest-url ?prefix=, asked a moment after the typing stops, and on focus for
// the list before any typing). Tags saved on the page since it loaded
// (window.newsreaderTags.learn, called by annotate.js) are added to the answer. Without an
// answer there are only those; without this script the field takes a tag typed in full.
(function () {
  "use strict";
  const learnt = []; // tags saved here, which the server may not have answered with yet
  let suggestTimer = null;
  let suggesting = null; // the AbortController of the request in flight

  function sameTag(a, b) {
    return a.toLowerCase() === b.toLowerCase();
  }
  function learn(tags) {
    tags.forEach((t) => {
      if (!learnt.some((k) => sameTag(k, t))) learnt.push(t);
    });
  }
  async function serverTags(url, last, signal) {
    try {
      const response = await fetch(url + "?" + new URLSearchParams({ prefix: last }), { credentials: "same-origin", headers: { Accept: "application/json" }, signal });
      if (!response.ok) return [];
      const data = await response.json();
      return Array.isArray(data.tags) ? data.tags : [];
    } catch (error) {
      return []; // offline, logged out, a server error: no suggestions, the typing goes on
    }
  }
  async function suggest(input, datalist) {
    // A field of one tag (data-tag-input="single": the list's filter) has no list to continue.
    const parts = input.dataset.tagInput === "single" ? [input.value] : input.value.split(",");
    const last = parts.pop().trim();
    const head = parts.map((p) => p.trim()).filter(Boolean);
    const chosen = new Set(head.map((p) => p.toLowerCase()));
    const prefix = head.length ? head.join(", ") + ", " : "";
    const controller = new AbortController();
    suggesting = controller;
    const names = await serverTags(datalist.dataset.suggestUrl, last, controller.signal);
    if (controller.signal.aborted) return; // a newer request took its place
    const lower = last.toLowerCase();
    const extra = learnt.filter((t) => t.toLowerCase().startsWith(lower) && !names.some((n) => sameTag(n, t)));
    const options = names
      .concat(extra)
      .filter((t) => !chosen.has(t.toLowerCase()))
      .slice(0, 30)
      .map((t) => {
        const option = document.createElement("option");
        option.value = prefix + t;
        return option;
      });
    datalist.replaceChildren(...options);
  }
  function suggestSoon(input, datalist) {
    window.clearTimeout(suggestTimer);
    if (suggesting) suggesting.abort(); // its answer would be for what was typed before
    suggesting = null;
    suggestTimer = window.setTimeout(() => suggest(input, datalist), 150);
  }
  document.querySelectorAll("[data-tag-input]").forEach((input) => {
    const datalist = input.list;
    if (!datalist || !datalist.dataset.suggestUrl) return;
    input.addEventListener("input", () => suggestSoon(input, datalist));
    input.addEventListener("focus", () => suggestSoon(input, datalist)); // the list before any typing
  });
  window.newsreaderTags = { learn };
})();
