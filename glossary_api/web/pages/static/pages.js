// What JavaScript adds to the pages, which all work without it: search as you type, copy buttons,
// and the browse filter. Plain script from this origin (the content security policy allows no other).
"use strict";

// Search as you type: fetch the results part of the page (GET /search) and put it in place.
function searchAsYouType(form) {
  const input = form.querySelector("input[name=q]");
  const language = form.querySelector("select[name=lang]");
  const results = document.getElementById("results");
  let timer = 0;
  let pending = null;

  async function show() {
    const params = new URLSearchParams();
    const query = input.value.trim();
    if (query) params.set("q", query);
    if (language.value) params.set("lang", language.value);
    if (pending) pending.abort();
    pending = new AbortController();
    try {
      const answer = await fetch(form.dataset.results + "?" + params, { signal: pending.signal });
      if (!answer.ok) return;
      const html = await answer.text();
      const status = document.getElementById("status");
      const fresh = new DOMParser().parseFromString(html, "text/html");
      // The status line stays the same element, so screen readers announce the new count.
      status.textContent = fresh.getElementById("status").textContent;
      fresh.getElementById("status").remove();
      results.replaceChildren(status, ...fresh.body.childNodes);
      history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(show, 120);
  });
  language.addEventListener("change", show);
  // Arrow down from the box goes through the results; arrow up comes back.
  form.parentElement.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...results.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (document.activeElement === input && event.key === "ArrowDown" && links.length) {
      links[0].focus();
    } else if (at >= 0) {
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
    } else {
      return;
    }
    event.preventDefault();
  });
}

// Copy buttons beside each name; shown only where script runs.
async function copy(button) {
  const text = button.dataset.copy;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API outside a secure context (plain http on an intranet): select and copy.
    const area = document.createElement("textarea");
    area.value = text;
    area.className = "sr-only";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy"; }, 1500);
}

// The browse page's filter: hides the concepts whose names do not contain what is typed.
function filterConcepts(box) {
  const fold = (text) => text.normalize("NFKC").toLowerCase();
  const items = [...document.querySelectorAll("#concepts li")].map((li) => [li, fold(li.textContent)]);
  box.addEventListener("input", () => {
    const wanted = fold(box.value.trim());
    for (const [li, text] of items) li.hidden = wanted !== "" && !text.includes(wanted);
    for (const group of document.querySelectorAll("#concepts section")) {
      group.hidden = !group.querySelector("li:not([hidden])");
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("search");
  if (form && form.dataset.results) searchAsYouType(form);
  for (const button of document.querySelectorAll("button.copy")) {
    button.hidden = false;
    button.addEventListener("click", () => copy(button));
  }
  const filter = document.getElementById("filter");
  if (filter) {
    filter.closest("p").hidden = false;
    filterConcepts(filter);
  }
});
