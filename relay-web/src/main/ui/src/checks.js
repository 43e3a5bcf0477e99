// The pre-send checks of a template (POST /api/v1/templates/{name}/checks): each check's verdict in words, not colour
// alone (WCAG 2.1, 1.4.1), with what was found and how to fix it. A failing check blocks sending to an audience unless
// the sender overrides it with a written reason when the campaign starts.
import { call } from "./api.js";
import { alert, el, field } from "./dom.js";

const VERDICTS = { pass: "Pass", warn: "Warning", fail: "Fail" };

/**
 * The panel for the compose page: `name` is the template's; `version`, `from` and `data` are read when the checks run,
 * so they follow the page's latest save, From field and sample data.
 */
export function checksPanel({ name, version, from, data }) {
  const stream = el("select", { name: "stream" },
    el("option", { value: "bulk" }, "Bulk (newsletters, campaigns)"),
    el("option", { value: "transactional" }, "Transactional (receipts, notifications)"));
  const status = el("div", { "aria-live": "polite" });
  const results = el("div", { class: "checks" });
  const button = el("button", { type: "button", onclick: () => run() }, "Run the checks");

  async function run() {
    if (!version()) {
      status.replaceChildren(alert("Save the template first: the checks look at a saved version."));
      return;
    }
    button.disabled = true;
    results.replaceChildren();
    status.replaceChildren(el("p", {}, "Checking: links are fetched and SpamAssassin is asked, which takes a few seconds."));
    try {
      const report = await call("POST", `/templates/${encodeURIComponent(name)}/checks`, {
        version: version(),
        from: from(),
        stream: stream.value,
        data: data(),
      });
      status.replaceChildren(summary(report));
      results.replaceChildren(el("ul", { class: "check-list" }, report.checks.map(result)));
    } catch (error) {
      const invalid = (error.problem?.["invalid-params"] || []).map((p) => `${p.name}: ${p.reason}`);
      status.replaceChildren(alert(invalid.join("; ") || error.message));
    } finally {
      button.disabled = false;
    }
  }

  return el("section", { "aria-labelledby": "checks-heading" },
    el("h2", { id: "checks-heading" }, "Pre-send checks"),
    el("p", {}, "Uses the newest saved version, the From address above and the sample data."),
    el("div", { class: "search" }, field("Send as", stream), button),
    status,
    results);
}

function summary(report) {
  const failed = report.checks.filter((c) => c.verdict === "fail").length;
  const warned = report.checks.filter((c) => c.verdict === "warn").length;
  return report.blocksSending
    ? el("p", { class: "alert" }, `Sending is blocked: ${failed} ${failed === 1 ? "check fails" : "checks fail"}. `
      + "Fix them, or give a written reason to send anyway when you start the campaign.")
    : el("p", {}, `Nothing blocks sending${warned ? `; ${warned} ${warned === 1 ? "warning" : "warnings"} to look at` : ""}.`);
}

function result(check) {
  return el("li", { class: `check ${check.verdict}` },
    el("p", { class: "check-title" }, el("span", { class: "verdict" }, VERDICTS[check.verdict] || check.verdict), " ", check.title),
    el("p", { class: "why" }, check.why),
    check.fix ? el("p", { class: "fix" }, el("strong", {}, "How to fix: "), check.fix) : null);
}
