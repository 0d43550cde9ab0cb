// Starts the page: its words in the chosen language, the persona list, the chat.

import * as chat from "./chat.js";
import * as i18n from "./i18n.js";
import * as notices from "./notices.js";
import * as people from "./people.js";

async function start() {
  notices.init();
  await i18n.load();
  const switcher = document.getElementById("ui-lang");
  switcher.value = i18n.uiLang;
  switcher.addEventListener("change", async () => {
    await i18n.load(switcher.value);
    people.draw(true);
    chat.refreshLanguage();
  });
  chat.init({ seen: people.markSeen, describe: people.describe });
  await people.init({ pick: (persona) => chat.open(persona) });
  document.body.dataset.ready = "1";
}

start().catch((err) => {
  notices.offline(true);
  console.error(err);
});
