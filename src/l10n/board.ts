/** The words of <sla-queue-board>, in every language (src/l10n/<language>/board.ts). */
import { words } from './index.js';
import { board as en } from './en/board.js';
import { board as es } from './es/board.js';
import { board as de } from './de/board.js';

export type BoardKey = keyof typeof en;
export const BOARD = words(en, es, de);
