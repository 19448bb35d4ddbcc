/**
 * Contacts turned into the stream's events (README "Live streams"): an `arrived` event, an `answered` event,
 * and an `ended` event with the outcome and the handle times, in time order. No DOM, no Node: the feed
 * server uses it, and so can a page that replays a file.
 */
import type { Contact } from '../engine/types.js';
import type { ContactEvent } from '../engine/live/live-contacts.js';

type Timed = { at: number; event: Omit<ContactEvent, 'seq' | 'time'> };

const iso = (ms: number) => new Date(ms).toISOString();

/** The events of one contact (times as ms; seq and time are given when they are sent). */
export function contactEvents(c: Contact): Timed[] {
  const out: Timed[] = [];
  const base = { type: 'contact' as const, id: c.id, queue: c.queue, ...(c.channel ? { channel: c.channel } : {}), ...(c.tier ? { tier: c.tier } : {}) };
  out.push({ at: c.arrived, event: { ...base, arrived: iso(c.arrived), ...(c.customer ? { customer: c.customer } : {}) } });
  if (c.answered !== undefined) out.push({ at: c.answered, event: { ...base, answered: iso(c.answered), ...(c.agent ? { agent: c.agent } : {}) } });
  const end = c.ended ?? (c.wait !== undefined && c.outcome !== 'answered' ? c.arrived + c.wait * 1000 : c.answered !== undefined ? c.answered + ((c.talk ?? 0) + (c.hold ?? 0) + (c.wrap ?? 0)) * 1000 : c.arrived);
  out.push({
    at: Math.max(end, c.answered ?? c.arrived),
    event: {
      ...base, ended: iso(end), outcome: c.outcome,
      ...(c.talk !== undefined ? { talk: c.talk } : {}), ...(c.hold !== undefined ? { hold: c.hold } : {}), ...(c.wrap !== undefined ? { wrap: c.wrap } : {}),
      ...(c.resolved !== undefined ? { resolved: c.resolved } : {}), ...(c.csat !== undefined ? { csat: c.csat } : {}),
      ...(c.nps !== undefined ? { nps: c.nps } : {}), ...(c.qa !== undefined ? { qa: c.qa } : {}), ...(c.transferred !== undefined ? { transferred: c.transferred } : {}),
    },
  });
  return out;
}

export interface Timeline {
  /** Event times (ms, data time) in order, and the events. */
  at: Float64Array;
  events: Omit<ContactEvent, 'seq' | 'time'>[];
}

/** All events of a set of contacts, in time order (stable). */
export function timeline(contacts: Iterable<Contact>): Timeline {
  const all: Timed[] = [];
  for (const c of contacts) for (const t of contactEvents(c)) all.push(t);
  all.sort((a, b) => a.at - b.at);
  return { at: Float64Array.from(all, (t) => t.at), events: all.map((t) => t.event) };
}

/** Shifts an event's data times by `shiftMs` (replaying yesterday's file as if it happened now). */
export function shifted(e: Omit<ContactEvent, 'seq' | 'time'>, shiftMs: number): Omit<ContactEvent, 'seq' | 'time'> {
  const out = { ...e };
  for (const k of ['arrived', 'answered', 'ended'] as const) if (out[k]) out[k] = iso(Date.parse(out[k]!) + shiftMs);
  return out;
}
