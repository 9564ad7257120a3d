export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** The same work at its floor, measured in the same run (same unit); printed beside the figure with the ratio. */
  floor?: { name: string; value: number };
}

const format = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) < 10 ? 2 : 1));

export function printFigures(title: string, figures: BenchFigure[]): void {
  console.log(`\n${title}`);
  for (const f of figures) {
    console.log(`  ${f.name}: ${format(f.value)} ${f.unit}`);
    if (f.floor) {
      const ratio = f.floor.value > 0 ? `${(f.value / f.floor.value).toFixed(2)}×` : 'n/a (floor 0)';
      console.log(`      floor, ${f.floor.name}: ${format(f.floor.value)} ${f.unit} · ratio ${ratio}`);
    }
  }
}
