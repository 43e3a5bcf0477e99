// Outpost's web UI: a hash-routed single page on the tenant API (issue 12). Every request goes through api.js; every
// value from the server reaches the page through dom.js as text.
import { call, currentSession, signIn, signOut } from "./api.js";
import { alert, el, field, problemText, show } from "./dom.js";
import { audiencePage, audiencesPage } from "./audiences.js";
import { composePage, templatesPage } from "./compose.js";
import { dashboardOfPage, dashboardPage } from "./dashboard.js";
import { domainPage, domainsPage } from "./domains.js";
import { explain } from "./explain.js";
import { dispatch } from "./router.js";
import { keysPage } from "./keys.js";
import { suppressionsPage } from "./lists.js";
import { campaignPage, campaignsPage, newCampaignPage } from "./campaigns.js";
import { isOperatorPage, operatorRoute } from "./operator.js";
import { webhookPage, webhooksPage } from "./webhooks.js";

let session = null;

const routes = [
  [/^#\/invitation\/([A-Za-z0-9_-]+)$/, (token) => invitationPage(token), false],
  [/^#\/sign-in$/, () => signInPage(), false],
  [/^#\/messages\/(\d+)$/, (id) => messagePage(id), true],
  [/^#\/messages$/, () => messagesPage(), true],
  [/^#\/dashboard$/, () => dashboardPage(), true],
  [/^#\/dashboard\/(domain|tag)\/([^/]+)$/, (by, value) => dashboardOfPage(by, decodeURIComponent(value)), true],
  [/^#\/keys$/, () => keysPage(), true],
  [/^#\/audiences$/, () => audiencesPage(), true],
  [/^#\/audiences\/([^/]+)$/, (id) => audiencePage(decodeURIComponent(id)), true],
  [/^#\/webhooks$/, () => webhooksPage(), true],
  [/^#\/webhooks\/(\d+)$/, (id) => webhookPage(id), true],
  [/^#\/templates$/, () => templatesPage(), true],
  [/^#\/suppressions$/, () => suppressionsPage(), true],
  [/^#\/domains$/, () => domainsPage(), true],
  [/^#\/domains\/([A-Za-z0-9.-]+)$/, (name) => domainPage(name), true],
  [/^#\/templates\/([a-z0-9][a-z0-9._-]*)$/, (name) => composePage(name), true],
  [/^#\/campaigns$/, () => campaignsPage(), true],
  [/^#\/campaigns\/new$/, () => newCampaignPage(), true],
  [/^#\/campaigns\/(\d+)$/, (id) => campaignPage(id), true],
];

async function route() {
  const hash = location.hash || "#/messages";
  navigation();
  if (isOperatorPage(hash)) {
    await operatorRoute(hash);
    return;
  }
  await dispatch(routes, hash, {
    signedIn: () => session !== null,
    ended: () => {
      session = null;
      navigation();
    },
    signIn: "#/sign-in",
    home: "#/messages",
  });
}

function navigation() {
  // Each navigation on its own pages only: the tenant's never shows the operator's links, nor the other way round.
  document.getElementById("nav").hidden = !session || isOperatorPage(location.hash);
  if (!isOperatorPage(location.hash)) {
    document.getElementById("operator-nav").hidden = true;
  }
}

function signInPage() {
  const tenant = el("input", { type: "text", name: "tenant", autocomplete: "organization", required: true });
  const email = el("input", { type: "email", name: "email", autocomplete: "username", required: true });
  const password = el("input", {
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: true,
  });
  const problem = el("div", { "aria-live": "polite" });
  const form = el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          session = await signIn(tenant.value.trim(), email.value, password.value);
          navigation();
          location.hash = "#/messages";
        } catch (error) {
          problem.replaceChildren(alert(error.message));
        }
      },
    },
    field("Tenant", tenant),
    field("Email address", email),
    field("Password", password),
    problem,
    el("button", { type: "submit" }, "Sign in"),
  );
  show(el("h1", {}, "Sign in"), form);
}

function invitationPage(token) {
  const password = el("input", { type: "password", name: "password", autocomplete: "new-password", required: true });
  const problem = el("div", { "aria-live": "polite" });
  const form = el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const user = await call("POST", "/invitations", { token, password: password.value });
          show(
            el("h1", {}, "Welcome"),
            el("p", {}, `${user.email} can now sign in to ${user.tenant}.`),
            el("p", {}, el("a", { href: "#/sign-in" }, "Sign in")),
          );
        } catch (error) {
          problem.replaceChildren(alert(error.field("password") || error.message));
        }
      },
    },
    field("Choose a password (at least 12 characters)", password),
    problem,
    el("button", { type: "submit" }, "Set password"),
  );
  show(el("h1", {}, "Accept your invitation"), form);
}

async function messagesPage() {
  const params = new URLSearchParams(location.search);
  const recipient = el("input", { type: "search", name: "recipient", value: params.get("recipient") || "" });
  const state = el(
    "select",
    { name: "state" },
    ["", "QUEUED", "DEFERRED", "DELIVERED", "BOUNCED", "EXPIRED", "SUPPRESSED", "CANCELLED", "PURGED"].map((value) =>
      el("option", { value, selected: value === (params.get("state") || "") }, value || "any"),
    ),
  );
  const id = el("input", { type: "text", name: "id", inputmode: "numeric", pattern: "[0-9]+" });
  const messageId = el("input", { type: "search", name: "messageId" });
  const tag = el("input", { type: "search", name: "tag" });
  const results = el("div", { "aria-live": "polite" });
  const search = async () => {
    const query = new URLSearchParams({ limit: "50" });
    if (recipient.value) query.set("recipient", recipient.value.trim());
    if (messageId.value) query.set("messageId", messageId.value.trim());
    if (tag.value.trim()) query.set("tag", tag.value.trim());
    if (state.value) query.set("state", state.value);
    const page = await call("GET", `/messages?${query}`);
    results.replaceChildren(messagesTable(page.messages));
  };
  const form = el(
    "form",
    {
      class: "search",
      role: "search",
      onsubmit: async (event) => {
        event.preventDefault();
        if (id.value.trim()) {
          // Outpost's own id names one message: its page, where another tenant's is "Not found".
          location.hash = `#/messages/${encodeURIComponent(id.value.trim())}`;
          return;
        }
        try {
          await search();
        } catch (error) {
          results.replaceChildren(alert(problemText(error)));
        }
      },
    },
    field("Outpost id", id),
    field("Recipient", recipient),
    field("Message-ID", messageId),
    field("Tag", tag),
    field("State", state),
    el("button", { type: "submit" }, "Search"),
  );
  show(el("h1", {}, "Messages"), form, results);
  await search();
}

function messagesTable(messages) {
  if (messages.length === 0) {
    return el("p", {}, "No messages match.");
  }
  return el(
    "table",
    {},
    el("caption", {}, "Newest first"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Received"), el("th", { scope: "col" }, "From"),
      el("th", { scope: "col" }, "Recipients"), el("th", { scope: "col" }, "Message"))),
    el(
      "tbody",
      {},
      messages.map((message) =>
        el(
          "tr",
          {},
          el("td", {}, new Date(message.receivedAt).toLocaleString()),
          el("td", {}, message.sender),
          el("td", {}, message.recipients.map((r) => `${r.address} (${r.state.toLowerCase()})`).join(", ")),
          el("td", {}, el("a", { href: `#/messages/${message.id}` }, `#${message.id}`)),
        ),
      ),
    ),
  );
}

async function messagePage(id) {
  const story = await call("GET", `/messages/${id}`);
  const byRecipient = new Map(story.recipients.map((r) => [r.id, r.address]));
  show(
    el("h1", {}, `Message #${story.id}`),
    el("dl", {}, el("dt", {}, "From"), el("dd", {}, story.sender), el("dt", {}, "Received"),
      el("dd", {}, new Date(story.receivedAt).toLocaleString()), el("dt", {}, "Message-ID"),
      el("dd", {}, story.messageId || "—")),
    el("h2", {}, "Recipients"),
    el("ul", {}, story.recipients.map((r) => el("li", {}, `${r.address}: ${r.state.toLowerCase()}`))),
    el("h2", {}, "Timeline"),
    el(
      "ol",
      { class: "timeline" },
      story.events.map((event) =>
        el(
          "li",
          {},
          el("time", { datetime: event.at }, new Date(event.at).toLocaleString()),
          " ",
          el("strong", {}, event.kind.toLowerCase()),
          event.recipient ? ` — ${byRecipient.get(event.recipient) || ""}` : "",
          el("p", { class: "why" }, explain(event.kind, event.detail)),
          el("p", { class: "detail" }, event.detail),
        ),
      ),
    ),
    el("p", {}, el("a", { href: "#/messages" }, "Back to the messages")),
  );
}

document.getElementById("sign-out").addEventListener("click", async () => {
  await signOut();
  session = null;
  navigation();
  location.hash = "#/sign-in";
});

window.addEventListener("hashchange", route);
try {
  session = await currentSession();
} catch (error) {
  // The server could not say: show the sign-in page, which says what goes wrong next.
  session = null;
}
navigation();
route();
