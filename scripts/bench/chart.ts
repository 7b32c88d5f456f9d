// The throughput chart of docs/BENCHMARKS.md, written as plain SVG: one group of bars per endpoint, one bar
// per target (median requests/s), a thin line for the min–max of the runs, and the value on each bar.
import type { LoadSummary } from './load.ts';
import type { TargetName } from './targets.ts';

const COLORS: Record<TargetName, string> = { ceiling: '#9ca3af', sandbox: '#2563eb', prism: '#f59e0b' };
const LABELS: Record<TargetName, string> = { ceiling: 'node:http ceiling', sandbox: 'sandbox', prism: 'Prism mock' };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A "nice" axis maximum (1, 2 or 5 × 10^n) at or above `v`. */
function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

export function throughputSvg(load: LoadSummary[], subtitle: string): string {
  const targets = [...new Set(load.map((l) => l.target))];
  const endpoints = [...new Set(load.map((l) => l.endpoint))];
  const W = 720;
  const H = 380;
  const left = 70;
  const right = 20;
  const top = 60;
  const bottom = 70;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const max = niceMax(Math.max(1, ...load.map((l) => l.rps.max)));
  const y = (v: number): number => top + plotH - (v / max) * plotH;
  const groupW = plotW / endpoints.length;
  const barW = Math.min(90, (groupW * 0.7) / targets.length);
  const parts: string[] = [];
  parts.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">Throughput at 10 connections (requests/s, median; higher is better)</text>`);
  parts.push(`<text x="${W / 2}" y="44" text-anchor="middle" font-size="12" fill="#555">${esc(subtitle)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const v = (max / 5) * i;
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#555">${Math.round(v).toLocaleString('en-US')}</text>`);
  }
  endpoints.forEach((e, gi) => {
    const gx = left + gi * groupW + (groupW - barW * targets.length) / 2;
    targets.forEach((t, ti) => {
      const l = load.find((x) => x.target === t && x.endpoint === e);
      if (!l) return;
      const x = gx + ti * barW;
      const h = top + plotH - y(l.rps.median);
      const cx = x + barW / 2;
      parts.push(
        `<rect x="${x + 4}" y="${y(l.rps.median)}" width="${barW - 8}" height="${h}" fill="${COLORS[t]}"><title>${esc(LABELS[t])} GET ${esc(e)}: ${Math.round(l.rps.median)} req/s (median of ${l.rps.runs}; ${Math.round(l.rps.min)}–${Math.round(l.rps.max)})</title></rect>`,
      );
      parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(l.rps.min)}" y2="${y(l.rps.max)}" stroke="#111" stroke-width="1.5"/>`);
      parts.push(`<text x="${cx}" y="${y(l.rps.max) - 6}" text-anchor="middle" font-size="11">${Math.round(l.rps.median).toLocaleString('en-US')}</text>`);
    });
    parts.push(`<text x="${left + gi * groupW + groupW / 2}" y="${top + plotH + 20}" text-anchor="middle" font-size="13" font-family="monospace">GET ${esc(e)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#111"/>`);
  targets.forEach((t, i) => {
    const lx = left + i * 190;
    parts.push(`<rect x="${lx}" y="${H - 26}" width="14" height="14" fill="${COLORS[t]}"/>`);
    parts.push(`<text x="${lx + 20}" y="${H - 14}" font-size="12">${esc(LABELS[t])}</text>`);
  });
  parts.push(`<text x="${W - right}" y="${H - 14}" text-anchor="end" font-size="11" fill="#555">line: min–max of the runs</text>`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" role="img" aria-label="Throughput chart">\n` +
    `<rect width="${W}" height="${H}" fill="#fff"/>\n` +
    parts.join('\n') +
    '\n</svg>\n'
  );
}
