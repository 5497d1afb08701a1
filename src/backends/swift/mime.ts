// Content type from a file name's extension (a short list of common types); anything else is
// application/octet-stream. --content-type overrides it.
const TYPES: Record<string, string> = {
  txt: 'text/plain', log: 'text/plain', md: 'text/markdown', csv: 'text/csv', tsv: 'text/tab-separated-values',
  html: 'text/html', htm: 'text/html', css: 'text/css', js: 'text/javascript', mjs: 'text/javascript',
  xml: 'application/xml', json: 'application/json', yaml: 'application/yaml', yml: 'application/yaml',
  pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip', tgz: 'application/gzip',
  tar: 'application/x-tar', bz2: 'application/x-bzip2', xz: 'application/x-xz', zst: 'application/zstd',
  '7z': 'application/x-7z-compressed', iso: 'application/x-iso9660-image', img: 'application/octet-stream',
  qcow2: 'application/octet-stream', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif',
  svg: 'image/svg+xml', webp: 'image/webp', ico: 'image/vnd.microsoft.icon', bmp: 'image/bmp', tif: 'image/tiff', tiff: 'image/tiff',
  mp3: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', flac: 'audio/flac', mp4: 'video/mp4', webm: 'video/webm',
  mkv: 'video/x-matroska', mov: 'video/quicktime', avi: 'video/x-msvideo', wasm: 'application/wasm',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', sh: 'application/x-sh', py: 'text/x-python', ts: 'text/plain',
  sql: 'application/sql', ics: 'text/calendar', rtf: 'application/rtf', eml: 'message/rfc822', woff: 'font/woff', woff2: 'font/woff2',
  ttf: 'font/ttf', otf: 'font/otf',
};

export const DEFAULT_TYPE = 'application/octet-stream';

export function contentTypeFor(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return DEFAULT_TYPE;
  return TYPES[base.slice(dot + 1).toLowerCase()] ?? DEFAULT_TYPE;
}
