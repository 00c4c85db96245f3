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
 * Adds a span's start attributes to its empty set under the limits and returns how many were
 * dropped, deciding as the SDK's `cleanAttributes` does (undefined values skipped; over the
 * count limit, empty keys and invalid values dropped and counted).
 */
export function addStartAttributes(set: AttributeSet, attributes: Attributes | undefined, limits: AttributeLimits): number {
  if (attributes == null || typeof attributes !== 'object') return 0;
  const target = set.attributes;
  const lengthLimit = limits.attributeValueLengthLimit > 0 ? limits.attributeValueLengthLimit : Number.POSITIVE_INFINITY;
  let count = 0;
  let dropped = 0;
  let unstoredKey = false;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value === undefined) continue;
    if (count >= limits.attributeCountLimit) {
      dropped += 1;
      continue;
    }
    const type = typeof value;
    if (type === 'string' && key.length > 0) {
      target[key] = (value as string).length > lengthLimit ? (value as string).substring(0, lengthLimit) : value;
    } else if ((type === 'number' || type === 'boolean') && key.length > 0) {
      target[key] = value;
    } else {
      const decision = maybeAddAttribute({
        key,
        value: value as never,
        attributes: target,
        limits: { attributeCountLimit: Number.POSITIVE_INFINITY, attributeValueLengthLimit: lengthLimit },
        currentAttributesCount: 0,
      });
      if (decision === AddAttributeDecision.DROP_INVALID) {
        dropped += 1;
        continue;
      }
    }
    // `__proto__` counts towards the limit here but is not stored (the SDK behaves the same way).
    if (key === '__proto__') unstoredKey = true;
    count += 1;
  }
  set.attributeCount = unstoredKey ? Object.keys(target).length : count;
  return dropped;
}
