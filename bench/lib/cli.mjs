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
