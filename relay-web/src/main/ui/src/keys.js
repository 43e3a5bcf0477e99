// The tenant's API keys and SMTP credentials, for its owners: each secret shown once, with a copy button, when it is
// made (the server keeps only its hash); revoked after a confirmation.
import { call, userRole } from "./api.js";
import { alert, el, field, problemText, show, shownOnce, table, when } from "./dom.js";

export async function keysPage() {
  if (userRole() !== "owner") {
    show(el("h1", {}, "API keys and SMTP credentials"),
      el("p", {}, "Only your tenant's owners see and make API keys and SMTP credentials."));
    return;
  }
  const shown = el("div", { "aria-live": "polite" });
  const keys = el("div");
  const credentials = el("div");
  const refresh = async () => {
    keys.replaceChildren(keysTable(await call("GET", "/api-keys"), refresh, shown));
    credentials.replaceChildren(credentialsTable(await call("GET", "/smtp-credentials"), refresh, shown));
  };
  const username = el("input", { type: "text", name: "username", autocomplete: "off" });
  show(
    el("h1", {}, "API keys and SMTP credentials"),
    shown,
    el("h2", {}, "API keys"),
    el("button", {
      type: "button",
      onclick: async () => {
        try {
          const created = await call("POST", "/api-keys");
          shown.replaceChildren(shownOnce(`The API key ${created.keyId}`, created.key));
          await refresh();
        } catch (error) {
          shown.replaceChildren(alert(problemText(error)));
        }
      },
    }, "Create an API key"),
    keys,
    el("h2", {}, "SMTP credentials"),
    el(
      "form",
      {
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            const body = username.value.trim() ? { username: username.value.trim() } : {};
            const created = await call("POST", "/smtp-credentials", body);
            shown.replaceChildren(shownOnce(`The password of the SMTP user ${created.username}`, created.password));
            username.value = "";
            await refresh();
          } catch (error) {
            shown.replaceChildren(alert(problemText(error)));
          }
        },
      },
      field("User name (left empty, one is made)", username),
      el("button", { type: "submit" }, "Create an SMTP credential"),
    ),
    credentials,
  );
  await refresh();
}

function keysTable(keys, refresh, shown) {
  if (keys.length === 0) {
    return el("p", {}, "No API keys yet.");
  }
  return table("Your API keys", ["Key id", "Created", "Last used", "State", "Action"], keys.map((key) => [
    el("code", {}, key.keyId), when(key.createdAt), when(key.lastUsedAt), state(key),
    key.revoked ? "" : revokeButton(`the API key ${key.keyId}`, `/api-keys/${encodeURIComponent(key.keyId)}`, refresh, shown),
  ]));
}

function credentialsTable(credentials, refresh, shown) {
  if (credentials.length === 0) {
    return el("p", {}, "No SMTP credentials yet.");
  }
  return table("Your SMTP credentials", ["User name", "Created", "Last used", "State", "Action"], credentials.map((c) => [
    el("code", {}, c.username), when(c.createdAt), when(c.lastUsedAt), state(c),
    c.revoked ? "" : revokeButton(`the SMTP user ${c.username}`,
      `/smtp-credentials/${encodeURIComponent(c.username)}`, refresh, shown),
  ]));
}

function state(secretHolder) {
  return secretHolder.revoked ? `revoked ${when(secretHolder.revokedAt)}` : "active";
}

function revokeButton(what, path, refresh, shown) {
  return el("button", {
    type: "button",
    "aria-label": `Revoke ${what}`,
    onclick: async () => {
      if (!window.confirm(`Revoke ${what}? Whatever uses it is refused from now on; this cannot be undone.`)) {
        return;
      }
      try {
        await call("DELETE", path);
        shown.replaceChildren(el("p", {}, `${what[0].toUpperCase()}${what.slice(1)} is revoked.`));
        await refresh();
      } catch (error) {
        shown.replaceChildren(alert(problemText(error)));
      }
    },
  }, "Revoke");
}
