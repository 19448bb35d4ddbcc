/**
 * Why rows were rejected, and the notes on how a file is read, in the widget's language. The engine gives its reasons in English words made from
 * one table of templates (engine/ingest/reasons.ts); here each code has its Spanish and German words, and
 * `reasonWords` finds a reason's code and values again to word it. A reason the engine does not know (a
 * mapping's own words) stays as it was given. The tables are typed by the engine's codes: a new reason there
 * does not build until it has its words here.
 */
import { reasonOf, type ReasonCode } from '../../engine/ingest/reasons.js';
import { noteOf, type NoteCode } from '../../engine/ingest/notes.js';
import { languageOf } from '../shared/i18n.js';
import { fill } from '../../engine/words.js';

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

const notesEs: Record<NoteCode, string> = {
  noQueue: 'Sin columna de cola: cada contacto cuenta en una sola cola llamada "all".',
  noWait: 'Sin espera ni hora de respuesta: no se pueden calcular el nivel de servicio ni el TMR.',
  blankWaitAbandons: 'Los abandonos con la columna de espera vacía cuentan como abandonados después del umbral; los abandonos cortos solo se distinguen donde hay espera.',
  noAbandonWait: 'Sin espera de los abandonos: cuentan como abandonados después del umbral y los abandonos cortos no se pueden distinguir.',
  noHoldOrWrap: 'Sin columnas de retención ni de cierre: el TMO incluye solo las partes presentes.',
  noHold: 'Sin columna de retención: el TMO incluye solo las partes presentes.',
  noWrap: 'Sin columna de cierre: el TMO incluye solo las partes presentes.',
  noId: 'Sin columna de id: no se pueden detectar contactos duplicados; las filas se numeran.',
  amazonConnect: 'Amazon Connect: un contacto no atendido con CUSTOMER_DISCONNECT es un abandono, con CONTACT_FLOW_DISCONNECT un desborde; sin hora de entrada en cola, el contacto nunca hizo cola.',
  genesysCloud: 'Genesys Cloud cuenta los desbordes dentro de su propio "Offered"; este kit sigue METRICS.md: ofrecidas = atendidas + abandonadas + abandonos cortos, desbordes aparte.',
  asteriskQueueLog: 'queue_log de Asterisk: líneas agrupadas por callid; la conversación incluye la retención; no se registra el cierre.',
  dayMonthDetected: 'Orden día/mes {order} detectado a partir de "{value}" en la línea {line}.',
  emptyFile: 'el archivo está vacío',
  noArrival: 'hay {fields}, pero no la hora de llegada (una columna como arrived, start time, o fecha + hora)',
  nothingKnown: 'ningún nombre de columna es uno que el kit conozca',
};

const notesDe: Record<NoteCode, string> = {
  noQueue: 'Keine Warteschlangenspalte: jeder Kontakt zählt in einer Warteschlange namens "all".',
  noWait: 'Keine Wartezeit und keine Annahmezeit: Servicelevel und ASA lassen sich nicht berechnen.',
  blankWaitAbandons: 'Abbrüche mit leerer Wartezeitspalte zählen als Abbruch nach der Schwelle; Kurzabbrüche lassen sich nur dort erkennen, wo die Wartezeit steht.',
  noAbandonWait: 'Keine Wartezeit der Abbrüche: sie zählen als Abbruch nach der Schwelle, Kurzabbrüche lassen sich nicht erkennen.',
  noHoldOrWrap: 'Keine Halte- und keine Nachbearbeitungsspalte: die AHT enthält nur die vorhandenen Teile.',
  noHold: 'Keine Haltespalte: die AHT enthält nur die vorhandenen Teile.',
  noWrap: 'Keine Nachbearbeitungsspalte: die AHT enthält nur die vorhandenen Teile.',
  noId: 'Keine ID-Spalte: doppelte Kontakte lassen sich nicht erkennen; die Zeilen werden durchnummeriert.',
  amazonConnect: 'Amazon Connect: ein nicht angenommener Kontakt mit CUSTOMER_DISCONNECT ist ein Abbruch, mit CONTACT_FLOW_DISCONNECT ein Überlauf; ohne Einreihungszeit war der Kontakt nie in der Warteschlange.',
  genesysCloud: 'Genesys Cloud zählt Überläufe in sein eigenes "Offered"; dieses Kit folgt METRICS.md: angeboten = angenommen + abgebrochen + Kurzabbrüche, Überläufe gesondert.',
  asteriskQueueLog: 'Asterisk-queue_log: Zeilen je callid zusammengefasst; das Gespräch enthält das Halten; Nachbearbeitung wird nicht protokolliert.',
  dayMonthDetected: 'Reihenfolge Tag/Monat {order} erkannt an "{value}" in Zeile {line}.',
  emptyFile: 'die Datei ist leer',
  noArrival: '{fields} gefunden, aber keine Ankunftszeit (eine Spalte wie arrived, start time oder Datum + Uhrzeit)',
  nothingKnown: 'keiner der Spaltennamen ist dem Kit bekannt',
};

export const NOTE_WORDS: Partial<Record<string, Record<NoteCode, string>>> = { es: notesEs, de: notesDe };

/** Words the engine said in English, said in the locale's words from its table (words it did not say, as given). */
function inWords<C extends string>(tables: Partial<Record<string, Record<C, string>>>, find: (text: string) => { code: C; values: Record<string, string> } | null, text: string, locale: string): string {
  const table = tables[languageOf(locale)];
  const hit = table && find(text);
  return hit ? fill(table[hit.code], hit.values) : text;
}

/** An engine's reason for rejecting a row, in the locale's words. */
export const reasonWords = (text: string, locale: string): string => inWords(REASON_WORDS, reasonOf, text, locale);

/** A note of the engine's on how a file is read, in the locale's words (a mapping file's own notes as written). */
export const noteWords = (text: string, locale: string): string => inWords(NOTE_WORDS, noteOf, text, locale);
