// The dashboard: what the tenant's mail did per day (sent, delivered, deferred, bounced, complaints, opens and clicks
// by people and by machines, unsubscribes), for all its mail, one sending domain or one tag, as charts and tables,
// with the complaint and hard-bounce rates drawn against their limits. Read from GET /api/v1/stats.
import { call } from "./api.js";
import { dailyChart } from "./chart.js";
import { el, show, table } from "./dom.js";

// Gmail's and Yahoo's complaint limit (0.3 %) and the hard-bounce rate at which Outpost pauses bulk mail (5 %).
const COMPLAINT_LIMIT = 0.003;
const HARD_BOUNCE_LIMIT = 0.05;

const complaintRate = (row) => (row.delivered ? (row.complained || 0) / row.delivered : 0);
const hardBounceRate = (row) => {
  const attempted = (row.delivered || 0) + (row.bounced || 0);
  return attempted ? (row.bouncedHard || 0) / attempted : 0;
};
const percent = (rate) => `${(rate * 100).toFixed(2)} %`;

// What a row holds, as the tables and charts name it.
const FIGURES = [
  ["Sent", (r) => r.sent],
  ["Delivered", (r) => r.delivered],
  ["Deferred", (r) => r.deferred],
  ["Bounced", (r) => r.bounced],
  ["Hard bounces", (r) => r.bouncedHard],
  ["Complaints", (r) => r.complained],
  ["Opens (people)", (r) => r.opened?.human],
  ["Opens (machines)", (r) => r.opened?.machine],
  ["Clicks (people)", (r) => r.clicked?.human],
  ["Clicks (machines)", (r) => r.clicked?.machine],
  ["Unsubscribes", (r) => r.unsubscribed],
];

/** All the tenant's mail, with its sending domains and tags to choose from. */
export async function dashboardPage() {
  const [all, byDomain, byTag] = await Promise.all(["day", "domain", "tag"].map((by) => call("GET", `/stats?by=${by}`)));
  show(
    el("h1", {}, "Dashboard"),
    el("p", {}, `From ${all.from} until ${all.until}, all your mail.`),
    figures(all.rows, all.totals),
    el("h2", {}, "Per sending domain"),
    perValue(byDomain.rows, "domain", "Sending domain"),
    el("h2", {}, "Per tag"),
    perValue(byTag.rows, "tag", "Tag"),
  );
  drawCharts(everyDay(all.rows, all));
}

// A row for every day of the period, one with nothing counted for a day the API left out: the charts then span the
// period, and a limit is a line across it.
function everyDay(rows, period) {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days = [];
  for (let day = new Date(`${period.from}T00:00:00Z`); day <= new Date(`${period.until}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1)) {
    const name = day.toISOString().slice(0, 10);
    days.push(byDay.get(name) || { day: name });
  }
  return days;
}

/** One sending domain's ({@code by} domain) or tag's mail. */
export async function dashboardOfPage(by, value) {
  const stats = await call("GET", `/stats?by=${by}`);
  const rows = stats.rows.filter((row) => row[by] === value);
  show(
    el("h1", {}, `Dashboard: ${by === "domain" ? "sending domain" : "tag"} ${value}`),
    el("p", {}, `From ${stats.from} until ${stats.until}.`),
    rows.length === 0 ? el("p", {}, `Nothing counted for ${value} in this period.`)
      : figures(rows, sum(rows)),
    el("p", {}, el("a", { href: "#/dashboard" }, "Back to all your mail")),
  );
  drawCharts(everyDay(rows, stats));
}

function figures(rows, totals) {
  const daily = table("Recipients per day", ["Day", ...FIGURES.map(([name]) => name)],
    rows.map((row) => [row.day, ...FIGURES.map(([, value]) => String(value(row) ?? 0))]));
  daily.id = "daily";
  return [
    el("h2", {}, "Against the limits"),
    rates(totals),
    el("h2", {}, "Per day"),
    chartFigure("volume", "Recipients per day: delivered, deferred and bounced"),
    chartFigure("engagement", "Opens, clicks and unsubscribes per day, people apart from machines"),
    chartFigure("complaints", "Complaint rate per day against its limit (0.3 %)"),
    chartFigure("hard-bounces", "Hard-bounce rate per day against its limit (5 %)"),
    daily,
    table("Totals", ["Figure", "Count"], FIGURES.map(([name, value]) => [name, String(value(totals) ?? 0)])),
  ];
}

function chartFigure(name, caption) {
  return el("figure", { class: "chart", "data-chart": name, "aria-describedby": "daily" }, el("figcaption", {}, caption));
}

// After show(): uPlot measures the figure it draws in.
function drawCharts(rows) {
  if (!document.querySelector("figure[data-chart]")) {
    return;
  }
  const chart = (name) => document.querySelector(`figure[data-chart=${name}]`);
  dailyChart(chart("volume"), rows, [
    { label: "Delivered", value: (r) => r.delivered, stroke: "#1b5e20" },
    { label: "Deferred", value: (r) => r.deferred, stroke: "#8a6d00", dash: [6, 4] },
    { label: "Bounced", value: (r) => r.bounced, stroke: "#b71c1c", dash: [2, 3] },
  ], { label: "recipients" });
  dailyChart(chart("engagement"), rows, [
    { label: "Opens (people)", value: (r) => r.opened?.human, stroke: "#0b5394" },
    { label: "Opens (machines)", value: (r) => r.opened?.machine, stroke: "#0b5394", dash: [2, 3] },
    { label: "Clicks (people)", value: (r) => r.clicked?.human, stroke: "#6a1b9a" },
    { label: "Clicks (machines)", value: (r) => r.clicked?.machine, stroke: "#6a1b9a", dash: [2, 3] },
    { label: "Unsubscribes", value: (r) => r.unsubscribed, stroke: "#4e342e", dash: [8, 4] },
  ], { label: "events" });
  rateChart(chart("complaints"), rows, "Complaint rate", complaintRate, COMPLAINT_LIMIT);
  rateChart(chart("hard-bounces"), rows, "Hard-bounce rate", hardBounceRate, HARD_BOUNCE_LIMIT);
}

// The rate per day and its limit as a dashed line, the scale reaching above the limit so the line always shows.
function rateChart(container, rows, label, rate, limit) {
  dailyChart(container, rows, [
    { label, value: (r) => rate(r) * 100, stroke: "#123a5c" },
    { label: `Limit (${(limit * 100).toFixed(1)} %)`, value: () => limit * 100, stroke: "#8b0000", dash: [10, 5] },
  ], {
    label: "% of recipients",
    format: (tick) => `${tick} %`,
    range: (chart, min, max) => [0, Math.max(max, limit * 100 * 1.5)],
  });
}

function rates(totals) {
  const line = (name, rate, limit) =>
    el(
      "tr",
      { class: rate > limit ? "over" : "" },
      el("th", { scope: "row" }, name),
      el("td", {}, percent(rate)),
      el("td", {}, `${(limit * 100).toFixed(1)} %`),
      el("td", {}, rate > limit ? "over the limit" : "within"),
    );
  return el(
    "table",
    {},
    el("caption", {}, "Rates over the period"),
    el("thead", {}, el("tr", {}, ["Rate", "Now", "Limit", "State"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, line("Complaints", complaintRate(totals), COMPLAINT_LIMIT),
      line("Hard bounces", hardBounceRate(totals), HARD_BOUNCE_LIMIT)),
  );
}

// Each sending domain's or tag's totals over the period, with its rates, linking to its own charts.
function perValue(rows, by, heading) {
  const byValue = new Map();
  rows.forEach((row) => byValue.set(row[by], [...(byValue.get(row[by]) || []), row]));
  if (byValue.size === 0) {
    return el("p", {}, "Nothing counted in this period.");
  }
  return table(`${heading}s over the period`, [heading, "Sent", "Delivered", "Bounced", "Complaint rate", "Hard-bounce rate"],
    [...byValue.entries()].map(([value, its]) => {
      const total = sum(its);
      return [el("a", { href: `#/dashboard/${by}/${encodeURIComponent(value)}` }, value), String(total.sent),
        String(total.delivered), String(total.bounced), percent(complaintRate(total)), percent(hardBounceRate(total))];
    }));
}

// The rows' counts added up, nested ones ({"opened": {"human", "machine"}}) too: the totals of a domain or a tag.
function sum(rows) {
  const add = (into, row) => {
    for (const [name, value] of Object.entries(row)) {
      if (typeof value === "number") {
        into[name] = (into[name] || 0) + value;
      } else if (value && typeof value === "object") {
        into[name] = add(into[name] || {}, value);
      }
    }
    return into;
  };
  return rows.reduce(add, {});
}
