// Content-Type guessing from an object name, the way Swift does it with
// Python's mimetypes.guess_type(): compression suffixes are an *encoding*,
// so "a.tar.gz" is application/x-tar and "a.gz" alone has no type.

const TYPES: Record<string, string> = {
  txt: 'text/plain', text: 'text/plain', conf: 'text/plain', log: 'text/plain', c: 'text/plain', h: 'text/plain',
  bat: 'text/plain', ksh: 'text/plain', pl: 'text/plain', srt: 'text/plain',
  html: 'text/html', htm: 'text/html', css: 'text/css', csv: 'text/csv', md: 'text/markdown', markdown: 'text/markdown',
  js: 'application/javascript', mjs: 'application/javascript', json: 'application/json', xml: 'text/xml',
  xsl: 'application/xml', rdf: 'application/xml', py: 'text/x-python', sh: 'application/x-sh', ics: 'text/calendar',
  rtf: 'application/rtf', rtx: 'text/richtext', tsv: 'text/tab-separated-values', vcf: 'text/x-vcard',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp',
  svg: 'image/svg+xml', webp: 'image/webp', ico: 'image/vnd.microsoft.icon', tif: 'image/tiff', tiff: 'image/tiff',
  pdf: 'application/pdf', ps: 'application/postscript', eps: 'application/postscript',
  zip: 'application/zip', tar: 'application/x-tar', gtar: 'application/x-gtar', tgz: 'application/x-tar',
  jar: 'application/java-archive', wasm: 'application/wasm', bin: 'application/octet-stream',
  exe: 'application/octet-stream', so: 'application/octet-stream', o: 'application/octet-stream',
  doc: 'application/msword', dot: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  mp3: 'audio/mpeg', wav: 'audio/x-wav', ogg: 'audio/ogg', flac: 'audio/flac', aac: 'audio/aac', m4a: 'audio/mp4',
  mp4: 'video/mp4', mpeg: 'video/mpeg', mpg: 'video/mpeg', mov: 'video/quicktime', avi: 'video/x-msvideo',
  webm: 'video/webm', mkv: 'video/x-matroska', qcow2: 'application/octet-stream',
  woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf',
  eml: 'message/rfc822', mht: 'message/rfc822', p7c: 'application/pkcs7-mime', pem: 'application/x-pem-file',
  der: 'application/x-x509-ca-cert', crt: 'application/x-x509-ca-cert', swf: 'application/x-shockwave-flash',
};

const ENCODINGS = new Set(['gz', 'bz2', 'xz', 'br']);
const SUFFIX_ALIASES: Record<string, string> = { tgz: 'tar.gz', taz: 'tar.gz', tz: 'tar.gz', tbz2: 'tar.bz2', txz: 'tar.xz' };

/** Guess a Content-Type from an object name; undefined when the extension is unknown. */
export function guessType(name: string): string | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  let parts = base.split('.');
  if (parts.length < 2) return undefined;
  let ext = parts[parts.length - 1]!;
  const alias = SUFFIX_ALIASES[ext] ?? SUFFIX_ALIASES[ext.toLowerCase()];
  if (alias) parts = [...parts.slice(0, -1), ...alias.split('.')];
  ext = parts[parts.length - 1]!;
  if (ENCODINGS.has(ext.toLowerCase()) || ext === 'Z') {
    parts = parts.slice(0, -1);
    if (parts.length < 2) return undefined;
    ext = parts[parts.length - 1]!;
  }
  return TYPES[ext] ?? TYPES[ext.toLowerCase()];
}
