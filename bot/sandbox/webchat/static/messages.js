// One chat bubble: a bot message (text or HTML, a photo, a document, inline buttons) or one of
// the persona's own messages. Every value is put in as text or a checked URL, never as markup.

import { fileUrl } from "./api.js";
import { clock, size, t } from "./i18n.js";
import { richText, safeUrl } from "./richtext.js";

function make(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function photo(personaId, info) {
  const img = make("img", "photo");
  Object.assign(img, { src: fileUrl(personaId, info.file_id), alt: t("photo"), loading: "lazy" });
  if (info.width && info.height) Object.assign(img, { width: info.width, height: info.height });
  return img;
}

function file(personaId, info) {
  const link = make("a", "document");
  link.href = fileUrl(personaId, info.file_id);
  link.download = info.file_name || "file";
  link.append(make("span", "icon", "📄"), make("span", "file-name", info.file_name || "file"));
  if (info.file_size) link.append(make("small", "file-size", size(info.file_size)));
  return link;
}

function body(personaId, message) {
  const parts = [];
  if (message.photo) parts.push(photo(personaId, message.photo));
  for (const kind of ["document", "video"]) {
    if (message[kind]) parts.push(file(personaId, message[kind]));
  }
  if (message.contact) {
    parts.push(make("div", "text", t("contact_shared", { phone: message.contact.phone_number })));
  }
  const text = message.text ?? message.caption;
  if (message.html !== undefined) {
    const box = make("div", "text");
    box.append(richText(message.html));
    parts.push(box);
  } else if (text) {
    parts.push(make("div", "text", text));
  }
  return parts;
}

function inlineKeyboard(message, onPress) {
  const box = make("div", "inline");
  for (const row of message.buttons) {
    const line = make("div", "row");
    for (const button of row) line.append(inlineButton(message, button, onPress));
    box.append(line);
  }
  return box;
}

function inlineButton(message, button, onPress) {
  if (button.callback_data === undefined) {
    const link = make("a", "button", button.text);
    const href = safeUrl(button.url);
    if (href) Object.assign(link, { href, target: "_blank", rel: "noopener noreferrer" });
    return link;
  }
  const el = make("button", "button", button.text);
  el.type = "button";
  el.addEventListener("click", () =>
    onPress({ message_id: message.message_id, callback_data: button.callback_data }));
  return el;
}

export function bubble(personaId, message, mine, onPress) {
  const el = make("div", mine ? "msg mine" : "msg bot");
  el.dataset.messageId = message.message_id;
  el.append(...body(personaId, message));
  const meta = make("div", "meta", clock(message.date));
  if (message.edited) meta.prepend(make("span", "edited", `${t("edited")} · `));
  el.append(meta);
  if (!mine && message.buttons?.length) el.append(inlineKeyboard(message, onPress));
  return el;
}
