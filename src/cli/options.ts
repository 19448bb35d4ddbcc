/** Parses the flags shared by the commands into engine definitions. */
import { readFileSync } from 'node:fs';
import {
  INTERVAL_MINUTES, SL_PRESETS, WEEKDAYS, defaultDefinitions,
  type Definitions, type IntervalMinutes, type ServiceLevelPreset, type Weekday,
} from '../engine/definitions.js';
import { GROUP_BY, type GroupBy } from '../engine/rollup.js';
import { Zone } from '../engine/time/zone.js';
import { lastBucketWithin } from '../engine/histogram.js';
import { BusinessHours } from '../engine/calendar.js';
import { validateMapping, type Mapping } from '../engine/ingest/mapping.js';
import { UsageError } from './errors.js';

export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Legacy names that are fixed offsets without daylight saving: almost never what a user in that region means. */
const FIXED = new Map([['EST', 'America/New_York'], ['MST', 'America/Denver (or America/Phoenix, which has no DST)'], ['HST', 'Pacific/Honolulu']]);

export function zoneFlag(name: string, flag: string): string {
  const hint = FIXED.get(name.toUpperCase());
  if (hint) throw new UsageError(`${flag} ${name}: a fixed offset without daylight saving; use an IANA region such as ${hint}`);
  try {
    return new Zone(name).name;
  } catch {
    throw new UsageError(`${flag} ${name}: unknown time zone (expected an IANA name such as America/New_York or UTC)`);
  }
}

export function parseInterval(v: string): IntervalMinutes {
  const m = /^(\d+)\s*(m|min)?$/.exec(v) ?? /^(1)\s*h$/.exec(v);
  const n = m ? (v.endsWith('h') ? 60 : +m[1]) : NaN;
  if (!(INTERVAL_MINUTES as readonly number[]).includes(n)) throw new UsageError(`--interval ${v}: expected 5m, 15m, 30m or 60m`);
  return n as IntervalMinutes;
}

/** `80/20` → target 0.8, threshold 20 s. */
export function parseSl(v: string): { target: number; thresholdSec: number } {
  const m = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+)$/.exec(v);
  if (!m || +m[1] <= 0 || +m[1] > 100) throw new UsageError(`--sl ${v}: expected target%/seconds, e.g. 80/20`);
  if (+m[1] < 1) throw new UsageError(`--sl ${v}: the target is in percent (80/20 for 80 % in 20 s), not a fraction`);
  const thresholdSec = +m[2];
  try {
    lastBucketWithin(thresholdSec);
  } catch (e) {
    throw new UsageError(`--sl ${v}: ${(e as Error).message}`);
  }
  return { target: +m[1] / 100, thresholdSec };
}

export function parseBy(v: string | undefined, team = false): (GroupBy | 'team')[] {
  if (!v) return [];
  const by = v.split(',').map((s) => s.trim()).filter(Boolean);
  const allowed: string[] = team ? [...GROUP_BY, 'team'] : [...GROUP_BY];
  for (const b of by) if (!allowed.includes(b)) throw new UsageError(`--by ${b}: expected one of ${allowed.join(', ')}`);
  if (new Set(by).size !== by.length) throw new UsageError(`--by ${v}: a dimension appears twice`);
  return by as (GroupBy | 'team')[];
}

export function readJson(path: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${flag} ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${flag} ${path}: not valid JSON (${(e as Error).message})`);
  }
}

export function loadMapping(path: string): Mapping {
  const doc = readJson(path, '--map');
  try {
    return validateMapping(doc, path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export interface DefinitionFlags {
  tz?: string;
  interval?: string;
  'week-start'?: string;
  sl?: string;
  'sl-preset'?: string;
  'short-abandon'?: string;
  'include-flowouts'?: boolean;
  'include-callbacks'?: boolean;
  'business-hours'?: string;
  'abandon-rate'?: string;
  fcr?: string;
  'fcr-window'?: string;
}

export function definitionsFrom(f: DefinitionFlags): { defs: Definitions; businessHours: BusinessHours | null } {
  const defs = defaultDefinitions(f.tz ? zoneFlag(f.tz, '--tz') : machineZone());
  if (f.interval) defs.intervalMinutes = parseInterval(f.interval);
  if (f['week-start']) {
    const w = f['week-start'].toLowerCase();
    if (!WEEKDAYS.includes(w as Weekday)) throw new UsageError(`--week-start ${f['week-start']}: expected a weekday name (monday … sunday)`);
    defs.weekStart = w as Weekday;
  }
  if (f.sl) Object.assign(defs.serviceLevel, parseSl(f.sl));
  if (f['sl-preset']) {
    if (!SL_PRESETS.includes(f['sl-preset'] as ServiceLevelPreset)) throw new UsageError(`--sl-preset ${f['sl-preset']}: expected one of ${SL_PRESETS.join(', ')}`);
    defs.serviceLevel.preset = f['sl-preset'] as ServiceLevelPreset;
  }
  if (f['short-abandon'] !== undefined) {
    const n = Number(f['short-abandon']);
    if (!Number.isInteger(n) || n < 0 || n > 600) throw new UsageError(`--short-abandon ${f['short-abandon']}: expected whole seconds 0–600`);
    defs.serviceLevel.shortAbandonSec = n;
  }
  defs.serviceLevel.includeFlowouts = !!f['include-flowouts'];
  defs.serviceLevel.includeCallbacks = !!f['include-callbacks'];
  let businessHours: BusinessHours | null = null;
  if (f['business-hours']) {
    try {
      businessHours = new BusinessHours(readJson(f['business-hours'], '--business-hours') as never);
    } catch (e) {
      throw e instanceof UsageError ? e : new UsageError(`--business-hours ${f['business-hours']}: ${(e as Error).message}`);
    }
    defs.serviceLevel.businessHoursOnly = true;
  }
  if (f['abandon-rate']) {
    if (f['abandon-rate'] !== 'offered' && f['abandon-rate'] !== 'answered-and-abandoned') throw new UsageError(`--abandon-rate ${f['abandon-rate']}: expected offered or answered-and-abandoned`);
    defs.abandonRate.denominator = f['abandon-rate'];
  }
  if (f.fcr) {
    if (f.fcr !== 'auto' && f.fcr !== 'flag' && f.fcr !== 'repeat') throw new UsageError(`--fcr ${f.fcr}: expected auto, flag or repeat`);
    defs.fcr.method = f.fcr;
  }
  if (f['fcr-window']) defs.fcr.windowDays = fcrWindowFlag(f['fcr-window']);
  return { defs, businessHours };
}

/**
 * `--source-threshold`, `--source-short-abandon`: the seconds a vendor counted "answered within" and short
 * abandons with, where its figures do not say them (Genesys Cloud: each queue's own settings; docs/parts.md).
 */
export function vendorFlags(f: { 'source-threshold'?: string; 'source-short-abandon'?: string; parts?: boolean }): { thresholdSec?: number; shortAbandonSec?: number } {
  const out: { thresholdSec?: number; shortAbandonSec?: number } = {};
  for (const [flag, key] of [['source-threshold', 'thresholdSec'], ['source-short-abandon', 'shortAbandonSec']] as const) {
    const v = f[flag];
    if (v === undefined) continue;
    if (!f.parts) throw new UsageError(`--${flag} is for a vendor's saved aggregates, read with --parts (docs/parts.md)`);
    const n = Number(v.replace(/s$/, ''));
    if (!Number.isInteger(n) || n < 1 || n > 86_400) throw new UsageError(`--${flag} ${v}: expected whole seconds 1–86400`);
    out[key] = n;
  }
  return out;
}

export function dayMonth(v: string | undefined): 'dmy' | 'mdy' | undefined {
  if (v === undefined) return undefined;
  if (v !== 'dmy' && v !== 'mdy') throw new UsageError(`--day-month-order ${v}: expected dmy (31/12/2026) or mdy (12/31/2026)`);
  return v;
}

/** --fcr-window: whole days (7d or 7), at least one. */
export function fcrWindowFlag(v: string): number {
  const m = /^(\d+)\s*d?$/.exec(v);
  if (!m || +m[1] < 1) throw new UsageError(`--fcr-window ${v}: expected days, e.g. 7d`);
  return +m[1];
}

/** --threads: a whole number from 1 to 256. */
export function threadsFlag(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--threads: expected a whole number from 1 to 256, got "${v}"`);
  return n;
}
