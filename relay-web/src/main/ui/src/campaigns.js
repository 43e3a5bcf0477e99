// Campaigns: a template version sent to an audience (or a segment of it by one attribute) now or at a time, after the
// pre-send checks; a failing check is sent only with a written reason. A campaign's page shows its progress while it
// goes out (polled every 2 s), its recipients by outcome, its check report, and for senders pause, resume and cancel.
import { ApiError, call, readsOnly } from "./api.js";
import { alert, el, field, show } from "./dom.js";
import { dailyChart } from "./chart.js";

const POLL_MS = 2000;

// Each campaign's figures over the last 30 days, from the statistics by tag (a campaign's messages carry its tag).
function figuresByTag(rows) {
  const byTag = new Map();
  for (const row of rows) {
    const sum = byTag.get(row.tag) || { delivered: 0, bounced: 0, complained: 0, opened: 0, clicked: 0 };
    sum.delivered += row.delivered || 0;
    sum.bounced += row.bounced || 0;
    sum.complained += row.complained || 0;
    sum.opened += row.opened?.human || 0;
    sum.clicked += row.clicked?.human || 0;
    byTag.set(row.tag, sum);
  }
  return byTag;
}

export async function campaignsPage() {
  const [listed, stats] = await Promise.all([call("GET", "/campaigns"), call("GET", "/stats?by=tag")]);
  const figures = figuresByTag(stats.rows);
  const none = { delivered: 0, bounced: 0, complained: 0, opened: 0, clicked: 0 };
  show(
    el("h1", {}, "Campaigns"),
    readsOnly() ? null : el("p", {}, el("a", { href: "#/campaigns/new" }, "New campaign")),
    listed.campaigns.length === 0
      ? el("p", {}, "No campaigns yet.")
      : el(
          "table",
          {},
          el("caption", {}, "Newest first, with each one's figures over the last 30 days"),
          el("thead", {}, el("tr", {}, ["Campaign", "State", "Queued", "Sends at", "Delivered", "Bounced",
            "Complaints", "Opens (people)", "Clicks (people)"].map((name) => el("th", { scope: "col" }, name)))),
          el(
            "tbody",
            {},
            listed.campaigns.map((campaign) =>
              el(
                "tr",
                {},
                el("td", {}, el("a", { href: `#/campaigns/${campaign.id}` }, campaign.name)),
                el("td", {}, campaign.state),
                el("td", {}, `${campaign.progress.submitted} of ${campaign.progress.total}`),
                el("td", {}, new Date(campaign.sendAt).toLocaleString()),
                ["delivered", "bounced", "complained", "opened", "clicked"].map((key) =>
                  el("td", {}, (figures.get(campaign.tag) || none)[key])),
              ),
            ),
          ),
        ),
  );
}

export async function newCampaignPage() {
  const [templates, audiences] = await Promise.all([call("GET", "/templates"), call("GET", "/audiences")]);
  const name = el("input", { type: "text", name: "name", required: true, maxlength: 200 });
  const template = el("select", { name: "template", required: true },
    templates.templates.map((t) => el("option", { value: t.name }, t.name)));
  const version = el("select", { name: "version" });
  const audience = el("select", { name: "audience", required: true },
    audiences.audiences.map((a) => el("option", { value: a.id }, a.name)));
  const attribute = el("input", { type: "text", name: "segmentAttribute", placeholder: "city" });
  const value = el("input", { type: "text", name: "segmentValue", placeholder: "Lyon" });
  const from = el("input", { type: "email", name: "from", required: true });
  const when = el("select", { name: "when" }, el("option", { value: "now" }, "Now"),
    el("option", { value: "later" }, "At a time"));
  const at = el("input", { type: "datetime-local", name: "sendAt" });
  const atField = field("Send at (your time)", at);
  atField.hidden = true;
  when.addEventListener("change", () => { atField.hidden = when.value !== "later"; });
  const outcome = el("div", { "aria-live": "polite" });

  const versions = async () => {
    if (!template.value) return;
    const listed = await call("GET", `/templates/${encodeURIComponent(template.value)}/versions`);
    version.replaceChildren(el("option", { value: "" }, "Newest"),
      ...listed.versions.map((v) => el("option", { value: String(v.version) }, `Version ${v.version}`)));
  };
  template.addEventListener("change", versions);
  await versions();

  const request = (reason) => {
    const body = { name: name.value, template: template.value, audience: audience.value, from: from.value };
    if (version.value) body.version = Number(version.value);
    if (attribute.value.trim()) body.segment = { attribute: attribute.value.trim(), value: value.value };
    if (when.value === "later" && at.value) body.sendAt = new Date(at.value).toISOString();
    if (reason !== undefined) body.override = { reason };
    return body;
  };
  const submit = async (reason) => {
    try {
      const created = await call("POST", "/campaigns", request(reason));
      location.hash = `#/campaigns/${created.id}`;
    } catch (error) {
      outcome.replaceChildren(...problemOf(error, submit));
    }
  };

  show(
    el("h1", {}, "New campaign"),
    templates.templates.length === 0 || audiences.audiences.length === 0
      ? el("p", {}, "A campaign needs a saved template and an audience with confirmed subscribers.")
      : null,
    el(
      "form",
      { onsubmit: (event) => { event.preventDefault(); submit(); } },
      field("Name", name),
      field("Template", template),
      field("Version", version),
      field("Audience", audience),
      el("fieldset", {}, el("legend", {}, "Segment (optional): subscribers whose attribute has this value"),
        field("Attribute", attribute), field("Value", value)),
      field("From", from),
      field("Send", when),
      atField,
      outcome,
      el("button", { type: "submit" }, "Check and send"),
    ),
  );
}

// What the server said: the failing checks with a box for the written reason to send anyway, or the fields to fix.
function problemOf(error, submit) {
  if (!(error instanceof ApiError)) {
    return [alert(error.message)];
  }
  if (error.status === 422 && error.problem?.checks) {
    const reason = el("textarea", { name: "overrideReason", rows: 3, maxlength: 500, required: true });
    return [
      alert("The pre-send checks failed. Fix the template, or send anyway with a written reason, which is kept."),
      checksTable(error.problem.checks, "Failing checks"),
      el(
        "div",
        { class: "override" },
        field("Reason to send anyway", reason),
        el("button", {
          type: "button",
          onclick: () => {
            if (reason.value.trim()) submit(reason.value.trim());
            else reason.focus();
          },
        }, "Send anyway"),
      ),
    ];
  }
  const invalid = (error.problem?.["invalid-params"] || []).map((p) => `${p.name}: ${p.reason}`);
  return [alert(invalid.join("; ") || error.message)];
}

function checksTable(checks, caption) {
  return el(
    "table",
    { class: "checks" },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, ["Check", "Verdict", "Why", "How to fix"].map((name) =>
      el("th", { scope: "col" }, name)))),
    el("tbody", {}, checks.map((check) =>
      el("tr", { class: `verdict-${check.verdict}` }, el("th", { scope: "row" }, check.title),
        el("td", {}, check.verdict), el("td", {}, check.why), el("td", {}, check.fix || "—")))),
  );
}

export async function campaignPage(id) {
  let campaign = await call("GET", `/campaigns/${id}`);
  const here = location.hash;
  const status = el("div", { "aria-live": "polite" });
  const actions = el("div", { class: "actions" });
  const message = el("div", { "aria-live": "polite" });
  const counts = el("div");
  const chart = el("figure", { class: "chart", "aria-describedby": "campaign-daily" });
  const daily = el("div");

  const act = async (action) => {
    try {
      await call("POST", `/campaigns/${id}/${action}`, {});
      message.replaceChildren();
      await refresh();
    } catch (error) {
      message.replaceChildren(alert(error.message));
    }
  };
  const render = () => {
    const progress = campaign.progress;
    // replaceChildren writes a null as the text "null": what is absent is left out first.
    status.replaceChildren(...[
      el("p", {}, `State: ${campaign.state}`),
      el("label", { for: "campaign-progress" }, `Queued ${progress.submitted} of ${progress.total}`),
      // The total is counted when the campaign is created; subscribers confirmed since are sent to as well.
      el("progress", {
        id: "campaign-progress",
        max: Math.max(progress.total, progress.submitted + progress.refused, 1),
        value: progress.submitted + progress.refused,
      }),
      progress.refused ? el("p", {}, `${progress.refused} could not be queued (refused, or their data does not fit the template).`) : null,
      campaign.waitingBecause ? el("p", { class: "alert" }, campaign.waitingBecause) : null,
    ].filter(Boolean));
    if (!readsOnly()) {
      const allowed = {
        pause: ["scheduled", "sending"].includes(campaign.state),
        resume: campaign.state === "paused",
        cancel: !["sent", "cancelled"].includes(campaign.state),
      };
      actions.replaceChildren(...[
        allowed.pause ? el("button", { type: "button", onclick: () => act("pause") }, "Pause") : null,
        allowed.resume ? el("button", { type: "button", onclick: () => act("resume") }, "Resume") : null,
        allowed.cancel ? el("button", { type: "button", onclick: () => act("cancel") }, "Cancel") : null,
      ].filter(Boolean));
    }
    counts.replaceChildren(outcomes(campaign));
    daily.replaceChildren(dailyCampaignTable(campaign.daily));
  };
  const refresh = async () => {
    campaign = await call("GET", `/campaigns/${id}`);
    render();
  };
  const poll = () => {
    setTimeout(async () => {
      if (location.hash !== here) return;
      try {
        await refresh();
      } catch (error) {
        message.replaceChildren(alert(error.message));
      }
      // While it sends, and until its queued messages have had their first attempt; a deferral may last hours.
      if (["sending", "scheduled"].includes(campaign.state) || campaign.recipients.queued > 0) {
        poll();
      }
    }, POLL_MS);
  };

  show(
    el("h1", {}, `Campaign ${campaign.name}`),
    el("dl", {}, el("dt", {}, "Template"), el("dd", {}, `${campaign.template.name}, version ${campaign.template.version}`),
      el("dt", {}, "Audience"), el("dd", {}, campaign.audience),
      el("dt", {}, "Segment"), el("dd", {}, campaign.segment ? `${campaign.segment.attribute} = ${campaign.segment.value}` : "everyone confirmed"),
      el("dt", {}, "From"), el("dd", {}, campaign.from),
      el("dt", {}, "Sends at"), el("dd", {}, new Date(campaign.sendAt).toLocaleString()),
      el("dt", {}, "Created by"), el("dd", {}, campaign.createdBy)),
    el("h2", {}, "Progress"),
    status,
    actions,
    message,
    el("p", {}, "Pausing or cancelling stops the batches still to come; messages already queued still go out."),
    el("h2", {}, "Recipients"),
    counts,
    el("h2", {}, "Per day"),
    chart,
    daily,
    el("h2", {}, "Pre-send checks"),
    checksTable(campaign.checks, "As the campaign was created"),
    campaign.override
      ? el("p", { class: "override" }, `Sent despite failing checks by ${campaign.override.by} at `
        + `${new Date(campaign.override.at).toLocaleString()}: ${campaign.override.reason}`)
      : null,
    el("p", {}, el("a", { href: "#/campaigns" }, "Back to the campaigns")),
  );
  render();
  if (campaign.daily.length > 0) {
    dailyChart(chart, campaign.daily);
  }
  poll();
}

function outcomes(campaign) {
  const r = campaign.recipients;
  const e = campaign.engagement;
  const rows = [
    ["Queued, not yet tried", r.queued],
    ["Delivered", r.delivered],
    ["Deferred (will be retried)", r.deferred],
    ["Bounced", r.bounced],
    ["Expired", r.expired],
    ["Suppressed", r.suppressed],
    ["Complaints", e.complained],
    ["Opens (people)", e.opened.human],
    ["Opens (machines)", e.opened.machine],
    ["Clicks (people)", e.clicked.human],
    ["Clicks (machines)", e.clicked.machine],
    ["Unsubscribes", e.unsubscribed],
  ];
  return el(
    "table",
    { id: "campaign-counts" },
    el("caption", {}, "The campaign's recipients by outcome"),
    el("tbody", {}, rows.map(([name, value]) => el("tr", {}, el("th", { scope: "row" }, name), el("td", {}, value ?? 0)))),
  );
}

function dailyCampaignTable(rows) {
  return el(
    "table",
    { id: "campaign-daily" },
    el("caption", {}, "The campaign's recipients per day"),
    el("thead", {}, el("tr", {}, ["Day", "Sent", "Delivered", "Deferred", "Bounced", "Complaints"].map((name) =>
      el("th", { scope: "col" }, name)))),
    el("tbody", {}, rows.map((row) =>
      el("tr", {}, el("th", { scope: "row" }, row.day), [row.sent, row.delivered, row.deferred, row.bounced,
        row.complained].map((value) => el("td", {}, value ?? 0))))),
  );
}
