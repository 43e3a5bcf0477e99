// The operator's pages (issue 12): the admin API, called with the operator's own session (api.js adminCall). Tenants
// and their limits, the queue by state and destination with hold / release / retry now / purge, the plugins in order
// per phase, the blocklists, every tenant's sending domains, and the login throttle. Values reach the page as text.
import { adminCall, currentOperator, operatorSignIn, operatorSignOut } from "./api.js";
import { alert, el, field, show } from "./dom.js";
import { dispatch } from "./router.js";

let operator = null;
let asked = false;

const routes = [
  [/^#\/operator\/sign-in$/, () => signInPage(), false],
  [/^#\/operator\/tenants$/, () => tenantsPage(), true],
  [/^#\/operator\/tenants\/([a-z0-9-]+)$/, (id) => tenantPage(id), true],
  [/^#\/operator\/queue$/, () => queuePage(), true],
  [/^#\/operator\/queue\/([A-Za-z0-9.-]+)$/, (domain) => destinationPage(domain), true],
  [/^#\/operator\/plugins$/, () => pluginsPage(), true],
  [/^#\/operator\/blocklists$/, () => blocklistsPage(), true],
  [/^#\/operator\/domains$/, () => domainsPage(), true],
  [/^#\/operator\/throttle$/, () => throttlePage(), true],
];

export function isOperatorPage(hash) {
  return hash.startsWith("#/operator");
}

/** Shows the operator's page for the hash; the sign-in page when there is no operator session. */
export async function operatorRoute(hash) {
  if (!asked) {
    asked = true;
    operator = await currentOperator().catch(() => null);
  }
  navigation();
  await dispatch(routes, hash, {
    signedIn: () => operator !== null,
    ended: () => {
      operator = null;
      navigation();
    },
    signIn: "#/operator/sign-in",
    home: "#/operator/queue",
  });
}

function navigation() {
  document.getElementById("operator-nav").hidden = !operator;
}

document.getElementById("operator-sign-out").addEventListener("click", async () => {
  try {
    await operatorSignOut();
  } finally {
    // Signed out here even if the server could not be told: the page holds no operator session any more, and the
    // server's ends within its lifetime.
    operator = null;
    navigation();
    location.hash = "#/operator/sign-in";
  }
});

function signInPage() {
  const user = el("input", { type: "text", name: "user", autocomplete: "username", required: true });
  const password = el("input", { type: "password", name: "password", autocomplete: "current-password", required: true });
  const problem = el("div", { "aria-live": "polite" });
  const form = el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          operator = await operatorSignIn(user.value.trim(), password.value);
          navigation();
          location.hash = "#/operator/queue";
        } catch (error) {
          problem.replaceChildren(alert(error.message));
        }
      },
    },
    field("Administrator", user),
    field("Password", password),
    problem,
    el("button", { type: "submit" }, "Sign in"),
  );
  show(el("h1", {}, "Operator sign-in"), el("p", {}, "The admin API's account and password."), form);
}

function table(caption, headings, rows) {
  return el(
    "table",
    {},
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, headings.map((heading) => el("th", { scope: "col" }, heading)))),
    el("tbody", {}, rows),
  );
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : "—";
}

// How long ago, in the largest whole unit: the age of the oldest waiting message.
function age(instant) {
  const seconds = Math.max(0, Math.round((Date.now() - new Date(instant).getTime()) / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

async function tenantsPage() {
  const tenants = await adminCall("GET", "/tenants");
  show(
    el("h1", {}, "Tenants"),
    table(
      "Every tenant",
      ["Tenant", "Name", "Sending domains", "Default stream", "Sandbox", "Limits"],
      tenants.map((tenant) =>
        el(
          "tr",
          {},
          el("th", { scope: "row" }, tenant.id),
          el("td", {}, tenant.name),
          el("td", {}, tenant.domains.join(", ") || "none"),
          el("td", {}, tenant.defaultStream),
          el("td", {}, tenant.capture ? "captures its mail" : "delivers"),
          el("td", {}, el("a", { href: `#/operator/tenants/${tenant.id}` }, `Limits of ${tenant.id}`)),
        ),
      ),
    ),
  );
}

async function tenantPage(id) {
  const [tenant, credentials, keys] = await Promise.all([
    adminCall("GET", `/tenants/${id}`),
    adminCall("GET", `/tenants/${id}/smtp-credentials`),
    adminCall("GET", `/tenants/${id}/api-keys`),
  ]);
  const limit = (value) => (value === undefined || value === null ? "unlimited" : value);
  const rows = [
    ...credentials.map((c) => ["SMTP credential", c.username, c]),
    ...keys.map((k) => ["API key", k.keyId, k]),
  ].map(([kind, name, item]) =>
    el(
      "tr",
      {},
      el("td", {}, kind),
      el("th", { scope: "row" }, name),
      el("td", {}, limit(item.messagesPerHour)),
      el("td", {}, limit(item.recipientsPerMessage)),
      el("td", {}, item.stream || tenant.defaultStream),
      el("td", {}, item.revoked ? `revoked ${when(item.revokedAt)}` : "active"),
    ),
  );
  show(
    el("h1", {}, `Tenant ${tenant.id}`),
    el("p", {}, tenant.name),
    rows.length === 0
      ? el("p", {}, "No SMTP credentials or API keys yet.")
      : table("Limits of each credential and key", ["Kind", "Name", "Messages per hour", "Recipients per message",
          "Stream", "State"], rows),
    el("p", {}, "Limits are set when a credential or key is made (POST …/smtp-credentials, …/api-keys); to change one, "
      + "make a new credential or key with the new limits and revoke the old."),
    el("p", {}, el("a", { href: "#/operator/tenants" }, "Back to the tenants")),
  );
}

// One action on the queue; what it did, in words.
async function act(path, body) {
  const done = await adminCall("POST", `/queue/${path}`, body);
  const busy = done.inAttempt ? `; ${done.inAttempt} in an attempt now, left alone` : "";
  const dsns = done.dsns ? `; ${done.dsns} DSN(s) sent` : "";
  return `${done.action}: ${done.recipients} recipient(s)${busy}${dsns}.`;
}

// Runs the action, then shows the page again with what it did (read out by the page's live region).
async function acting(path, body, status, after) {
  try {
    await after(await act(path, body));
  } catch (error) {
    status.replaceChildren(alert(error.message));
  }
}

// Purge asks first: the operator writes why, and chooses whether the senders get a bounce.
function purgeConfirmation(what, path, status, after) {
  const reason = el("input", { type: "text", name: "reason", required: true });
  const bounce = el("input", { type: "checkbox", name: "bounce", id: `bounce-${path.replaceAll("/", "-")}` });
  const box = el("form", {
    class: "confirm",
    "aria-label": `Confirm the purge of ${what}`,
    onsubmit: async (event) => {
      event.preventDefault();
      await acting(`${path}/purge`, { reason: reason.value, bounce: bounce.checked }, status, after);
    },
  },
  el("p", {}, `Purge every waiting recipient of ${what}? They will never be attempted again.`),
  field("Reason (told in each message's story)", reason),
  el("p", {}, bounce, " ", el("label", { for: bounce.id }, "Send each sender a bounce (DSN)")),
  el("button", { type: "submit" }, "Purge"),
  " ",
  el("button", { type: "button", onclick: () => box.remove() }, "Cancel"));
  return box;
}

function actions(what, path, status, after) {
  const slot = el("div", {});
  const button = (label, action) =>
    el("button", {
      type: "button",
      "aria-label": `${label} ${what}`,
      onclick: () => acting(`${path}/${action}`, {}, status, after),
    }, label);
  return el(
    "td",
    { class: "actions" },
    button("Hold", "hold"),
    button("Release", "release"),
    button("Retry now", "retry-now"),
    el("button", {
      type: "button",
      "aria-label": `Purge ${what}`,
      onclick: () => slot.replaceChildren(purgeConfirmation(what, path, status, after)),
    }, "Purge…"),
    slot,
  );
}

async function queuePage(note = "") {
  const queue = await adminCall("GET", "/queue?top=50");
  const status = el("div", { "aria-live": "polite" }, note ? el("p", {}, note) : null);
  show(
    el("h1", {}, "Queue"),
    table("Waiting recipients by state", ["Queued", "Deferred", "Held", "In an attempt now"], [
      el("tr", {}, [queue.queued, queue.deferred, queue.held, queue.inAttempt].map((n) => el("td", {}, n))),
    ]),
    status,
    queue.destinations.length === 0
      ? el("p", {}, "Nothing is waiting.")
      : table(
          `Destinations with the most waiting recipients (${queue.destinations.length} of ${queue.destinationCount})`,
          ["Destination", "Waiting", "Deferred", "Held", "Oldest", "Last error", "Actions"],
          queue.destinations.map((d) =>
            el(
              "tr",
              {},
              el("th", { scope: "row" }, el("a", { href: `#/operator/queue/${d.domain}` }, d.domain)),
              el("td", {}, d.waiting),
              el("td", {}, d.deferred),
              el("td", {}, d.held),
              el("td", {}, age(d.oldestReceivedAt)),
              el("td", { class: "detail" }, d.lastReply || "—"),
              actions(`mail to ${d.domain}`, `destinations/${d.domain}`, status, queuePage),
            ),
          ),
        ),
  );
}

async function destinationPage(domain, note = "") {
  const waiting = await adminCall("GET", `/queue/destinations/${domain}`);
  const status = el("div", { "aria-live": "polite" }, note ? el("p", {}, note) : null);
  const again = (said) => destinationPage(domain, said);
  show(
    el("h1", {}, `Waiting for ${waiting.domain}`),
    status,
    waiting.recipients.length === 0
      ? el("p", {}, "Nothing is waiting for this destination.")
      : table(
          "Oldest first",
          ["Recipient", "Message", "Tenant", "Standing", "Attempts", "Next attempt", "Last reply", "Actions"],
          waiting.recipients.map((r) =>
            el(
              "tr",
              {},
              el("th", { scope: "row" }, r.address),
              el("td", {}, `#${r.messageId}`),
              el("td", {}, r.tenant || "—"),
              el("td", {}, r.standing.toLowerCase().replace("_", " ")),
              el("td", {}, r.attempts),
              el("td", {}, r.nextAttemptAt ? when(r.nextAttemptAt) : "held"),
              el("td", { class: "detail" }, r.lastReply || "—"),
              actions(`message #${r.messageId}`, `messages/${r.messageId}`, status, again),
            ),
          ),
        ),
    el("p", {}, el("a", { href: "#/operator/queue" }, "Back to the queue")),
  );
}

// Where each phase's order is set: the plugins are enabled and ordered in configuration, not here.
const ORDER_KEYS = {
  CONNECT: "outpost.plugins.submission",
  HELO: "outpost.plugins.submission",
  AUTH: "outpost.plugins.authentication",
  MAIL: "outpost.plugins.submission",
  RCPT: "outpost.plugins.submission, then outpost.plugins.suppression",
  MESSAGE: "outpost.plugins.submission",
  PRE_DELIVERY: "outpost.plugins.suppression",
  BLOCKLIST: "outpost.plugins.blocklist",
};

async function pluginsPage() {
  const order = await adminCall("GET", "/plugins");
  show(
    el("h1", {}, "Plugins"),
    el("p", {}, `Each call may take ${order.timeLimit}; ${order.maxConcurrentCalls} calls at once at most. The order `
      + "is set in the server's configuration (docs/configuration.md) and takes effect at the next start."),
    table(
      "Plugins in the order each phase asks them",
      ["Phase", "Plugins, in order", "Set by"],
      order.phases.map((phase) =>
        el(
          "tr",
          {},
          el("th", { scope: "row" }, phase.phase),
          el("td", {}, el("ol", {}, phase.plugins.map((p) => el("li", {}, p.builtIn ? `${p.name} (built in)` : p.name)))),
          el("td", {}, el("code", {}, ORDER_KEYS[phase.phase] || "—")),
        ),
      ),
    ),
  );
}

async function blocklistsPage(note = "") {
  const watch = await adminCall("GET", "/blocklists");
  renderBlocklists(watch, note);
}

function renderBlocklists(watch, note) {
  const status = el("div", { "aria-live": "polite" }, note ? el("p", {}, note) : null);
  const paused = [...watch.paused.addresses.map((a) => a.address || a), ...watch.paused.domains.map((d) => d.domain)];
  show(
    el("h1", {}, "Blocklists"),
    el("p", {}, paused.length === 0 ? "No bulk mail is paused." : `Bulk mail paused for: ${paused.join(", ")}`),
    el("button", {
      type: "button",
      onclick: async () => {
        status.replaceChildren(el("p", {}, "Checking every list now…"));
        try {
          renderBlocklists(await adminCall("POST", "/blocklists/check"), "Checked just now.");
        } catch (error) {
          status.replaceChildren(alert(error.message));
        }
      },
    }, "Check now"),
    status,
    watch.statuses.length === 0
      ? el("p", {}, "Nothing checked yet.")
      : table(
          "Each address and sending domain, by monitor",
          ["Target", "Monitor", "State", "Listings", "Checked", "Changed"],
          watch.statuses.map((s) =>
            el(
              "tr",
              { class: s.state === "LISTED" ? "over" : "" },
              el("th", { scope: "row" }, s.target),
              el("td", {}, s.monitor),
              el("td", {}, s.state.toLowerCase()),
              el("td", {}, (s.listings || []).length === 0
                ? "—"
                : el("ul", {}, s.listings.map((l) => el("li", {}, `${l.list}: ${l.detail}`)))),
              el("td", {}, when(s.checkedAt)),
              el("td", {}, when(s.changedAt)),
            ),
          ),
        ),
  );
}

async function domainsPage() {
  const all = await adminCall("GET", "/domains");
  const status = el("div", { "aria-live": "polite" });
  show(
    el("h1", {}, "Sending domains of every tenant"),
    status,
    all.domains.length === 0
      ? el("p", {}, "No tenant has a sending domain yet.")
      : table(
          "Readiness as last checked",
          ["Domain", "Tenant", "Ready to send", "Checked", "Check"],
          all.domains.map((d) =>
            el(
              "tr",
              { class: d.readyToSend ? "" : "over" },
              el("th", { scope: "row" }, d.domain),
              el("td", {}, d.tenant),
              el("td", {}, d.readyToSend ? "ready" : "not ready"),
              el("td", {}, when(d.checkedAt)),
              el("td", {}, el("button", {
                type: "button",
                "aria-label": `Check now: ${d.domain}`,
                onclick: async () => {
                  try {
                    await adminCall("POST", `/tenants/${d.tenant}/domains/${d.domain}/check`);
                    await domainsPage();
                  } catch (error) {
                    status.replaceChildren(alert(error.message));
                  }
                },
              }, "Check now")),
            ),
          ),
        ),
  );
}

async function throttlePage() {
  const entries = await adminCall("GET", "/auth-throttle");
  show(
    el("h1", {}, "Login throttle"),
    el("p", {}, "Failed logins over SMTP AUTH and HTTP, by client address, by address and name, and by name. A block "
      + "ends by itself when its time is up; a name alone is only ever slowed, never blocked."),
    entries.length === 0
      ? el("p", {}, "No failed logins now.")
      : table(
          "Who is failing to log in now",
          ["Protocol", "Kind", "Address", "Name", "Failures", "Blocked until", "Next failure waits"],
          entries.map((e) =>
            el(
              "tr",
              { class: e.blockedUntil ? "over" : "" },
              el("td", {}, e.protocol),
              el("td", {}, e.kind.toLowerCase().replaceAll("_", " ")),
              el("td", {}, e.address || "any"),
              el("td", {}, e.name || "any"),
              el("td", {}, e.failures),
              el("td", {}, e.blockedUntil ? when(e.blockedUntil) : "not blocked"),
              el("td", {}, e.nextFailureDelaySeconds ? `${e.nextFailureDelaySeconds} s` : "—"),
            ),
          ),
        ),
  );
}
