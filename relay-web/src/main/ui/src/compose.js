// Composing: a message's templates (the API's, each save a new version), their preview at a desktop's and a phone's
// width with images off or on, and a test send to a seed list before anything goes to an audience.
import { call, readsOnly } from "./api.js";
import { alert, el, field, show } from "./dom.js";
import { visualEditor } from "./editor.js";
import { filesPanel } from "./files.js";
import { mergePanel } from "./merge.js";
import { checksPanel } from "./checks.js";

export async function templatesPage() {
  const page = await call("GET", "/templates");
  const name = el("input", { type: "text", name: "name", required: true, pattern: "[a-z0-9][a-z0-9._\\-]*" });
  show(
    el("h1", {}, "Compose"),
    page.templates.length === 0
      ? el("p", {}, "No templates yet.")
      : el("ul", {}, page.templates.map((t) =>
          el("li", {}, el("a", { href: `#/templates/${encodeURIComponent(t.name)}` }, t.name), ` — version ${t.version}: ${t.subject}`))),
    readsOnly() ? null : el(
      "form",
      {
        onsubmit: (event) => {
          event.preventDefault();
          location.hash = `#/templates/${encodeURIComponent(name.value.trim())}`;
        },
      },
      field("New template's name", name),
      el("button", { type: "submit" }, "Start"),
    ),
  );
}

export async function composePage(name) {
  let current = null;
  try {
    current = await call("GET", `/templates/${encodeURIComponent(name)}`);
  } catch (error) {
    if (error.status !== 404) throw error;
  }
  const subject = el("input", { type: "text", name: "subject", required: true, value: current?.subject || "" });
  const html = el("textarea", { name: "html", rows: 14 }, current?.html || "");
  const text = el("textarea", { name: "text", rows: 8 }, current?.text || "");
  const data = el("textarea", { name: "data", rows: 3 }, '{"firstName": "Ann"}');
  const status = el("div", { "aria-live": "polite" });
  const frame = el("iframe", { title: "Preview", sandbox: "", class: "preview desktop", src: "about:blank" });
  const width = el("select", { name: "width" }, el("option", { value: "desktop" }, "Desktop (800 px)"),
    el("option", { value: "mobile" }, "Phone (375 px)"));
  const images = el("select", { name: "images" }, el("option", { value: "off" }, "Images off"),
    el("option", { value: "on" }, "Images on"));
  const part = el("select", { name: "part" }, el("option", { value: "html" }, "HTML"),
    el("option", { value: "text" }, "Text"));
  let version = current?.version;
  let files = filesPanel(current?.attachments);

  const preview = () => {
    if (!version) return;
    frame.className = `preview ${width.value}`;
    const query = new URLSearchParams({
      version: String(version), images: images.value, part: part.value, data: data.value,
    });
    frame.src = `/api/v1/templates/${encodeURIComponent(name)}/preview?${query}`;
  };
  width.addEventListener("change", preview);
  images.addEventListener("change", preview);
  part.addEventListener("change", preview);
  data.addEventListener("change", preview);

  const visual = visualEditor(html);
  const insert = (text) => {
    if (visual.usedLast()) {
      visual.insert(text);
    } else {
      html.setRangeText(text, html.selectionStart, html.selectionEnd, "end");
      html.dispatchEvent(new Event("input"));
      html.focus();
    }
  };
  const merge = await mergePanel(insert, (json) => {
    data.value = json;
    preview();
  });

  const save = el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const saved = await call("PUT", `/templates/${encodeURIComponent(name)}`, {
            subject: subject.value,
            html: html.value || null,
            text: text.value || null,
            ...(await files.request()),
          });
          version = saved.version;
          status.replaceChildren(el("p", {}, `Saved as version ${saved.version}.`));
          const savedFiles = filesPanel(saved.attachments);
          files.element.replaceWith(savedFiles.element);
          files = savedFiles;
          preview();
        } catch (error) {
          const invalid = (error.problem?.["invalid-params"] || []).map((p) => `${p.name}: ${p.reason}`);
          status.replaceChildren(alert(invalid.join("; ") || error.message));
        }
      },
    },
    field("Subject", subject),
    el("div", { class: "editors" },
      el("div", {}, el("h2", {}, "Visual"), visual.element),
      el("div", {}, el("h2", {}, "Source"), field("HTML (source)", html))),
    el("h2", {}, "Merge fields"),
    merge,
    el("p", {}, el("button", { type: "button", onclick: () => { text.value = textOf(html.value); } },
      "Make the text part from the HTML")),
    field("Text", text),
    field("Sample data for the merge fields (JSON)", data),
    files.element,
    status,
    readsOnly() ? null : el("button", { type: "submit" }, "Save a new version"),
  );

  const seeds = el("input", { type: "text", name: "seeds", placeholder: "you@example.com, colleague@example.com" });
  const from = el("input", { type: "email", name: "from", required: true });
  const sent = el("div", { "aria-live": "polite" });
  const test = el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        const to = seeds.value.split(",").map((s) => s.trim()).filter(Boolean);
        try {
          const answer = await call("POST", "/messages", {
            from: from.value,
            to,
            template: { name, version, data: JSON.parse(data.value || "{}") },
            tags: ["test-send"],
          });
          sent.replaceChildren(el("p", {}, "Test sent: message ", el("a", { href: `#/messages/${answer.id}` }, `#${answer.id}`)));
        } catch (error) {
          sent.replaceChildren(alert(error.message));
        }
      },
    },
    field("From", from),
    field("Seed addresses (comma-separated)", seeds),
    sent,
    el("button", { type: "submit" }, "Send a test"),
  );

  show(
    el("h1", {}, `Template ${name}`),
    el("p", {}, version ? `Newest version: ${version}` : "Not saved yet."),
    save,
    el("h2", {}, "Preview"),
    el("div", { class: "search" }, field("Width", width), field("Images", images), field("Part", part)),
    frame,
    readsOnly()
      ? el("p", {}, "You may read templates; a sender or an owner saves and sends them.")
      : [
          el("h2", {}, "Test send"),
          test,
          checksPanel({ name, version: () => version, from: () => from.value, data: () => JSON.parse(data.value || "{}") }),
        ],
  );
  preview();
}

// The text a reader of the HTML sees, as the plain-text part: parsed inertly (no script runs, nothing loads).
function textOf(source) {
  const document = new DOMParser().parseFromString(source, "text/html");
  for (const link of document.querySelectorAll("a[href]")) {
    link.append(` (${link.getAttribute("href")})`);
  }
  for (const block of document.querySelectorAll("p, div, h1, h2, h3, li, tr, br")) {
    block.append("\n");
  }
  return (document.body.textContent || "").replace(/\n{3,}/g, "\n\n").trim();
}
