// The tenant's webhooks, for its owners: each endpoint with where it stands, a new one (its signing secret shown once),
// enable again after it was disabled, delete; one endpoint's delivery log, with a replay from any delivered event.
import { call, userRole } from "./api.js";
import { alert, el, field, problemText, show, shownOnce, table, when } from "./dom.js";

// The kinds an endpoint can ask for (RECEIVED is told as QUEUED: docs/webhooks.md).
const KINDS = ["QUEUED", "DELIVERED", "DEFERRED", "BOUNCED", "EXPIRED", "SUPPRESSED", "REFUSED", "CANCELLED", "OPENED",
  "CLICKED", "UNSUBSCRIBED", "COMPLAINED", "SUPPRESSION_ADDED", "SUPPRESSION_REMOVED"];

export async function webhooksPage() {
  if (userRole() !== "owner") {
    show(el("h1", {}, "Webhooks"), el("p", {}, "Only your tenant's owners see and change its webhooks."));
    return;
  }
  const shown = el("div", { "aria-live": "polite" });
  const list = el("div");
  const refresh = async () => list.replaceChildren(webhooksTable((await call("GET", "/webhooks")).webhooks, refresh, shown));
  const url = el("input", { type: "url", name: "url", required: true, placeholder: "https://" });
  const kinds = KINDS.map((kind) => el("input", { type: "checkbox", name: "events", value: kind, id: `kind-${kind}` }));
  show(
    el("h1", {}, "Webhooks"),
    shown,
    list,
    el("h2", {}, "Add an endpoint"),
    el(
      "form",
      {
        onsubmit: async (event) => {
          event.preventDefault();
          const events = kinds.filter((box) => box.checked).map((box) => box.value);
          try {
            const created = await call("POST", "/webhooks", { url: url.value.trim(), events });
            shown.replaceChildren(shownOnce(`The signing secret of ${created.url}`, created.secret));
            await refresh();
          } catch (error) {
            shown.replaceChildren(alert(problemText(error)));
          }
        },
      },
      field("URL", url),
      el("fieldset", {}, el("legend", {}, "Events (none ticked: every kind)"),
        kinds.map((box) => el("label", { class: "choice", for: box.id }, box, ` ${box.value.toLowerCase()}`))),
      el("button", { type: "submit" }, "Add the webhook"),
    ),
  );
  await refresh();
}

function webhooksTable(webhooks, refresh, shown) {
  if (webhooks.length === 0) {
    return el("p", {}, "No webhooks yet.");
  }
  const act = (label, method, path) => el("button", {
    type: "button",
    onclick: async () => {
      if (method === "DELETE" && !window.confirm(`${label}? Its events are no longer sent.`)) {
        return;
      }
      try {
        await call(method, path);
        await refresh();
      } catch (error) {
        shown.replaceChildren(alert(problemText(error)));
      }
    },
  }, label);
  return table("Your endpoints", ["URL", "Events", "State", "Action"], webhooks.map((hook) => [
    el("a", { href: `#/webhooks/${hook.id}` }, hook.url),
    hook.events.length ? hook.events.map((kind) => kind.toLowerCase()).join(", ") : "all",
    hookState(hook),
    [hook.disabledAt ? act(`Enable ${hook.url}`, "POST", `/webhooks/${hook.id}/enable`) : "",
      act(`Delete ${hook.url}`, "DELETE", `/webhooks/${hook.id}`)],
  ]));
}

function hookState(hook) {
  if (hook.disabledAt) {
    return `disabled ${when(hook.disabledAt)}: ${hook.disabledReason || ""}`;
  }
  return hook.failures ? `failing since ${when(hook.failingSince)} (${hook.failures} in a row)` : "sending";
}

export async function webhookPage(id) {
  const hook = await call("GET", `/webhooks/${encodeURIComponent(id)}`);
  const log = (await call("GET", `/webhooks/${encodeURIComponent(id)}/deliveries?limit=100`)).deliveries;
  const said = el("div", { "aria-live": "polite" });
  show(
    el("h1", {}, `Webhook ${hook.url}`),
    el("p", {}, `${hookState(hook)}; sent up to position ${hook.cursor}.`),
    said,
    log.length === 0
      ? el("p", {}, "Nothing delivered yet.")
      : table("Deliveries, newest first", ["When", "Outcome", "Status", "Took", "Detail", "Replay"], log.map((d) => [
        when(d.at), d.outcome.toLowerCase(), d.status ?? "—", d.tookMillis === undefined ? "—" : `${d.tookMillis} ms`,
        el("span", { class: "detail" }, d.detail),
        d.cursor ? el("button", {
          type: "button",
          // The visible words first, so that a voice command naming them finds the button (WCAG 2.1, 2.5.3).
          "aria-label": `Send again from here: the event at position ${d.cursor}`,
          onclick: async () => {
            try {
              // Replay sends what comes after a position: one before this event sends it too.
              await call("POST", `/webhooks/${encodeURIComponent(id)}/replay`, { cursor: String(BigInt(d.cursor) - 1n) });
              said.replaceChildren(el("p", {}, `Sending again from position ${d.cursor}.`));
            } catch (error) {
              said.replaceChildren(alert(problemText(error)));
            }
          },
        }, "Send again from here") : "",
      ])),
    el("p", {}, el("a", { href: "#/webhooks" }, "Back to the webhooks")),
  );
}
