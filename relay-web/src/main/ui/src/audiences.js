// The tenant's audiences: each with its consent wording, and its subscribers with the proof of their consent (when and
// from where it was asked and confirmed, by which browser, from which source, to which wording). Senders add a
// subscriber (a double opt-in: the confirmation message goes out) or import a CSV of those whose consent they hold.
import { call, readsOnly } from "./api.js";
import { importForm } from "./csv.js";
import { alert, el, field, problemText, show, table, when } from "./dom.js";

export async function audiencesPage() {
  const { audiences } = await call("GET", "/audiences");
  const said = el("div", { "aria-live": "polite" });
  show(
    el("h1", {}, "Audiences"),
    audiences.length === 0
      ? el("p", {}, "No audiences yet.")
      : table("Your audiences", ["Name", "Consent wording", "Created"], audiences.map((a) => [
        el("a", { href: `#/audiences/${encodeURIComponent(a.id)}` }, a.name),
        `version ${a.consent.version}: ${a.consent.wording}`,
        when(a.createdAt),
      ])),
    readsOnly() ? null : [el("h2", {}, "New audience"), createForm(said)],
  );
}

function createForm(said) {
  const inputs = {
    name: el("input", { type: "text", name: "name", required: true }),
    consentText: el("textarea", { name: "consentText", rows: 3, required: true }),
    from: el("input", { type: "email", name: "from", required: true }),
    subject: el("input", { type: "text", name: "subject", required: true }),
    text: el("textarea", { name: "text", rows: 4, required: true }, "Please confirm your subscription: {{confirm_url}}"),
  };
  return el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        const body = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
        try {
          const created = await call("POST", "/audiences", body);
          location.hash = `#/audiences/${encodeURIComponent(created.id)}`;
        } catch (error) {
          said.replaceChildren(alert(problemText(error)));
        }
      },
    },
    field("Name", inputs.name),
    field("What the subscriber agrees to (consent wording)", inputs.consentText),
    field("Confirmation message: from (on one of your sending domains)", inputs.from),
    field("Confirmation message: subject", inputs.subject),
    field("Confirmation message: text, with {{confirm_url}} where the confirmation link goes", inputs.text),
    said,
    el("button", { type: "submit" }, "Create the audience"),
  );
}

export async function audiencePage(id) {
  const path = `/audiences/${encodeURIComponent(id)}`;
  const audience = await call("GET", path);
  const subscribers = el("div");
  const refresh = async () =>
    subscribers.replaceChildren(subscribersTable((await call("GET", `${path}/subscribers?limit=100`)).subscribers));
  show(
    el("h1", {}, `Audience ${audience.name}`),
    el("p", {}, `Sign-up form: ${audience.formUrl}`),
    table("Consent wordings shown", ["Version", "Wording", "Since"],
      audience.consentVersions.map((v) => [String(v.version), v.wording, when(v.since)])),
    el("h2", {}, "Subscribers"),
    subscribers,
    readsOnly() ? null : [subscribeForm(path, refresh), importForm("Import subscribers whose consent you hold",
      "A CSV with a header row: address and consented_at (when they consented, such as 2026-11-30T09:00:00Z) are "
      + "required; ip, user_agent, consent_text and source state the rest of your proof; every other column is an "
      + "attribute. They are subscribed at once, on your proof.", `${path}/subscribers/import`, refresh)],
    el("p", {}, el("a", { href: "#/audiences" }, "Back to the audiences")),
  );
  await refresh();
}

function subscribersTable(subscribers) {
  if (subscribers.length === 0) {
    return el("p", {}, "No subscribers yet.");
  }
  return table("Newest first, with the proof of their consent", ["Address", "State", "Attributes", "Consent proof"],
    subscribers.map((s) => [s.address, s.state, attributes(s.attributes), proof(s.consent)]));
}

function attributes(values) {
  const entries = Object.entries(values || {});
  return entries.length === 0 ? "—" : el("dl", { class: "pairs" },
    entries.map(([name, value]) => [el("dt", {}, name), el("dd", {}, typeof value === "string" ? value : JSON.stringify(value))]));
}

function proof(consent) {
  const origin = (o) => [o?.ip, o?.userAgent].filter(Boolean).join(", ") || "—";
  return el("dl", { class: "pairs" },
    el("dt", {}, "Source"), el("dd", {}, consent.source + (consent.origin ? ` (${consent.origin})` : "")),
    el("dt", {}, "Asked"), el("dd", {}, `${when(consent.requestedAt)} from ${origin(consent.requestedFrom)}`),
    el("dt", {}, "Confirmed"), el("dd", {}, consent.confirmedAt
      ? `${when(consent.confirmedAt)} from ${origin(consent.confirmedFrom)}` : "not yet"),
    el("dt", {}, "Wording"), el("dd", {}, consent.text ? `version ${consent.text.version}: ${consent.text.wording}` : "—"));
}

function subscribeForm(path, refresh) {
  const address = el("input", { type: "email", name: "address", required: true });
  const attributeLines = el("textarea", { name: "attributes", rows: 3, placeholder: "firstName=Ann" });
  const said = el("div", { "aria-live": "polite" });
  return el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        const body = { address: address.value.trim() };
        const pairs = attributeLines.value.split("\n").map((line) => line.trim()).filter(Boolean);
        if (pairs.length) {
          body.attributes = Object.fromEntries(pairs.map((line) => {
            const at = line.indexOf("=");
            return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
          }));
        }
        try {
          const added = await call("POST", `${path}/subscribers`, body);
          said.replaceChildren(el("p", {}, `${added.address} is ${added.state}: the confirmation message is ${added.confirmation}.`));
          address.value = "";
          attributeLines.value = "";
          await refresh();
        } catch (error) {
          said.replaceChildren(alert(problemText(error)));
        }
      },
    },
    el("h2", {}, "Add a subscriber"),
    el("p", {}, "They receive the confirmation message, and are subscribed once they follow its link."),
    field("Address", address),
    field("Attributes, one name=value a line", attributeLines),
    said,
    el("button", { type: "submit" }, "Send the confirmation"),
  );
}
