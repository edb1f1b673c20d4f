/**
 * Compiles a Vega-Lite chart and renders it to SVG now, while the report is made, so the page
 * needs no script to show it. Vega's own ARIA attributes are turned off: each chart gets one
 * text alternative (`role="img"`, a title and a description) instead of thousands of per-mark
 * labels, and its data is shown again as a table beside it.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './escape-html.js';

export interface ChartText {
  /** Element id the title and description ids derive from. */
  id: string;
  title: string;
  description: string;
}

export async function renderChartSvg(spec: TopLevelSpec, text: ChartText): Promise<string> {
  const compiled = compile({ ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return labelSvg(svg, text);
}

const CHART_CONFIG = {
  aria: false,
  font: 'system-ui, sans-serif',
  background: '#ffffff',
  axis: { labelColor: '#1f2328', titleColor: '#1f2328', labelFontSize: 11, titleFontSize: 12 },
  legend: { labelColor: '#1f2328', titleColor: '#1f2328', labelFontSize: 11 },
};

/** Gives the root `<svg>` its text alternative: role img, labelled by its own title and description. */
function labelSvg(svg: string, text: ChartText): string {
  const open = svg.indexOf('>');
  const tag = svg.slice(0, open).replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '');
  const title = `${text.id}-title`;
  const desc = `${text.id}-desc`;
  return `${tag} id="${text.id}" role="img" aria-labelledby="${title} ${desc}"><title id="${title}">${escapeHtml(text.title)}</title><desc id="${desc}">${escapeHtml(text.description)}</desc>${svg.slice(open + 1)}`;
}
