// A Twilio TaskRouter simulator for the adapter tests: a session of tasks told as TaskRouter's event callbacks
// (form-encoded, every value a string, epoch Timestamp and TimestampMs, the event's own Sid), signed with
// X-Twilio-Signature as Twilio signs them: HMAC-SHA1, keyed by the auth token, of the URL and the sorted params.
import { createHmac } from 'node:crypto';

const hex32 = (n, p) => p + n.toString(16).padStart(32, '0');
const WS = hex32(1, 'WS');

/** The contacts as TaskRouter knows them: tasks of voice and chat, talk = wrap-up − accepted, wrap = completed − wrap-up. */
export function twilioTasks(contacts) {
  return contacts
    .filter((c) => c.channel === 'voice' || c.channel === 'chat')
    .map((c, i) => {
      const answered = c.outcome === 'answered' && c.answered !== undefined ? c.answered : undefined;
      const talkEnd = answered !== undefined ? answered + Math.round(((c.talk ?? 0) + (c.hold ?? 0)) * 1000) : undefined;
      const ended = talkEnd ?? c.ended ?? c.arrived + (c.wait ?? 0) * 1000;
      return {
        id: hex32(i + 1, 'WT'), queue: c.queue, channel: c.channel, customer: c.customer, agent: answered !== undefined ? c.agent : undefined,
        arrived: c.arrived, answered, ended: Math.max(ended, c.arrived), talk: answered !== undefined ? (talkEnd - answered) / 1000 : undefined,
        wrap: answered !== undefined ? Math.round(c.wrap ?? 0) : undefined,
        outcome: c.outcome === 'answered' ? 'answered' : c.outcome === 'abandoned' ? 'abandoned' : 'flowout',
        transferred: answered !== undefined && c.transferred === true,
      };
    });
}

export function tasksCsv(tasks) {
  const iso = (ms) => new Date(ms).toISOString();
  return ['id,queue,channel,agent,customer,arrived,answered,ended,outcome,talk,wrap,transferred',
    ...tasks.map((c) => [c.id, c.queue, c.channel, c.agent ?? '', c.customer ?? '', iso(c.arrived), c.answered === undefined ? '' : iso(c.answered), iso(c.ended), c.outcome, c.talk ?? '', c.wrap ?? '', c.transferred ? 'Y' : 'N'].join(','))].join('\n') + '\n';
}

/** Every callback of the session in time order (params as strings). */
export function twilioSession(tasks) {
  const out = [];
  let order = 0;
  let n = 0;
  const ev = (t, type, fields) => out.push({
    t, order: order++,
    params: {
      Sid: hex32(++n, 'EV'), EventType: type, AccountSid: hex32(9, 'AC'), WorkspaceSid: WS, WorkspaceName: 'Flex Task Assignment',
      Timestamp: String(Math.floor(t / 1000)), TimestampMs: String(t), ...fields,
    },
  });
  const queueSid = (q) => hex32([...q].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 3), 'WQ');
  const workerSid = (w) => hex32([...w].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 5), 'WK');
  const taskFields = (c, status) => ({
    ResourceType: 'task', ResourceSid: c.id, TaskSid: c.id, TaskAssignmentStatus: status, TaskPriority: '0',
    TaskAttributes: JSON.stringify({ type: 'inbound', from: c.customer, direction: 'inbound', conversations: { conversation_id: c.id } }),
    TaskChannelUniqueName: c.channel, TaskQueueSid: queueSid(c.queue), TaskQueueName: c.queue, TaskQueueEnteredDate: String(Math.floor(c.arrived / 1000)),
    TaskDateCreated: String(Math.floor(c.arrived / 1000)), TaskAge: '0', WorkflowName: 'Assign to Anyone',
  });
  const workerFields = (w, activity) => ({ WorkerSid: workerSid(w), WorkerName: w, WorkerActivityName: activity, WorkerAttributes: JSON.stringify({ full_name: w }) });
  for (const c of tasks) {
    // Whole seconds in the queue-entered date: the task enters the queue on a second.
    const tf = taskFields(c, 'pending');
    ev(c.arrived, 'task.created', tf);
    ev(c.arrived, 'task-queue.entered', tf);
    if (c.outcome === 'answered') {
      const rs = { ...taskFields(c, 'assigned'), ...workerFields(c.agent, 'Available'), ReservationSid: c.id.replace('WT', 'WR') };
      ev(c.answered, 'reservation.created', { ...rs, TaskAssignmentStatus: 'reserved' });
      ev(c.answered, 'reservation.accepted', rs);
      if (c.transferred) ev(c.ended - 1000, 'task.transfer-initiated', taskFields(c, 'assigned'));
      ev(c.ended, 'task.wrapup', { ...taskFields(c, 'wrapping') });
      ev(c.ended, 'reservation.wrapup', { ...rs, TaskAssignmentStatus: 'wrapping' });
      ev(c.ended + c.wrap * 1000, 'task.completed', { ...taskFields(c, 'completed'), TaskCompletedReason: 'Task completed by agent' });
      ev(c.ended + c.wrap * 1000, 'reservation.completed', { ...rs, TaskAssignmentStatus: 'completed' });
    } else if (c.outcome === 'abandoned') {
      ev(c.ended, 'task.canceled', { ...taskFields(c, 'canceled'), TaskCanceledReason: 'hangup' });
    } else {
      ev(c.ended, 'workflow.timeout', taskFields(c, 'pending'));
      ev(c.ended, 'task.canceled', { ...taskFields(c, 'canceled'), TaskCanceledReason: 'Workflow Timeout' });
    }
  }
  // Workers: Available two minutes before the first task, every third on a Break in its longest pause, Offline after.
  const byWorker = new Map();
  for (const c of tasks) if (c.agent) { if (!byWorker.has(c.agent)) byWorker.set(c.agent, []); byWorker.get(c.agent).push(c); }
  let k = 0;
  for (const [w, list] of byWorker) {
    k++;
    list.sort((a, b) => a.answered - b.answered);
    const act = (t, name, prev) => ev(t, 'worker.activity.update', { ResourceType: 'worker', ResourceSid: workerSid(w), ...workerFields(w, name), WorkerPreviousActivityName: prev });
    act(list[0].answered - 120_000, 'Available', 'Offline');
    let gap = null;
    for (let i = 1; i < list.length; i++) { const g = { from: list[i - 1].ended + list[i - 1].wrap * 1000, to: list[i].answered }; if (!gap || g.to - g.from > gap.to - gap.from) gap = g; }
    if (k % 3 === 0 && gap && gap.to - gap.from > 600_000) { act(gap.from + 60_000, 'Break', 'Available'); act(gap.to - 60_000, 'Available', 'Break'); }
    act(Math.max(...list.map((c) => c.ended + c.wrap * 1000)) + 120_000, 'Offline', 'Available');
  }
  out.sort((a, b) => a.t - b.t || a.order - b.order);
  return out;
}

export function sign(authToken, url, params) {
  return createHmac('sha1', authToken).update(url + Object.keys(params).sort().map((key) => key + params[key]).join(''), 'utf8').digest('base64');
}

/** Posts one callback as Twilio does (form-encoded, signed for `url`). */
export function postCallback(url, params, authToken) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': sign(authToken, url, params) }, body: new URLSearchParams(params).toString() });
}

/**
 * TaskRouter's Events resource (`GET /v1/Workspaces/{WS}/Events`, Basic auth with the account and its token):
 * the events that have happened so far (`happened(n)`: the first n of the session), StartDate/EndDate on their
 * times, PageSize, and `meta.next_page_url` with a PageToken; `event_data` in snake_case, values as strings.
 */
export async function startTwilioEvents({ session, accountSid = 'AC' + '9'.repeat(32), authToken }) {
  const { createServer } = await import('node:http');
  let happened = 0;
  let requests = 0;
  const snake = (k) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const restOf = (p) => {
    const data = {};
    for (const [k, v] of Object.entries(p)) if (!['Sid', 'EventType', 'Timestamp', 'TimestampMs', 'AccountSid', 'WorkspaceSid', 'ResourceType', 'ResourceSid'].includes(k)) data[snake(k)] = v;
    const ms = Number(p.TimestampMs);
    return { account_sid: p.AccountSid, sid: p.Sid, event_type: p.EventType, event_date: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'), event_date_ms: ms, event_data: data, resource_type: p.ResourceType ?? null, resource_sid: p.ResourceSid ?? null, source: 'twilio', workspace_sid: p.WorkspaceSid };
  };
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url, 'http://x');
    if (req.headers.authorization !== `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`) { res.writeHead(401); res.end('{"code":20003,"message":"Authenticate"}'); return; }
    if (!/^\/v1\/Workspaces\/WS[0-9a-f]{32}\/Events$/.test(url.pathname)) { res.writeHead(404); res.end('{}'); return; }
    const from = Date.parse(url.searchParams.get('StartDate') ?? '') || Date.now() - 15 * 60_000;
    const to = Date.parse(url.searchParams.get('EndDate') ?? '') || Date.now();
    const size = Number(url.searchParams.get('PageSize') ?? 50);
    const offset = Number(url.searchParams.get('PageToken') ?? 0);
    const hits = session.slice(0, happened).map((s) => s.params).filter((p) => Number(p.TimestampMs) >= from && Number(p.TimestampMs) <= to + 999);
    const page = hits.slice(offset, offset + size);
    const next = offset + size < hits.length ? `https://taskrouter.twilio.com${url.pathname}?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), PageToken: String(offset + size) })}` : null;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ events: page.map(restOf), meta: { page: offset / size, page_size: size, next_page_url: next, key: 'events' } }));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}`, accountSid,
    happened: (n) => { happened = Math.max(happened, n); },
    requests: () => requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
