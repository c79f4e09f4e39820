import { DELIMITERS, type Delimiter } from './contract';

/**
 * Picks the delimiter from the first lines: the candidate that splits the header into the
 * most columns and every following sample line into that same number. Quoted text is
 * skipped, so "Rossi, Mario" in quotes does not vote for the comma.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = splitLines(sample).slice(0, 20);
  // The last line of a sample may be cut off mid-record.
  if (lines.length > 2) lines.pop();
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const candidate of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.filter((n) => n === header).length;
    // Columns matter most; consistency breaks ties between delimiters that both appear.
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Lines of the sample, keeping quoted line breaks inside their record. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (i > start) lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) n++;
  }
  return n;
}
