// The tenant's sending domains (its owners'): the DNS records to publish, each with a copy button, and whether DNS
// shows them now, as the relay last checked; a check on demand.
import { call } from "./api.js";
import { alert, copyButton, el, show } from "./dom.js";

export async function domainsPage() {
  const domains = await call("GET", "/domains");
  show(
    el("h1", {}, "Sending domains"),
    domains.length === 0
      ? el("p", {}, "No sending domains yet: an administrator adds them.")
      : el("ul", {}, domains.map((d) => el("li", {},
          el("a", { href: `#/domains/${encodeURIComponent(d.domain)}` }, d.domain),
          d.readyToSend ? " — ready to send" : " — not ready: records to publish"))),
  );
}

export async function domainPage(name) {
  const domain = await call("GET", `/domains/${encodeURIComponent(name)}`);
  const announced = el("p", { class: "small", "aria-live": "polite" });
  const copy = (label, value) => copyButton(label, value, announced);
  const checked = el("div", { "aria-live": "polite" });
  show(
    el("h1", {}, domain.domain),
    el("p", {}, domain.readyToSend ? "Ready to send: DNS shows every record it needs." : "Not ready to send yet."),
    el("p", {}, `Return path: ${domain.returnPathDomain}`),
    el(
      "table",
      {},
      el("caption", {}, "Records to publish"),
      el("thead", {}, el("tr", {}, ["What for", "Name", "Type", "Value", "In DNS"].map((h) => el("th", { scope: "col" }, h)))),
      el(
        "tbody",
        {},
        domain.records.map((record) =>
          el(
            "tr",
            {},
            el("td", {}, record.purpose),
            el("td", {}, el("code", {}, record.name), " ", copy(`the name of the ${record.kind} record`, record.name)),
            el("td", {}, record.type),
            el("td", {}, el("code", { class: "detail" }, record.value), " ",
              copy(`the value of the ${record.kind} record`, record.value)),
            el("td", {}, record.check ? `${record.check.status.toLowerCase()}: ${record.check.detail}` : "not checked yet"),
          ),
        ),
      ),
    ),
    announced,
    el("button", {
      type: "button",
      onclick: async () => {
        try {
          await call("POST", `/domains/${encodeURIComponent(name)}/check`);
          await domainPage(name);
        } catch (error) {
          checked.replaceChildren(alert(error.message));
        }
      },
    }, "Check DNS now"),
    checked,
  );
}
