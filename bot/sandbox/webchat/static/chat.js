// The open chat: long-polls the active persona's phone, draws its messages and keyboards,
// and sends what the persona types, taps or uploads.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { bubble } from "./messages.js";
import * as notices from "./notices.js";
import { drawKeyboard, drawMessages } from "./thread.js";
import { upload } from "./upload.js";

const $ = (id) => document.getElementById(id);
const POLL_WAIT_S = 20;
const RETRY_MS = 2000;
const QUIET_MS = 250;

let persona = null;
let view = null;
let mine = [];
let answersSeen = 0;
let session = 0;
let abort = null;
const nodes = new Map();
let hooks = { seen() {}, describe() { return ""; } };

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

export async function open(next) {
  session += 1;
  abort?.abort();
  abort = new AbortController();
  persona = next;
  view = null;
  mine = [];
  delete $("reply-keyboard").dataset.rows;
  nodes.clear();
  $("messages").replaceChildren();
  $("send-error").hidden = true;
  $("no-chat").hidden = true;
  $("chat-view").hidden = false;
  document.body.classList.add("in-chat");
  describe();
  const mySession = session;
  const signal = abort.signal;
  const first = await retry(() => api.messages(next.id), mySession, signal);
  if (first === undefined) return;
  answersSeen = Math.max(0, ...first.callback_answers.map((a) => a.version));
  await refreshMine().catch(() => {});
  if (mySession !== session) return;
  apply(first);
  poll(mySession, signal, first.version);
}

async function retry(fetchOnce, mySession, signal) {
  while (mySession === session) {
    try {
      const result = await fetchOnce();
      notices.offline(false);
      return result;
    } catch (err) {
      if (signal.aborted) return undefined;
      notices.offline(true);
      await sleep(RETRY_MS);
    }
  }
  return undefined;
}

async function poll(mySession, signal, since) {
  while (mySession === session) {
    const ask = () => api.messages(persona.id, since, POLL_WAIT_S, signal);
    const next = await retry(ask, mySession, signal);
    if (next === undefined || mySession !== session) return;
    if (next.version === since) await sleep(QUIET_MS);
    since = next.version;
    apply(next);
  }
}

function apply(next) {
  view = next;
  render();
  if (drawKeyboard($("reply-keyboard"), next.reply_keyboard, pressKey)) {
    $("kb-toggle").hidden = !next.reply_keyboard?.length;
    showKeyboard(true);
  }
  for (const answer of next.callback_answers) {
    if (answer.version > answersSeen) notices.callbackAnswer(answer);
  }
  answersSeen = Math.max(answersSeen, ...next.callback_answers.map((a) => a.version));
  hooks.seen(persona.id, next.messages.length);
}

function render() {
  const box = $("messages");
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const bots = (view?.messages ?? []).map((m) => ({ m, key: `b${m.message_id}`, stamp: m.version }));
  const own = mine.map((m) => ({ m, mine: true, key: `m${m.message_id}`, stamp: 0 }));
  const items = [...bots, ...own].sort((a, b) => a.m.message_id - b.m.message_id);
  const made = (item) => bubble(persona.id, item.m, Boolean(item.mine), pressInline);
  const added = drawMessages(box, nodes, items, made);
  $("empty-chat").hidden = items.length > 0;
  if (nearBottom || added) box.scrollTop = box.scrollHeight;
}

function showKeyboard(shown) {
  document.body.classList.toggle("keyboard-closed", !shown);
  $("kb-toggle").setAttribute("aria-pressed", String(shown));
}

function pressKey(label) {
  return act(() => api.press(persona, { button: label }));
}

function pressInline(what) {
  return act(() => api.press(persona, what));
}

async function refreshMine() {
  const who = persona;
  const list = await api.sent(who.id);
  if (who === persona) mine = list;
}

async function act(action) {
  const who = persona;
  const error = $("send-error");
  try {
    await action();
    error.hidden = true;
  } catch (err) {
    error.textContent = t("not_sent", { reason: err.message });
    error.hidden = false;
    return;
  }
  if (who !== persona) return;
  await refreshMine().catch(() => {});
  render();
}

function describe() {
  $("chat-name").textContent = persona?.name ?? "";
  $("chat-about").textContent = persona ? hooks.describe(persona) : "";
}

export function refreshLanguage() {
  nodes.clear();
  $("messages").replaceChildren();
  describe();
  if (view) render();
}

function sendText(event) {
  event.preventDefault();
  const input = $("text");
  const text = input.value.trim();
  if (!text || !persona) return;
  input.value = "";
  act(() => api.send(persona, { text }));
}

export function init(given) {
  hooks = { ...hooks, ...given };
  $("composer").addEventListener("submit", sendText);
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) sendText(event);
  });
  $("file").addEventListener("change", async (event) => {
    const chosen = event.target.files[0];
    event.target.value = "";
    if (!chosen || !persona) return;
    const caption = $("text").value.trim();
    $("text").value = "";
    await act(async () => api.send(persona, await upload(chosen, caption)));
  });
  $("kb-toggle").addEventListener("click", () =>
    showKeyboard(document.body.classList.contains("keyboard-closed")));
  $("back").addEventListener("click", () => document.body.classList.remove("in-chat"));
}
