/**
 * The kit's public API (docs/protocol.md): importing it registers every tag and gives the classes, the types a
 * page works with, the page's engine, and the words for what the engine says. Written by hand; the library
 * build checks that every widget under src/components is registered and its class exported here.
 */

// The widgets: each import registers its tag (a second registration warns and keeps the first).
import './components/alerts/alerts.js';
export { type AlertsState, type AlertAcknowledgeDetail, type AlertsData, SlaAlerts, type AlertItem, type SlaAlertDetail, type Threshold } from './components/alerts/alerts.component.js';
import './components/csv-drop/csv-drop.js';
export { type DropStep, type DropErrorKind, type CsvSample, type FileAcceptedDetail, SlaCsvDrop } from './components/csv-drop/csv-drop.component.js';
import './components/gauge/gauge.js';
export { type GaugeState, type StatusChangeDetail, SlaGauge } from './components/gauge/gauge.component.js';
import './components/queue-board/queue-board.js';
export { type BoardState, type QueueStatusDetail, SlaQueueBoard } from './components/queue-board/queue-board.component.js';
export type { QueueRow, BoardThresholds, Column } from './components/queue-board/queue-board.model.js';
import './components/scorecard/scorecard.js';
export { type ScorecardState, type PeriodChangeDetail, type ScorecardStatusDetail, type ExportDetail, SlaScorecard } from './components/scorecard/scorecard.component.js';
import './components/source/source.js';
export { type DatasetReadyDetail, SlaSource } from './components/source/source.component.js';
import './components/staffing/staffing.js';
export { type StaffingState, type StaffingChangeDetail, SlaStaffing } from './components/staffing/staffing.component.js';
import './components/trend/trend.js';
export { type TrendState, type TrendRange, type IntervalSelectDetail, type TrendData, SlaTrend, type TrendPoint, type TrendGrain } from './components/trend/trend.component.js';
export { defineElement } from './components/common/define.js';

// The page's side of the engine worker, and what crosses the boundary.
export { EngineClient, DatasetHandle, type EngineClientOptions } from './client/engine-client.js';
export { pageEngine, setPageEngine } from './client/page-engine.js';
export type {
  DatasetInfo, DatasetOptions, DatasetState, DatasetStatus, LiveView, StreamKind, StreamStatus, ViewResult, ViewSpec, ViewUpdate,
} from './protocol/index.js';
export type { Scorecard, ScorecardMetric, ScopeReport, UptimeMinutes } from './engine/agreement/evaluate.js';
export type { SlaDocument, SlaMetric } from './engine/agreement/sla.js';
export type { Mapping } from './engine/ingest/mapping.js';
export type { Validation } from './engine/ingest/index.js';
export type { Rejection } from './engine/ingest/contacts.js';
export type { ContactMetrics } from './engine/metrics.js';
export type { Group } from './engine/rollup.js';

// What the engine says (reasons, notes, errors) arrives as codes with values: words for it in the page's language.
export type { Said } from './engine/words.js';
export type { ReasonCode, ReasonCount } from './engine/ingest/reasons.js';
export type { NoteCode, MappingNote } from './engine/ingest/notes.js';
export type { ErrorCode } from './engine/ingest/errors.js';
export { errorWords } from './l10n/errors.js';
export { noteWords } from './l10n/notes.js';
export { reasonWords } from './l10n/reasons.js';
export { LOCALES, languageOf, type Locale } from './l10n/index.js';
