export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

export function printFigures(title: string, figures: BenchFigure[]): void {
  console.log(`\n${title}`);
  for (const f of figures) {
    const value = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(f.value < 10 ? 2 : 1);
    console.log(`  ${f.name}: ${value} ${f.unit}`);
  }
}
