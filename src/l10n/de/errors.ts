/** German: why a file cannot be read, by the engine's code (every code worded: the type requires it). */
import type { ErrorCode } from '../../engine/ingest/errors.js';

export const errors: Record<ErrorCode, string> = {
  utf16: 'die Datei ist UTF-16-Text: als UTF-8 speichern (Excel: "CSV UTF-8")',
  gzip: 'die Datei ist gzip-komprimiert: zuerst entpacken',
  zip: 'die Datei ist ein ZIP-Archiv (eine .xlsx-Arbeitsmappe?): das Blatt als CSV exportieren',
  binary: 'die Datei ist binär, kein CSV-Text: die Kontakte aus der ACD als CSV exportieren',
  emptyFile: 'die Datei ist leer: keine Kopfzeile und keine Zeilen',
  dayMonthOrder: 'die Reihenfolge Tag/Monat von "{column}" ist nicht erkennbar: in jedem Datum der Datei sind Tag und Monat ≤ 12. "dayMonthOrder": "dmy" oder "mdy" in einer Zuordnungsdatei angeben, oder ein festes "dateFormat".',
  headerNoArrival: 'die Kopfzeile passt nicht zu Kontakten: {fields} gefunden, aber keine Ankunftszeit (eine Spalte wie arrived, start time oder Datum + Uhrzeit) (Kopfzeile: {header})',
  headerNothingKnown: 'die Kopfzeile passt nicht zu Kontakten: keiner der Spaltennamen ist dem Kit bekannt (Kopfzeile: {header})',
  badMapping: '{detail}',
  recordsEmpty: 'die Datei ({what}) ist leer',
  recordsNoColumn: 'die Datei ({what}) hat keine Spalte {field} (gesucht: {names}; Kopfzeile: {header})',
  forecastSpacing: 'die Intervalle der Prognose liegen {minutes} Minuten auseinander: eine Spalte "interval minutes" (5, 15, 30 oder 60) ergänzen',
  cacheNone: 'Kein IndexedDB verfügbar (ein privates Fenster?): Datensätze werden nur im Speicher gehalten und sind nach dem Neuladen weg.',
  cacheUpgrading: 'Ein anderer Tab aktualisiert den Datensatz-Cache: in diesem Tab werden Datensätze bis zum Neuladen im Speicher gehalten.',
  cacheNotOpened: 'Der Datensatz-Cache konnte nicht geöffnet werden ({detail}): Datensätze werden nur im Speicher gehalten.',
  cacheFull: 'Der Speicher des Browsers ist voll: neue Datensätze werden nur im Speicher gehalten (alte löschen, um Platz zu schaffen).',
  cacheFailed: 'Der Datensatz-Cache ist ausgefallen ({detail}): Datensätze werden nur im Speicher gehalten.',
  datasetGone: 'der Datensatz {id} ist nicht mehr im Cache dieses Browsers: die Datei erneut laden',
  workerRestarted: 'die Engine hat beim Lesen der Datei angehalten: erneut versuchen',
  loadFailed: '{url} kann nicht geladen werden: {detail}',
  message: '{text}',
};
