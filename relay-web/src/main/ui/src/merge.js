// Merge fields and preview data from an audience (issue 12): the fields its subscribers' attributes name, offered as
// buttons that insert {{field}}; and one chosen subscriber's data for the preview, merged as a send to them merges it
// (their attributes, and their address as "email").
import { call } from "./api.js";
import { el, field } from "./dom.js";

const SAMPLE = 100;

/**
 * The audience and subscriber pickers and the merge-field buttons. `insert` receives "{{name}}"; `chosen` receives a
 * subscriber's data as JSON text.
 */
export async function mergePanel(insert, chosen) {
  const { audiences } = await call("GET", "/audiences");
  const audience = el("select", { name: "audience" }, el("option", { value: "" }, "None"),
    audiences.map((a) => el("option", { value: a.id }, a.name)));
  const subscriber = el("select", { name: "subscriber" }, el("option", { value: "" }, "Sample data"));
  const buttons = el("div", { class: "merge-fields", role: "group", "aria-label": "Merge fields to insert" });
  let subscribers = [];

  const offer = (names) => buttons.replaceChildren(
    ...names.map((name) => el("button", { type: "button", onclick: () => insert(`{{${name}}}`) }, `{{${name}}}`)));

  audience.addEventListener("change", async () => {
    subscribers = audience.value
      ? (await call("GET", `/audiences/${encodeURIComponent(audience.value)}/subscribers?state=confirmed&limit=${SAMPLE}`))
          .subscribers
      : [];
    subscriber.replaceChildren(el("option", { value: "" }, "Sample data"),
      ...subscribers.map((s) => el("option", { value: s.address }, s.address)));
    const names = new Set(["email"]);
    subscribers.forEach((s) => Object.keys(s.attributes || {}).forEach((name) => names.add(name)));
    offer(audience.value ? [...names].sort() : []);
  });
  subscriber.addEventListener("change", () => {
    const found = subscribers.find((s) => s.address === subscriber.value);
    if (found) chosen(JSON.stringify({ ...found.attributes, email: found.address }, null, 1));
  });

  return el("div", { class: "merge" },
    el("div", { class: "search" }, field("Audience", audience), field("Preview with the data of", subscriber)),
    buttons);
}
