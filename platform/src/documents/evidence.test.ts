import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { evidenceType, sniffType } from './evidence.ts';

const b = (text: string) => Buffer.from(text, 'latin1');

describe('evidence types', () => {
  it('recognises each accepted type by its magic bytes', () => {
    expect(sniffType(b('\xff\xd8\xff\xe0JFIF'))).toBe('image/jpeg');
    expect(sniffType(b('\x89PNG\r\n\x1a\n\0\0'))).toBe('image/png');
    expect(sniffType(b('RIFF\x10\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(b('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(b('\0\0\0\x18ftypmp42'))).toBe('video/mp4');
    expect(sniffType(b('ID3\x04\0'))).toBe('audio/mpeg');
    expect(sniffType(b('\xff\xfb\x90\x64'))).toBe('audio/mpeg');
    expect(sniffType(b('\0\0\0\x18ftypheic'))).toBeUndefined();
    expect(sniffType(b('<html>'))).toBeUndefined();
    expect(sniffType(b(''))).toBeUndefined();
  });

  it('accepts a declared type only when the bytes agree', () => {
    expect(evidenceType('Application/PDF; charset=binary', b('%PDF-1.4'))).toBe('application/pdf');
    const refusal = (declared: string | undefined, bytes: Buffer) => {
      try {
        evidenceType(declared, bytes);
      } catch (e) {
        return e instanceof AppError ? { code: e.code, details: e.details } : e;
      }
      return undefined;
    };
    expect(refusal('image/png', b('%PDF-1.4'))).toEqual({
      code: 'unsupported-media',
      details: { declared: 'image/png', detected: 'application/pdf' },
    });
    expect(refusal('image/svg+xml', b('<svg/>'))).toMatchObject({ code: 'unsupported-media' });
    expect(refusal(undefined, b('%PDF-1.4'))).toMatchObject({ code: 'unsupported-media' });
  });
});
