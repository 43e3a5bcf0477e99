// The suppression lists: search, add (with a reason and a note), undo, import a CSV and export every entry, through
// the tenant API's /suppressions. A viewer reads and exports only.
import { call, readsOnly } from "./api.js";
import { importForm } from "./csv.js";
import { alert, el, field, problemText, show } from "./dom.js";

export async function suppressionsPage() {
  const contains = el("input", { type: "search", name: "contains" });
  const results = el("div", { "aria-live": "polite", "aria-busy": "true" });
  let latest = 0;
  const search = async () => {
    // Only the latest search shows: one begun earlier (the page's first) may answer after it.
    const mine = ++latest;
    results.setAttribute("aria-busy", "true");
    const query = new URLSearchParams({ limit: "100" });
    if (contains.value.trim()) query.set("contains", contains.value.trim());
    const page = await call("GET", `/suppressions?${query}`);
    if (mine === latest) {
      results.replaceChildren(entriesTable(page.suppressions, search, !readsOnly()));
      results.setAttribute("aria-busy", "false");
    }
  };
  const address = el("input", { type: "text", name: "address", required: true });
  const note = el("input", { type: "text", name: "note" });
  const added = el("div", { "aria-live": "polite" });
  show(
    el("h1", {}, "Suppressions"),
    el(
      "form",
      { class: "search", role: "search", onsubmit: async (event) => { event.preventDefault(); await search(); } },
      field("Address or domain contains", contains),
      el("button", { type: "submit" }, "Search"),
    ),
    results,
    // A plain link: the session's cookie goes with a GET, and the export streams straight to a file.
    el("p", {}, el("a", { href: "/api/v1/suppressions/export", download: "suppressions.csv", id: "export" },
      "Download every entry as CSV")),
    readsOnly() ? "" : changes(address, note, added, search),
  );
  await search();
}

function changes(address, note, added, search) {
  return [
    el("h2", {}, "Add"),
    el(
      "form",
      {
        onsubmit: async (event) => {
          event.preventDefault();
          const target = address.value.trim();
          const body = target.startsWith("@") ? { domain: target.slice(1) } : { address: target };
          if (note.value.trim()) body.note = note.value.trim();
          try {
            await call("POST", "/suppressions", body);
            added.replaceChildren(el("p", {}, `${target} is suppressed.`));
            await search();
          } catch (error) {
            added.replaceChildren(alert(problemText(error)));
          }
        },
      },
      field("Address, or @ and a domain", address),
      field("Note", note),
      added,
      el("button", { type: "submit" }, "Suppress"),
    ),
    importForm("Import", "A CSV with a header row naming a target (or address) column: an address, or @ and a domain; "
      + "stream, reason, expires_at and note columns are read too. An export imports again as it is.",
      "/suppressions/import", search),
  ];
}

function entriesTable(entries, refresh, mayUndo) {
  if (entries.length === 0) {
    return el("p", {}, "No suppressions match.");
  }
  return el(
    "table",
    {},
    el("caption", {}, "Newest first"),
    el("thead", {}, el("tr", {}, ["Address", "List", "Reason", "Since", "Evidence", mayUndo ? "Action" : null].filter(Boolean).map((name) =>
      el("th", { scope: "col" }, name)))),
    el(
      "tbody",
      {},
      entries.map((entry) => {
        const target = entry.address || (entry.domain ? `@${entry.domain}` : entry.hashed);
        const list = entry.topic ? `topic ${entry.topic}` : entry.stream ? `${entry.stream} mail` : "all mail";
        const query = new URLSearchParams();
        if (entry.topic) query.set("topic", entry.topic);
        else if (entry.stream) query.set("stream", entry.stream);
        return el(
          "tr",
          {},
          el("td", {}, target),
          el("td", {}, list),
          el("td", {}, entry.reason.replace("_", " ")),
          el("td", {}, new Date(entry.createdAt).toLocaleString()),
          el("td", { class: "detail" }, entry.evidence || entry.note || ""),
          !mayUndo ? null : el("td", {}, el("button", {
            type: "button",
            "aria-label": `Undo the suppression of ${target} (${list})`,
            onclick: async () => {
              await call("DELETE", `/suppressions/${encodeURIComponent(target)}?${query}`);
              await refresh();
            },
          }, "Undo")),
        );
      }),
    ),
  );
}
