/**
 * The web control panel's sign-in, shared by the gateway and the panel page.
 *
 * Each request proves it comes from the browser the owner signed in with: an HTTP Message Signature (RFC 9421)
 * made with a P-256 key the browser generated as non-extractable, over the method, the full target URI and the
 * body's Content-Digest (RFC 9530). One fixed profile, so the gateway parses exactly this and nothing else. The
 * browser and the tests sign with this module (WebCrypto); the gateway verifies with node:crypto and the same
 * signature base.
 */

import { epochSeconds, systemClock } from './clock.ts';

/** How long sign-in links and sessions live, in seconds. */
export const PANEL_LIFETIMES = {
  /** A one-time sign-in link: opened right after it is printed, so minutes are enough. */
  loginLink: 10 * 60,
  /**
   * A session ends this long after its last request (OWASP Session Management Cheat Sheet, "Idle Timeout":
   * 15–30 minutes for high-value applications). An open panel tab keeps it alive: it asks every second.
   */
  sessionIdle: 30 * 60,
  /** …and this long after sign-in however busy it is (OWASP: "Absolute Timeout", 4–8 hours for all-day use). */
  sessionMax: 8 * 60 * 60,
} as const;

/** WebCrypto's key type, in the browser and in Node alike. */
export type PanelKey = InstanceType<typeof CryptoKey>;

/** The public half of a panel key as the gateway stores it (RFC 7518 §6.2.1, an EC P-256 JWK). */
export interface PanelPublicJwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
}

/** RFC 9421 §3.3.4: ECDSA using curve P-256 and SHA-256; the signature is r‖s (64 bytes), WebCrypto's own format. */
export const SIGNATURE_ALGORITHM = 'ecdsa-p256-sha256';
/** The label of the one signature a request carries (RFC 9421 §4.1: Signature-Input: panel=…, Signature: panel=…). */
export const SIGNATURE_LABEL = 'panel';
const COVERED = '("@method" "@target-uri" "content-digest")';

/** Nonces and key ids: URL-safe base64 of 16 to 48 random bytes. */
const TOKEN = '[A-Za-z0-9_-]{22,64}';
const INPUT = new RegExp(`^${SIGNATURE_LABEL}=(${escape(COVERED)};created=(\\d{1,12});nonce="(${TOKEN})";keyid="(${TOKEN})";alg="${SIGNATURE_ALGORITHM}")$`);
const SIGNATURE = new RegExp(`^${SIGNATURE_LABEL}=:([A-Za-z0-9+/]{86}==):$`);

function escape(text: string): string {
  return text.replace(/[()[\]{}.*+?^$|\\]/g, '\\$&');
}

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** RFC 9530 §2: Content-Digest with the sha-256 algorithm, as a structured-field byte sequence. */
export function formatContentDigest(sha256: ArrayBuffer | Uint8Array): string {
  return `sha-256=:${toBase64(sha256)}:`;
}

export interface SignatureParameters {
  /** The whole inner list with its parameters, exactly as sent: it is part of what is signed (RFC 9421 §2.3). */
  raw: string;
  created: number;
  nonce: string;
  keyid: string;
}

/** Reads a Signature-Input header this profile wrote; anything else is undefined. */
export function parseSignatureInput(header: string | undefined): SignatureParameters | undefined {
  const match = header === undefined ? null : INPUT.exec(header);
  if (!match) return undefined;
  return { raw: match[1] ?? '', created: Number(match[2]), nonce: match[3] ?? '', keyid: match[4] ?? '' };
}

/** The 64-byte signature of a Signature header this profile wrote, base64; anything else is undefined. */
export function parseSignature(header: string | undefined): string | undefined {
  const match = header === undefined ? null : SIGNATURE.exec(header);
  return match?.[1];
}

/** RFC 9421 §2.5: one line per covered component, then the signature parameters; no trailing newline. */
export function signatureBase(request: { method: string; targetUri: string; contentDigest: string }, params: string): string {
  return [
    `"@method": ${request.method.toUpperCase()}`,
    `"@target-uri": ${request.targetUri}`,
    `"content-digest": ${request.contentDigest}`,
    `"@signature-params": ${params}`,
  ].join('\n');
}

/** A new panel key pair: the private half can sign, and can never be exported (WebCrypto `extractable: false`). */
export async function generatePanelKey(): Promise<{ publicKey: PanelKey; privateKey: PanelKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** The public half as the gateway stores it. */
export async function exportPublicKey(key: PanelKey): Promise<PanelPublicJwk> {
  const { kty = '', crv = '', x = '', y = '' } = await crypto.subtle.exportKey('jwk', key);
  return { kty, crv, x, y };
}

/** The three headers that sign one request of the panel's session `keyid`. */
export async function signRequest(
  privateKey: PanelKey,
  keyid: string,
  request: { method: string; url: string; body?: string },
  created = epochSeconds(systemClock),
): Promise<Record<'Content-Digest' | 'Signature-Input' | 'Signature', string>> {
  const encoder = new TextEncoder();
  const contentDigest = formatContentDigest(await crypto.subtle.digest('SHA-256', encoder.encode(request.body ?? '')));
  const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(18)));
  const params = `${COVERED};created=${created};nonce="${nonce}";keyid="${keyid}";alg="${SIGNATURE_ALGORITHM}"`;
  const base = signatureBase({ method: request.method, targetUri: new URL(request.url).href, contentDigest }, params);
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, encoder.encode(base));
  return {
    'Content-Digest': contentDigest,
    'Signature-Input': `${SIGNATURE_LABEL}=${params}`,
    Signature: `${SIGNATURE_LABEL}=:${toBase64(signature)}:`,
  };
}
