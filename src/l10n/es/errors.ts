/** Spanish: why a file cannot be read, by the engine's code (every code worded: the type requires it). */
import type { ErrorCode } from '../../engine/ingest/errors.js';

export const errors: Record<ErrorCode, string> = {
  utf16: 'el archivo es texto UTF-16: guárdelo como UTF-8 (Excel: "CSV UTF-8")',
  gzip: 'el archivo está comprimido con gzip: descomprímalo primero',
  zip: 'el archivo es un ZIP (¿un libro .xlsx?): exporte la hoja como CSV',
  binary: 'el archivo es binario, no texto CSV: exporte los contactos de su ACD como CSV',
  emptyFile: 'el archivo está vacío: sin cabecera ni filas',
  dayMonthOrder: 'no se puede saber el orden día/mes de "{column}": en todas las fechas del archivo el día y el mes son ≤ 12. Indique "dayMonthOrder": "dmy" o "mdy" en un archivo de asignación, o un "dateFormat" fijo.',
  headerNoArrival: 'la cabecera no corresponde a contactos: hay {fields}, pero no la hora de llegada (una columna como arrived, start time, o fecha + hora) (cabecera: {header})',
  headerNothingKnown: 'la cabecera no corresponde a contactos: ningún nombre de columna es uno que el kit conozca (cabecera: {header})',
  badMapping: '{detail}',
  recordsEmpty: 'el archivo ({what}) está vacío',
  recordsNoColumn: 'el archivo ({what}) no tiene columna {field} (se buscó {names}; cabecera: {header})',
  forecastSpacing: 'los intervalos de la previsión están a {minutes} minutos: añada una columna "interval minutes" (5, 15, 30 o 60)',
  cacheNone: 'No hay IndexedDB (¿una ventana privada?): los conjuntos de datos se guardan solo en memoria y se pierden al recargar.',
  cacheUpgrading: 'Otra pestaña está actualizando la caché de datos: en esta pestaña los datos se guardan en memoria hasta recargarla.',
  cacheNotOpened: 'No se pudo abrir la caché de datos ({detail}): los conjuntos de datos se guardan solo en memoria.',
  cacheFull: 'El almacenamiento del navegador está lleno: los nuevos conjuntos de datos se guardan solo en memoria (elimine los antiguos para liberar espacio).',
  cacheFailed: 'La caché de datos falló ({detail}): los conjuntos de datos se guardan solo en memoria.',
  datasetGone: 'el conjunto de datos {id} ya no está en la caché de este navegador: cargue el archivo de nuevo',
  workerRestarted: 'el motor se detuvo mientras leía el archivo: inténtelo de nuevo',
  loadFailed: 'no se puede cargar {url}: {detail}',
  message: '{text}',
};
