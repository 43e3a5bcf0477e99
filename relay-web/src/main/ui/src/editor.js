// The visual editor beside the HTML source (issue 12). The message's HTML is edited in a frame of its own
// (/ui/editor.html): the server gives that page a policy that runs no script at all but lets the message's own inline
// styles and images show, as a mail program would; the frame is sandboxed without scripts too, and this page edits it
// as its parent (same origin). The HTML is parsed into a document of its own first, where nothing runs or loads, and
// what could act on its own is left out of the frame; edits go back into the source as it was written.
import { el, field } from "./dom.js";

// Never part of a message's look, and each could act without a script: load, navigate, submit or re-base the frame.
const INERT = "script, iframe, frame, object, embed, base, meta, link, form, noscript";

/**
 * An editor on the `source` textarea: a toolbar and the frame. Edits in either side show in the other; `changed` is
 * called after the frame changed the source.
 */
export function visualEditor(source, changed = () => {}) {
  const frame = el("iframe", {
    title: "Visual editor",
    class: "visual-frame",
    sandbox: "allow-same-origin",
    src: "/ui/editor.html",
  });
  // The source as parsed, nothing dropped: what the frame's edits are spliced back into, so that its head (meta,
  // links, styles) stays as written.
  let original = null;
  let loaded = false;
  const frameDocument = () => frame.contentDocument;
  const note = el("p", { class: "alert", hidden: true },
    "This HTML has a script, form, frame, embedded object or event handler in its body, which the visual editor would "
    + "drop: edit it in the source.");

  // A document of the frame's, never shown: nothing in it runs or loads, and its inline styles answer to the frame's
  // policy (a DOMParser document here would answer to the page's, which refuses them).
  const inert = () => {
    const document = frameDocument().implementation.createHTMLDocument("");
    document.documentElement.innerHTML = source.value;
    return document;
  };

  const fromSource = () => {
    if (!loaded) return;
    original = inert();
    const shown = inert();
    const droppedFromBody = dropActive(shown);
    const target = frameDocument();
    target.head.replaceChildren(...[...shown.head.querySelectorAll("style")].map((n) => target.importNode(n, true)));
    target.body.replaceChildren(...[...shown.body.childNodes].map((n) => target.importNode(n, true)));
    for (const attribute of [...shown.body.attributes]) {
      target.body.setAttribute(attribute.name, attribute.value);
    }
    // Editing what is shown would write the dropped parts out of the source: the frame then only shows.
    target.designMode = droppedFromBody ? "off" : "on";
    note.hidden = !droppedFromBody;
  };

  // A whole document keeps its head as written; a fragment stays a fragment.
  const toSource = () => {
    const body = frameDocument().body;
    if (original.head.children.length > 0 || /<html[\s>]|<head[\s>]|<!doctype/i.test(source.value)) {
      original.body.replaceChildren(...[...body.childNodes].map((n) => original.importNode(n, true)));
      source.value = `<!DOCTYPE html>\n${original.documentElement.outerHTML}`;
    } else {
      source.value = body.innerHTML;
    }
    changed();
  };

  // Where a merge field goes: the side the user wrote in last.
  let visualLast = false;
  frame.addEventListener("load", () => {
    loaded = true;
    fromSource();
    frameDocument().addEventListener("input", toSource);
    frame.contentWindow.addEventListener("focus", () => {
      visualLast = true;
    });
  });
  source.addEventListener("input", fromSource);
  source.addEventListener("focus", () => {
    visualLast = false;
  });

  const command = (name, value = null) => {
    if (frameDocument().designMode !== "on") {
      // Shown only (see fromSource): writing the frame back would drop what it leaves out.
      return;
    }
    frameDocument().execCommand(name, false, value);
    toSource();
    frame.contentWindow.focus();
  };
  const button = (label, action) => el("button", { type: "button", onclick: action }, label);
  const link = el("input", { type: "url", name: "link", placeholder: "https://…" });
  const toolbar = el(
    "div",
    { class: "toolbar", role: "toolbar", "aria-label": "Format the selected text" },
    button("Bold", () => command("bold")),
    button("Italic", () => command("italic")),
    button("Heading", () => command("formatBlock", "h2")),
    button("Paragraph", () => command("formatBlock", "p")),
    button("List", () => command("insertUnorderedList")),
    field("Link address", link),
    button("Link the selection", () => link.value && command("createLink", link.value)),
    button("Remove the link", () => command("unlink")),
  );

  return {
    element: el("div", { class: "visual" }, toolbar, note, frame),
    /** Types `text` at the frame's caret, as the user would. */
    insert(text) {
      frame.contentWindow.focus();
      command("insertText", text);
    },
    usedLast: () => visualLast,
  };
}

// Drops from `document` what could act without a script; whether any of it was in the body.
function dropActive(document) {
  let inBody = false;
  for (const node of document.querySelectorAll(INERT)) {
    inBody ||= document.body.contains(node);
    node.remove();
  }
  for (const node of document.querySelectorAll("*")) {
    for (const attribute of [...node.attributes]) {
      if (/^on/i.test(attribute.name) || /^\s*javascript:/i.test(attribute.value)) {
        inBody ||= document.body.contains(node);
        node.removeAttribute(attribute.name);
      }
    }
  }
  return inBody;
}
