// The page's words come from the server's gettext catalogs; this file only knows keys.

import * as api from "./api.js";

const STORE = "munibot.webchat.lang";
let texts = {};
export let uiLang = "ky";

export function t(key, values = {}) {
  const text = texts[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

export async function load(lang) {
  const answer = await api.strings(lang ?? localStorage.getItem(STORE) ?? "");
  texts = answer.strings;
  uiLang = answer.lang;
  if (lang) localStorage.setItem(STORE, lang);
  apply(document);
}

export function apply(root) {
  document.documentElement.lang = uiLang;
  document.title = t("title");
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll("[data-i18n-aria-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  }
}

export function clock(unixSeconds) {
  const format = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Bishkek" };
  return new Intl.DateTimeFormat(uiLang, format).format(new Date(unixSeconds * 1000));
}

export function size(bytes) {
  const [value, unit] = bytes >= 1048576 ? [bytes / 1048576, "megabyte"] : [bytes / 1024, "kilobyte"];
  const format = { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 };
  return new Intl.NumberFormat(uiLang, format).format(value);
}
