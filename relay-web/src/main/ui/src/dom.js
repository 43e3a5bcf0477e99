// Builds elements from data with textContent only: nothing a message or a reply holds is ever parsed as HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "onclick" || name === "onsubmit") {
      node.addEventListener(name.slice(2), value);
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  // Lists of children may nest (a row's cells, each a list of parts): all are taken in order.
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/** Replaces the page's main content and moves focus to it, as a page load would for a screen reader. */
export function show(...children) {
  const main = document.getElementById("main");
  // Parts a page leaves out are null; some come as lists: as el() takes them.
  main.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined));
  main.focus();
}

/** A labelled input: every field has a label a screen reader reads (WCAG 2.1, 1.3.1 and 4.1.2). */
export function field(label, input) {
  const id = input.id || `f-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  input.id = id;
  return el("p", { class: "field" }, el("label", { for: id }, label), input);
}

export function alert(text) {
  return el("p", { class: "alert", role: "alert" }, text);
}

/** What went wrong, as the server said it: each field it named with its reason, else its detail. */
export function problemText(error) {
  const invalid = (error.problem?.["invalid-params"] || []).map((param) => `${param.name}: ${param.reason}`);
  return invalid.join("; ") || error.message;
}

/** A button that copies {@code value}, saying in {@code announced} (a live region) whether it could. */
export function copyButton(label, value, announced) {
  return el("button", {
    type: "button",
    "aria-label": `Copy ${label}`,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(value);
        announced.textContent = `${label} copied.`;
      } catch (error) {
        announced.textContent = `${label} could not be copied: select it instead.`;
      }
    },
  }, "Copy");
}

/** A table with a caption, column headings, and a row of cells for each item. */
export function table(caption, headings, rows) {
  return el(
    "table",
    {},
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, headings.map((name) => el("th", { scope: "col" }, name)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((cell) => el("td", {}, cell))))),
  );
}

/** A time from the API, as the reader's locale writes it; a dash for none. */
export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : "—";
}

/** A secret as the server gave it, this once (it keeps only a hash): with a copy button and the warning. */
export function shownOnce(what, value) {
  const announced = el("p", { class: "small", "aria-live": "polite" });
  return el(
    "section",
    { class: "secret", "aria-label": "New secret" },
    el("p", {}, el("strong", {}, `${what}: copy it now. It will not be shown again.`)),
    el("p", {}, el("code", { id: "new-secret" }, value), " ", copyButton("the secret", value, announced)),
    announced,
  );
}
