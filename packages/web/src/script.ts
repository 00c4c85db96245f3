// The script-tag build (dist/tracekit-web.js): configured by the tag's data- attributes or the
// page's <meta name="tracekit-…"> elements, it starts tracing at once and puts the handle on
// `window.tracekit`.
//
//   <script src="/tracekit/tracekit-web.js" data-service-name="shop-web"
//           data-collector-url="/v1/traces" data-propagate-to="self"></script>
import { init } from './init.js';
import { WARNING_PREFIX } from './messages.js';
import { readScriptOptions, scriptSettingSource } from './script-config.js';
import type { TracekitWeb } from './types.js';

const { options, warnings } = readScriptOptions(scriptSettingSource(document.currentScript, document));
for (const warning of warnings) console.warn(`${WARNING_PREFIX} ${warning}`);
(globalThis as { tracekit?: TracekitWeb }).tracekit = init(options);
