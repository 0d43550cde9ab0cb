// Same-origin calls to the emulator's client API and the web chat's own routes.
// Every answer is {"ok": true, "result"} or {"ok": false, "description"}.

export class ApiError extends Error {}

export async function call(path, { body, signal } = {}) {
  const options = { signal, headers: {} };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let answer;
  try {
    answer = await response.json();
  } catch {
    throw new ApiError(`HTTP ${response.status}`);
  }
  if (!answer.ok) throw new ApiError(answer.description || `HTTP ${response.status}`);
  return answer.result;
}

const client = (id) => `/client/${encodeURIComponent(id)}`;

export const fileUrl = (id, fileId) => `${client(id)}/files/${encodeURIComponent(fileId)}`;

export function messages(id, since, wait, signal) {
  const query = since === undefined ? "" : `?since=${since}&wait=${wait}`;
  return call(`${client(id)}/messages${query}`, { signal });
}

const from = (persona) => ({ first_name: persona.name, language_code: persona.lang });

export function send(persona, content) {
  return call(`${client(persona.id)}/send`, { body: { ...content, from: from(persona) } });
}

export function press(persona, what) {
  return call(`${client(persona.id)}/press`, { body: { ...what, from: from(persona) } });
}

export const strings = (lang) => call(`/webchat/strings?lang=${encodeURIComponent(lang || "")}`);
export const personas = () => call("/webchat/personas");
export const sent = (id) => call(`/webchat/personas/${encodeURIComponent(id)}/sent`);

export function addPersona(name, lang, uiLang) {
  return call(`/webchat/personas?lang=${encodeURIComponent(uiLang)}`, { body: { name, lang } });
}
