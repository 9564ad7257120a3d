// npm run bench [-- polls relay relay-browser queue popup browser archive tables]: prints figures, each beside its floor where it has one; asserts nothing.
import { printFigures, type BenchFigure } from './figures';

const sections: Record<string, () => Promise<BenchFigure[]>> = {
  polls: async () => (await import('./polls')).benchPolls(),
  relay: async () => (await import('./relay')).benchRelay(),
  queue: async () => (await import('./queue')).benchQueue(),
  popup: async () => (await import('./popup')).benchPopup(),
  'relay-browser': async () => (await import('./relay-browser')).benchRelayBrowser(),
  browser: async () => (await import('./browser')).benchBrowser(),
  archive: async () => (await import('./archive')).benchArchive(),
  tables: async () => (await import('./tables')).benchTables(),
};

const wanted = process.argv.slice(2).filter((a) => a in sections);
for (const name of wanted.length ? wanted : Object.keys(sections)) {
  const started = performance.now();
  try {
    const figures = await sections[name]!();
    printFigures(`${name} (took ${((performance.now() - started) / 1000).toFixed(1)} s)`, figures);
  } catch (e) {
    console.error(`bench ${name} failed:`, e);
    process.exitCode = 1;
  }
}
