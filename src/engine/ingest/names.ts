/**
 * How the kit compares names it reads (column headers, state and activity names): without case, accents,
 * spaces or punctuation, so "Speed of answer (s)", "speed_of_answer_s" and "SpeedOfAnswerS" are one name and
 * "Duración" is "duracion". One rule everywhere: a mapping that names a column finds it however the file wrote it.
 */
export function normalizeName(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}
