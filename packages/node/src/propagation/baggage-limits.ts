/**
 * W3C Baggage limits (§3.3.2): a platform must propagate at least 64 list-members and a
 * baggage-string of at least 8192 bytes, counted over all baggage headers combined, and must
 * never propagate part of a list-member. We use these minimums as our maximums, on extract and
 * on inject, so what we accept we can always pass on.
 */
export const BAGGAGE_MAX_MEMBERS = 64;
export const BAGGAGE_MAX_BYTES = 8192;

const utf8Encoder = new TextEncoder();

/**
 * Admits whole list-members in order while both limits hold. A member that would overflow the
 * byte budget is dropped and later, smaller members may still fit; once 64 are admitted the
 * budget is full.
 */
export class BaggageBudget {
  private members = 0;
  private bytes = 0;

  get isFull(): boolean {
    return this.members >= BAGGAGE_MAX_MEMBERS || this.bytes >= BAGGAGE_MAX_BYTES;
  }

  /** Admits a serialized member if it fits, counting the comma that will separate it. */
  tryAdmit(serializedMember: string): boolean {
    if (this.isFull) return false;
    const separatorBytes = this.members === 0 ? 0 : 1;
    // Baggage members on the wire are ASCII, so length is bytes; the encoder is only needed
    // for carriers (Jaeger) whose values may hold other text.
    const memberBytes = isAscii(serializedMember)
      ? serializedMember.length
      : utf8Encoder.encode(serializedMember).length;
    if (this.bytes + separatorBytes + memberBytes > BAGGAGE_MAX_BYTES) return false;
    this.members += 1;
    this.bytes += separatorBytes + memberBytes;
    return true;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}
