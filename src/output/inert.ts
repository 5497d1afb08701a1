// Making server text inert before it reaches a terminal. Every byte a server chose (names,
// statuses, error messages, hints, trace bodies) goes through `inert` on its way to a table,
// `-o value`, CSV on a terminal, an error line, a warning, a progress line or the --debug trace.
//
// Escaped, visibly: C0 controls (ESC, BEL, BS, CR, LF...), DEL, C1 controls U+0080–U+009F (CSI
// and OSC have one-byte forms there), the line/paragraph separators U+2028/U+2029, and the bidi
// controls that reorder what a terminal shows ("trojan source"): U+061C, U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069. ESC becomes the four characters `\x1b`, U+202E `\u202e`, LF `\n`,
// TAB `\t`, CR `\r`. Joiners (U+200C/D) stay: scripts and emoji need them. JSON/YAML/NDJSON keep
// the data (their own escaping covers the controls; see DEVELOPING.md).

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when `text` holds a character that `inert` would escape. */
export function hasUnsafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/**
 * Server-supplied text made safe to print: every control character becomes its visible escape
 * (`\x1b`, `\u202e`, `\n`...). One line in, one line out. Non-strings are stringified first.
 */
export function inert(text: unknown): string {
  const s = typeof text === 'string' ? text : String(text);
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(s)) return s;
  UNSAFE.lastIndex = 0;
  return s.replace(UNSAFE, escapeOne);
}

/** Like `inert`, but line feeds stay (multi-line text we lay out ourselves: traces, stacks). */
export function inertLines(text: string): string {
  UNSAFE_KEEP_LINES.lastIndex = 0;
  if (!UNSAFE_KEEP_LINES.test(text)) return text;
  UNSAFE_KEEP_LINES.lastIndex = 0;
  return text.replace(UNSAFE_KEEP_LINES, escapeOne);
}

// Characters JSON.stringify leaves raw (it escapes only U+0000–U+001F): DEL, C1, the separators
// and bidi controls. Outside strings JSON has none of them, so replacing every one with its
// \uXXXX escape keeps the document byte-for-byte equivalent as data.
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function uEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Serialized JSON with DEL, C1 and bidi controls as \uXXXX escapes (same data, inert text). */
export function inertJson(json: string): string {
  JSON_RAW.lastIndex = 0;
  if (!JSON_RAW.test(json)) return json;
  JSON_RAW.lastIndex = 0;
  return json.replace(JSON_RAW, uEscape);
}

/**
 * YAML: strings holding a control character other than LF must be written double-quoted (call
 * `yamlNeedsQuotes` on each scalar), where the yaml library escapes C0 itself; this then escapes
 * what it leaves raw (DEL, C1, bidi), which can only be inside those double-quoted scalars.
 */
export function inertYaml(yamlText: string): string {
  return inertJson(yamlText);
}

// eslint-disable-next-line no-control-regex
const YAML_QUOTE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function yamlNeedsQuotes(s: string): boolean {
  return YAML_QUOTE.test(s);
}
