/** Validations of several files as one (report, parts tables): counts add, reasons add, the first 100 rejections. */
import { ReasonTally, newValidation } from '../engine/ingest/reasons.js';
import type { Validation } from '../engine/ingest/index.js';

/** Adds the validations of files read into one dataset; `files` names each rejection's file when there are several. */
export function mergeValidations(vs: Validation[], files: string[] | null): Validation {
  const out: Validation = { ...newValidation(), answeredWithoutQueueing: 0 };
  const rejected = new ReasonTally(out.byReason, out.byCode);
  const apart = new ReasonTally(out.countedApart.byReason, out.countedApart.byCode);
  vs.forEach((v, i) => {
    out.answeredWithoutQueueing! += v.answeredWithoutQueueing ?? 0;
    out.rowsRead += v.rowsRead;
    out.rowsAccepted += v.rowsAccepted;
    out.rowsRejected += v.rowsRejected;
    out.contacts += v.contacts;
    for (const r of v.byCode) rejected.add(r, r.count);
    out.countedApart.total += v.countedApart.total;
    for (const r of v.countedApart.byCode) apart.add(r, r.count);
    for (const r of v.rejections) if (out.rejections.length < 100) out.rejections.push(files ? { file: files[i], ...r } : r);
  });
  return out;
}
