import { parseArgs } from 'node:util';

// Parses a runner's command line: a bad flag prints the message and the usage and exits 2,
// --help prints the usage and exits 0.
export function parseOrExit(parse, OptionsErrorClass, usage) {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof OptionsErrorClass)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage);
    process.exit(0);
  }
  return options;
}

/** `parseArgs` in strict mode, its errors thrown as the runner's own options error. */
export function parseFlags(argv, options, OptionsErrorClass) {
  try {
    return parseArgs({ args: argv, strict: true, options }).values;
  } catch (error) {
    throw new OptionsErrorClass(error.message);
  }
}
