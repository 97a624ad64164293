// The page's only script (served from this origin; the CSP forbids inline script).
// Answer forms: the first submit asks for the diff, "Write this change" writes it, and
// the document and questions are fetched again and swapped in. Text from the server is
// only ever put into the page with textContent or input values, never as HTML, except
// the server-rendered (escaped) fragment of the page itself.
"use strict";

const csrf = document.querySelector('meta[name="charter-csrf"]').content;

async function post(url, data) {
  const response = await fetch(url, {
    method: "POST",
    body: data,
    headers: { "X-Charter-CSRF": csrf },
    credentials: "same-origin",
  });
  let body = {};
  try { body = await response.json(); } catch (e) { body = { error: response.statusText }; }
  return { status: response.status, body: body };
}

function formData(form) {
  const data = new FormData(form);
  const chosen = form.querySelector('input[name="choice"]:checked');
  if (chosen) data.set("reading", chosen.value);
  return data;
}

function say(text) {
  const status = document.getElementById("status");
  status.textContent = text;
  return status;
}

function stale(body, path) {
  window.location.assign("/?stale=" + encodeURIComponent(body.path || path || "the file"));
}

async function refresh() {
  const response = await fetch("/fragment", { credentials: "same-origin" });
  if (response.ok) document.getElementById("live").innerHTML = await response.text();
}

async function preview(form) {
  const error = form.querySelector(".error");
  const diff = form.querySelector(".diff");
  const write = form.querySelector(".write");
  error.textContent = "";
  const { status, body } = await post("/api/preview", formData(form));
  if (status === 409) return stale(body, form.elements.path.value);
  if (status !== 200) { error.textContent = body.error || "refused"; return; }
  diff.textContent = body.diff + (body.case_id ? "\nnew test case: " + body.case_id : "");
  diff.hidden = false;
  write.hidden = false;
  write.focus();
}

async function write(form) {
  const { status, body } = await post("/api/write", formData(form));
  if (status === 409) return stale(body, form.elements.path.value);
  if (status !== 200) { form.querySelector(".error").textContent = body.error || "refused"; return; }
  const status_ = say("Written to " + body.path + (body.case_id ? " (new test case " + body.case_id + ")" : "") + ". ");
  const undo = document.createElement("button");
  undo.type = "button";
  undo.textContent = "Undo";
  undo.id = "undo";
  undo.addEventListener("click", () => revert(body.undo));
  status_.appendChild(undo);
  await refresh();
  undo.focus();
}

async function revert(id) {
  const data = new FormData();
  data.set("undo", id);
  const { status, body } = await post("/api/undo", data);
  if (status === 409) return stale(body, body.path);
  say(status === 200 ? "Undone: " + body.path + " is as it was." : "Undo refused: " + body.error);
  await refresh();
}

function setFields(form, values) {
  for (const [name, value] of Object.entries(values)) {
    const field = form.elements[name];
    if (field && field.tagName) field.value = value;
  }
}

// A suggestion fills text fields only (as values: inert). A reading also fills the
// precedent form of the same question with its GOOD/BAD pair, for the author to edit.
function fill(form, item) {
  form.querySelectorAll('input[name="choice"]').forEach((radio) => { radio.checked = false; });
  setFields(form, item.reading !== undefined ? { reading: item.reading } : item);
  if (item.good === undefined) return;
  const precedent = form.closest(".answer").querySelector('form[data-kind="precedent"]');
  if (precedent) {
    setFields(precedent, {
      title: "reading: " + item.reading, user: item.user, good: item.good,
      bad: item.bad, reason: item.reason,
    });
  }
}

async function suggest(button) {
  const form = button.closest("form");
  const data = new FormData();
  data.set("ask", button.dataset.ask);
  data.set("path", form ? form.elements.path.value : button.dataset.path);
  data.set("clause", button.dataset.clause);
  data.set("words", button.dataset.words || "");
  data.set("question", button.dataset.question || "");
  const box = button.nextElementSibling;
  box.textContent = "asking the model…";
  const { status, body } = await post("/api/suggest", data);
  box.textContent = "";
  if (status !== 200) { box.textContent = body.error || "refused"; return; }
  const cost = document.createElement("p");
  cost.className = "cost";
  cost.textContent = "cost: " + body.cost;
  box.appendChild(cost);
  for (const item of body.items) {
    const pick = document.createElement(form ? "button" : "p");
    if (form) pick.type = "button";
    pick.className = "suggestion";
    pick.textContent = item.reading ? item.reading + " — " + item.user : item.user;
    if (form) pick.addEventListener("click", () => fill(form, item));
    box.appendChild(pick);
  }
}

// A question's answer forms are fetched the first time its panel opens.
async function load(details) {
  const box = details.querySelector(".forms");
  if (!box || details.dataset.loaded) return;
  details.dataset.loaded = "yes";
  const response = await fetch("/answer?key=" + encodeURIComponent(details.dataset.question),
    { credentials: "same-origin" });
  box.innerHTML = await response.text();
}

document.addEventListener("toggle", (event) => {
  const details = event.target;
  if (details.matches && details.matches("details[data-question]") && details.open) load(details);
}, true);

document.addEventListener("submit", (event) => {
  const form = event.target.closest(".answer-form");
  if (!form) return;
  event.preventDefault();
  preview(form);
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.classList.contains("write")) write(button.closest("form"));
  else if (button.classList.contains("suggest")) suggest(button);
});

// Editing a form after its preview hides the stale diff: the author previews again.
document.addEventListener("input", (event) => {
  const form = event.target.closest(".answer-form");
  if (!form) return;
  form.querySelector(".diff").hidden = true;
  form.querySelector(".write").hidden = true;
});
