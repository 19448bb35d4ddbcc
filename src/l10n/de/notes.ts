/** German: notes on how a file is read, by the engine's code (every code worded: the type requires it). */
import type { NoteCode } from '../../engine/ingest/notes.js';

export const notes: Record<NoteCode, string> = {
  noQueue: 'Keine Warteschlangenspalte: jeder Kontakt zählt in einer Warteschlange namens "all".',
  noWait: 'Keine Wartezeit und keine Annahmezeit: Servicelevel und ASA lassen sich nicht berechnen.',
  blankWaitAbandons: 'Abbrüche mit leerer Wartezeitspalte zählen als Abbruch nach der Schwelle; Kurzabbrüche lassen sich nur dort erkennen, wo die Wartezeit steht.',
  noAbandonWait: 'Keine Wartezeit der Abbrüche: sie zählen als Abbruch nach der Schwelle, Kurzabbrüche lassen sich nicht erkennen.',
  noHoldOrWrap: 'Keine Halte- und keine Nachbearbeitungsspalte: die AHT enthält nur die vorhandenen Teile.',
  noHold: 'Keine Haltespalte: die AHT enthält nur die vorhandenen Teile.',
  noWrap: 'Keine Nachbearbeitungsspalte: die AHT enthält nur die vorhandenen Teile.',
  noId: 'Keine ID-Spalte: doppelte Kontakte lassen sich nicht erkennen; die Zeilen werden durchnummeriert.',
  amazonConnect: 'Amazon Connect: ein nicht angenommener Kontakt mit CUSTOMER_DISCONNECT ist ein Abbruch, mit CONTACT_FLOW_DISCONNECT ein Überlauf; ohne Einreihungszeit war der Kontakt nie in der Warteschlange.',
  genesysCloud: 'Genesys Cloud zählt Überläufe in sein eigenes "Offered"; dieses Kit nicht: angeboten = angenommen + abgebrochen + Kurzabbrüche, Überläufe gesondert.',
  asteriskQueueLog: 'Asterisk-queue_log: Zeilen je callid zusammengefasst; das Gespräch enthält das Halten; Nachbearbeitung wird nicht protokolliert.',
  dayMonthDetected: 'Reihenfolge Tag/Monat {order} erkannt an "{value}" in Zeile {line}.',
  emptyFile: 'die Datei ist leer',
  noArrival: '{fields} gefunden, aber keine Ankunftszeit (eine Spalte wie arrived, start time oder Datum + Uhrzeit)',
  nothingKnown: 'keiner der Spaltennamen ist dem Kit bekannt',
  mappedByHand: 'In der CSV-Ablage von Hand zugeordnet, ausgehend von der Vorlage {from}.',
};
