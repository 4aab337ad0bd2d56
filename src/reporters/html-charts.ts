/**
 * Inline SVG charts for the HTML report: no script, no external asset, colours from CSS classes (so the dark
 * theme and print restyle them). Every label is escaped; numbers are formatted here.
 */

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const round1 = (n: number): number => Math.round(n * 10) / 10;

export interface Bar {
  label: string;
  value: number;
  /** CSS class of the bar (`c-fail`, `c-high`, …). */
  cls: string;
  /** Text after the bar; default the value. */
  text?: string;
}

/**
 * Horizontal bars, one per row, scaled to `max` (default the largest value). `role="img"` with a title and a
 * text table fallback (`<desc>`) so a screen reader gets the numbers.
 */
export function barChart(title: string, bars: Bar[], max?: number): string {
  if (!bars.length) return '';
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const rowH = 22;
  const labelW = 170;
  const barW = 260;
  const h = bars.length * rowH + 6;
  const rows = bars
    .map((b, i) => {
      const y = i * rowH + 3;
      const w = b.value > 0 ? Math.max(2, round1((b.value / top) * barW)) : 0;
      return `<text class="lbl" x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label)}</text><rect class="track" x="${labelW}" y="${y + 3}" width="${barW}" height="14" rx="2"/><rect class="${esc(b.cls)}" x="${labelW}" y="${y + 3}" width="${w}" height="14" rx="2"/><text class="val" x="${labelW + barW + 8}" y="${y + 15}">${esc(b.text ?? fmt(b.value))}</text>`;
    })
    .join('');
  const desc = bars.map((b) => `${b.label}: ${b.text ?? fmt(b.value)}`).join('; ');
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg role="img" viewBox="0 0 ${labelW + barW + 90} ${h}" width="${labelW + barW + 90}" height="${h}"><title>${esc(title)}</title><desc>${esc(desc)}</desc>${rows}</svg></figure>`;
}

export interface Segment {
  label: string;
  value: number;
  cls: string;
}

/** One stacked bar (e.g. coverage: read / not applicable / gaps) with a legend. */
export function stackedBar(title: string, segs: Segment[]): string {
  const total = segs.reduce((n, s) => n + s.value, 0);
  const W = 520;
  let x = 0;
  const rects = segs
    .filter((s) => s.value > 0)
    .map((s) => {
      const w = total ? round1((s.value / total) * W) : 0;
      const r = `<rect class="${esc(s.cls)}" x="${round1(x)}" y="0" width="${w}" height="18"><title>${esc(`${s.label}: ${fmt(s.value)}`)}</title></rect>`;
      x += w;
      return r;
    })
    .join('');
  const legend = segs.map((s) => `<span class="key"><span class="sw ${esc(s.cls)}"></span>${esc(s.label)} ${fmt(s.value)}</span>`).join(' ');
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg role="img" viewBox="0 0 ${W} 18" width="${W}" height="18"><title>${esc(title)}</title><desc>${esc(segs.map((s) => `${s.label}: ${fmt(s.value)}`).join('; '))}</desc><rect class="track" x="0" y="0" width="${W}" height="18"/>${rects}</svg><div class="legend">${legend}</div></figure>`;
}

export interface Series {
  name: string;
  cls: string;
  /** One value per run; `null` where the run had no value (the line breaks there). */
  values: Array<number | null>;
}

/**
 * A line chart over runs (oldest left), y from 0 to `max` (default the largest value), x labelled with the
 * first and last run dates. Points carry a `<title>` tooltip with the exact value.
 */
export function lineChart(title: string, labels: string[], series: Series[], opts: { max?: number; unit?: string } = {}): string {
  if (!labels.length || !series.length) return '';
  const W = 520;
  const H = 150;
  const padL = 40;
  const padB = 20;
  const top = opts.max ?? Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const xAt = (i: number): number => round1(padL + (labels.length === 1 ? (W - padL) / 2 : (i / (labels.length - 1)) * (W - padL - 10)));
  const yAt = (v: number): number => round1(H - padB - (v / top) * (H - padB - 8));
  const unit = opts.unit ?? '';
  const lines = series
    .map((s) => {
      const parts: string[] = [];
      let d = '';
      s.values.forEach((v, i) => {
        if (v === null) {
          if (d) parts.push(d);
          d = '';
          return;
        }
        d += `${d ? 'L' : 'M'}${xAt(i)} ${yAt(v)}`;
      });
      if (d) parts.push(d);
      const dots = s.values
        .map((v, i) =>
          v === null
            ? ''
            : `<circle class="${esc(s.cls)}" cx="${xAt(i)}" cy="${yAt(v)}" r="3"><title>${esc(`${s.name}, ${labels[i]}: ${fmt(round1(v))}${unit}`)}</title></circle>`,
        )
        .join('');
      // A lone point (neighbours missing) is drawn by its dot only.
      return (
        parts
          .filter((p) => p.includes('L'))
          .map((p) => `<path class="line ${esc(s.cls)}" d="${p}"/>`)
          .join('') + dots
      );
    })
    .join('');
  const axis = `<line class="axis" x1="${padL}" y1="${H - padB}" x2="${W}" y2="${H - padB}"/><text class="lbl" x="${padL - 4}" y="${yAt(top) + 4}" text-anchor="end">${esc(fmt(round1(top)) + unit)}</text><text class="lbl" x="${padL - 4}" y="${H - padB}" text-anchor="end">0</text><text class="lbl" x="${padL}" y="${H - 4}">${esc(labels[0])}</text><text class="lbl" x="${W}" y="${H - 4}" text-anchor="end">${esc(labels[labels.length - 1])}</text>`;
  const legend = series.map((s) => `<span class="key"><span class="sw ${esc(s.cls)}"></span>${esc(s.name)}</span>`).join(' ');
  const desc = series.map((s) => `${s.name}: ${s.values.map((v) => (v === null ? 'n/a' : fmt(round1(v)) + unit)).join(', ')}`).join('; ');
  return `<figure class="chart trend"><figcaption>${esc(title)}</figcaption><svg role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><title>${esc(title)}</title><desc>${esc(desc)}</desc>${axis}${lines}</svg><div class="legend">${legend}</div></figure>`;
}
