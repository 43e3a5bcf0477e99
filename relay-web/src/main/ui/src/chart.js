// The dashboard's charts: uPlot (a kept, 50 KB time-series library, bundled by Vite; nothing is fetched from elsewhere).
// It draws on a canvas and styles through the CSSOM, which the page's Content-Security-Policy allows; the same figures
// are in a table beside each chart for readers who cannot see it (WCAG 2.1, 1.1.1).
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/**
 * A line chart per day in {@code container}: one line for each of {@code series} ({@code label}, {@code value} of a
 * row, {@code stroke}, and a {@code dash} so that lines differ by more than hue: WCAG 2.1, 1.4.1 and 1.4.11).
 */
export function dailyChart(container, rows, series, axis) {
  const days = rows.map((row) => Date.parse(`${row.day}T00:00:00Z`) / 1000);
  const data = [days, ...series.map((line) => rows.map((row) => line.value(row) ?? 0))];
  return new uPlot(
    {
      width: Math.min(container.clientWidth || 800, 960),
      height: 260,
      series: [{}, ...series.map(({ label, stroke, dash }) => ({ label, stroke, width: 2, dash }))],
      axes: [{}, { label: axis.label, values: (chart, ticks) => ticks.map(axis.format || String), size: 70 }],
      scales: { x: { time: true }, y: axis.range ? { range: axis.range } : {} },
    },
    data,
    container,
  );
}
