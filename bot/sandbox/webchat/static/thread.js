// Drawing one chat: the bubbles, kept in message_id order and rebuilt only when a message
// changed (so an edit re-renders just that bubble and a button being tapped stays put), and
// the reply keyboard under the input (true when it changed).

export function drawMessages(box, nodes, items, makeBubble) {
  let cursor = box.firstChild;
  let added = false;
  for (const item of items) {
    let node = nodes.get(item.key);
    if (!node || node.stamp !== item.stamp) {
      const el = makeBubble(item);
      if (node?.el.parentNode === box) node.el.replaceWith(el);
      if (node?.el === cursor) cursor = el;
      added ||= !node;
      node = { stamp: item.stamp, el };
      nodes.set(item.key, node);
    }
    if (node.el === cursor) cursor = cursor.nextSibling;
    else box.insertBefore(node.el, cursor);
  }
  while (cursor) {
    const stale = cursor;
    cursor = cursor.nextSibling;
    stale.remove();
  }
  return added;
}

export function drawKeyboard(box, rows, onKey) {
  const shown = JSON.stringify(rows ?? null);
  if (box.dataset.rows === shown) return false;
  box.dataset.rows = shown;
  box.replaceChildren();
  box.hidden = !rows?.length;
  for (const row of rows ?? []) {
    const line = document.createElement("div");
    line.className = "row";
    for (const button of row) {
      const el = document.createElement("button");
      el.type = "button";
      el.className = button.request_contact ? "key contact" : "key";
      el.textContent = button.text;
      el.addEventListener("click", () => onKey(button.text));
      line.append(el);
    }
    box.append(line);
  }
  return true;
}
