/**
 * Why rows were rejected, in the widget's language. The engine gives its reasons in English words made from
 * one table of templates (engine/ingest/reasons.ts); here each code has its Spanish and German words, and
 * `reasonWords` finds a reason's code and values again to word it. A reason the engine does not know (a
 * mapping's own words) stays as it was given. The tables are typed by the engine's codes: a new reason there
 * does not build until it has its words here.
 */
import { reasonOf, type ReasonCode } from '../../engine/ingest/reasons.js';
import { languageOf } from '../shared/i18n.js';

const es: Record<ReasonCode, string> = {
  fieldCount: 'tiene {count} campos, la cabecera tiene {columns}',
  emptyRow: 'fila vacía',
  unclosedQuote: 'comillas sin cerrar',
  unclosedQuoteToEnd: 'comillas sin cerrar: el campo llega hasta el final del archivo (líneas {from}–{to})',
  textAfterQuote: 'texto después de unas comillas de cierre',
  quoteInUnquoted: 'comillas dentro de un campo sin comillas',
  missingId: 'falta el id',
  duplicateId: 'id duplicado',
  missingQueue: 'falta la cola',
  missingArrival: 'falta la hora de llegada',
  unknownValue: 'valor de {field} desconocido',
  unparseableTime: 'hora ilegible',
  dstGap: 'hora local que no existe (cambio de horario)',
  noZone: 'hora sin zona y sin zona de entrada',
  timeOutOfRange: 'hora fuera de rango (antes de 1970 o después de 2099: ¿formato o unidad equivocados?)',
  unparseableDuration: 'duración ilegible',
  notANumber: 'no es un número',
  notYesNo: 'no es un valor sí/no',
  negativeDuration: 'duración negativa',
  implausibleDuration: 'duración inverosímil (más de 30 días: ¿unidad equivocada?)',
  scoreOutOfRange: '{field} fuera del rango {lo}–{hi}',
  noOutcomeFlag: 'sin resultado: el indicador atendida/abandonada está vacío',
  noOutcome: 'sin resultado: ni atendida ni finalizada',
  answeredWithoutEntry: 'atendida sin entrada en cola ni hora de respuesta',
  answeredWithoutTime: 'atendida, pero sin hora de respuesta ni espera',
  answeredBeforeArrived: 'atendida antes de llegar',
  endedBeforeArrived: 'finalizada antes de llegar',
  endedBeforeAnswered: 'finalizada antes de ser atendida',
  notQueueLog: 'no es una línea de queue_log (menos de 5 campos)',
  callWithoutEnterQueue: 'llamada sin ENTERQUEUE',
  unparseableWait: 'espera ilegible',
  completedWithoutConnect: 'llamada completada sin CONNECT',
  callWithoutEnd: 'sin resultado: la llamada no termina en el archivo',
};

const de: Record<ReasonCode, string> = {
  fieldCount: 'hat {count} Felder, die Kopfzeile hat {columns}',
  emptyRow: 'leere Zeile',
  unclosedQuote: 'nicht geschlossenes Anführungszeichen',
  unclosedQuoteToEnd: 'nicht geschlossenes Anführungszeichen: das Feld reicht bis zum Dateiende (Zeilen {from}–{to})',
  textAfterQuote: 'Text nach einem schließenden Anführungszeichen',
  quoteInUnquoted: 'Anführungszeichen in einem Feld ohne Anführungszeichen',
  missingId: 'ID fehlt',
  duplicateId: 'doppelte ID',
  missingQueue: 'Warteschlange fehlt',
  missingArrival: 'Ankunftszeit fehlt',
  unknownValue: 'unbekannter Wert für {field}',
  unparseableTime: 'unlesbare Zeitangabe',
  dstGap: 'Ortszeit, die es wegen der Zeitumstellung nicht gibt',
  noZone: 'Zeit ohne Zone und keine Eingabezone angegeben',
  timeOutOfRange: 'Zeit außerhalb des Bereichs (vor 1970 oder nach 2099: falsches Format oder falsche Einheit?)',
  unparseableDuration: 'unlesbare Dauer',
  notANumber: 'keine Zahl',
  notYesNo: 'kein Ja/Nein-Wert',
  negativeDuration: 'negative Dauer',
  implausibleDuration: 'unplausible Dauer (über 30 Tage: falsche Einheit?)',
  scoreOutOfRange: '{field} außerhalb des Bereichs {lo}–{hi}',
  noOutcomeFlag: 'kein Ergebnis: das Kennzeichen angenommen/abgebrochen ist leer',
  noOutcome: 'kein Ergebnis: weder angenommen noch beendet',
  answeredWithoutEntry: 'angenommen ohne Eintritt in die Warteschlange oder Annahmezeit',
  answeredWithoutTime: 'angenommen, aber ohne Annahmezeit oder Wartezeit',
  answeredBeforeArrived: 'angenommen vor der Ankunft',
  endedBeforeArrived: 'beendet vor der Ankunft',
  endedBeforeAnswered: 'beendet vor der Annahme',
  notQueueLog: 'keine queue_log-Zeile (weniger als 5 Felder)',
  callWithoutEnterQueue: 'Anruf ohne ENTERQUEUE',
  unparseableWait: 'unlesbare Wartezeit',
  completedWithoutConnect: 'abgeschlossener Anruf ohne CONNECT',
  callWithoutEnd: 'kein Ergebnis: der Anruf endet nicht in der Datei',
};

export const REASON_WORDS: Partial<Record<string, Record<ReasonCode, string>>> = { es, de };

/** An engine's reason in the locale's words (English, or words the engine does not know, as given). */
export function reasonWords(text: string, locale: string): string {
  const table = REASON_WORDS[languageOf(locale)];
  if (!table) return text;
  const r = reasonOf(text);
  if (!r) return text;
  return table[r.code].replace(/\{(\w+)\}/g, (m, k: string) => r.values[k] ?? m);
}
