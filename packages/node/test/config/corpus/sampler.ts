/**
 * OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG.
 *
 * Spec: "Invalid or unrecognized input MUST be logged and MUST be otherwise ignored, i.e. the
 * implementation MUST behave as if OTEL_TRACES_SAMPLER_ARG is not set."
 */
import { warningText as W } from '../../../src/config/warnings.js';
import { SAMPLER_NAMES } from '../../../src/types.js';
import { DEFAULT_JAEGER_REMOTE, type ConfigRow } from '../row.js';

const ARG = 'OTEL_TRACES_SAMPLER_ARG';

const samplerName: ConfigRow[] = [
  { env: { OTEL_TRACES_SAMPLER: '' }, exact: { sampler: { name: 'parentbased_always_on' } }, expected: {}, warnings: [] },
  { env: { OTEL_TRACES_SAMPLER: 'always_on' }, exact: { sampler: { name: 'always_on' } }, expected: {}, warnings: [] },
  { env: { OTEL_TRACES_SAMPLER: 'always_off' }, exact: { sampler: { name: 'always_off' } }, expected: {}, warnings: [] },
  { env: { OTEL_TRACES_SAMPLER: 'AlWaYs_OfF' }, exact: { sampler: { name: 'always_off' } }, expected: {}, warnings: [] },
  {
    env: { OTEL_TRACES_SAMPLER: 'parentbased_always_on' },
    exact: { sampler: { name: 'parentbased_always_on' } },
    expected: {},
    warnings: [],
  },
  {
    env: { OTEL_TRACES_SAMPLER: ' parentbased_always_off ' },
    exact: { sampler: { name: 'parentbased_always_off' } },
    expected: {},
    warnings: [],
  },
  { env: { OTEL_TRACES_SAMPLER: 'traceidratio' }, exact: { sampler: { name: 'traceidratio', ratio: 1 } }, expected: {}, warnings: [] },
  {
    env: { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' },
    exact: { sampler: { name: 'parentbased_traceidratio', ratio: 1 } },
    expected: {},
    warnings: [],
    why: 'ratio defaults to 1.0',
  },
  {
    env: { OTEL_TRACES_SAMPLER: 'jaeger_remote' },
    exact: { sampler: { name: 'jaeger_remote', jaegerRemote: DEFAULT_JAEGER_REMOTE } },
    expected: {},
    warnings: [],
  },
  {
    env: { OTEL_TRACES_SAMPLER: 'ParentBased_Jaeger_Remote' },
    exact: { sampler: { name: 'parentbased_jaeger_remote', jaegerRemote: DEFAULT_JAEGER_REMOTE } },
    expected: {},
    warnings: [],
  },
  {
    env: { OTEL_TRACES_SAMPLER: 'xray' },
    exact: { sampler: { name: 'parentbased_always_on' } },
    expected: {},
    warnings: [W.invalidEnum('OTEL_TRACES_SAMPLER', 'xray', SAMPLER_NAMES, 'parentbased_always_on')],
    why: 'known to the spec but not supported',
  },
  {
    env: { OTEL_TRACES_SAMPLER: 'ratio' },
    exact: { sampler: { name: 'parentbased_always_on' } },
    expected: {},
    warnings: [W.invalidEnum('OTEL_TRACES_SAMPLER', 'ratio', SAMPLER_NAMES, 'parentbased_always_on')],
  },
  {
    env: { OTEL_TRACES_SAMPLER: 'always on' },
    exact: { sampler: { name: 'parentbased_always_on' } },
    expected: {},
    warnings: [W.invalidEnum('OTEL_TRACES_SAMPLER', 'always on', SAMPLER_NAMES, 'parentbased_always_on')],
  },
];

const ratio = (arg: string, sampler = 'traceidratio'): Partial<Record<'OTEL_TRACES_SAMPLER' | typeof ARG, string>> => ({
  OTEL_TRACES_SAMPLER: sampler,
  OTEL_TRACES_SAMPLER_ARG: arg,
});
const badRatio = (arg: string, why?: string): ConfigRow => ({
  env: ratio(arg),
  exact: { sampler: { name: 'traceidratio', ratio: 1 } },
  expected: {},
  warnings: [W.invalidRatio(ARG, arg.trim(), 1)],
  ...(why ? { why } : {}),
});

const ratioArg: ConfigRow[] = [
  { env: ratio('0.5'), exact: { sampler: { name: 'traceidratio', ratio: 0.5 } }, expected: {}, warnings: [] },
  { env: ratio('0'), exact: { sampler: { name: 'traceidratio', ratio: 0 } }, expected: {}, warnings: [] },
  { env: ratio('1'), exact: { sampler: { name: 'traceidratio', ratio: 1 } }, expected: {}, warnings: [] },
  { env: ratio('1.0'), exact: { sampler: { name: 'traceidratio', ratio: 1 } }, expected: {}, warnings: [] },
  { env: ratio('.5'), exact: { sampler: { name: 'traceidratio', ratio: 0.5 } }, expected: {}, warnings: [] },
  { env: ratio(' 0.25 '), exact: { sampler: { name: 'traceidratio', ratio: 0.25 } }, expected: {}, warnings: [] },
  { env: ratio('1e-3'), exact: { sampler: { name: 'traceidratio', ratio: 0.001 } }, expected: {}, warnings: [] },
  {
    env: ratio('0.1', 'PARENTBASED_TRACEIDRATIO'),
    exact: { sampler: { name: 'parentbased_traceidratio', ratio: 0.1 } },
    expected: {},
    warnings: [],
  },
  { env: ratio(''), exact: { sampler: { name: 'traceidratio', ratio: 1 } }, expected: {}, warnings: [], why: 'empty means unset' },
  badRatio('1.5', 'above 1'),
  badRatio('-0.1', 'below 0'),
  badRatio('abc'),
  badRatio('0.5.5'),
  badRatio('NaN'),
  badRatio('Infinity'),
  badRatio('50%'),
  badRatio('0,5', 'decimal comma'),
  badRatio('endpoint=http://localhost:5778', 'jaeger_remote form given to a ratio sampler'),
];

const argWithoutUse: ConfigRow[] = [
  {
    env: { OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_SAMPLER_ARG: '0.5' },
    exact: { sampler: { name: 'always_on' } },
    expected: {},
    warnings: [W.samplerArgIgnored('always_on')],
  },
  {
    env: { OTEL_TRACES_SAMPLER_ARG: '0.5' },
    exact: { sampler: { name: 'parentbased_always_on' } },
    expected: {},
    warnings: [W.samplerArgIgnored('parentbased_always_on')],
    why: 'spec: only used if OTEL_TRACES_SAMPLER is set',
  },
];

const jaeger = (arg: string, sampler = 'jaeger_remote'): Partial<Record<'OTEL_TRACES_SAMPLER' | typeof ARG, string>> => ({
  OTEL_TRACES_SAMPLER: sampler,
  OTEL_TRACES_SAMPLER_ARG: arg,
});

const jaegerRemoteArg: ConfigRow[] = [
  {
    env: jaeger('endpoint=http://jaeger:5778,pollingIntervalMs=5000,initialSamplingRate=0.25'),
    exact: {
      sampler: {
        name: 'jaeger_remote',
        jaegerRemote: { endpoint: 'http://jaeger:5778', pollingIntervalMs: 5000, initialSamplingRate: 0.25 },
      },
    },
    expected: {},
    warnings: [],
  },
  {
    env: jaeger('initialSamplingRate=1,endpoint=https://sampling.example.com', 'parentbased_jaeger_remote'),
    exact: {
      'sampler.jaegerRemote': { endpoint: 'https://sampling.example.com', pollingIntervalMs: 60_000, initialSamplingRate: 1 },
    },
    expected: { sampler: { name: 'parentbased_jaeger_remote' } },
    warnings: [],
    why: 'any order',
  },
  {
    env: jaeger('pollingIntervalMs=10000'),
    exact: { 'sampler.jaegerRemote': { ...DEFAULT_JAEGER_REMOTE, pollingIntervalMs: 10_000 } },
    expected: {},
    warnings: [],
    why: 'partial: other parts keep their defaults',
  },
  {
    env: jaeger('endpoint=http://jaeger:5778/'),
    exact: { 'sampler.jaegerRemote': { ...DEFAULT_JAEGER_REMOTE, endpoint: 'http://jaeger:5778' } },
    expected: {},
    warnings: [],
    why: 'trailing slash dropped',
  },
  {
    env: jaeger(' endpoint = http://jaeger:5778 , initialSamplingRate = .5 ,'),
    exact: { 'sampler.jaegerRemote': { ...DEFAULT_JAEGER_REMOTE, endpoint: 'http://jaeger:5778', initialSamplingRate: 0.5 } },
    expected: {},
    warnings: [],
    why: 'whitespace and a trailing comma',
  },
  {
    env: jaeger('endpoint=not a url'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('endpoint=not a url')],
  },
  {
    env: jaeger('endpoint=ftp://jaeger:5778'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('endpoint=ftp://jaeger:5778')],
  },
  {
    env: jaeger('pollingIntervalMs=0'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('pollingIntervalMs=0')],
  },
  {
    env: jaeger('pollingIntervalMs=-5'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('pollingIntervalMs=-5')],
  },
  {
    env: jaeger('pollingIntervalMs=1.5'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('pollingIntervalMs=1.5')],
  },
  {
    env: jaeger('initialSamplingRate=2'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('initialSamplingRate=2')],
  },
  {
    env: jaeger('POLLINGINTERVALMS=5000'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('POLLINGINTERVALMS=5000')],
    why: 'keys are case-sensitive',
  },
  {
    env: jaeger('0.5'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('0.5')],
    why: 'a ratio given to jaeger_remote',
  },
  {
    env: jaeger('initialSamplingRate=%ZZ'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warnings: [W.jaegerRemoteArg('initialSamplingRate=%ZZ')],
  },
  // A bad part makes the whole argument invalid input: the spec says behave as if it were not set,
  // so the good parts next to it must not be applied either.
  {
    env: jaeger('endpoint=http://jaeger:5778,pollingIntervalMs=abc'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warningsMention: [ARG],
    why: 'spec: invalid input, behave as if OTEL_TRACES_SAMPLER_ARG is not set',
  },
  {
    env: jaeger('endpoint=http://jaeger:5778,initialSamplingRate=1.5'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warningsMention: [ARG],
    why: 'spec: invalid input, behave as if OTEL_TRACES_SAMPLER_ARG is not set',
  },
  {
    env: jaeger('pollingIntervalMs=5000,colour=blue'),
    exact: { 'sampler.jaegerRemote': DEFAULT_JAEGER_REMOTE },
    expected: {},
    warningsMention: [ARG],
    why: 'spec: unrecognized input, behave as if OTEL_TRACES_SAMPLER_ARG is not set',
  },
];

export const samplerRows: Record<string, ConfigRow[]> = {
  OTEL_TRACES_SAMPLER: samplerName,
  'OTEL_TRACES_SAMPLER_ARG (traceidratio)': ratioArg,
  'OTEL_TRACES_SAMPLER_ARG (no argument taken)': argWithoutUse,
  'OTEL_TRACES_SAMPLER_ARG (jaeger_remote)': jaegerRemoteArg,
};
