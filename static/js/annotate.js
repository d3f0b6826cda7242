// The article page's annotations: select a passage, press "Annotate" (or A), write a comment,
// tags, visibility and colour, Save; the passage becomes a <mark>. Clicking a highlight opens its
// thread in the side panel (replies, edit, delete). Everything goes through /api/annotations/.
//
// Wired through data- attributes: [data-annotate] (with data-api, data-article-path, data-user,
// data-csrf),
// [data-body] with .paragraph[data-start][data-end], [data-editor], [data-thread],
// [data-annotation-list], [data-annotate-button]; data from json_script #annotations-data and
// #annotate-strings.
//
// Offsets: the server counts Unicode code points into Article.body; a paragraph's text is
// body[data-start:data-end]. JavaScript strings count UTF-16 units, so every length here is
// converted. Elements marked [data-nonbody] inside the body are not body text and are skipped.
(function () {
  "use strict";
  const root = document.querySelector("[data-annotate]");
  if (!root) return;
  const body = root.querySelector("[data-body]");
  const paragraphs = Array.from(body.querySelectorAll(".paragraph"));
  const pStart = paragraphs.map((p) => Number(p.dataset.start));
  const pEnd = paragraphs.map((p) => Number(p.dataset.end));
  const S = JSON.parse(document.getElementById("annotate-strings").textContent);
  const API = root.dataset.api;
  const ME = root.dataset.user;
  const ARTICLE = root.dataset.articlePath;
  const panel = root.querySelector("[data-annotations-panel]");
  const threadBox = root.querySelector("[data-thread]");
  const list = panel.querySelector("[data-annotation-list]");
  const empty = panel.querySelector("[data-annotation-empty]");
  const countBox = panel.querySelector("[data-annotation-count]");
  const status = panel.querySelector("[data-annotate-status]");
  const button = root.querySelector("[data-annotate-button]");
  const editor = root.querySelector("[data-editor]");
  const csrf = root.dataset.csrf;
  const phone = window.matchMedia("(max-width: 40rem)");

  const annotations = new Map(); // id -> the article_annotations_for dict
  let pending = null; // {start, end, rect, paragraph} of the passage the button offers
  let editing = null; // null: a new annotation; else {id, doc, etag}
  let current = null; // the id whose thread is open

  // --- code points --------------------------------------------------------------------------

  const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  const HAS_SURROGATE = /[\uD800-\uDFFF]/;

  function cpLength(text) {
    if (!HAS_SURROGATE.test(text)) return text.length;
    const pairs = text.match(PAIR);
    return text.length - (pairs ? pairs.length : 0);
  }

  function utf16Index(text, codePoints) {
    if (!HAS_SURROGATE.test(text)) return codePoints;
    let index = 0;
    for (let n = 0; n < codePoints && index < text.length; n += 1) {
      const unit = text.charCodeAt(index);
      index += unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length ? 2 : 1;
    }
    return index;
  }

  function bodyTextNodes(element) {
    const nodes = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
        return node.hasAttribute("data-nonbody") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      },
    });
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  // The index of the first paragraph that ends after `offset`.
  function paragraphAfter(offset) {
    let low = 0;
    let high = paragraphs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pEnd[middle] <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  // --- from a DOM point to a body offset ---------------------------------------------------

  function pointOffset(node, offset, isEnd) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const paragraph = element && element.closest(".paragraph");
    if (paragraph && body.contains(paragraph)) {
      const range = document.createRange();
      range.setStart(paragraph, 0);
      range.setEnd(node, offset);
      const fragment = range.cloneContents();
      fragment.querySelectorAll("[data-nonbody]").forEach((e) => e.remove());
      return Number(paragraph.dataset.start) + cpLength(fragment.textContent);
    }
    // Between paragraphs or outside the body: snap to the nearest paragraph edge inward.
    const probe = document.createRange();
    if (!isEnd) {
      for (let i = 0; i < paragraphs.length; i += 1) {
        probe.selectNodeContents(paragraphs[i]);
        if (probe.comparePoint(node, offset) < 0) return pStart[i];
      }
      return null;
    }
    for (let i = paragraphs.length - 1; i >= 0; i -= 1) {
      probe.selectNodeContents(paragraphs[i]);
      if (probe.comparePoint(node, offset) > 0) return pEnd[i];
    }
    return null;
  }

  const texts = new Map(); // paragraph index -> its text as an array of code points
  function charAt(offset) {
    const i = paragraphAfter(offset);
    if (i >= paragraphs.length || offset < pStart[i]) return " "; // between paragraphs
    if (!texts.has(i)) {
      texts.set(i, Array.from(bodyTextNodes(paragraphs[i]).map((n) => n.data).join("")));
    }
    return texts.get(i)[offset - pStart[i]];
  }

  function textBetween(start, end) {
    const parts = [];
    for (let i = paragraphAfter(start); i < paragraphs.length && pStart[i] < end; i += 1) {
      charAt(pStart[i]);
      const chars = texts.get(i);
      parts.push(chars.slice(Math.max(start, pStart[i]) - pStart[i], Math.min(end, pEnd[i]) - pStart[i]).join(""));
    }
    return parts.join("\n");
  }

  function selectionOffsets() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(body)) return null;
    let start = pointOffset(range.startContainer, range.startOffset, false);
    let end = pointOffset(range.endContainer, range.endOffset, true);
    if (start === null || end === null) return null;
    while (start < end && /\s/.test(charAt(start))) start += 1;
    while (end > start && /\s/.test(charAt(end - 1))) end -= 1;
    if (end <= start) return null;
    const rects = range.getClientRects();
    const rect = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
    return { start, end, rect, paragraph: paragraphs[Math.min(paragraphAfter(end - 1), paragraphs.length - 1)] };
  }

  // --- painting ------------------------------------------------------------------------------

  function markFor(annotation, firsts) {
    const mark = document.createElement("mark");
    mark.className = markClass(annotation);
    mark.dataset.annotationId = annotation.id;
    if (!firsts.has(annotation.id)) {
      firsts.add(annotation.id);
      mark.id = "annotation-" + annotation.id;
      if (annotation.id !== "pending") {
        mark.tabIndex = 0;
        mark.dataset.first = "";
      }
    }
    return mark;
  }

  function markClass(annotation) {
    let name = "annotation colour-" + annotation.colour;
    if (annotation.mine) name += " is-mine";
    if (annotation.visibility === "shared") name += " is-shared";
    if (annotation.deleted) name += " is-deleted";
    if (annotation.hidden) name += " is-hidden";
    return name;
  }

  // Paint highlights: every text node inside a passage is wrapped in one <mark> per annotation
  // covering it (nested where they overlap), so marks never cross element boundaries.
  function paint(items) {
    const pieces = new Map(); // paragraph index -> [{a, s, e}]
    for (const a of items) {
      if (a.start === null || a.end === null || a.orphaned) continue;
      for (let i = paragraphAfter(a.start); i < paragraphs.length && pStart[i] < a.end; i += 1) {
        const s = Math.max(a.start, pStart[i]);
        const e = Math.min(a.end, pEnd[i]);
        if (s >= e) continue;
        if (!pieces.has(i)) pieces.set(i, []);
        pieces.get(i).push({ a, s, e });
      }
    }
    const firsts = new Set();
    Array.from(pieces.keys())
      .sort((x, y) => x - y)
      .forEach((i) => paintParagraph(i, pieces.get(i), firsts));
    // The first sentence the title repeats is hidden, unless an annotation touches it.
    body.querySelectorAll(".lead-hidden mark.annotation").forEach((m) => {
      m.closest(".lead-hidden").classList.remove("lead-hidden");
    });
  }

  function paintParagraph(i, pieces, firsts) {
    const bounds = Array.from(new Set(pieces.flatMap((p) => [p.s, p.e]))).sort((x, y) => x - y);
    const segments = [];
    let position = pStart[i];
    let b = 0;
    for (const text of bodyTextNodes(paragraphs[i])) {
      let node = text;
      let s = position;
      const e = position + cpLength(text.data);
      position = e;
      while (b < bounds.length && bounds[b] <= s) b += 1;
      while (b < bounds.length && bounds[b] < e) {
        const rest = node.splitText(utf16Index(node.data, bounds[b] - s));
        segments.push({ node, s, e: bounds[b] });
        node = rest;
        s = bounds[b];
        b += 1;
      }
      segments.push({ node, s, e });
    }
    pieces.sort((x, y) => x.s - y.s || y.e - x.e || String(x.a.id).localeCompare(String(y.a.id)));
    let k = 0;
    let active = [];
    for (const segment of segments) {
      if (segment.s >= segment.e) continue;
      active = active.filter((p) => p.e > segment.s);
      while (k < pieces.length && pieces[k].s <= segment.s) {
        if (pieces[k].e > segment.s) active.push(pieces[k]);
        k += 1;
      }
      if (!active.length) continue;
      const parent = segment.node.parentNode;
      const next = segment.node.nextSibling;
      let inner = segment.node;
      for (let j = active.length - 1; j >= 0; j -= 1) {
        const mark = markFor(active[j].a, firsts);
        mark.appendChild(inner);
        inner = mark;
      }
      // Segments come in document order, so an annotation's first mark gets its id.
      parent.insertBefore(inner, next);
    }
  }

  function unpaint(id) {
    const parents = new Set();
    body.querySelectorAll('mark[data-annotation-id="' + id + '"]').forEach((mark) => {
      const parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parents.add(parent);
    });
    parents.forEach((parent) => parent.normalize());
  }

  function restyle(annotation) {
    body.querySelectorAll('mark[data-annotation-id="' + annotation.id + '"]').forEach((mark) => {
      mark.className = markClass(annotation);
    });
  }

  // --- the list in the panel ----------------------------------------------------------------

  function snippet(text, length) {
    const chars = Array.from(text || "");
    return chars.length > length ? chars.slice(0, length).join("") + "…" : chars.join("");
  }

  // A translated template with its %(name)s placeholders filled in. The values go in through a
  // function, so that "$&", "$$" … in an article's text or a server's reason stay as they are
  // (a string replacement reads them as patterns: "costs $$5" would become "costs $5").
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, (placeholder, name) =>
      Object.hasOwn(values, name) ? String(values[name]) : placeholder,
    );
  }

  // A passage in the interface language's quotation marks (“…” in English, „…“ in German).
  function quoted(text, length) {
    return fill(S.quoted, { text: snippet(text, length) });
  }

  // What a failed request says: the server's reason, or that it could not be reached.
  function failureText(failure) {
    return failure.status ? fill(S.error, { reason: failure.message }) : S.networkError;
  }

  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // The first line of a comment as text: the sanitised HTML parsed in an inert <template> (no
  // image loads, no script runs), its first non-empty line (a paragraph, or a line before <br>).
  function firstLine(html) {
    if (!html) return "";
    const holder = document.createElement("template");
    holder.innerHTML = html;
    holder.content.querySelectorAll("br").forEach((br) => br.replaceWith("\n"));
    holder.content.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, blockquote, pre").forEach((block) => block.append("\n"));
    const lines = holder.content.textContent.split("\n").map((text) => text.trim());
    return lines.find((text) => text) || "";
  }

  function listItem(a) {
    const item = el("li", "annotation-entry colour-" + a.colour);
    item.dataset.annotationId = a.id;
    if (a.orphaned) item.id = "annotation-" + a.id;
    const open = el("button", "entry-open");
    open.type = "button";
    open.appendChild(el("span", "entry-quote", quoted(a.exact, 90)));
    const line = firstLine(a.comment_html);
    if (line) open.appendChild(el("span", "entry-comment", snippet(line, 120)));
    if (a.tags && a.tags.length) {
      const tags = el("span", "entry-tags");
      a.tags.forEach((t) => tags.appendChild(el("span", "tag", t)));
      open.appendChild(tags);
    }
    const meta = [a.mine ? S.you : a.user, a.visibility === "shared" ? S.shared : S.private];
    if (a.replies) meta.push(S.replies + ": " + a.replies);
    if (a.deleted) meta.push(S.deleted);
    if (a.hidden) meta.push(S.hidden);
    open.appendChild(el("span", "entry-meta", meta.join(" · ")));
    item.appendChild(open);
    if (a.orphaned) item.appendChild(el("p", "orphan-note", S.orphaned));
    return item;
  }

  function renderList() {
    const fragment = document.createDocumentFragment();
    const sorted = Array.from(annotations.values()).sort(
      (x, y) => (x.orphaned - y.orphaned) || ((x.start || 0) - (y.start || 0)) || ((x.end || 0) - (y.end || 0)) || x.id - y.id
    );
    sorted.forEach((a) => fragment.appendChild(listItem(a)));
    list.replaceChildren(fragment);
    empty.hidden = annotations.size > 0;
    countBox.textContent = String(annotations.size);
  }

  list.addEventListener("click", (event) => {
    const item = event.target.closest("[data-annotation-id]");
    if (!item || !event.target.closest("button")) return;
    const id = Number(item.dataset.annotationId);
    openThread(id, [], true);
  });

  // --- the Annotate button --------------------------------------------------------------------

  function place(element, rect, below) {
    const width = element.offsetWidth || 120;
    const x = below ? rect.left : rect.right - width / 2; // the button: under the selection's end
    const left = Math.max(8, Math.min(x, document.documentElement.clientWidth - width - 8)) + window.scrollX;
    const top = (below ? rect.bottom + 6 : rect.bottom + 4) + window.scrollY;
    element.style.left = left + "px";
    element.style.top = top + "px";
  }

  function offer(passage, label) {
    pending = passage;
    button.textContent = label || S.annotate;
    button.hidden = false;
    // After the paragraph where the passage ends: the next stop for Tab from the selection.
    const anchor = passage.paragraph;
    if (anchor && button.previousElementSibling !== anchor) anchor.after(button);
    place(button, passage.rect, false);
  }

  function withdraw() {
    pending = null;
    button.hidden = true;
  }

  let scheduled = false;
  function selectionChanged() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (!editor.hidden) return;
      const passage = selectionOffsets();
      if (passage) offer(passage);
      else if (pending && !pending.quote) withdraw();
    });
  }
  document.addEventListener("selectionchange", selectionChanged);

  // The selection must survive a click on the button.
  button.addEventListener("mousedown", (event) => event.preventDefault());
  button.addEventListener("click", () => {
    if (pending) openEditor(null);
  });

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape") {
      if (!editor.hidden) closeEditor();
      else if (!button.hidden) withdraw();
      else if (current !== null) closeThread();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key === "a" || event.key === "A") && editor.hidden) {
      const passage = selectionOffsets() || pending;
      if (passage) {
        event.preventDefault();
        pending = passage;
        openEditor(null);
      }
    }
  });

  // A click on a highlight opens its thread; on a quotation, offers to annotate it whole.
  body.addEventListener("click", (event) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const mark = event.target.closest("mark[data-annotation-id]");
    if (mark && mark.dataset.annotationId !== "pending") {
      const others = [];
      let outer = mark.parentElement.closest("mark[data-annotation-id]");
      while (outer) {
        others.push(Number(outer.dataset.annotationId));
        outer = outer.parentElement.closest("mark[data-annotation-id]");
      }
      openThread(Number(mark.dataset.annotationId), others, false);
      return;
    }
    const quote = event.target.closest(".quote[data-quote-id]");
    if (quote && editor.hidden) {
      const pieces = body.querySelectorAll('.quote[data-quote-id="' + quote.dataset.quoteId + '"]');
      let start = Infinity;
      let end = -Infinity;
      pieces.forEach((piece) => {
        start = Math.min(start, Number(piece.dataset.start));
        end = Math.max(end, Number(piece.dataset.end));
      });
      const last = pieces[pieces.length - 1];
      const rects = last.getClientRects();
      offer(
        { start, end, quote: true, rect: rects[rects.length - 1], paragraph: last.closest(".paragraph") },
        S.annotateQuote
      );
    } else if (!button.hidden) {
      withdraw();
    }
  });
  body.addEventListener("keydown", (event) => {
    const mark = event.target.closest && event.target.closest("mark[data-first]");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openThread(Number(mark.dataset.annotationId), [], false);
    }
  });

  // --- the editor -----------------------------------------------------------------------------

  const fields = {
    heading: editor.querySelector("[data-editor-heading]"),
    quote: editor.querySelector("[data-editor-quote]"),
    comment: editor.querySelector("[data-editor-comment]"),
    tags: editor.querySelector("[data-editor-tags]"),
    error: editor.querySelector("[data-editor-error]"),
  };
  let returnFocus = null;

  function openEditor(existing) {
    editing = existing;
    returnFocus = document.activeElement;
    fields.error.textContent = "";
    editor.reset();
    let rect;
    if (existing) {
      const a = annotations.get(existing.id);
      fields.heading.textContent = S.editAnnotation;
      fields.quote.textContent = quoted(a.exact, 160);
      const bodies = [].concat(existing.doc.body || []);
      const comment = bodies.find((b) => b.purpose === "commenting");
      fields.comment.value = comment ? comment.value : "";
      fields.tags.value = bodies.filter((b) => b.purpose === "tagging").map((b) => b.value).join(", ");
      editor.elements.visibility.value = existing.doc.visibility;
      editor.elements.colour.value = existing.doc.colour;
      const first = document.getElementById("annotation-" + a.id);
      rect = first && !a.orphaned ? first.getBoundingClientRect() : threadBox.getBoundingClientRect();
    } else {
      if (!pending) return;
      fields.heading.textContent = S.newAnnotation;
      fields.quote.textContent = quoted(textBetween(pending.start, pending.end), 160);
      rect = pending.rect;
      window.getSelection().removeAllRanges();
      paint([{ id: "pending", start: pending.start, end: pending.end, colour: "pending" }]);
    }
    button.hidden = true;
    editor.hidden = false;
    if (!phone.matches) place(editor, rect, true);
    fields.comment.focus({ preventScroll: phone.matches });
    if (phone.matches) {
      const marks = body.querySelectorAll('mark[data-annotation-id="' + (existing ? existing.id : "pending") + '"]');
      showAboveSheet(marks.length ? marks : null);
    } else {
      const box = editor.getBoundingClientRect();
      if (box.bottom > window.innerHeight) editor.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  // On a phone the editor is a sheet over the lower part of the screen: the page scrolls so
  // that the passage stands above it (its start, when the whole does not fit), and gets room
  // at its end, so that a passage near the end of the article can scroll up that far too.
  function showAboveSheet(marks) {
    const sheetTop = window.innerHeight - editor.offsetHeight;
    document.body.style.paddingBottom = editor.offsetHeight + "px";
    if (!marks) return;
    const top = marks[0].getBoundingClientRect().top;
    const bottom = marks[marks.length - 1].getBoundingClientRect().bottom;
    const margin = 12;
    let delta = 0;
    if (bottom > sheetTop - margin) delta = bottom - (sheetTop - margin);
    if (top - delta < margin) delta = top - margin; // too long: its start stays in view
    if (delta) window.scrollBy(0, delta);
  }

  function closeEditor() {
    editor.hidden = true;
    document.body.style.paddingBottom = "";
    unpaint("pending");
    editing = null;
    pending = null;
    if (returnFocus && document.contains(returnFocus) && returnFocus !== button) returnFocus.focus({ preventScroll: true });
  }

  editor.querySelector("[data-editor-cancel]").addEventListener("click", closeEditor);

  function bodies(comment, tags) {
    const result = [];
    if (comment.trim()) result.push({ type: "TextualBody", value: comment, format: "text/markdown", purpose: "commenting" });
    tags.split(",").map((t) => t.trim()).filter(Boolean).forEach((t) => {
      result.push({ type: "TextualBody", value: t, purpose: "tagging" });
    });
    return result;
  }

  editor.addEventListener("submit", async (event) => {
    event.preventDefault();
    const saveButton = editor.querySelector("button[type=submit]");
    saveButton.disabled = true;
    fields.error.textContent = "";
    const visibility = editor.elements.visibility.value;
    const colour = editor.elements.colour.value;
    try {
      if (editing) {
        const doc = Object.assign({}, editing.doc, { body: bodies(fields.comment.value, fields.tags.value), visibility, colour });
        const answer = await request("PUT", API + editing.id + "/", doc, editing.etag ? { "If-Match": editing.etag } : {});
        const old = annotations.get(editing.id);
        const updated = Object.assign(fromJsonld(answer.data), { replies: old.replies });
        annotations.set(updated.id, updated);
        restyle(updated);
        window.newsreaderTags?.learn(updated.tags); // (tag_suggestions.js: none without it)
        const id = updated.id;
        closeEditor();
        renderList();
        openThread(id, [], false);
      } else {
        const doc = {
          "@context": "http://www.w3.org/ns/anno.jsonld",
          type: "Annotation",
          body: bodies(fields.comment.value, fields.tags.value),
          target: {
            source: window.location.origin + ARTICLE,
            selector: [{ type: "TextPositionSelector", start: pending.start, end: pending.end }],
          },
          visibility,
          colour,
        };
        const answer = await request("POST", API, doc);
        const created = fromJsonld(answer.data);
        annotations.set(created.id, created);
        closeEditor();
        paint([created]);
        renderList();
        window.newsreaderTags?.learn(created.tags);
      }
      say(S.saved);
    } catch (error) {
      fields.error.textContent = failureText(error);
    } finally {
      saveButton.disabled = false;
    }
  });

  // --- the thread -----------------------------------------------------------------------------

  function formatDate(iso) {
    try {
      return new Date(iso).toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
    } catch (error) {
      return iso;
    }
  }

  function note(item, isRoot) {
    const box = el("article", "note" + (isRoot ? " note-root" : " note-reply"));
    box.dataset.noteId = item.id;
    const meta = el("p", "note-meta");
    meta.appendChild(el("span", "note-author", item.user));
    meta.appendChild(document.createTextNode(" · "));
    const time = el("time", "", formatDate(item.created));
    time.dateTime = item.created;
    meta.appendChild(time);
    // `edited` is the author's own last change; `modified` also moves when staff hide the
    // annotation or its passage is placed again after the article's text changed.
    if (item.edited && !item.deleted) {
      meta.appendChild(document.createTextNode(" · "));
      const edited = el("span", "note-edited", S.edited);
      edited.title = formatDate(item.edited);
      meta.appendChild(edited);
    }
    if (isRoot) meta.appendChild(el("span", "badge badge-" + item.visibility, item.visibility === "shared" ? S.shared : S.private));
    if (item.hidden) meta.appendChild(el("span", "badge", S.hidden));
    if (item.deleted) meta.appendChild(el("span", "badge badge-deleted", S.deleted));
    box.appendChild(meta);
    if (item.comment_html) {
      const comment = el("div", "note-comment");
      comment.innerHTML = item.comment_html; // sanitised by the server (nh3)
      box.appendChild(comment);
    } else if (isRoot && !item.deleted) {
      box.appendChild(el("p", "note-empty", S.highlight));
    }
    if (item.tags && item.tags.length) {
      const tags = el("ul", "tag-list");
      item.tags.forEach((t) => tags.appendChild(el("li", "tag", t)));
      box.appendChild(tags);
    }
    if (item.mine && !item.deleted) {
      const actions = el("div", "note-actions");
      const edit = el("button", "secondary", S.edit);
      edit.type = "button";
      edit.dataset.action = "edit";
      const remove = el("button", "secondary danger", S.delete);
      remove.type = "button";
      remove.dataset.action = "delete";
      actions.append(edit, remove);
      box.appendChild(actions);
    }
    return box;
  }

  async function openThread(id, others, scroll) {
    const a = annotations.get(id);
    if (!a) return;
    current = id;
    body.querySelectorAll("mark.is-current").forEach((m) => m.classList.remove("is-current"));
    body.querySelectorAll('mark[data-annotation-id="' + id + '"]').forEach((m) => m.classList.add("is-current"));
    const heading = el("h2", "", S.annotation); // as the side column's other headings
    heading.id = "thread-heading";
    const close = el("button", "thread-close");
    close.type = "button";
    close.setAttribute("aria-label", S.close);
    close.textContent = "×";
    close.addEventListener("click", closeThread);
    const header = el("div", "thread-header");
    header.append(heading, close);
    const quote = el("blockquote", "thread-quote colour-" + a.colour, a.exact);
    const parts = [header, quote];
    if (a.orphaned) parts.push(el("p", "orphan-note", S.orphaned));
    if (others.length) {
      const also = el("p", "also-here", S.alsoHere + " ");
      others.forEach((other) => {
        const b = annotations.get(other);
        if (!b) return;
        const link = el("button", "link", quoted(b.exact, 40));
        link.type = "button";
        link.addEventListener("click", () => openThread(other, [], false));
        also.appendChild(link);
        also.appendChild(document.createTextNode(" "));
      });
      parts.push(also);
    }
    parts.push(note(a, true));
    const repliesHeading = el("h3", "", S.replies);
    const replies = el("ol", "replies");
    replies.setAttribute("aria-busy", "true");
    parts.push(repliesHeading, replies);
    if (!a.deleted) parts.push(replyForm(id));
    threadBox.replaceChildren(...parts);
    threadBox.hidden = false;
    threadBox.classList.add("is-open");
    if (scroll && !a.orphaned) {
      const first = document.getElementById("annotation-" + id);
      if (first) first.scrollIntoView({ block: "center" });
    }
    threadBox.focus({ preventScroll: !phone.matches });
    await loadReplies(id, replies);
  }

  async function loadReplies(id, replies) {
    try {
      const answer = await request("GET", API + "?thread=" + id);
      if (current !== id) return;
      const items = (answer.data.first && answer.data.first.items) || [];
      replies.replaceChildren();
      if (!items.length) replies.appendChild(el("li", "note-empty", S.noReplies));
      items.forEach((item) => {
        const li = el("li");
        li.appendChild(note(fromJsonld(item), false));
        replies.appendChild(li);
      });
      const a = annotations.get(id);
      if (a && a.replies !== items.length) {
        a.replies = items.length;
        renderList();
      }
    } catch (error) {
      replies.replaceChildren(el("li", "error", S.networkError));
    } finally {
      replies.removeAttribute("aria-busy");
    }
  }

  function replyForm(id) {
    const form = el("form", "reply-form");
    const label = el("label", "", S.reply);
    label.htmlFor = "reply-text";
    const text = el("textarea");
    text.id = "reply-text";
    text.rows = 3;
    text.maxLength = fields.comment.maxLength; // the server's limit, from the page
    text.required = true;
    const error = el("p", "error");
    error.setAttribute("role", "alert");
    const send = el("button", "", S.reply);
    send.type = "submit";
    form.append(label, text, error, send);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      send.disabled = true;
      try {
        await request("POST", API, {
          "@context": "http://www.w3.org/ns/anno.jsonld",
          type: "Annotation",
          body: [{ type: "TextualBody", value: text.value, format: "text/markdown", purpose: "commenting" }],
          target: window.location.origin + API + id + "/",
        });
        text.value = "";
        await loadReplies(id, threadBox.querySelector(".replies"));
        say(S.saved);
      } catch (failure) {
        error.textContent = failureText(failure);
      } finally {
        send.disabled = false;
      }
    });
    return form;
  }

  function closeThread() {
    current = null;
    threadBox.hidden = true;
    threadBox.classList.remove("is-open");
    threadBox.replaceChildren();
    body.querySelectorAll("mark.is-current").forEach((m) => m.classList.remove("is-current"));
  }

  threadBox.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]");
    if (!action) return;
    const box = action.closest("[data-note-id]");
    const id = Number(box.dataset.noteId);
    const isRoot = box.classList.contains("note-root");
    const actions = action.closest(".note-actions");
    if (action.dataset.action === "edit") {
      try {
        const answer = await request("GET", API + id + "/");
        if (isRoot) openEditor({ id, doc: answer.data, etag: answer.etag });
        else editReply(box, id, answer);
      } catch (error) {
        say(S.networkError);
      }
    } else if (action.dataset.action === "delete") {
      const confirm = el("div", "confirm");
      confirm.setAttribute("role", "group");
      const question = el("span", "", isRoot ? S.confirmDelete : S.confirmDeleteReply);
      const yes = el("button", "danger", S.delete);
      yes.type = "button";
      yes.dataset.action = "confirm-delete";
      const no = el("button", "secondary", S.cancel);
      no.type = "button";
      no.dataset.action = "cancel-delete";
      confirm.append(question, yes, no);
      actions.replaceWith(confirm);
      yes.focus();
    } else if (action.dataset.action === "cancel-delete") {
      openThreadAgain();
    } else if (action.dataset.action === "confirm-delete") {
      try {
        await request("DELETE", API + id + "/");
      } catch (error) {
        if (error.status !== 410 && error.status !== 404) {
          say(failureText(error));
          return;
        }
      }
      say(S.deletedStatus);
      if (isRoot) {
        const a = annotations.get(id);
        if (a.replies > 0) {
          Object.assign(a, { deleted: true, comment_html: "", tags: [] });
          restyle(a);
          renderList();
          openThread(id, [], false);
        } else {
          annotations.delete(id);
          unpaint(id);
          closeThread();
          renderList();
        }
      } else {
        openThreadAgain();
      }
    }
  });

  function openThreadAgain() {
    if (current !== null) openThread(current, [], false);
  }

  function editReply(box, id, answer) {
    const doc = answer.data;
    const comment = [].concat(doc.body || []).find((b) => b.purpose === "commenting");
    const form = el("form", "reply-edit");
    const label = el("label", "", S.edit);
    label.htmlFor = "reply-edit-" + id;
    const text = el("textarea");
    text.id = "reply-edit-" + id;
    text.rows = 3;
    text.maxLength = fields.comment.maxLength;
    text.value = comment ? comment.value : "";
    const error = el("p", "error");
    error.setAttribute("role", "alert");
    const save = el("button", "", S.save);
    save.type = "submit";
    const cancel = el("button", "secondary", S.cancel);
    cancel.type = "button";
    cancel.addEventListener("click", openThreadAgain);
    const actions = el("div", "note-actions");
    actions.append(save, cancel);
    form.append(label, text, error, actions);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const changed = Object.assign({}, doc, {
        body: [{ type: "TextualBody", value: text.value, format: "text/markdown", purpose: "commenting" }],
      });
      try {
        await request("PUT", API + id + "/", changed, answer.etag ? { "If-Match": answer.etag } : {});
        say(S.saved);
        openThreadAgain();
      } catch (failure) {
        error.textContent = failureText(failure);
      }
    });
    box.replaceWith(form);
    text.focus();
  }

  // --- the API ---------------------------------------------------------------------------------

  async function request(method, url, payload, headers) {
    const init = { method, credentials: "same-origin", headers: Object.assign({ Accept: "application/ld+json" }, headers || {}) };
    if (method !== "GET") init.headers["X-CSRFToken"] = csrf;
    if (payload !== undefined) {
      init.headers["Content-Type"] = "application/ld+json";
      init.body = JSON.stringify(payload);
    }
    const response = await fetch(url, init);
    let data = null;
    if (response.status !== 204) {
      try {
        data = await response.json();
      } catch (error) {
        data = null;
      }
    }
    if (!response.ok) {
      const error = new Error((data && data.reason) || response.statusText);
      error.status = response.status;
      throw error;
    }
    return { data, etag: response.headers.get("ETag") };
  }

  function fromJsonld(doc) {
    const bodies = [].concat(doc.body || []);
    const selectors = doc.target && doc.target.selector ? [].concat(doc.target.selector) : [];
    const position = selectors.find((s) => s.type === "TextPositionSelector");
    const quote = selectors.find((s) => s.type === "TextQuoteSelector");
    const user = doc.creator ? doc.creator.nickname : "";
    return {
      id: Number(String(doc.id).replace(/\/$/, "").split("/").pop()),
      start: position ? position.start : null,
      end: position ? position.end : null,
      exact: quote ? quote.exact : "",
      colour: doc.colour || "yellow",
      user,
      mine: user === ME,
      visibility: doc.visibility,
      hidden: Boolean(doc.hidden),
      orphaned: Boolean(doc.orphaned),
      deleted: Boolean(doc.deleted),
      comment_html: doc.commentHtml || "",
      tags: bodies.filter((b) => b.purpose === "tagging").map((b) => b.value),
      replies: 0,
      created: doc.created,
      modified: doc.modified,
      edited: doc.edited || null,
    };
  }

  // The status line is read out and shown for a few seconds (a toast at the bottom).
  let sayTimer = null;
  function say(text) {
    status.textContent = "";
    window.clearTimeout(sayTimer);
    window.setTimeout(() => { status.textContent = text; }, 50);
    sayTimer = window.setTimeout(() => { status.textContent = ""; }, 5000);
  }

  // --- start ------------------------------------------------------------------------------------

  JSON.parse(document.getElementById("annotations-data").textContent).forEach((a) => annotations.set(a.id, a));
  performance.mark("annotate:paint-start");
  paint(Array.from(annotations.values()));
  performance.mark("annotate:paint-end");
  performance.measure("annotate:paint", "annotate:paint-start", "annotate:paint-end");
  renderList();
  root.dataset.annotateReady = "";

  const match = /^#annotation-(\d+)$/.exec(window.location.hash);
  if (match && annotations.has(Number(match[1]))) {
    const target = document.getElementById("annotation-" + match[1]);
    if (target) target.scrollIntoView({ block: "center" });
    openThread(Number(match[1]), [], false);
  }
  // Exposed for the paint benchmark.
  window.newsreaderAnnotate = { paint, unpaint, annotations };
})();
