/**
 * The gauge's geometry as data (no DOM): a 270° arc from the scale's minimum to its maximum, the value arc,
 * the warning band beside the target, and the target marker. Tested as data; the element only draws it.
 */
import { arc } from 'd3-shape';
import type { Direction } from '../../engine/agreement/status.js';

export interface GaugeInput {
  value: number | null;
  min: number;
  max: number;
  target: number | null;
  margin: number;
  direction: Direction;
  /** Outer radius and thickness in SVG units (the viewBox is 2r wide). */
  radius?: number;
  thickness?: number;
}

export interface GaugeGeometry {
  track: string;
  value: string | null;
  band: string | null;
  marker: { x1: number; y1: number; x2: number; y2: number } | null;
  /** The value's position on the scale, 0–1 (clamped for drawing only; the figure shown is never clamped). */
  fraction: number | null;
  viewBox: string;
}

/**
 * Arcs drawn before, by radius, thickness and angles: every gauge of a wallboard has the same track, gauges of
 * one target the same band, and a live figure comes back to the same thousandths of its scale.
 */
const arcs = new Map<string, string>();

function arcPath(r: number, t: number, a: number, b: number): string {
  const key = `${r} ${t} ${a} ${b}`;
  let d = arcs.get(key);
  if (d === undefined) {
    d = arc<unknown, { startAngle: number; endAngle: number }>().innerRadius(r - t).outerRadius(r)({ startAngle: a, endAngle: b }) ?? '';
    if (arcs.size >= 4096) arcs.clear();
    arcs.set(key, d);
  }
  return d;
}

const START = -0.75 * Math.PI;
const END = 0.75 * Math.PI;

export function gaugeGeometry(g: GaugeInput): GaugeGeometry {
  const r = g.radius ?? 100;
  const t = g.thickness ?? 16;
  const span = g.max - g.min || 1;
  const pos = (v: number) => Math.min(1, Math.max(0, (v - g.min) / span));
  const angle = (f: number) => START + (END - START) * f;
  const path = (a: number, b: number) => arcPath(r, t, a, b);
  const fraction = g.value === null ? null : pos(g.value);
  let band: string | null = null;
  let marker: GaugeGeometry['marker'] = null;
  if (g.target !== null) {
    const [lo, hi] = g.direction === 'higher' ? [g.target, g.target + g.margin] : [g.target - g.margin, g.target];
    if (g.margin > 0) band = path(angle(pos(lo)), angle(pos(hi)));
    const a = angle(pos(g.target));
    // SVG angles: d3's arc measures from 12 o'clock, clockwise.
    const x = (rad: number) => +(Math.sin(a) * rad).toFixed(3);
    const y = (rad: number) => +(-Math.cos(a) * rad).toFixed(3);
    marker = { x1: x(r - t - 6), y1: y(r - t - 6), x2: x(r + 4), y2: y(r + 4) };
  }
  return {
    track: path(START, END),
    // Drawn to a thousandth of the scale (a fraction of a pixel): a figure that moves less than that redraws nothing.
    value: fraction === null ? null : path(START, angle(Math.round(fraction * 1000) / 1000)),
    band,
    marker,
    fraction,
    viewBox: `${-r - 6} ${-r - 6} ${2 * r + 12} ${2 * r + 12}`,
  };
}

/**
 * A sensible scale: 0–1 for fractions; for times and counts, from 0 to a round number (1, 2, 2.5 or 5 × 10ⁿ) at
 * least 1.5× the larger of target and value — round, so the scale stays put while a live figure moves.
 */
export function gaugeScale(unit: string, value: number | null, target: number | null): { min: number; max: number } {
  if (unit === 'fraction') return { min: 0, max: 1 };
  if (unit === 'rating') return { min: 1, max: 5 };
  if (unit === 'points') return { min: -100, max: 100 };
  const top = Math.max(value ?? 0, target ?? 0, 1) * 1.5;
  const p = 10 ** Math.floor(Math.log10(top));
  const round = [1, 2, 2.5, 5, 10].map((m) => m * p).find((x) => x >= top) ?? 10 * p;
  return { min: 0, max: round };
}
