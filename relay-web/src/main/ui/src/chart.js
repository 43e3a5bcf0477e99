// The dashboard's chart: uPlot (a kept, 50 KB time-series library, bundled by Vite; nothing is fetched from elsewhere).
// It draws on a canvas and styles through the CSSOM, which the page's Content-Security-Policy allows; the same figures
// are in a table beside it for readers who cannot see it (WCAG 2.1, 1.1.1).
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

// Colours told apart by more than hue, and dark enough against white (WCAG 2.1, 1.4.11).
const SERIES = [
  { label: "Delivered", key: "delivered", stroke: "#1b5e20", width: 2 },
  { label: "Deferred", key: "deferred", stroke: "#8a6d00", width: 2, dash: [6, 4] },
  { label: "Bounced", key: "bounced", stroke: "#b71c1c", width: 2, dash: [2, 3] },
];

/** A line chart of the rows' counts per day, in {@code container}. */
export function dailyChart(container, rows) {
  const days = rows.map((row) => Date.parse(`${row.day}T00:00:00Z`) / 1000);
  const data = [days, ...SERIES.map((series) => rows.map((row) => row[series.key] ?? 0))];
  return new uPlot(
    {
      width: Math.min(container.clientWidth || 800, 960),
      height: 280,
      series: [{}, ...SERIES.map(({ label, stroke, width, dash }) => ({ label, stroke, width, dash }))],
      axes: [{}, { label: "recipients" }],
      // A day either side: a single day's point would otherwise be stretched over years.
      scales: { x: { time: true, range: (chart, min, max) => [min - 86400, max + 86400] } },
    },
    data,
    container,
  );
}
