// The visual editor beside the HTML source (issue 12). The message's HTML is edited in a frame of its own
// (/ui/editor.html): the server gives that page a policy that runs no script at all but lets the message's own inline
// styles and images show, as a mail program would; the frame is sandboxed without scripts too, and this page edits it
// as its parent (same origin). The HTML is parsed into a document of its own first, where nothing runs or loads, and
// what could act on its own is dropped.
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
  let parsed = null;
  let loaded = false;
  const frameDocument = () => frame.contentDocument;

  const fromSource = () => {
    if (!loaded) return;
    // A document of the frame's, never shown: nothing in it runs or loads, and its inline styles answer to the frame's
    // policy (a DOMParser document here would answer to the page's, which refuses them).
    parsed = frameDocument().implementation.createHTMLDocument("");
    parsed.documentElement.innerHTML = source.value;
    parsed.querySelectorAll(INERT).forEach((node) => node.remove());
    for (const node of parsed.querySelectorAll("*")) {
      for (const attribute of [...node.attributes]) {
        if (/^on/i.test(attribute.name) || /^\s*javascript:/i.test(attribute.value)) {
          node.removeAttribute(attribute.name);
        }
      }
    }
    const target = frameDocument();
    target.head.replaceChildren(...[...parsed.head.querySelectorAll("style")].map((n) => target.importNode(n, true)));
    target.body.replaceChildren(...[...parsed.body.childNodes].map((n) => target.importNode(n, true)));
    for (const attribute of [...parsed.body.attributes]) {
      target.body.setAttribute(attribute.name, attribute.value);
    }
    target.designMode = "on";
  };

  // A whole document (with <html> or <head>) keeps its head; a fragment stays a fragment.
  const toSource = () => {
    const body = frameDocument().body;
    if (/<html[\s>]|<head[\s>]/i.test(source.value)) {
      parsed.body.replaceChildren(...[...body.childNodes].map((n) => parsed.importNode(n, true)));
      source.value = `<!DOCTYPE html>\n${parsed.documentElement.outerHTML}`;
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
    element: el("div", { class: "visual" }, toolbar, frame),
    /** Types `text` at the frame's caret, as the user would. */
    insert(text) {
      frame.contentWindow.focus();
      command("insertText", text);
    },
    usedLast: () => visualLast,
  };
}
