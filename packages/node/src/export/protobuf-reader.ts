/**
 * Reads the fields of a protobuf message without a schema: enough for the few small messages
 * tracekit decodes itself (gRPC status details, the OTLP export response). Anything malformed
 * throws; callers read that as "not present".
 */

export interface ProtobufField {
  readonly number: number;
  /** Wire type 0 (int32, int64, uint64, bool, enum). Exact up to 2^53. */
  readonly varint?: number;
  /** Wire type 2 (string, bytes, embedded message). */
  readonly bytes?: Uint8Array;
}

/** The fields of one message, in wire order; throws on truncated or unsupported wire data. */
export function* protobufFields(bytes: Uint8Array): Generator<ProtobufField> {
  let offset = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (offset >= bytes.length) throw new Error('truncated varint');
      const byte = bytes[offset++] as number;
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return result;
    }
    throw new Error('varint too long');
  };
  while (offset < bytes.length) {
    const key = varint();
    const number = Math.floor(key / 8);
    switch (key % 8) {
      case 0:
        yield { number, varint: varint() };
        break;
      case 1:
        offset += 8;
        break;
      case 2: {
        const length = varint();
        if (offset + length > bytes.length) throw new Error('truncated field');
        yield { number, bytes: bytes.subarray(offset, offset + length) };
        offset += length;
        break;
      }
      case 5:
        offset += 4;
        break;
      default:
        throw new Error('unsupported wire type');
    }
    if (offset > bytes.length) throw new Error('truncated field');
  }
}
