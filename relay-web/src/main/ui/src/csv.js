// CSV imports: a file the reader chose, sent as it is, and what the server answered.
import { send } from "./api.js";
import { alert, el, field, problemText } from "./dom.js";

/** What a CSV import answered (web/csv/CsvImport): the counts, and the first rows refused with why. */
function importResult(result) {
  return el("div", {},
    el("p", { class: "import-counts" }, `${result.rows} rows: ${result.added} added, ${result.existing} already there, `
      + `${result.invalid} refused.`),
    result.errors.length === 0 ? "" : el("ul", {}, result.errors.map((e) => el("li", {}, `Row ${e.row}: ${e.reason}`))));
}

/** A form that sends the chosen CSV file to {@code path} and shows the counts; {@code then} runs after a success. */
export function importForm(heading, explanation, path, then) {
  const file = el("input", { type: "file", name: "csv", accept: ".csv,text/csv", required: true });
  const said = el("div", { "aria-live": "polite" });
  return el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          said.replaceChildren(importResult(await send("POST", path, await file.files[0].text(), "text/csv")));
          await then();
        } catch (error) {
          said.replaceChildren(alert(problemText(error)));
        }
      },
    },
    el("h2", {}, heading),
    el("p", {}, explanation),
    field("CSV file", file),
    said,
    el("button", { type: "submit" }, "Import"),
  );
}
