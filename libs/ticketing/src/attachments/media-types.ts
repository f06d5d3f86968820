/**
 * What may be attached to a ticket (screenshots, documents, spreadsheets, the video or audio seed 001 suggests), and
 * how each is recognised from its first bytes: the declared type must match what the content is.
 */
interface Kind {
  readonly types: readonly string[];
  readonly matches: (bytes: Buffer) => boolean;
}

const startsWith = (bytes: Buffer, ...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
const ascii = (bytes: Buffer, at: number, text: string) => bytes.subarray(at, at + text.length).toString('latin1') === text;

const isUtf8Text = (bytes: Buffer): boolean => {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const ZIP_TYPES = [
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
];

const kinds: readonly Kind[] = [
  { types: ['image/png'], matches: (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { types: ['image/jpeg'], matches: (b) => startsWith(b, 0xff, 0xd8, 0xff) },
  { types: ['image/gif'], matches: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { types: ['image/webp'], matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { types: ['application/pdf'], matches: (b) => ascii(b, 0, '%PDF-') },
  { types: ZIP_TYPES, matches: (b) => startsWith(b, 0x50, 0x4b, 0x03, 0x04) },
  { types: ['video/mp4', 'audio/mp4'], matches: (b) => ascii(b, 4, 'ftyp') },
  { types: ['video/webm', 'audio/webm'], matches: (b) => startsWith(b, 0x1a, 0x45, 0xdf, 0xa3) },
  { types: ['audio/mpeg'], matches: (b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) },
  { types: ['audio/ogg', 'video/ogg'], matches: (b) => ascii(b, 0, 'OggS') },
  { types: ['audio/wav'], matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE') },
  { types: ['text/plain', 'text/csv'], matches: isUtf8Text },
];

export const ATTACHMENT_MEDIA_TYPES: readonly string[] = kinds.flatMap((kind) => kind.types);

/** Images a browser may show in the page (the rest is always downloaded). */
export const INLINE_MEDIA_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export type MediaTypeVerdict = { readonly ok: true; readonly mediaType: string } | { readonly ok: false; readonly code: string };

/** The declared type (parameters dropped) if it is allowed and the content is what it says. */
export const checkMediaType = (declared: string, bytes: Buffer): MediaTypeVerdict => {
  const mediaType = declared.split(';')[0]!.trim().toLowerCase();
  const kind = kinds.find((candidate) => candidate.types.includes(mediaType));
  if (!kind) return { ok: false, code: 'ATTACHMENT_TYPE_NOT_ALLOWED' };
  return kind.matches(bytes) ? { ok: true, mediaType } : { ok: false, code: 'ATTACHMENT_CONTENT_DOES_NOT_MATCH_ITS_TYPE' };
};
