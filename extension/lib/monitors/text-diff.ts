/**
 * A readable line diff of two snapshots' main text (jsdiff), lines compared after normalisation,
 * changed lines refined to words so the changed words can be highlighted.
 * @module
 */
import { diffArrays, diffWordsWithSpace } from 'diff';
import { normalizeLine, textLines } from './normalize';

export interface Part {
  text: string;
  /** True for the words that differ inside a changed line. */
  mark?: boolean;
}

export type DiffLine =
  | { kind: 'same'; parts: Part[] }
  | { kind: 'added' | 'removed'; parts: Part[] }
  | { kind: 'skip'; count: number };

export interface TextDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
}

/** Unchanged lines shown around each change; longer unchanged runs collapse into "… N unchanged lines". */
const CONTEXT = 2;

/** Punctuation between two changed words ("4" "." "00") is part of the change: one mark, "4.00". */
const JOINER = /^[^\p{L}\p{N}\s]{1,3}$/u;

function joinMarks(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const prev = out.at(-1);
    const next = parts[i + 1];
    if (prev?.mark && !part.mark && next?.mark && JOINER.test(part.text)) {
      prev.text += part.text;
      continue;
    }
    if (prev && Boolean(prev.mark) === Boolean(part.mark)) prev.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

function pairWords(oldLine: string, newLine: string): { old: Part[]; new: Part[] } {
  const old: Part[] = [];
  const next: Part[] = [];
  for (const change of diffWordsWithSpace(oldLine, newLine)) {
    if (change.added) next.push({ text: change.value, mark: true });
    else if (change.removed) old.push({ text: change.value, mark: true });
    else {
      old.push({ text: change.value });
      next.push({ text: change.value });
    }
  }
  return { old: joinMarks(old), new: joinMarks(next) };
}

/** Lines only one side has, paired up where they look like edits of each other. */
function changedRun(removed: string[], added: string[]): DiffLine[] {
  const out: DiffLine[] = [];
  const pairs = Math.min(removed.length, added.length);
  for (let i = 0; i < pairs; i++) {
    const words = pairWords(removed[i]!, added[i]!);
    out.push({ kind: 'removed', parts: words.old }, { kind: 'added', parts: words.new });
  }
  for (const line of removed.slice(pairs)) out.push({ kind: 'removed', parts: [{ text: line, mark: true }] });
  for (const line of added.slice(pairs)) out.push({ kind: 'added', parts: [{ text: line, mark: true }] });
  return out;
}

function collapse(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.kind !== 'same') {
      out.push(lines[i++]!);
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.kind === 'same') end++;
    const run = lines.slice(i, end);
    const keepHead = i === 0 ? 0 : CONTEXT;
    const keepTail = end === lines.length ? 0 : CONTEXT;
    if (run.length > keepHead + keepTail + 1) {
      out.push(...run.slice(0, keepHead), { kind: 'skip', count: run.length - keepHead - keepTail }, ...run.slice(run.length - keepTail));
    } else out.push(...run);
    i = end;
  }
  return out;
}

/** Diff of `before` → `after`. Lines equal after normalisation count as unchanged (the newer wording is shown). */
export function diffText(before: string, after: string): TextDiff {
  const oldLines = textLines(before);
  const newLines = textLines(after);
  const changes = diffArrays(oldLines, newLines, { comparator: (a, b) => normalizeLine(a) === normalizeLine(b) });
  const lines: DiffLine[] = [];
  let added = 0;
  let removed = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      for (const text of change.value) lines.push({ kind: 'same', parts: [{ text }] });
      continue;
    }
    const next = changes[i + 1];
    const removedLines = change.removed ? change.value : [];
    const addedLines = change.added ? change.value : next?.added && change.removed ? next.value : [];
    if (change.removed && next?.added) i++;
    removed += removedLines.length;
    added += addedLines.length;
    lines.push(...changedRun(removedLines, addedLines));
  }
  return { lines: collapse(lines), added, removed };
}
