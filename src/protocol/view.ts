/**
 * Views across the worker boundary (docs/protocol.md): what a widget asks for, the result it gets, and the
 * updates a subscription sends — the whole result the first time, then only what changed. Both ends of the
 * delta live here: `ViewUpdates` builds them in the worker, `applyUpdate` puts the result back together on
 * the page, so the two cannot disagree.
 */
import type { Definitions } from '../engine/definitions.js';
import type { ContactMetrics } from '../engine/metrics.js';
import type { Group, GroupBy, QueryOptions } from '../engine/rollup.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { Validation } from '../engine/ingest/index.js';
import type { LiveView } from '../engine/live/live-view.js';
import type { DatasetStatus } from './dataset.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A view: what a widget draws. Definitions default to the dataset's zone and interval and the contract's defaults. */
export interface ViewSpec {
  by?: GroupBy[];
  definitions?: DeepPartial<Definitions>;
  filter?: QueryOptions['filter'];
  from?: number;
  to?: number;
}

export type { LiveView };

export interface ViewResult {
  status: DatasetStatus;
  definitions: Definitions;
  totals: ContactMetrics | null;
  groups: Group[];
  validation: Validation | null;
  mapping: Mapping | null;
  /** Increases with every change of the dataset. */
  version: number;
  /** For a live dataset: queue state at stream time, with each queue's projected interval service level. */
  live: LiveView | null;
  /**
   * Figures the data cannot give although it has contacts (a vendor's aggregates hold no wait histogram:
   * docs/parts.md, "Vendor aggregates"), and whose figures they are; null when every figure is given.
   */
  notGiven?: { source: string; metrics: string[] } | null;
}

/**
 * What a subscription sends: the whole result the first time, then only what changed — the groups whose
 * figures moved, the keys that went away, and the order when the set of groups changed. The client puts the
 * whole result back together, so a widget always gets a full ViewResult; a live view of many intervals
 * sends one or two groups per update instead of all of them.
 */
export type ViewUpdate =
  | { kind: 'full'; result: ViewResult }
  /** A delta's result holds the version and only the other fields that changed since the last update. */
  | { kind: 'delta'; result: Partial<Omit<ViewResult, 'groups'>> & { version: number }; changed: Group[]; removed: string[]; order: string[] | null };

/** Puts a view's whole result back together from an update. */
export function applyUpdate(current: ViewResult | null, u: ViewUpdate): ViewResult {
  if (u.kind === 'full' || !current) return u.kind === 'full' ? u.result : ({ ...u.result, groups: u.changed } as ViewResult);
  const byKey = new Map(current.groups.map((g) => [g.key, g]));
  for (const k of u.removed) byKey.delete(k);
  for (const g of u.changed) byKey.set(g.key, g);
  const order = u.order ?? current.groups.map((g) => g.key).filter((k) => byKey.has(k));
  for (const g of u.changed) if (!order.includes(g.key)) order.push(g.key);
  return { ...current, ...u.result, groups: order.map((k) => byKey.get(k)!).filter(Boolean) };
}

/**
 * The sending end of one subscription: remembers what it last sent and turns each new result into the
 * update that carries the change, or null when nothing a widget sees changed (the version alone moving is no change).
 */
export class ViewUpdates {
  private lastJson = '';
  /** Each group's JSON as last sent, by key, and the keys' order. */
  private lastGroups: Map<string, string> | null = null;
  private lastOrder = '';
  /** Each other field's JSON as last sent: a delta carries only those that changed (a definition, a file's validation, rarely). */
  private lastFields = new Map<string, string>();

  next(result: ViewResult): ViewUpdate | null {
    const { version: _v, groups, ...rest } = result;
    const groupJson = new Map(groups.map((g) => [g.key, JSON.stringify(g)]));
    const order = groups.map((g) => g.key).join('\u0000');
    const fieldJson = new Map(Object.entries(rest).map(([k, v]) => [k, JSON.stringify(v) ?? '']));
    const json = [...fieldJson].map(([k, j]) => `${k}\u0002${j}`).join('\u0001') + order + [...groupJson.values()].join('');
    if (json === this.lastJson) return null;
    this.lastJson = json;
    let update: ViewUpdate;
    if (!this.lastGroups) update = { kind: 'full', result };
    else {
      const last = this.lastGroups;
      const changed = groups.filter((g) => last.get(g.key) !== groupJson.get(g.key));
      const removed = [...last.keys()].filter((k) => !groupJson.has(k));
      const moved: Partial<Omit<ViewResult, 'groups'>> & { version: number } = { version: result.version };
      for (const [k, j] of fieldJson) if (this.lastFields.get(k) !== j) (moved as Record<string, unknown>)[k] = (rest as Record<string, unknown>)[k];
      // A field gone since is sent as undefined, so the page's copy loses it too.
      for (const k of this.lastFields.keys()) if (!fieldJson.has(k)) (moved as Record<string, unknown>)[k] = undefined;
      update = { kind: 'delta', result: moved, changed, removed, order: order === this.lastOrder ? null : groups.map((g) => g.key) };
    }
    this.lastGroups = groupJson;
    this.lastOrder = order;
    this.lastFields = fieldJson;
    return update;
  }
}
