// A template version's files in the compose page (issue 12): the newest version's, each kept unless unticked, and new
// ones chosen from the computer. Saving sends only a change, so a version saved with new words keeps its files.
import { el } from "./dom.js";

export function filesPanel(current) {
  const kept = (current || []).map((file) => ({
    file,
    box: el("input", { type: "checkbox", checked: true, name: `keep-${file.fileName}`, id: `keep-${file.fileName}` }),
  }));
  const chooser = el("input", { type: "file", name: "attachments", multiple: true, id: "attachments" });
  const element = el("fieldset", { class: "files" },
    el("legend", {}, "Attachments"),
    kept.length === 0 ? el("p", {}, "No files yet.") : el("ul", {}, kept.map(({ file, box }) =>
      el("li", {}, box, el("label", { for: box.id },
        ` Keep ${file.fileName} (${file.contentType}, ${kilobytes(file.size)}${file.contentId ? `, shown inline as cid:${file.contentId}` : ""})`)))),
    el("p", { class: "field" }, el("label", { for: chooser.id }, "Add files"), chooser));

  return {
    element,
    /** The request members for the files: none when nothing changed. */
    async request() {
      const added = [...chooser.files];
      if (added.length === 0 && kept.every(({ box }) => box.checked)) return {};
      return {
        keepAttachments: kept.filter(({ box }) => box.checked).map(({ file }) => file.fileName),
        attachments: await Promise.all(added.map(async (file) => ({
          fileName: file.name,
          contentType: file.type || "application/octet-stream",
          content: base64(new Uint8Array(await file.arrayBuffer())),
        }))),
      };
    },
  };
}

function kilobytes(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

// RFC 4648 §4 without line breaks, as the API reads it; in slices, since one call's arguments are limited.
function base64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
