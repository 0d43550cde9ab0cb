// The persona list with an unread badge per phone, and the form that adds a persona.
// Other phones are polled gently (one cheap request every few seconds for all of them).

import * as api from "./api.js";
import { t, uiLang } from "./i18n.js";
import * as notices from "./notices.js";

const $ = (id) => document.getElementById(id);
const SEEN = "munibot.webchat.seen";
const ACTIVE = "munibot.webchat.active";
const REFRESH_MS = 3000;

let personas = [];
let boot = null;
let seen = {};
let activeId = Number(localStorage.getItem(ACTIVE)) || null;
let drawn = "";
let onPick = () => {};

export function describe(persona) {
  const place = persona.place[uiLang] ?? persona.place.en ?? Object.values(persona.place)[0];
  return [t(`role_${persona.role}`), place].filter(Boolean).join(" · ");
}

function unread(persona) {
  if (persona.id === activeId) return 0;
  return Math.max(0, persona.messages - (seen[persona.id] ?? 0));
}

export function markSeen(id, count) {
  seen[id] = count;
  localStorage.setItem(SEEN, JSON.stringify({ boot, seen }));
  draw();
}

function item(persona) {
  const li = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = persona.id === activeId ? "persona active" : "persona";
  button.dataset.personaId = persona.id;
  const name = document.createElement("strong");
  name.textContent = persona.name;
  const about = document.createElement("small");
  about.textContent = describe(persona);
  const lang = document.createElement("span");
  lang.className = "lang";
  lang.textContent = persona.lang;
  button.append(name, lang, about);
  const count = unread(persona);
  if (count) {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = String(count);
    badge.title = t("unread");
    button.append(badge);
  }
  button.addEventListener("click", () => pick(persona.id));
  li.append(button);
  return li;
}

export function draw(force = false) {
  const state = JSON.stringify([uiLang, activeId, personas.map((p) => [p.id, p.name, unread(p)])]);
  if (state === drawn && !force) return;
  drawn = state;
  $("persona-list").replaceChildren(...personas.map(item));
  $("no-people").hidden = personas.length > 0;
}

export function pick(id) {
  const persona = personas.find((p) => p.id === id);
  if (!persona) return;
  activeId = id;
  localStorage.setItem(ACTIVE, String(id));
  draw();
  onPick(persona);
}

async function refresh() {
  const answer = await api.personas();
  if (answer.boot !== boot) {
    const saved = JSON.parse(localStorage.getItem(SEEN) || "{}");
    boot = answer.boot;
    seen = saved.boot === boot ? saved.seen : {};
  }
  personas = answer.personas;
  draw();
}

async function keepFresh() {
  for (;;) {
    await new Promise((done) => setTimeout(done, REFRESH_MS));
    if (document.hidden) continue;
    try {
      await refresh();
      notices.offline(false);
    } catch {
      notices.offline(true);
    }
  }
}

async function create(event) {
  event.preventDefault();
  const error = $("new-error");
  try {
    const persona = await api.addPersona($("new-name").value, $("new-lang").value, uiLang);
    error.hidden = true;
    $("new-name").value = "";
    await refresh();
    pick(persona.id);
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
  }
}

export async function init(given) {
  onPick = given.pick;
  $("new-persona").addEventListener("submit", create);
  await refresh();
  if (personas.some((p) => p.id === activeId)) pick(activeId);
  else activeId = null;
  keepFresh();
}
