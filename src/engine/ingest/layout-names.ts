/**
 * The names of the vendor layouts (layouts.ts), apart from their code: a mapping file may extend any of them,
 * and the mapping validator (which the CSV drop loads in the page) needs only the names. A test holds this
 * list equal to the layouts'.
 */
export const LAYOUT_NAMES = [
  'aircall', 'five9', 'talkdesk', 'twilio-flex', '3cx', 'asterisk-cdr', 'zendesk-talk', 'zendesk-talk-api',
  'nice-cxone', 'cisco-uccx', 'freshcaller', 'dialpad', 'ringcentral',
] as const;
