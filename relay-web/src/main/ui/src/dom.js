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
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/** Replaces the page's main content and moves focus to it, as a page load would for a screen reader. */
export function show(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
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
