// What the bot answers to a button press (a toast, or an alert to dismiss), and the banner
// shown while the sandbox does not answer.

let toastTimer = 0;

export function toast(text) {
  const el = document.getElementById("toast");
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 4000);
}

export function alertBox(text) {
  const box = document.getElementById("alert");
  document.getElementById("alert-text").textContent = text;
  box.hidden = false;
  document.getElementById("alert-ok").focus();
}

export function callbackAnswer(answer) {
  if (!answer.text) return;
  if (answer.show_alert) alertBox(answer.text);
  else toast(answer.text);
}

export function offline(down) {
  document.getElementById("offline").hidden = !down;
}

export function init() {
  const box = document.getElementById("alert");
  const close = () => (box.hidden = true);
  document.getElementById("alert-ok").addEventListener("click", close);
  box.addEventListener("keydown", (event) => event.key === "Escape" && close());
}
