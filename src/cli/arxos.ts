import { main } from './main';

// The entry point of `arxos` (built to out/cli/arxos.js). Exits explicitly: a command that
// stopped cleanly has flushed what it must, and a stray timer must not keep the process alive.
process.exit(await main(process.argv.slice(2)));
