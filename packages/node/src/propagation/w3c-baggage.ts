import {
  baggageEntryMetadataFromString,
  propagation,
  type Baggage,
  type BaggageEntry,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { BAGGAGE_MAX_BYTES, BaggageBudget } from './baggage-limits.js';
import { readCombinedHeaderValue } from './carrier-headers.js';
import { forEachCommaSeparated, isToken, trimOptionalWhitespace } from './http-text.js';
import { percentDecode, percentEncode } from './percent-encoding.js';

export const BAGGAGE_HEADER = 'baggage';

// baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
const BAGGAGE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

interface BaggageMember {
  readonly key: string;
  readonly entry: BaggageEntry;
}

/**
 * W3C Baggage propagator. Invalid list-members are skipped, members beyond the limits in
 * `baggage-limits.ts` are dropped whole, values are percent-decoded, and properties are kept as
 * the entry's metadata. Never throws.
 *
 * Extracted entries are merged into baggage already in the context (so that composing with
 * another baggage-carrying propagator does not depend on order); a key repeated in the header
 * takes its last value.
 */
export class W3CBaggagePropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const baggage = propagation.getBaggage(context);
    if (!baggage || isTracingSuppressed(context)) return;
    const budget = new BaggageBudget();
    const members: string[] = [];
    for (const [key, entry] of baggage.getAllEntries()) {
      const member = formatMember(key, entry);
      if (member !== undefined && budget.tryAdmit(member)) members.push(member);
      if (budget.isFull) break;
    }
    if (members.length > 0) setter.set(carrier, BAGGAGE_HEADER, members.join(','));
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const headerValue = readCombinedHeaderValue(getter, carrier, BAGGAGE_HEADER);
    if (headerValue === undefined) return context;
    const members = parseBaggageHeader(headerValue);
    if (members.length === 0) return context;

    let baggage: Baggage = propagation.getBaggage(context) ?? propagation.createBaggage();
    for (const { key, entry } of members) baggage = baggage.setEntry(key, entry);
    return propagation.setBaggage(context, baggage);
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }
}

function parseBaggageHeader(headerValue: string): BaggageMember[] {
  const budget = new BaggageBudget();
  const members: BaggageMember[] = [];
  forEachCommaSeparated(headerValue, (segment) => {
    const text = trimOptionalWhitespace(segment);
    // A member over the byte limit can never be admitted: skip it before splitting it apart.
    if (text === '' || text.length > BAGGAGE_MAX_BYTES) return true;
    const member = parseMember(text);
    if (member !== undefined && budget.tryAdmit(text)) members.push(member);
    return !budget.isFull;
  });
  return members;
}

// list-member = key OWS "=" OWS value *( OWS ";" OWS property )
function parseMember(text: string): BaggageMember | undefined {
  const [keyAndValue = '', ...propertyTexts] = text.split(';');
  const separator = keyAndValue.indexOf('=');
  if (separator < 0) return undefined;
  const key = trimOptionalWhitespace(keyAndValue.slice(0, separator));
  const value = trimOptionalWhitespace(keyAndValue.slice(separator + 1));
  if (!isToken(key) || !BAGGAGE_VALUE.test(value)) return undefined;

  const properties = normalizeProperties(propertyTexts);
  if (properties === undefined) return undefined;
  const entry: BaggageEntry = { value: percentDecode(value) };
  if (properties !== '') entry.metadata = baggageEntryMetadataFromString(properties);
  return { key, entry };
}

/**
 * Validates `property = key OWS "=" OWS value / key OWS` items and rejoins them without the
 * optional whitespace. Property values are opaque to the spec, so they are not decoded.
 */
function normalizeProperties(propertyTexts: readonly string[]): string | undefined {
  const properties: string[] = [];
  for (const propertyText of propertyTexts) {
    const separator = propertyText.indexOf('=');
    const key = trimOptionalWhitespace(separator < 0 ? propertyText : propertyText.slice(0, separator));
    if (!isToken(key)) return undefined;
    if (separator < 0) {
      properties.push(key);
      continue;
    }
    const value = trimOptionalWhitespace(propertyText.slice(separator + 1));
    if (!BAGGAGE_VALUE.test(value)) return undefined;
    properties.push(`${key}=${value}`);
  }
  return properties.join(';');
}

function formatMember(key: string, entry: BaggageEntry): string | undefined {
  if (!isToken(key) || typeof entry.value !== 'string') return undefined;
  const member = `${key}=${percentEncode(entry.value)}`;
  const metadata = entry.metadata?.toString() ?? '';
  const properties = metadata === '' ? '' : normalizeProperties(metadata.split(';'));
  // Metadata that is not a valid property list is left behind rather than losing the entry.
  return properties ? `${member};${properties}` : member;
}
