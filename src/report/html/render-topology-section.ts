/**
 * Topology: session-host pools → licence servers in failover order, drawn from the ELK layout.
 * An edge is green when every host of the pool that reported a verdict for that server says it
 * is reachable and valid, red when any says it is not, grey when none reported one. Each pool
 * and server is an element with an id, so findings link to it.
 */
import type { ReportData, TopologyEdge } from '../report-data.js';
import { escapeHtml } from './escape-html.js';
import { edgeLabel, layoutTopology, type PlacedEdge, type PlacedNode } from './layout-topology.js';
import { COLORS } from './report-colors.js';
import type { TableValue } from './render-data-table.js';
import { renderFigure } from './render-figure.js';

const MARGIN = 8;

export async function renderTopologySection(data: ReportData): Promise<string> {
  const { topology } = data;
  const heading = '<h2 id="topology">Topology</h2>';
  if (topology.licenseServers.length === 0 && topology.pools.length === 0) return `<section aria-labelledby="topology">${heading}<p class="empty">No session host or licence server was read.</p></section>`;
  const layout = await layoutTopology(topology);
  const svg = renderTopologySvg(layout, describe(data));
  const table = {
    chart: 'chart-topology',
    caption: 'Pools, their licence servers in failover order, and the hosts’ connectivity verdicts',
    columns: ['Pool', 'Configured by', 'Hosts', 'Order', 'Licence server', 'Verdict ok', 'Verdict failing', 'No verdict'],
    numeric: [2, 3, 5, 6, 7],
    rows: topology.pools.flatMap((pool) => {
      const configured = pool.gpo === undefined ? 'local' : `GPO ${pool.gpo}`;
      const rowsOf = (name: string, hosts: number, edges: readonly TopologyEdge[]): TableValue[][] =>
        edges.length === 0 ? [[name, configured, hosts, '', 'none listed', 0, 0, 0]] : edges.map((edge) => [name, configured, hosts, edge.order, { text: edge.serverName, href: `#${edge.server}` }, edge.healthy, edge.failing, edge.unknown]);
      // An expanded pool is drawn host by host, so its table rows are its hosts'.
      return pool.members === undefined ? rowsOf(pool.name, pool.hosts, pool.edges) : pool.members.flatMap((host) => rowsOf(`${pool.name}: ${host.name}`, 1, host.edges));
    }),
  };
  const legend = `<p class="legend"><span class="swatch swatch-healthy"></span>every verdict ok · <span class="swatch swatch-failing"></span>some host cannot use the server · <span class="swatch swatch-unknown"></span>no verdict reported. #1 is the first server in the failover order.</p>`;
  return `<section aria-labelledby="topology">${heading}${legend}${renderFigure({ svg, caption: 'Session-host pools and the licence servers they use, in failover order.', table })}</section>`;
}

function describe(data: ReportData): string {
  const servers = data.topology.licenseServers.map((server) => server.name).join(', ');
  const uses = (edges: readonly TopologyEdge[]): string => edges.map((edge) => `${edge.serverName} ${edgeLabel(edge)}`).join('; ') || 'no licence server';
  const pools = data.topology.pools.map((pool) => {
    const summary = `${pool.name} (${pool.hosts} hosts${pool.gpo ? `, GPO ${pool.gpo}` : ''}) uses ${uses(pool.edges)}`;
    return pool.members === undefined ? summary : `${summary}; drawn host by host: ${pool.members.map((host) => `${host.name} uses ${uses(host.edges)}`).join('; ')}`;
  });
  return `Licence servers: ${servers || 'none'}. ${pools.join('. ')}.`;
}

function renderTopologySvg(layout: Awaited<ReturnType<typeof layoutTopology>>, description: string): string {
  const width = layout.width + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN;
  const body = [...layout.edges.map(renderEdge), ...layout.nodes.map(renderNode)].join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" id="chart-topology" class="topology" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-topology-title chart-topology-desc">
<title id="chart-topology-title">Topology: session-host pools and licence servers</title><desc id="chart-topology-desc">${escapeHtml(description)}</desc>
<defs>${(['healthy', 'failing', 'unknown'] as const).map((verdict) => `<marker id="arrow-${verdict}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="${COLORS[verdict]}"/></marker>`).join('')}</defs>
<rect width="${width}" height="${height}" fill="#ffffff"/>
<g transform="translate(${MARGIN},${MARGIN})">
${body}
</g></svg>`;
}

function verdictOf(edge: TopologyEdge): 'healthy' | 'failing' | 'unknown' {
  if (edge.failing > 0) return 'failing';
  return edge.healthy > 0 && edge.unknown === 0 ? 'healthy' : 'unknown';
}

function renderEdge(placed: PlacedEdge): string {
  const verdict = verdictOf(placed.edge);
  const points = placed.points.map((point) => `${round(point.x)},${round(point.y)}`).join(' ');
  const label = placed.label ? `<text x="${round(placed.label.x)}" y="${round(placed.label.y + 11)}" font-size="11" fill="${COLORS.text}">${escapeHtml(placed.text)}</text>` : '';
  return `<g class="edge edge-${verdict}" data-server="${escapeHtml(placed.edge.server)}"><title>${escapeHtml(placed.text)}</title><polyline points="${points}" fill="none" stroke="${COLORS[verdict]}" stroke-width="${placed.edge.order === 1 ? 2.5 : 1.5}"${placed.edge.order === 1 ? '' : ' stroke-dasharray="6 3"'} marker-end="url(#arrow-${verdict})"/>${label}</g>`;
}

function renderNode(node: PlacedNode): string {
  const fill = node.kind === 'server' ? '#f6f8fa' : '#eef3fa';
  const lines = node.lines.map((line, index) => `<text x="${round(node.x + 10)}" y="${round(node.y + 22 + index * 16)}" font-size="12"${index === 0 ? ' font-weight="600"' : ''} fill="${COLORS.text}">${escapeHtml(line)}</text>`).join('');
  return `<g id="${escapeHtml(node.id)}" class="node node-${node.kind}" data-name="${escapeHtml(node.lines[0] ?? '')}"><title>${escapeHtml(node.lines.join(' — '))}</title><rect x="${round(node.x)}" y="${round(node.y)}" width="${node.width}" height="${node.height}" rx="4" fill="${fill}" stroke="${COLORS.text}" stroke-width="1"${node.read ? '' : ' stroke-dasharray="4 3"'}/>${lines}</g>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
