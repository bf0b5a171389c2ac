/* eslint-disable no-param-reassign -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* sprig's hashes, path functions, base32/base64 encodings and urlParse. */

import { createHash } from 'node:crypto';
import { goQuote } from '../goFmt/quote';
import { goBase, goClean, goDir, goExt } from '../goPath';
import type { GoMap } from '../goValues';
import { Spec, S } from './spec';

/** Go's url unescaping of a component (a bad escape fails). */
function unescapeUrl(s: string, raw: string): string {
  if (/%(?![0-9a-fA-F]{2})/.test(s))
    throw new Error(`unable to parse url: parse "${raw}": invalid URL escape`);
  const bytes: number[] = [];
  const src = Buffer.from(s, 'utf8');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x25) {
      bytes.push(parseInt(src.subarray(i + 1, i + 3).toString('latin1'), 16));
      i += 2;
    } else bytes.push(src[i]);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** sprig's urlParse over a port of Go's url.Parse (no normalisation). */
function urlParse(raw: string): GoMap {
  if ([...raw].some(c => c.charCodeAt(0) < 0x20 || c === '\x7f'))
    throw new Error(
      `unable to parse url: parse ${goQuote(
        raw,
      )}: net/url: invalid control character in URL`,
    );
  let rest = raw;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = unescapeUrl(rest.slice(hash + 1), raw);
    rest = rest.slice(0, hash);
  }
  let scheme = '';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  } else if (rest.startsWith(':'))
    throw new Error(
      `unable to parse url: parse "${raw}": missing protocol scheme`,
    );
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let opaque = '';
  let host = '';
  let userinfo = '';
  if (scheme && !rest.startsWith('/')) {
    opaque = rest;
    rest = '';
  } else if ((scheme || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    rest = slash >= 0 ? rest.slice(slash) : '';
    const at = authority.lastIndexOf('@');
    host = at >= 0 ? authority.slice(at + 1) : authority;
    userinfo = at >= 0 ? authority.slice(0, at) : '';
  } else if (!scheme) {
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash))
      throw new Error(
        `unable to parse url: parse ${goQuote(
          raw,
        )}: first path segment in URL cannot contain colon`,
      );
  }
  const hostname = host.startsWith('[')
    ? host.slice(1, host.indexOf(']') >= 0 ? host.indexOf(']') : undefined)
    : host.replace(/:[0-9]*$/, '');
  return {
    scheme,
    host,
    hostname,
    path: unescapeUrl(rest, raw),
    query,
    opaque,
    fragment,
    userinfo,
  };
}

function b32enc(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = Buffer.from(s, 'utf8');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

/** Where encoding/base32 or base64 (padded) would stop on bad input. */
function corruptAt(
  s: string,
  alphabet: string,
  quantum: number,
  padded: number[],
): number | undefined {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=') {
      const j = i % quantum;
      if (!padded.includes(j)) return i;
      const end = i - j + quantum;
      for (let k = i; k < end; k++)
        if (s[k] !== '=') return Math.min(k, s.length);
      return end < s.length ? end : undefined;
    }
    if (!alphabet.includes(s[i])) return i;
  }
  const rest = s.length % quantum;
  return rest ? s.length - rest : undefined;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function b32dec(s: string): string {
  const bad = corruptAt(s, B32, 8, [2, 4, 5, 7]);
  if (bad !== undefined) return `illegal base32 data at input byte ${bad}`;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of s.replace(/=+$/, '')) {
    value = ((value << 5) | B32.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out).toString('utf8');
}

function b64dec(s: string): string {
  const bad = corruptAt(s, B64, 4, [2, 3]);
  if (bad !== undefined) return `illegal base64 data at input byte ${bad}`;
  return Buffer.from(s, 'base64').toString('utf8');
}

function adler32(s: string): bigint {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return BigInt(((b << 16) | a) >>> 0);
}

/** Hashes, paths, base32/base64 and URLs. */
export const encodingFunctions: Record<string, Spec> = {
  sha1sum: S('s', (s: string) =>
    createHash('sha1').update(s, 'utf8').digest('hex'),
  ),
  sha256sum: S('s', (s: string) =>
    createHash('sha256').update(s, 'utf8').digest('hex'),
  ),
  sha512sum: S('s', (s: string) =>
    createHash('sha512').update(s, 'utf8').digest('hex'),
  ),
  adler32sum: S('s', (s: string) => adler32(s).toString()),
  base: S('s', goBase),
  dir: S('s', goDir),
  clean: S('s', goClean),
  ext: S('s', goExt),
  isAbs: S('s', (s: string) => s.startsWith('/')),
  osBase: S('s', goBase),
  osClean: S('s', goClean),
  osDir: S('s', goDir),
  osExt: S('s', goExt),
  osIsAbs: S('s', (s: string) => s.startsWith('/')),
  b64enc: S('s', (s: string) => Buffer.from(s, 'utf8').toString('base64')),
  b64dec: S('s', b64dec),
  b32enc: S('s', b32enc),
  b32dec: S('s', b32dec),
  urlParse: S('s', urlParse),
};
