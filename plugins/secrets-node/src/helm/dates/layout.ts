/* eslint-disable no-loop-func -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* Go's reference-time layouts (Mon Jan 2 15:04:05 MST 2006): tokens and time.Format. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** Tokens of Go's reference layout, longest first. */
const TOKENS = [
  'January',
  'Monday',
  '2006',
  'Z07:00',
  'Z0700',
  '-07:00',
  '-0700',
  'Jan',
  'Mon',
  'MST',
  '.000000000',
  '.999999999',
  '.000000',
  '.999999',
  '.000',
  '.999',
  '002',
  '__2',
  '01',
  '02',
  '_2',
  '03',
  '04',
  '05',
  '06',
  '15',
  '-07',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

export function tokenize(layout: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < layout.length) {
    // fractional seconds: "." or "," then a run of 0s or 9s not followed by a digit
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      out.push(frac[0]);
      i += frac[0].length;
      continue;
    }
    const t = TOKENS.find(x => layout.startsWith(x, i));
    if (t) {
      out.push(t);
      i += t.length;
    } else {
      out.push(layout[i]);
      i++;
    }
  }
  return out;
}

export interface GoTime {
  ms: number;
  nanos: number;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function formatTime(t: GoTime, layout: string): string {
  const d = new Date(t.ms);
  const frac = pad(d.getUTCMilliseconds() * 1_000_000 + t.nanos, 9);
  return tokenize(layout)
    .map(tok => {
      switch (tok) {
        case 'January':
          return MONTHS[d.getUTCMonth()];
        case 'Jan':
          return MONTHS[d.getUTCMonth()].slice(0, 3);
        case 'Monday':
          return DAYS[d.getUTCDay()];
        case 'Mon':
          return DAYS[d.getUTCDay()].slice(0, 3);
        case '2006':
          return pad(d.getUTCFullYear(), 4);
        case '06':
          return pad(d.getUTCFullYear() % 100, 2);
        case '01':
          return pad(d.getUTCMonth() + 1, 2);
        case '1':
          return String(d.getUTCMonth() + 1);
        case '02':
          return pad(d.getUTCDate(), 2);
        case '2':
          return String(d.getUTCDate());
        case '_2':
          return String(d.getUTCDate()).padStart(2, ' ');
        case '002': {
          const start = Date.UTC(d.getUTCFullYear(), 0, 1);
          return pad(Math.floor((t.ms - start) / 86_400_000) + 1, 3);
        }
        case '15':
          return pad(d.getUTCHours(), 2);
        case '03':
          return pad(d.getUTCHours() % 12 || 12, 2);
        case '3':
          return String(d.getUTCHours() % 12 || 12);
        case '04':
          return pad(d.getUTCMinutes(), 2);
        case '4':
          return String(d.getUTCMinutes());
        case '05':
          return pad(d.getUTCSeconds(), 2);
        case '5':
          return String(d.getUTCSeconds());
        case 'PM':
          return d.getUTCHours() >= 12 ? 'PM' : 'AM';
        case 'pm':
          return d.getUTCHours() >= 12 ? 'pm' : 'am';
        case 'MST':
          return 'UTC';
        case 'Z07:00':
        case 'Z0700':
          return 'Z';
        case '-07:00':
          return '+00:00';
        case '-0700':
          return '+0000';
        case '-07':
          return '+00';
        default:
          if (/^[.,]0+$/.test(tok))
            return `${tok[0]}${frac.slice(0, tok.length - 1)}`;
          if (/^[.,]9+$/.test(tok)) {
            const f = frac.slice(0, tok.length - 1).replace(/0+$/, '');
            return f ? `${tok[0]}${f}` : '';
          }
          return tok;
      }
    })
    .join('');
}
