// The figures as a table for people, or as JSON for tools.
import os from 'node:os';

/** What this was measured on. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

/** Whether `value` meets `target` ({ op: '<=' | '>=' | '=', value }); null when there is nothing to judge. */
export function meets(value, target) {
  if (!target || value === null || value === undefined) return null;
  if (target.op === '<=') return value <= target.value;
  if (target.op === '>=') return value >= target.value;
  return value === target.value;
}

const DECIMALS = { s: 2, ms: 1, '×': 2, MB: 2, MiB: 1, KB: 0 };
const round = (value, unit) => (typeof value === 'number' ? Number(value.toFixed((DECIMALS[unit] ?? 2) + 1)) : value);
const show = (value, unit) => (typeof value === 'number' ? `${value.toFixed(DECIMALS[unit] ?? 2)}${unit ? ` ${unit}` : ''}` : String(value));
const targetText = (target, unit) => (target ? `${target.op} ${target.value}${unit ? ` ${unit}` : ''}` : '');

/** {machine, date, results:[{name, value, unit, target, pass}]}; a figure that could not be taken has value null and a note. */
export function toJson({ machine: about, date, rows }) {
  return {
    machine: about,
    date,
    results: rows.map((row) => ({
      name: row.name,
      value: round(row.value ?? null, row.unit),
      unit: row.unit,
      target: row.target ? `${row.target.op} ${row.target.value}` : null,
      pass: meets(row.value, row.target),
      ...(row.value === null || row.value === undefined ? { note: row.note ?? 'not measured' } : {}),
    })),
  };
}

/** The table, with a heading per section and the notes (details, reasons) after it. */
export function formatTable({ machine: about, date, rows, context = [] }) {
  const lines = [
    `ClauseGuard bench, ${date}`,
    `Machine: ${about.cpu} x ${about.cpus}, ${about.memoryGiB} GiB, Node ${about.node}, ${about.platform} (load average ${about.loadAverage.join(' ')} at the start)`,
    ...context,
    '',
  ];
  const cells = rows.map((row) => {
    const pass = meets(row.value, row.target);
    const value = row.value === null || row.value === undefined ? (row.short ?? 'n/a') : show(row.value, row.unit);
    return [`  ${row.label}`, value, targetText(row.target, row.unit), pass === null ? (row.target && row.value == null ? '-' : '') : pass ? 'pass' : 'FAIL'];
  });
  const header = ['Figure', 'Value', 'Target', 'Result'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const line = (cell) => cell.map((text, column) => (column === 0 ? text.padEnd(widths[column]) : column === 3 ? text : text.padStart(widths[column]))).join('   ').trimEnd();
  lines.push(line(header), line(widths.map((width) => '-'.repeat(width))));
  let section;
  rows.forEach((row, index) => {
    if (row.section !== section) {
      section = row.section;
      lines.push(section);
    }
    lines.push(line(cells[index]));
  });
  // Figures of one section that share a note (why they were not taken, say) get it once.
  const notes = [];
  const done = new Set();
  for (const row of rows) {
    if (!row.note || done.has(row)) continue;
    const inSection = rows.filter((other) => other.section === row.section);
    const sharing = inSection.filter((other) => other.note === row.note);
    sharing.forEach((other) => done.add(other));
    const label = sharing.length > 1 && sharing.length === inSection.length ? row.section.replace(/^\d+\. /, '') : sharing.map((other) => other.label).join('; ');
    notes.push(`  ${label}: ${row.note}`);
  }
  if (notes.length) lines.push('', 'Notes:', ...notes);
  return `${lines.join('\n')}\n`;
}
