import type { Attributes } from '@opentelemetry/api';
import { AddAttributeDecision, maybeAddAttribute } from '@opentelemetry/core';

export interface AttributeLimits {
  readonly attributeCountLimit: number;
  readonly attributeValueLengthLimit: number;
}

/** A span's attributes and how many of them there are, for the count limit. */
export interface AttributeSet {
  readonly attributes: Attributes;
  attributeCount: number;
}

/**
 * Adds one attribute under the limits, deciding exactly as the SDK's `maybeAddAttribute`, with
 * a fast path for the string, number and boolean values instrumentations set on every request.
 * The SDK validates each value as a possibly nested AnyValue (a WeakSet per call) and sanitizes
 * a span's start attributes twice; that was the largest single cost of starting a span.
 */
export function addAttribute(set: AttributeSet, key: string, value: unknown, limits: AttributeLimits): AddAttributeDecision {
  const type = typeof value;
  if ((type !== 'string' && type !== 'number' && type !== 'boolean') || key.length === 0) {
    const decision = maybeAddAttribute({
      key,
      value: value as never,
      attributes: set.attributes,
      limits,
      currentAttributesCount: set.attributeCount,
    });
    if (decision === AddAttributeDecision.ADD_NEW) set.attributeCount += 1;
    return decision;
  }
  const attributes = set.attributes;
  const isNew = !Object.hasOwn(attributes, key);
  if (isNew && set.attributeCount >= limits.attributeCountLimit) return AddAttributeDecision.DROP_LIMIT_REACHED;
  const lengthLimit = limits.attributeValueLengthLimit;
  attributes[key] =
    type === 'string' && lengthLimit > 0 && (value as string).length > lengthLimit
      ? (value as string).substring(0, lengthLimit)
      : (value as string | number | boolean);
  if (!isNew) return AddAttributeDecision.ADD_OVERWRITE_EXISTING;
  set.attributeCount += 1;
  return AddAttributeDecision.ADD_NEW;
}

/**
 * Adds a span's start attributes under the limits (undefined values skipped) and returns how
 * many were dropped: those over the count limit and those of no valid type, as the SDK counts.
 */
export function addStartAttributes(set: AttributeSet, attributes: Attributes | undefined, limits: AttributeLimits): number {
  if (attributes === null || typeof attributes !== 'object') return 0;
  let dropped = 0;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value === undefined) continue;
    const decision = addAttribute(set, key, value, limits);
    if (decision === AddAttributeDecision.DROP_LIMIT_REACHED || decision === AddAttributeDecision.DROP_INVALID) dropped += 1;
  }
  return dropped;
}
