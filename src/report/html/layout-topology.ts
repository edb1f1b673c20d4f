/**
 * Lays the topology out with ELK's layered algorithm: pools on the left, licence servers on the
 * right, one edge per (pool, position in the failover order, server). Node sizes come from their
 * text, estimated at a fixed width per character (the report uses a system sans-serif font).
 */
import elkBundle from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkLayouter, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Topology, TopologyEdge } from '../report-data.js';

// The bundle's own typings import './elk-api' without an extension, which NodeNext cannot follow.
const ElkConstructor = elkBundle as unknown as new () => ElkLayouter;

/**
 * Up to this many edges, ELK places each edge's label and tries hard to avoid crossings. Beyond
 * it the labels (which become extra nodes for ELK) are left out of the drawing, kept in each
 * edge's tooltip and the table view, and ELK takes its quick settings: at 50 pools and 200 edges
 * this takes the layout from about 2 s to well under 1 s of CPU.
 */
const LABELLED_EDGES = 40;

const CHAR_WIDTH = 7.2;
const LINE_HEIGHT = 16;
const PADDING = 10;

export interface PlacedNode {
  id: string;
  kind: 'pool' | 'server' | 'host';
  lines: readonly string[];
  x: number;
  y: number;
  width: number;
  height: number;
  /** Servers only: false when its state could not be read. */
  read: boolean;
}

export interface PlacedEdge {
  id: string;
  edge: TopologyEdge;
  points: readonly { x: number; y: number }[];
  /** Absent when the drawing is too busy for labels (see LABELLED_EDGES). */
  label?: { x: number; y: number };
  text: string;
}

export interface TopologyLayout {
  width: number;
  height: number;
  nodes: readonly PlacedNode[];
  edges: readonly PlacedEdge[];
}

export function poolLines(pool: Topology['pools'][number]): string[] {
  return [pool.name, `${pool.hosts} session host${pool.hosts === 1 ? '' : 's'}`, ...(pool.gpo === undefined ? [] : [`GPO: ${pool.gpo}`])];
}

export function edgeLabel(edge: TopologyEdge): string {
  const parts = [edge.healthy > 0 ? `${edge.healthy} ok` : '', edge.failing > 0 ? `${edge.failing} failing` : '', edge.unknown > 0 ? `${edge.unknown} unknown` : ''].filter(Boolean);
  return `#${edge.order}: ${parts.join(', ') || 'no host read'}`;
}

export async function layoutTopology(topology: Topology): Promise<TopologyLayout> {
  const nodes = new Map<string, Omit<PlacedNode, 'x' | 'y'>>();
  const edges: { id: string; source: string; edge: TopologyEdge; label: string }[] = [];
  const addEdges = (source: string, from: readonly TopologyEdge[]): void => {
    from.forEach((edge, index) => edges.push({ id: `${source}-edge-${index + 1}`, source, edge, label: edgeLabel(edge) }));
  };
  for (const pool of topology.pools) {
    if (pool.members === undefined) {
      nodes.set(pool.anchor, sized(pool.anchor, 'pool', poolLines(pool), true));
      addEdges(pool.anchor, pool.edges);
      continue;
    }
    // An expanded pool: its hosts, each with its own edges. The grace table's row has the host's anchor.
    for (const host of pool.members) {
      const id = `topology-${host.anchor}`;
      nodes.set(id, sized(id, 'host', [host.name, `pool ${pool.name}${pool.gpo === undefined ? '' : `, GPO ${pool.gpo}`}`], true));
      addEdges(id, host.edges);
    }
  }
  for (const server of topology.licenseServers) nodes.set(server.anchor, sized(server.anchor, 'server', server.read ? [server.name] : [server.name, 'not read'], server.read));
  const labelled = edges.length <= LABELLED_EDGES;
  const graph: ElkNode & { edges: ElkExtendedEdge[] } = {
    id: 'topology',
    layoutOptions: {
      'elk.algorithm': 'layered',
      ...(labelled ? {} : { 'elk.layered.thoroughness': '1', 'elk.layered.nodePlacement.strategy': 'SIMPLE' }),
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.nodeNode': '18',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
    },
    children: [...nodes.values()].map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.edge.server], labels: labelled ? [{ text: edge.label, width: edge.label.length * 6.4, height: 14 }] : [] })),
  };
  const layouter = new ElkConstructor();
  const laid: ElkNode & { edges?: ElkExtendedEdge[] } = await layouter.layout(graph);
  const placed = new Map((laid.children ?? []).map((child) => [child.id, child] as const));
  const laidEdges = new Map((laid.edges ?? []).map((edge) => [edge.id, edge] as const));
  return {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    nodes: [...nodes.values()].map((node) => ({ ...node, x: placed.get(node.id)?.x ?? 0, y: placed.get(node.id)?.y ?? 0 })),
    edges: edges.map((edge): PlacedEdge => {
      const laidEdge = laidEdges.get(edge.id);
      const section = laidEdge?.sections?.[0];
      const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
      const label = laidEdge?.labels?.[0];
      return { id: edge.id, edge: edge.edge, points, text: edge.label, ...(label ? { label: { x: label.x ?? 0, y: label.y ?? 0 } } : {}) };
    }),
  };
}

function sized(id: string, kind: PlacedNode['kind'], lines: string[], read: boolean): Omit<PlacedNode, 'x' | 'y'> {
  const longest = Math.max(...lines.map((line) => line.length));
  return { id, kind, lines, read, width: Math.ceil(longest * CHAR_WIDTH + 2 * PADDING), height: lines.length * LINE_HEIGHT + 2 * PADDING - 4 };
}
