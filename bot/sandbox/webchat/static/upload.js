// A chosen file as the client API wants it: a photo when the emulator can read its size
// (JPEG, PNG, GIF, WebP), any other file as a document.

import { t } from "./i18n.js";

const MAX_MB = 20;
const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

function base64(file) {
  return new Promise((done, fail) => {
    const reader = new FileReader();
    reader.onload = () => done(String(reader.result).split(",", 2)[1] ?? "");
    reader.onerror = () => fail(reader.error);
    reader.readAsDataURL(file);
  });
}

export async function upload(file, caption) {
  if (file.size > MAX_MB * 1048576) throw new Error(t("file_too_big", { size: MAX_MB }));
  const content_b64 = await base64(file);
  const content = PHOTO_TYPES.has(file.type)
    ? { photo: { content_b64 } }
    : { document: { file_name: file.name, content_b64, mime_type: file.type || undefined } };
  if (caption) content.caption = caption;
  return content;
}
