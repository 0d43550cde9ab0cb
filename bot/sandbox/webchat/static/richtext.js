// The bot's Telegram-subset HTML, rebuilt node by node from a whitelist: the text is always
// a text node and no attribute is copied except a checked link, so nothing the bot (or a user
// it quotes) wrote can become markup or script on this page.

const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre",
  "blockquote"]);
const SCHEMES = new Set(["http:", "https:", "tg:", "mailto:"]);

export function safeUrl(href) {
  try {
    const url = new URL(href ?? "", location.href);
    return SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function richText(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const out = document.createDocumentFragment();
  copyChildren(parsed.body, out, 0);
  return out;
}

function copyChildren(from, to, depth) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) to.append(document.createTextNode(node.data));
    else if (node.nodeType === Node.ELEMENT_NODE && depth < 32) to.append(copyElement(node, depth));
  }
}

function copyElement(node, depth) {
  const tag = node.localName;
  let el;
  if (tag === "a") {
    el = document.createElement("a");
    const href = safeUrl(node.getAttribute("href"));
    if (href) Object.assign(el, { href, target: "_blank", rel: "noopener noreferrer" });
  } else if (tag === "tg-spoiler" || (tag === "span" && node.classList.contains("tg-spoiler"))) {
    el = document.createElement("span");
    el.className = "spoiler";
    el.addEventListener("click", () => el.classList.add("shown"));
  } else if (TAGS.has(tag)) {
    el = document.createElement(tag);
  } else {
    el = document.createDocumentFragment();
  }
  copyChildren(node, el, depth + 1);
  return el;
}
