export { startOtlpReceiver } from './otlp-receiver.js';
export { createCertificateFiles, hasOpenssl } from './certificates.js';
export type { CertificateFiles } from './certificates.js';
export { runFixture, stopAllFixtures } from './fixture-runner.js';
export { buildTraceTrees } from './trace-tree.js';
export { formatExpectedTree, formatTraceTrees } from './trace-format.js';
export {
  describeSpanMismatch,
  describeTreeMismatch,
  expectTraceTree,
  findSpan,
  findSpans,
  spanMatches,
} from './trace-match.js';
export { matchValue } from './value-matcher.js';
export { decodeExportRequest } from './otlp-schema.js';

export type {
  AttributeMatchers,
  Attributes,
  ExitResult,
  ExpectedSpan,
  ExpectTraceTreeOptions,
  FixtureHandle,
  FixtureOptions,
  FormatTraceOptions,
  OtlpProtocol,
  OtlpReceiver,
  OtlpReceiverOptions,
  ReceivedRequest,
  ReceivedScope,
  ReceivedSpan,
  ReceivedSpanEvent,
  ReceivedSpanLink,
  ReceivedSpanStatus,
  ReceiverRequestInfo,
  ReceiverRespondHook,
  ReceiverResponse,
  ReceiverTlsOptions,
  SpanCondition,
  SpanKindName,
  SpanMatcher,
  SpanNode,
  SpanQuery,
  StatusCodeName,
  TraceTree,
  ValueMatcher,
  WaitOptions,
} from './types.js';
