/** Spanish: notes on how a file is read, by the engine's code (every code worded: the type requires it). */
import type { NoteCode } from '../../engine/ingest/notes.js';

export const notes: Record<NoteCode, string> = {
  noQueue: 'Sin columna de cola: cada contacto cuenta en una sola cola llamada "all".',
  noWait: 'Sin espera ni hora de respuesta: no se pueden calcular el nivel de servicio ni el TMR.',
  blankWaitAbandons: 'Los abandonos con la columna de espera vacía cuentan como abandonados después del umbral; los abandonos cortos solo se distinguen donde hay espera.',
  noAbandonWait: 'Sin espera de los abandonos: cuentan como abandonados después del umbral y los abandonos cortos no se pueden distinguir.',
  noHoldOrWrap: 'Sin columnas de retención ni de cierre: el TMO incluye solo las partes presentes.',
  noHold: 'Sin columna de retención: el TMO incluye solo las partes presentes.',
  noWrap: 'Sin columna de cierre: el TMO incluye solo las partes presentes.',
  noId: 'Sin columna de id: no se pueden detectar contactos duplicados; las filas se numeran.',
  amazonConnect: 'Amazon Connect: un contacto no atendido con CUSTOMER_DISCONNECT es un abandono, con CONTACT_FLOW_DISCONNECT un desborde; sin hora de entrada en cola, el contacto nunca hizo cola.',
  genesysCloud: 'Genesys Cloud cuenta los desbordes dentro de su propio "Offered"; este kit no: ofrecidas = atendidas + abandonadas + abandonos cortos, desbordes aparte.',
  asteriskQueueLog: 'queue_log de Asterisk: líneas agrupadas por callid; la conversación incluye la retención; no se registra el cierre.',
  dayMonthDetected: 'Orden día/mes {order} detectado a partir de "{value}" en la línea {line}.',
  emptyFile: 'el archivo está vacío',
  noArrival: 'hay {fields}, pero no la hora de llegada (una columna como arrived, start time, o fecha + hora)',
  nothingKnown: 'ningún nombre de columna es uno que el kit conozca',
  mappedByHand: 'Asignado a mano en la carga de CSV, a partir del preajuste {from}.',
};
